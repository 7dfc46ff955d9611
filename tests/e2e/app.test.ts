// The built app (dist/) served from a sub-path, in real headless Chromium. `npm run build` first.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PRESETS, encodeScenarioHash, getPreset, type Scenario } from '../../src/scenario';
import { launchChromium } from '../../src/devtools/browser';
import { serveDist, type StaticSite } from '../../src/devtools/staticServer';
import {
  TIMELINE,
  cliTrace,
  exportTrace,
  findColour,
  openApp,
  setSpeed,
  visibleRange,
  waitForStatus,
  xOfTime,
} from './support/app';

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

/** A fresh page that records page errors; the test fails on any. */
async function newPage(viewport = { width: 1366, height: 768 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

const preset = (name: string): Scenario => structuredClone(getPreset(name)!.scenario);
const SMALL_PRESETS = PRESETS.filter((p) => !p.name.startsWith('fleet-')).map((p) => p.name);

describe('the built app served from a sub-path', () => {
  it('loads its scripts relative to the page and offers every preset', async () => {
    const { page, errors } = await newPage();
    await openApp(page, site.url);
    await expect(page.getByRole('heading', { name: 'Keep-alive lab' }).isVisible()).resolves.toBe(true);
    const options = await page.getByLabel('Preset').locator('option').allTextContents();
    for (const p of PRESETS) expect(options).toContain(p.title);
    for (const name of ['Play', 'Pause', 'Step', 'Export trace', 'Import trace'])
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the first paint lean: no mqtt.js or live code, at most 250 kB of JS (gzip)', async () => {
    const { page, errors } = await newPage();
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.push(r.url());
    });
    await openApp(page, site.url);
    await page.waitForLoadState('networkidle');
    // A first visit opens on the lesson list.
    await page.getByRole('dialog', { name: 'Lessons' }).waitFor();
    await page.getByRole('button', { name: 'Explore on my own' }).click();
    let gzip = 0;
    for (const url of scripts) {
      const file = join('dist', new URL(url).pathname.slice(new URL(site.url).pathname.length));
      const body = await readFile(file);
      if (!file.includes('simWorker')) gzip += gzipSync(body).length;
      expect(body.toString('utf8'), file).not.toContain('MqttClient');
    }
    expect(
      scripts.some((s) => s.includes('simWorker')),
      'the worker is its own chunk',
    ).toBe(true);
    expect(gzip).toBeLessThanOrEqual(250_000);
    // The live chunk exists in the build but is not loaded.
    const assets = await readdir('dist/assets');
    const loaded = new Set(scripts.map((s) => s.split('/').pop()));
    const mqttChunks: string[] = [];
    for (const a of assets.filter((n) => n.endsWith('.js'))) {
      if ((await readFile(join('dist/assets', a), 'utf8')).includes('MqttClient')) mqttChunks.push(a);
    }
    for (const c of mqttChunks) expect(loaded.has(c), `${c} loaded at first paint`).toBe(false);
    // Opening live mode loads it.
    if (mqttChunks.length > 0) {
      const live = page.waitForResponse((r) => mqttChunks.some((c) => r.url().endsWith(c)));
      await page.getByRole('button', { name: 'Live mode' }).click();
      await live;
      await page.getByRole('region', { name: 'Live mode' }).waitFor();
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('themes and screens', () => {
  it('follows prefers-color-scheme, also when it changes, switches theme by hand, and fits a laptop and a projector', async () => {
    for (const [viewport, large] of [
      [{ width: 1366, height: 768 }, false],
      [{ width: 1920, height: 1080 }, true],
    ] as const) {
      const { page, errors } = await newPage(viewport);
      await page.emulateMedia({ colorScheme: 'dark' });
      await openApp(page, `${site.url}#preset=basics`);
      await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
      // The system's scheme changing while the page is open is followed too.
      await page.emulateMedia({ colorScheme: 'light' });
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
      await page.getByLabel('Theme').selectOption('light');
      await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('light');
      if (large) await page.getByLabel('Projector').check();
      const layout = await page.evaluate(() => ({
        overflowX: document.documentElement.scrollWidth > window.innerWidth,
        overflowY: document.documentElement.scrollHeight > window.innerHeight,
        font: parseFloat(getComputedStyle(document.body).fontSize),
        timeline: document.querySelector('[data-testid="timeline"]')?.getBoundingClientRect().height ?? 0,
      }));
      expect(layout.overflowX).toBe(false);
      expect(layout.overflowY).toBe(false);
      expect(layout.font).toBe(large ? 19 : 14);
      expect(layout.timeline).toBeGreaterThan(large ? 600 : 400);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});

describe('deep links play every preset to the end', () => {
  it.each(SMALL_PRESETS)('#preset=%s&play=1', async (name) => {
    const { page, errors } = await newPage();
    await openApp(page, `${site.url}#preset=${name}&play=1`);
    await setSpeed(page, 'max');
    await waitForStatus(page, 'done');
    const s = preset(name);
    await expect(page.getByLabel('Simulated time').textContent()).resolves.toBe(
      `${(s.durationMs / 1000).toFixed(1)} s / ${(s.durationMs / 1000).toFixed(1)} s`,
    );
    const events = cliTrace(s).split('\n').length - 2;
    const row = page
      .getByRole('region', { name: 'Statistics' })
      .locator('tr', { hasText: /^events/ })
      .first();
    await expect(row.locator('td').textContent()).resolves.toBe(
      String(events).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fleet-10k plays to the end as fast as possible', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${site.url}#preset=fleet-10k&play=1`);
    await setSpeed(page, 'max');
    await page.getByRole('progressbar', { name: 'Simulation progress' }).waitFor({ timeout: 30_000 });
    const started = Date.now();
    await waitForStatus(page, 'done', 240_000);
    console.log(`fleet-10k: done ${Date.now() - started} ms after the progress bar showed`);
    await expect(page.getByLabel('Simulated time').textContent()).resolves.toBe('3600.0 s / 3600.0 s');
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('fleet-100k is sampled, progresses with events/s, and can be cancelled', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${site.url}#preset=fleet-100k&play=1`);
    await setSpeed(page, 'max');
    const bar = page.getByRole('progressbar', { name: 'Simulation progress' });
    const t0 = Date.now();
    await bar.waitFor({ timeout: 120_000 });
    console.log(`fleet-100k: progress bar after ${Date.now() - t0} ms`);
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[aria-label="Simulation progress"]')?.getAttribute('aria-valuenow')) >
        20_000,
      undefined,
      { timeout: 120_000 },
    );
    await expect(page.locator('.progress-text').first().textContent()).resolves.toMatch(/[\d,]+ events\/s/);
    await expect(page.locator('.notice.info[data-topic="run"]').textContent()).resolves.toMatch(
      /activity heat/,
    );
    console.log(`fleet-100k: 20 s simulated after ${Date.now() - t0} ms`);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await waitForStatus(page, 'cancelled', 10_000);
    await expect(bar.count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('a bad link shows an error naming the part', async () => {
    const { page } = await newPage();
    await openApp(page, `${site.url}#preset=no-such-preset`);
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(
      /preset: no preset named "no-such-preset"/,
    );
    await page.evaluate(() => {
      location.hash = '#scenario=not-a-scenario&play=1';
    });
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/scenario: /);
    await page.close();
  });
});

describe('files', () => {
  it('exports a trace byte-identical to the CLI', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${site.url}#preset=crash-vs-power-off&play=1`);
    await setSpeed(page, 'max');
    await waitForStatus(page, 'done');
    const { name, text } = await exportTrace(page);
    expect(name).toBe('crash-vs-power-off.trace.jsonl');
    expect(text).toBe(cliTrace(preset('crash-vs-power-off')));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a bad import shows an error naming the line and keeps the old trace', async () => {
    const { page } = await newPage();
    await openApp(page, `${site.url}#preset=basics&play=1`);
    await setSpeed(page, 'max');
    await waitForStatus(page, 'done');
    const eventsRow = page
      .getByRole('region', { name: 'Statistics' })
      .locator('tr', { hasText: /^events/ })
      .first();
    const before = await eventsRow.locator('td').textContent();
    const good = cliTrace(preset('basics')).split('\n');
    const bad = [good[0], good[1], '{"t":5,"kind":"packet","dir":"sideways"}', ...good.slice(2)].join('\n');
    await page.getByLabel('Trace file to import').setInputFiles({
      name: 'broken.trace.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(bad),
    });
    const alert = page.locator('.notice.error[data-topic="import"]');
    await expect(alert.textContent()).resolves.toMatch(/Could not import broken\.trace\.jsonl: line 3: /);
    await expect(eventsRow.locator('td').textContent()).resolves.toBe(before);
    await expect(page.locator('.app').getAttribute('data-run-status')).resolves.toBe('done');
    const { text } = await exportTrace(page);
    expect(text).toBe(cliTrace(preset('basics')));
    await page.close();
  });

  it('imports a good trace and exports it unchanged', async () => {
    const { page } = await newPage();
    await openApp(page, `${site.url}#preset=basics`);
    const trace = cliTrace(preset('will-delay'));
    await page.getByLabel('Trace file to import').setInputFiles({
      name: 'will-delay.trace.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(trace),
    });
    await page.locator('.status', { hasText: 'Imported trace' }).waitFor();
    const { name, text } = await exportTrace(page);
    expect(name).toBe('will-delay.trace.jsonl');
    expect(text).toBe(trace);
    await page.close();
  });
});

/** One sensor (keep alive 10 s, no will) that loses power at 20 s: one clean broker timeout. */
const SILENT: Scenario = {
  scenario: 1,
  name: 'E2E silent sensor',
  seed: 42,
  durationMs: 60_000,
  protocol: 4,
  network: { latencyMs: 20 },
  clients: [{ id: 'sensor-1', keepAlive: 10 }],
  events: [{ atMs: 20_000, client: 'sensor-1', do: 'power-off' }],
};
/** The timeout marker's colour in the light theme (Okabe–Ito vermillion, src/timeline/theme.ts). */
const VERMILLION: [number, number, number] = [0xd5, 0x5e, 0x00];

function timeoutOf(scenario: Scenario): { t: number; lastActivity: number } {
  const line = cliTrace(scenario)
    .split('\n')
    .find((l) => l.includes('"kind":"timeout"'));
  if (line === undefined) throw new Error('no timeout in the scenario');
  return JSON.parse(line) as { t: number; lastActivity: number };
}

describe('the timeline and inspector', () => {
  it('keyboard zoom changes the visible range', async () => {
    const { page } = await newPage();
    await openApp(page, `${site.url}#preset=crash-vs-power-off&play=1`);
    await setSpeed(page, 'max');
    await waitForStatus(page, 'done');
    await page.getByTestId('timeline').waitFor();
    const [a0, a1] = await visibleRange(page);
    await page.getByTestId('timeline').focus();
    await page.keyboard.press('w');
    await page.keyboard.press('w');
    await expect
      .poll(async () => {
        const [t0, t1] = await visibleRange(page);
        return t1 - t0;
      })
      .toBeLessThan((a1 - a0) * 0.8);
    const [b0] = await visibleRange(page);
    await page.keyboard.press('d');
    await expect.poll(async () => (await visibleRange(page))[0]).toBeGreaterThan(b0);
    await page.close();
  });

  it('draws the timeout marker where the trace puts it, and the inspector explains it [MQTT-3.1.2-24]', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${site.url}${encodeScenarioHash(SILENT, { play: true })}`);
    await page.getByLabel('Theme').selectOption('light');
    await setSpeed(page, 'max');
    await waitForStatus(page, 'done');
    const { t } = timeoutOf(SILENT);
    // Let the canvas settle on its final frame.
    await expect
      .poll(async () => (await findColour(page, await xOfTime(page, t), VERMILLION)).length)
      .toBeGreaterThan(3);
    const x = await xOfTime(page, t);
    const marks = await findColour(page, x, VERMILLION);
    // Nothing of that colour where nothing happened: 5 s (idle between pings), and 3 s either side of
    // the timeout (the half-open band before it is a pale tint, the lane is closed after it).
    for (const other of [5_000, t - 3_000, t + 3_000])
      expect(await findColour(page, await xOfTime(page, other), VERMILLION), `at ${other} ms`).toEqual([]);
    // Click the marker: the inspector explains it.
    const mark = marks[Math.floor(marks.length / 2)];
    const box = (await page.getByTestId('timeline').boundingBox())!;
    await page.mouse.click(box.x + mark.x, box.y + mark.y);
    const why = page.getByRole('region', { name: 'Inspector' }).locator('.why');
    await expect(why.textContent()).resolves.toMatch(
      /^No packet from sensor-1 for 15\.0 s = 1\.5 × 10 s: .*\[MQTT-3\.1\.2-24\]$/,
    );
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect(inspector.locator('h3').textContent()).resolves.toBe(
      'Keep-alive timeout of sensor-1 (broker)',
    );
    // Step back through the lane (`,`) to its last ping: the inspector shows its bytes, as mqtt-packet encodes them.
    let title = '';
    for (let i = 0; i < 12 && !/^PING(REQ|RESP) /.test(title); i++) {
      await page.keyboard.press(',');
      await expect.poll(async () => (await inspector.locator('h3').textContent()) !== title).toBe(true);
      title = (await inspector.locator('h3').textContent()) ?? '';
    }
    expect(title).toMatch(/^PING(REQ|RESP) /);
    const ping = title.startsWith('PINGREQ');
    await expect
      .poll(() => inspector.getByLabel('Encoded bytes').textContent())
      .toBe(ping ? 'c0 00' : 'd0 00');
    await expect(why.textContent()).resolves.toContain(ping ? '[MQTT-3.1.2-23]' : '[MQTT-3.12.4-1]');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a drag over the timeline selects an area (as the hint says); the statistics count it', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${site.url}${encodeScenarioHash(SILENT, { play: true })}`);
    await setSpeed(page, 'max');
    await waitForStatus(page, 'done');
    const { t } = timeoutOf(SILENT);
    const box = (await page.getByTestId('timeline').boundingBox())!;
    const y = box.y + TIMELINE.lanesY + 10;
    await expect(
      page.getByRole('region', { name: 'Statistics' }).getByText('Drag across the timeline').count(),
    ).resolves.toBe(1);
    await page.mouse.move(box.x + (await xOfTime(page, t - 12_000)), y);
    await page.mouse.down();
    await page.mouse.move(box.x + (await xOfTime(page, t - 4_000)), y + 5, { steps: 5 });
    await page.mouse.move(box.x + (await xOfTime(page, t + 2_000)), y + 10, { steps: 5 });
    await page.mouse.up();
    const stats = page.getByRole('region', { name: 'Statistics' });
    const table = stats.locator('table', { has: page.locator('caption', { hasText: /^Selection: / }) });
    await table.waitFor({ timeout: 10_000 });
    await expect(table.locator('caption').textContent()).resolves.toMatch(/1 lane$/);
    const timeouts = table.locator('tr', { hasText: 'keep-alive timeouts (broker)' }).locator('td');
    await expect(timeouts.textContent()).resolves.toBe('1');
    // Shift-drag pans (Perfetto's convention): the window moves, the selection stays as it was.
    const [before] = await visibleRange(page);
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x + 600, y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 400, y + 40, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(async () => (await visibleRange(page))[0]).toBeGreaterThan(before);
    await expect(table.locator('caption').textContent()).resolves.toMatch(/1 lane$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports the visible timeline as PNG and SVG', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${site.url}#preset=half-open-takeover&play=1`);
    await setSpeed(page, 'max');
    await waitForStatus(page, 'done');
    for (const [button, suffix] of [
      ['Export PNG', 'png'],
      ['Export SVG', 'svg'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button, exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`half-open-takeover.timeline.${suffix}`);
      const body = await readFile(await download.path());
      if (suffix === 'png') expect([...body.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      else expect(body.toString('utf8')).toMatch(/<svg[\s\S]*sensor-1[\s\S]*<\/svg>/);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a fault added from the lane menu is a scenario event: it is in the exported trace', async () => {
    const { page, errors } = await newPage();
    const quiet: Scenario = { ...SILENT, name: 'E2E lane menu', events: [] };
    await openApp(page, `${site.url}${encodeScenarioHash(quiet)}`);
    await expect(page.locator('.app').getAttribute('data-run-status')).resolves.toBe('ready');
    // Seek to 15 s by clicking the time axis (the view shows the planned 60 s).
    await expect.poll(async () => (await visibleRange(page))[1]).toBeGreaterThan(0);
    const box = (await page.getByTestId('timeline').boundingBox())!;
    await page.mouse.click(
      box.x + (await xOfTime(page, 15_000)),
      box.y + TIMELINE.axisY + TIMELINE.axisH / 2,
    );
    await expect
      .poll(async () =>
        Number(
          await page
            .locator('.clock')
            .textContent()
            .then((s) => s?.split(' ')[0]),
        ),
      )
      .toBeGreaterThan(14);
    // Right-click sensor-1's lane (the first row under the broker lane) → crash.
    await page.mouse.click(box.x + (await xOfTime(page, 10_000)), box.y + TIMELINE.lanesY + 8, {
      button: 'right',
    });
    const menu = page.getByRole('group', { name: 'Faults for sensor-1' });
    for (const name of ['crash', 'power-off', 'power-on', 'link-down', 'link-up', 'disconnect', 'clone'])
      await expect(menu.getByRole('button', { name, exact: true }).count(), name).resolves.toBe(1);
    await menu.getByRole('button', { name: 'crash', exact: true }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await setSpeed(page, 'max');
    await waitForStatus(page, 'done');
    const { text } = await exportTrace(page);
    const header = JSON.parse(text.split('\n')[0]) as { scenario: Scenario };
    expect(header.scenario.events).toHaveLength(1);
    const event = header.scenario.events![0];
    expect(event).toMatchObject({ client: 'sensor-1', do: 'crash' });
    expect(event.atMs).toBeGreaterThan(14_000);
    expect(text).toContain(`{"t":${event.atMs},"kind":"fault","target":"sensor-1","fault":"crash"}`);
    expect(text).toBe(cliTrace(header.scenario));
    expect(errors).toEqual([]);
    await page.close();
  });
});
