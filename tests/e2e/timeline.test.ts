// The timeline that explains itself, in the built app in real headless Chromium: Step from t = 0,
// the shortcut sheet and the legend a key away, Find in a fleet of 100 000, the will delay's pending
// window and its cancellation drawn, projector mode enlarging the canvas text, a share link that
// keeps the view, the timeline filling the window, and a fleet whose troubled sensors come first.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from './support/suite';
import { probeTimelineDraws, type TimelineDrawsWindow } from '../../src/devtools/timelineProbe';
import { openApp, setSpeed, visibleRange, waitForStatus } from './support/app';

const suite = browserSuite();
const newPage = suite.newPage;

const inspectorTitle = (page: Page) => page.getByRole('region', { name: 'Inspector' }).locator('h3');

/** The texts the timeline drew beside its marks (its description for screen readers). */
async function marks(page: Page): Promise<string[]> {
  return page.getByTestId('timeline-marks').locator('li').allTextContents();
}

/**
 * Height (CSS px) of the dark text the canvas drew in the gutter beside the broker lane ("broker"):
 * the rows of the static canvas that hold text-coloured pixels there.
 */
async function gutterTextHeight(page: Page): Promise<number> {
  const box = page.getByTestId('timeline');
  const gutter = Number(await box.getAttribute('data-gutter'));
  const lanesY = Number(await box.getAttribute('data-lanes-y'));
  return page.getByTestId('timeline-canvas').evaluate(
    (canvas, a) => {
      const c = canvas as HTMLCanvasElement;
      const ctx = c.getContext('2d');
      if (ctx === null) return 0;
      const dpr = c.width / c.clientWidth;
      // The broker lane's gutter: from half way down the axis strip to the first client lane.
      const y0 = Math.round(a.lanesY * 0.45 * dpr);
      const h = Math.round(a.lanesY * dpr) - y0;
      const w = Math.round(a.gutter * dpr);
      const data = ctx.getImageData(0, y0, w, h).data;
      let top = -1;
      let bottom = -1;
      for (let j = 0; j < h; j++)
        for (let i = 0; i < w; i++) {
          const k = (j * w + i) * 4;
          if (data[k] + data[k + 1] + data[k + 2] < 200) {
            if (top < 0) top = j;
            bottom = j;
          }
        }
      return top < 0 ? 0 : (bottom - top + 1) / dpr;
    },
    { gutter, lanesY },
  );
}

