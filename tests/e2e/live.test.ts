// Live mode in the built app, in real headless Chromium, against a real Mosquitto 2.0.11 started here
// on loopback (`log_dest topic`, a websockets listener): a silenced probe's timeout and will, a clone's
// take-over, and a 10 000 msg/s flood for 30 s with the page staying responsive and counting exactly.
// Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/devtools/browser';
import { serveDist, type StaticSite } from '../../src/devtools/staticServer';
import { flood } from '../live/support/flood';
import { startMosquitto, type RunningMosquitto } from '../live/support/mosquitto';

let site: StaticSite;
let browser: Browser;
let mosquitto: RunningMosquitto;
let page: Page;
let stopFlood: (() => Promise<void>) | null = null;
const pageErrors: string[] = [];

beforeAll(async () => {
  site = await serveDist();
  // `max_queued_messages 0`: Mosquitto 2.0.11's default (1000 beyond 20 in flight) silently drops QoS 0
  // messages for any subscriber that falls ~1000 messages behind — 0.1 s at 10 000 msg/s, which any GC
  // pause or busy CPU causes (measured: a paused reader got 126 209 of 200 000, no log line). The flood
  // test checks that the page ingests and counts everything and stays responsive, not that queue policy.
  mosquitto = await startMosquitto({ extra: ['max_queued_messages 0'] });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${e.message} ${e.stack ?? ''}`.slice(0, 400)));
  await page.goto(`${site.url}#live=${encodeURIComponent(mosquitto.wsUrl)}`);
  await page
    .getByRole('status', { name: 'Live connection' })
    .filter({ hasText: /^Connected to / })
    .waitFor({ timeout: 20_000 });
});

