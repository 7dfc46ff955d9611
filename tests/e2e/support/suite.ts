// One built site and one Chromium per test file: registers their start and stop, and makes pages that
// record page errors (a test fails on any).

import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../src/devtools/browser';
import { serveDist, type StaticSite } from '../../../src/devtools/staticServer';

export interface BrowserSuite {
  /** The served dist/ (a sub-path URL). */
  url(): string;
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>;
}

export function browserSuite(defaultViewport = { width: 1440, height: 900 }): BrowserSuite {
  let site: StaticSite | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    site = await serveDist();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  return {
    url: () => {
      if (site === undefined) throw new Error('the site is not served yet');
      return site.url;
    },
    async newPage(viewport = defaultViewport) {
      if (browser === undefined) throw new Error('Chromium is not running yet');
      const page = await browser.newPage({ viewport, acceptDownloads: true });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      return { page, errors };
    },
  };
}
