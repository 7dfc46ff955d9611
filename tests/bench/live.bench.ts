// The live-mode benchmark (`npm run build && npm run bench:live`): a publisher floods a real
// Mosquitto at LIVE_BENCH_RATE msg/s (default 20 000) for LIVE_BENCH_SECONDS (default 60) while the
// built app, in headless Chromium, is connected live. Prints ingest rate, frame times, long tasks and the
// memory of the page and of the live worker every 10 s (JS heap + ArrayBuffers: flat once the budget is
// full?).
// Targets: ingest ≥ 20 000 msg/s for 60 s, frame time p95 ≤ 50 ms, heap flat once the budget is full.
//
// Chromium runs with no Playwright attached during the flood (support/cdp.ts says why): Playwright
// sets the page up and checks the result; in between a bare DevTools client only evaluates and reads
// heaps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { serveDist, type StaticSite } from '../../src/devtools/staticServer';
import { flood } from '../live/support/flood';
import { startMosquitto, type RunningMosquitto } from '../live/support/mosquitto';
import { BareCdp, startBareChromium, type BareChromium } from './support/cdp';

const RATE = Number(process.env.LIVE_BENCH_RATE ?? 20_000);
const SECONDS = Number(process.env.LIVE_BENCH_SECONDS ?? 60);
const BUDGET = process.env.LIVE_BENCH_BUDGET; // events, e.g. 300000 to fill it sooner
/** Publishers, each on a topic of its own at RATE / PUBLISHERS (MQTT Viewer's flood test is 2 × 2 000 msg/s). */
const PUBLISHERS = Number(process.env.LIVE_BENCH_PUBLISHERS ?? 1);
const TOPICS = Array.from({ length: PUBLISHERS }, (_, i) => `bench/flood-${i + 1}`);

let site: StaticSite;
let mosquitto: RunningMosquitto;
let bare: BareChromium;
let stopFloods: (() => Promise<void>)[] = [];

/** Runs `action` on the app's page through Playwright, then lets go of the browser again. */
async function withPlaywright<T>(action: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const browser = await chromium.connectOverCDP(bare.wsEndpoint);
  try {
    const page = browser.contexts()[0].pages()[0];
    return await action(page);
  } finally {
    await browser.close(); // disconnects: a connected-over-CDP browser keeps running
  }
}

beforeAll(async () => {
  site = await serveDist();
  // Without `max_queued_messages 0` Mosquitto silently drops QoS 0 messages to a subscriber ~1000 behind.
  mosquitto = await startMosquitto({ extra: ['max_queued_messages 0'] });
  bare = await startBareChromium(`${site.url}#live=${encodeURIComponent(mosquitto.wsUrl)}`);
  await withPlaywright(async (page) => {
    await page
      .getByRole('status')
      .filter({ hasText: /^Connected\.$/ })
      .waitFor({ timeout: 20_000 });
    if (BUDGET) {
      await page.getByPlaceholder('1000000').fill(BUDGET);
      await page.getByRole('button', { name: 'Set budget' }).click();
    }
  });
}, 120_000);

afterAll(async () => {
  await Promise.all(stopFloods.map((stop) => stop()));
  await bare?.close();
  await mosquitto?.stop();
  await site?.close();
});

const COUNTED = `Number(document.querySelector('[data-testid="live-total-messages"]').textContent)`;
const HELD = `document.querySelector('[data-testid="live-events-held"]').textContent`;

describe('live mode benchmark', () => {
  it(`ingests ${RATE} msg/s (${PUBLISHERS} publisher(s)) for ${SECONDS} s`, async () => {
    const cdp = await BareCdp.connect(bare.wsEndpoint);
    const page = await cdp.attach((t) => t.type === 'page' && t.url.startsWith(site.url));
    const worker = await cdp.attach((t) => t.type === 'worker' && /\/worker-[^/]*\.js$/.test(t.url));
    await cdp.evaluate(
      page,
      `(() => {
        const w = window; w.__gaps = []; w.__long = []; w.__run = true;
        let last = performance.now();
        const loop = (now) => { w.__gaps.push(now - last); last = now; if (w.__run) requestAnimationFrame(loop); };
        requestAnimationFrame(loop);
        new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push(e.duration); }).observe({ type: 'longtask' });
      })()`,
    );
    const total = () => cdp.evaluate<number>(page, COUNTED);
    const before = await total();
    const publishers = TOPICS.map((topic) => flood(mosquitto.tcpUrl, topic, RATE / PUBLISHERS, SECONDS));
    stopFloods = publishers.map((p) => p.stop);
    const start = Date.now();
    const rows: string[] = [];
    let last = { at: start, n: before };
    const sample = setInterval(() => {
      void Promise.all([
        total(),
        cdp.memoryMb(page),
        cdp.memoryMb(worker),
        cdp.evaluate<string>(page, HELD),
      ]).then(([n, pageMb, workerMb, held]) => {
        const at = Date.now();
        const rate = ((n - last.n) / (at - last.at)) * 1000;
        last = { at, n };
        rows.push(
          `${((at - start) / 1000).toFixed(0).padStart(4)} s  counted ${String(n - before).padStart(8)} (${Math.round(rate).toString().padStart(6)} msg/s)  held ${held.padStart(8)}  memory page ${pageMb.toFixed(0)} MB, worker ${workerMb.toFixed(0)} MB`,
        );
      });
    }, 10_000);
    const results = await Promise.all(publishers.map((p) => p.done));
    const sent = results.reduce((sum, r) => sum + r.sent, 0);
    const elapsed = Math.max(...results.map((r) => r.elapsed));
    clearInterval(sample);
    const atEnd = (await total()) - before;
    let counted = atEnd;
    const waitStart = Date.now();
    while (counted < sent && Date.now() - waitStart < 120_000) {
      await new Promise((r) => setTimeout(r, 200));
      counted = (await total()) - before;
    }
    const caughtUp = (Date.now() - waitStart) / 1000;
    const { gaps, long } = await cdp.evaluate<{ gaps: number[]; long: number[] }>(
      page,
      `(() => { window.__run = false; return { gaps: window.__gaps.slice(1), long: window.__long }; })()`,
    );
    const sorted = [...gaps].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    const [pageMb, workerMb] = [await cdp.memoryMb(page), await cdp.memoryMb(worker)];
    cdp.close();
    console.log(
      [
        `live bench: ${sent} msgs published in ${elapsed.toFixed(1)} s (${Math.round(sent / elapsed)} msg/s); ${atEnd} counted when the publisher stopped, all ${counted} ${caughtUp.toFixed(1)} s later`,
        `ingest ${Math.round(counted / (elapsed + caughtUp))} msg/s end to end; frame gap p95 ${p95.toFixed(1)} ms, max ${sorted[sorted.length - 1]?.toFixed(0)} ms; long tasks ${long.length}, longest ${Math.max(0, ...long).toFixed(0)} ms`,
        ...rows,
        `end: memory page ${pageMb.toFixed(0)} MB, worker ${workerMb.toFixed(0)} MB`,
      ].join('\n'),
    );
    // Exactly what was sent on each flood topic (the total also counts the broker's own messages).
    await withPlaywright(async (p) => {
      await p.getByRole('button', { name: 'Expand bench' }).click();
      for (const [i, topic] of TOPICS.entries()) {
        await expect
          .poll(
            () =>
              p.locator(`.live-topic-row[data-topic="${topic}"] .live-topic-count`).innerText().then(Number),
            { timeout: 10_000 },
          )
          .toBe(results[i].sent);
      }
    });
  }, 600_000);
});
