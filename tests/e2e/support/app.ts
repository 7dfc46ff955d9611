// Helpers for driving the built app in Chromium: open a deep link, play, export, and find where
// things are on the timeline.

import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { Scenario } from '../../../src/scenario';
import { runToJsonl } from '../../../src/sim/run';

/** The trace the CLI writes for a scenario (`npm run sim -- <scenario> --out`), computed here. */
export function cliTrace(scenario: Scenario): string {
  const lines: string[] = [];
  runToJsonl(scenario, (line) => lines.push(line));
  return lines.join('');
}

export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 60_000 });
  await page.locator('.app').waitFor({ timeout: 60_000 });
}

export async function setSpeed(page: Page, speed: 'max' | number): Promise<void> {
  await page.getByLabel('Speed').selectOption(String(speed));
}

export async function runStatus(page: Page): Promise<string | null> {
  return page.locator('.app').getAttribute('data-run-status');
}

export async function waitForStatus(page: Page, status: string, timeout = 120_000): Promise<void> {
  await page.locator(`.app[data-run-status="${status}"]`).waitFor({ timeout });
}

/** Clicks `Export trace` and returns the downloaded file's name and text. */
export async function exportTrace(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: 'Export trace', exact: true }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** The timeline's visible time range (data-t0 / data-t1 on its container). */
export async function visibleRange(page: Page): Promise<[number, number]> {
  const el = page.locator('[data-t0][data-t1]').first();
  const t0 = Number(await el.getAttribute('data-t0'));
  const t1 = Number(await el.getAttribute('data-t1'));
  return [t0, t1];
}

/** Layout constants of the timeline canvas (src/timeline/geometry.ts) for a wide (≥ 480 px) timeline. */
export const TIMELINE = { gutter: 136, rightPad: 8, axisY: 40, axisH: 24, lanesY: 98 };

/**
 * The x (CSS px, relative to the timeline container) where time `t` is drawn: from the drawn frame's
 * window and width (data-t0 / data-t1 / data-width), which is what a click is mapped by.
 */
export async function xOfTime(page: Page, t: number): Promise<number> {
  // Two frames: whatever the last change was, the picture (and its attributes) now shows it.
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
  const width = Number(await page.getByTestId('timeline').getAttribute('data-width'));
  const [t0, t1] = await visibleRange(page);
  const x0 = TIMELINE.gutter;
  const x1 = width - TIMELINE.rightPad;
  return x0 + ((t - t0) / (t1 - t0)) * (x1 - x0);
}

/**
 * Pixels of the timeline's static canvas in a vertical strip around x (±dx CSS px) between y0 and y1
 * whose colour is within `tolerance` of `rgb`: their (x, y) in CSS px.
 */
export async function findColour(
  page: Page,
  x: number,
  rgb: [number, number, number],
  options: { dx?: number; y0?: number; y1?: number; tolerance?: number } = {},
): Promise<{ x: number; y: number }[]> {
  return page.getByTestId('timeline-canvas').evaluate(
    (canvas, a) => {
      const c = canvas as HTMLCanvasElement;
      const ctx = c.getContext('2d');
      if (ctx === null) return [];
      const dpr = c.width / c.clientWidth;
      const y1 = Math.min(a.y1, c.clientHeight);
      const sx = Math.max(0, Math.round((a.x - a.dx) * dpr));
      const sw = Math.max(1, Math.round(2 * a.dx * dpr));
      const sy = Math.round(a.y0 * dpr);
      const sh = Math.max(1, Math.round((y1 - a.y0) * dpr));
      const data = ctx.getImageData(sx, sy, sw, sh).data;
      const out: { x: number; y: number }[] = [];
      for (let j = 0; j < sh; j++)
        for (let i = 0; i < sw; i++) {
          const k = (j * sw + i) * 4;
          const d =
            Math.abs(data[k] - a.rgb[0]) +
            Math.abs(data[k + 1] - a.rgb[1]) +
            Math.abs(data[k + 2] - a.rgb[2]);
          if (d <= a.tolerance && data[k + 3] > 200) out.push({ x: (sx + i) / dpr, y: (sy + j) / dpr });
        }
      return out;
    },
    {
      x,
      rgb,
      dx: options.dx ?? 3,
      y0: options.y0 ?? TIMELINE.lanesY,
      y1: options.y1 ?? 10_000,
      tolerance: options.tolerance ?? 40,
    },
  );
}