describe('the timeline explains itself', () => {
  it('Step from t = 0 runs to the first event and selects it; Step back goes back', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${suite.url()}#preset=basics`);
    await expect(page.locator('.app').getAttribute('data-run-status')).resolves.toBe('ready');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    // The run's first event, at 0 ms: sensor-quiet opening its connection.
    await expect
      .poll(() => page.getByTestId('timeline-announce').textContent())
      .toMatch(/^Selected: sensor-quiet .* at 0 ms$/);
    const first = await inspectorTitle(page).textContent();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => inspectorTitle(page).textContent()).not.toBe(first);
    await page.getByRole('button', { name: 'Step back', exact: true }).click();
    await expect.poll(() => inspectorTitle(page).textContent()).toBe(first);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('? shows every shortcut; L shows the legend of every mark', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${suite.url()}#preset=crash-vs-power-off`);
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    await expect(sheet.textContent()).resolves.toContain('select an area');
    await expect(sheet.textContent()).resolves.toContain('Shift+drag');
    await page.keyboard.press('Escape');
    await expect(sheet.count()).resolves.toBe(0);
    await page.keyboard.press('l');
    const legend = page.getByRole('region', { name: 'Legend' });
    await legend.waitFor();
    for (const name of [
      'keep-alive timeout ▼',
      'will published ◆',
      'half-open (orange, dashed edges)',
      'will waiting (hatched)',
    ])
      await expect(legend.getByText(name, { exact: true }).count(), name).resolves.toBe(1);
    // Each sample is drawn on a canvas by the timeline's own code.
    expect(await legend.locator('canvas[data-legend]').count()).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws will-delay’s pending window and its cancellation in words and marks', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${suite.url()}#preset=will-delay&play=1`);
    await setSpeed(page, 'max');
    await waitForStatus(page, 'done');
    await expect
      .poll(() => marks(page))
      .toContainEqual(expect.stringMatching(/^will waits \(Will Delay 30 s\) \(sensor-gone, /));
    const all = await marks(page);
    expect(all).toContainEqual(expect.stringMatching(/^will held 15 s, then cancelled \(sensor-back, /));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('projector mode makes the canvas text at least 1.5 × larger', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${suite.url()}#preset=basics`);
    await page.waitForTimeout(500);
    const normal = await gutterTextHeight(page);
    expect(normal).toBeGreaterThan(5);
    await page.getByLabel('Projector').check();
    await expect.poll(() => gutterTextHeight(page)).toBeGreaterThanOrEqual(normal * 1.5 - 0.5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a share link keeps the view window and the selected event', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${suite.url()}#preset=crash-vs-power-off&play=1`);
    await setSpeed(page, 'max');
    await waitForStatus(page, 'done');
    await page.getByTestId('timeline').focus();
    await page.keyboard.press('w');
    await page.keyboard.press('w');
    await page.keyboard.press('.');
    await expect.poll(() => inspectorTitle(page).textContent()).not.toBe(null);
    const title = await inspectorTitle(page).textContent();
    const range = await visibleRange(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const url = page.url();
    expect(url).toMatch(/#preset=crash-vs-power-off&view=[\d.]+-[\d.]+&sel=\d+/);
    const { page: other } = await newPage();
    await openApp(other, url);
    await expect.poll(() => inspectorTitle(other).textContent()).toBe(title);
    const [a, b] = await visibleRange(other);
    expect(Math.abs(a - range[0])).toBeLessThan(1);
    expect(Math.abs(b - range[1])).toBeLessThan(1);
    expect(errors).toEqual([]);
    await other.close();
    await page.close();
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1024, height: 768 },
  ])
    it(`fills a ${viewport.width} × ${viewport.height} window with the timeline`, async () => {
      const { page, errors } = await newPage(viewport);
      await openApp(page, `${suite.url()}#preset=crash-vs-power-off`);
      const box = (await page.getByTestId('timeline').boundingBox())!;
      expect(box.y + box.height).toBeGreaterThanOrEqual(viewport.height - 4);
      expect(box.height).toBeGreaterThan(viewport.height * 0.45);
      expect(box.width).toBeGreaterThan(viewport.width * 0.6);
      // Without the side panel it takes the whole width.
      await page.getByRole('button', { name: 'Side panel' }).click();
      await expect
        .poll(async () => (await page.getByTestId('timeline').boundingBox())!.width)
        .toBeGreaterThan(viewport.width - 4);
      expect(errors).toEqual([]);
      await page.close();
    });

  it('fleet-10k by deep link runs as fast as possible, finishes within 60 s, and lists its troubled sensors first', async () => {
    const { page, errors } = await newPage();
    const started = Date.now();
    await openApp(page, `${suite.url()}#preset=fleet-10k&play=1`);
    await expect(page.getByLabel('Speed').inputValue()).resolves.toBe('max');
    await waitForStatus(page, 'done', 60_000);
    expect(Date.now() - started).toBeLessThan(60_000);
    const attention = page.getByRole('group', { name: 'Clients that need attention' });
    await expect
      .poll(() => attention.getByRole('button').allTextContents())
      .toEqual(expect.arrayContaining(['sensor-17', 'sensor-42', 'sensor-99']));
    const names = await attention.getByRole('button').allTextContents();
    // In the order they ran into trouble: sensor-17 lost power first (at 10 min).
    expect(names[0]).toBe('sensor-17');
    // A name brings that sensor's lane into view and explains its first trouble.
    await attention.getByRole('button', { name: 'sensor-42' }).click();
    await expect.poll(() => page.getByTestId('timeline-announce').textContent()).toMatch(/sensor-42/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fleet-100k streams with a few timeline redraws a second, not one per progress message, in frames shared by every drawer; Find (/) jumps to a client', async () => {
    const { page, errors } = await newPage();
    // Every callback of one animation frame gets that frame's time.
    await page.addInitScript(probeTimelineDraws);
    await page.addInitScript(() => {
      const w = window as unknown as { frameTimes: Set<number> };
      w.frameTimes = new Set();
      const raf = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (cb) =>
        raf((t) => {
          w.frameTimes.add(t);
          cb(t);
        });
    });
    await openApp(page, `${suite.url()}#preset=fleet-100k&play=1`);
    const runStart = await page.evaluate(() => performance.now());
    await waitForStatus(page, 'done', 120_000);
    const { draws, frames, seconds } = await page.evaluate((from) => {
      const w = window as unknown as TimelineDrawsWindow & { frameTimes: Set<number> };
      return {
        draws: w.__timelineDraws.filter((t) => t >= from).length,
        frames: [...w.frameTimes].filter((t) => t >= from).length,
        seconds: (performance.now() - from) / 1000,
      };
    }, runStart);
    // Progress comes ten times a second; a fleet's frame costs tens of ms, so it is redrawn far less.
    expect(draws / seconds).toBeLessThan(6);
    // The feed, the timeline and the fleet strip draw what one message changed in one frame (~17 a
    // second), not in a chain of their own frames (~30 a second).
    expect(frames / seconds).toBeLessThan(24);
    await page.locator('body').press('/');
    const find = page.getByRole('dialog', { name: 'Find' });
    await find.waitFor();
    await find.getByLabel('Client ID').fill('sensor-777');
    await find.getByLabel('Client ID').press('Enter');
    await expect(find.count()).resolves.toBe(0);
    await expect.poll(() => page.getByTestId('timeline-announce').textContent()).toMatch(/sensor-777/);
    await expect(inspectorTitle(page).textContent()).resolves.toContain('sensor-777');
    // The next timeout of the fleet, from Find's buttons.
    await page.locator('body').press('/');
    await page.getByRole('dialog', { name: 'Find' }).getByRole('button', { name: 'Next timeout' }).click();
    await expect.poll(() => inspectorTitle(page).textContent()).toMatch(/[Tt]imeout/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
