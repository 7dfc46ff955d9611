import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PRESETS } from '../../src/scenario';
import { launchChromium } from './support/browser';
import { serveDist, type StaticSite } from './support/staticServer';

let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  site = await serveDist();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the built app served from a sub-path', () => {
  it('loads its scripts relative to the page and lists the presets', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(site.url);
    await expect(page.getByRole('heading', { name: 'Keep-alive lab' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('list', { name: 'Presets' }).getByRole('listitem').count()).resolves.toBe(
      PRESETS.length,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