/** Shows one tab of the live controls. */
async function tab(name: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

afterAll(async () => {
  await stopFlood?.();
  await browser?.close();
  await mosquitto?.stop();
  await site?.close();
});

async function startProbe(clientId: string, keepAlive: number): Promise<void> {
  await tab('Probes');
  const form = page.getByRole('form', { name: 'New probe' });
  await form.getByLabel('Client ID').fill(clientId);
  await form.getByLabel('Keep alive (s)').fill(String(keepAlive));
  await form.getByRole('button', { name: 'Start probe' }).click();
  await page
    .getByRole('group', { name: `Probe ${clientId} #1` })
    .getByText(/^connected/)
    .waitFor({ timeout: 10_000 });
}

/** The event log's line for an event of `kind` about `clientId` (waits for it). */
function eventLine(kind: string, clientId: string) {
  return page.locator(`.live-event[data-kind="${kind}"]`).filter({ hasText: clientId });
}

describe('live mode against Mosquitto in Chromium', () => {
  it('connects from a #live= link, detects Mosquitto, and has the Connect/Disconnect buttons', async () => {
    await tab('Connection');
    await expect(page.getByRole('button', { name: 'Connect', exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Disconnect', exact: true }).count()).resolves.toBe(1);
    await page.getByText('Broker: Mosquitto').waitFor({ timeout: 10_000 });
  });

  it('shows live controls only: the simulation’s playback is hidden, saying why', async () => {
    const toolbar = page.getByRole('toolbar', { name: 'Playback' });
    for (const name of ['Play', 'Pause', 'Step', 'Step back'])
      await expect(toolbar.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
    await expect(toolbar.getByLabel('Speed').isVisible()).resolves.toBe(false);
    await toolbar.getByText('play, step and speed are for simulations').waitFor();
    // Export, the legend and the other view controls stay.
    await expect(toolbar.getByRole('button', { name: 'Export trace' }).isEnabled()).resolves.toBe(true);
    // The header has no scenario picker or editor (the Scenario tab plays one against the broker);
    // Copy link shares the live session.
    const header = page.getByRole('banner');
    await expect(header.getByLabel('Preset').count()).resolves.toBe(0);
    await expect(header.getByRole('button', { name: 'Edit scenario' }).count()).resolves.toBe(0);
    await expect(header.getByRole('button', { name: 'Copy link' }).isEnabled()).resolves.toBe(true);
    // The statistics say what their will count cannot hold: Mosquitto reports no client's will.
    await expect(
      page.getByRole('region', { name: 'Statistics' }).getByTestId('live-wills-note').textContent(),
    ).resolves.toContain('Other brokers do not report another client');
  });

  it('runs the clock on in real time while nothing arrives (deadline bands count down on screen)', async () => {
    const clock = async (): Promise<number> =>
      Number((await page.getByRole('status', { name: 'Live time' }).textContent())?.split(' ')[0]);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      seen.push(await clock());
      await new Promise((r) => setTimeout(r, 400));
    }
    // No traffic flows now: only the live clock can move it, a step every sample.
    for (let i = 1; i < seen.length; i++) expect(seen[i], seen.join(' → ')).toBeGreaterThan(seen[i - 1]);
  });

  it('a probe with K = 2 s silenced: the page shows the timeout and the will within 3–10 s', async () => {
    await startProbe('ka-e2e', 2);
    await tab('Events');
    await eventLine('conn', 'ka-e2e')
      .filter({ hasText: 'seen by the broker' })
      .first()
      .waitFor({ timeout: 5000 });
    await tab('Probes');
    const group = page.getByRole('group', { name: 'Probe ka-e2e #1' });
    const clicked = Date.now();
    await group.getByRole('button', { name: 'Silence ka-e2e' }).click();
    await tab('Events');
    await eventLine('timeout', 'ka-e2e').first().waitFor({ timeout: 10_000 });
    const timeoutAfter = Date.now() - clicked;
    await eventLine('will', 'ka-e2e')
      .first()
      .waitFor({ timeout: 10_000 - (Date.now() - clicked) });
    const willAfter = Date.now() - clicked;
    expect(timeoutAfter).toBeGreaterThanOrEqual(3000);
    expect(willAfter).toBeLessThanOrEqual(10_000);
    const timeoutText = await eventLine('timeout', 'ka-e2e').first().innerText();
    expect(timeoutText).toContain('keep-alive timeout at the broker K = 2 s');
    const willText = await eventLine('will', 'ka-e2e').first().innerText();
    expect(willText).toContain('will published on keepalive-lab/probes/ka-e2e/status');
    expect(willText).toContain('keepalive-timeout');
    // Mosquitto's own report of the close is there too.
    await eventLine('conn', 'ka-e2e')
      .filter({ hasText: 'closed' })
      .filter({ hasText: 'Mosquitto log' })
      .first()
      .waitFor({ timeout: 3000 });
    // The probe's own line says why it closed, as the broker told it: not "network-error".
    await tab('Probes');
    await expect(group.getByRole('status').innerText()).resolves.toMatch(
      /^closed #\d+ — timed out by the broker: nothing came for 1\.5 × keep alive$/,
    );
  });

  it('a clone: the page shows the take-over', async () => {
    await startProbe('to-e2e', 30);
    await page
      .getByRole('group', { name: 'Probe to-e2e #1' })
      .getByRole('button', { name: 'Clone to-e2e' })
      .click();
    await tab('Events');
    const line = eventLine('takeover', 'to-e2e').first();
    await line.waitFor({ timeout: 5000 });
    expect(await line.innerText()).toMatch(/take-over, connection #\d+ replaced by #\d+ \[Mosquitto log\]/);
    await tab('Probes');
    await expect
      .poll(() => page.getByRole('group', { name: 'Probe to-e2e #1' }).getByRole('status').innerText())
      .toMatch(/^closed #\d+ — taken over: another connection came with the same client ID$/);
    await expect(
      page.getByRole('group', { name: 'Probe to-e2e #2' }).getByRole('status').innerText(),
    ).resolves.toMatch(/^connected #\d+$/);
  });

  it('a 10 000 msg/s publisher for 30 s: the page stays responsive and counts every message', async () => {
    const TOPIC = 'flood/e2e';
    const RATE = 10_000;
    const SECONDS = Number(process.env.LIVE_FLOOD_SECONDS ?? 30);
    // In the page: frame gaps (rAF), long tasks, and event-loop lag (a 0 ms timer every 100 ms).
    await page.evaluate(`(() => {
      const w = window;
      w.__gaps = []; w.__long = []; w.__lag = []; w.__run = true;
      let last = performance.now();
      const loop = function (now) { w.__gaps.push(now - last); last = now; if (w.__run) requestAnimationFrame(loop); };
      requestAnimationFrame(loop);
      const lag = function () { const t0 = performance.now(); setTimeout(function () { w.__lag.push(performance.now() - t0); if (w.__run) setTimeout(lag, 100); }, 0); };
      lag();
      new PerformanceObserver(function (list) { for (const e of list.getEntries()) w.__long.push(e.duration); }).observe({ type: 'longtask' });
    })()`);
    // The publisher runs in its own thread: this test's event loop stays free.
    const publisher = flood(mosquitto.tcpUrl, TOPIC, RATE, SECONDS);
    stopFlood = publisher.stop;
    const { sent, elapsed: publishSeconds } = await publisher.done;
    const total = sent;
    expect(sent).toBe(RATE * SECONDS);
    await tab('Traffic');
    // Few topics: the tree opens by itself; else open the flood's branch.
    const expand = page.getByRole('button', { name: 'Expand flood' });
    if ((await expand.count()) > 0) await expand.click();
    // Every message counted on the topic (exactly what was sent).
    const count = page.locator(`.live-topic-row[data-topic="${TOPIC}"] .live-topic-count`);
    const countedAt = Date.now();
    await expect
      .poll(async () => Number(await count.innerText().catch(() => '0')), { timeout: 30_000, interval: 250 })
      .toBe(total);
    const lagMs = Date.now() - countedAt;
    const { gaps, long, lag } = (await page.evaluate(
      `(() => { window.__run = false; return { gaps: window.__gaps.slice(1), long: window.__long, lag: window.__lag }; })()`,
    )) as { gaps: number[]; long: number[]; lag: number[] };
    const maxLag = lag.reduce((m, d) => Math.max(m, d), 0);
    const sorted = [...gaps].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    const maxGap = sorted[sorted.length - 1] ?? 0;
    const maxLong = long.reduce((m, d) => Math.max(m, d), 0);
    console.log(
      `flood: ${total} msgs in ${publishSeconds.toFixed(1)} s; frames ${gaps.length}, frame gap p95 ${p95.toFixed(1)} ms, max ${maxGap.toFixed(0)} ms; long tasks ${long.length}, longest ${maxLong.toFixed(0)} ms; timer lag max ${maxLag.toFixed(0)} ms; all counted ${lagMs} ms after the last publish`,
    );
    expect(publishSeconds).toBeLessThan(SECONDS + 3);
    // Responsive: frames keep coming (p95 within 6 frames), no freeze, the page answers within a second.
    // (Measured here on 2 shared cores with Mosquitto and the publisher: see the line printed above.)
    expect(p95).toBeLessThanOrEqual(100);
    expect(maxGap).toBeLessThan(1000);
    expect(maxLong).toBeLessThan(1000);
    expect(maxLag).toBeLessThan(1000);
    // Errors thrown by live mode's own code (its lazy chunk, its worker) fail the test; others are the
    // shell's, reported.
    const mine = pageErrors.filter((e) => /LivePanel-|\/worker-/.test(e));
    const others = [...new Set(pageErrors.filter((e) => !mine.includes(e)).map((e) => e.split('\n')[0]))];
    if (others.length > 0)
      console.log(`errors from outside live mode (${pageErrors.length - mine.length}):`, others.join(' | '));
    expect(mine).toEqual([]);
  });
});
