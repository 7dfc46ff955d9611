// The static site after its first visit, offline (a classroom's network is not to be trusted): the
// service worker serves the app, and a preset runs, a lesson opens and a trace exports with no network.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/devtools/browser';
import { serveDist, type StaticSite } from '../../src/devtools/staticServer';
import { exportTrace, openApp, setSpeed, waitForStatus } from './support/app';

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

describe('the static site offline', () => {
  it('works offline after the first visit: a preset runs, a lesson opens, a trace exports', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openApp(page, `${site.url}#preset=basics`);
    // The first visit installs the service worker, which precaches the whole build.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // A page opened before the worker was active is not controlled by it; the next visit is.
    await page.reload();
    await page.locator('.app').waitFor();
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
      .toBe(true);
    await context.setOffline(true);
    await page.reload();
    await page.locator('.app').waitFor();
    await page.goto(`${site.url}#preset=crash-vs-power-off&play=1`);
    await page.reload();
    await page.locator('.app').waitFor();
    await setSpeed(page, 'max');
    await waitForStatus(page, 'done');
    const { name, text } = await exportTrace(page);
    expect(name).toBe('crash-vs-power-off.trace.jsonl');
    expect(text.split('\n').length).toBeGreaterThan(40);
    await page.goto(`${site.url}#lesson=will-delay&step=2`);
    await page.reload();
    await expect
      .poll(() =>
        page.getByRole('region', { name: 'Lesson' }).locator('.lesson-step').getAttribute('data-step'),
      )
      .toBe('2');
    expect(errors).toEqual([]);
    await context.close();
  });
});
