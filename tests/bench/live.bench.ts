// The live-mode benchmark of issue 4 (`npm run build && npm run bench:live`):
// a publisher floods a real Mosquitto at LIVE_BENCH_RATE msg/s (default 20 000) for LIVE_BENCH_SECONDS
// (default 60) while the built app, in headless Chromium, is connected live. Prints ingest rate, frame
// times and the heap of the page and of the live worker every 10 s (flat once the budget is full?).
// Targets: ingest ≥ 20 000 msg/s for 60 s, frame time p95 ≤ 50 ms, heap flat once the budget is full.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser';
import { serveDist, type StaticSite } from '../e2e/support/staticServer';
import { flood } from '../live/support/flood';
import { startMosquitto, type RunningMosquitto } from '../live/support/mosquitto';

const RATE = Number(process.env.LIVE_BENCH_RATE ?? 20_000);
const SECONDS = Number(process.env.LIVE_BENCH_SECONDS ?? 60);
const BUDGET = process.env.LIVE_BENCH_BUDGET; // events, e.g. 300000 to fill it sooner

let site: StaticSite;
let browser: Browser;
let mosquitto: RunningMosquitto;
let page: Page;
let stopFlood: (() => Promise<void>) | null = null;

beforeAll(async () => {
  site = await serveDist();
  mosquitto = await startMosquitto({ extra: ['max_queued_messages 0'] });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${site.url}#live=${encodeURIComponent(mosquitto.wsUrl)}`);
  await page
    .getByRole('status')
    .filter({ hasText: /^Connected\.$/ })
    .waitFor({ timeout: 20_000 });
  if (BUDGET) {
    await page.getByPlaceholder('1000000').fill(BUDGET);
    await page.getByRole('button', { name: 'Set budget' }).click();
  }
}, 120_000);

afterAll(async () => {
  await stopFlood?.();
  await browser?.close();
  await mosquitto?.stop();
  await site?.close();
});

/** Heap used by the page and by the live worker (CDP Runtime.getHeapUsage), MB. */
async function heaps(pageCdp: CDPSession, browserCdp: CDPSession): Promise<{ page: number; worker: number }> {
  const p = (await pageCdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const { targetInfos } = await browserCdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker' && /\/worker-[^/]*\.js$/.test(t.url));
  let worker = NaN;
  if (target) {
    const { sessionId } = await browserCdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    worker = await new Promise<number>((resolve) => {
      const onMessage = (e: { sessionId?: string; message: string }): void => {
        const m = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
        if (e.sessionId === sessionId && m.id === 1) {
          browserCdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve((m.result?.usedSize ?? NaN) / 1024 / 1024);
        }
      };
      browserCdp.on('Target.receivedMessageFromTarget', onMessage);
      void browserCdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }),
      });
    });
    await browserCdp.send('Target.detachFromTarget', { sessionId });
  }
  return { page: p.usedSize / 1024 / 1024, worker };
}

describe('live mode benchmark', () => {
  it(`ingests ${RATE} msg/s for ${SECONDS} s`, async () => {
    const TOPIC = 'bench/flood';
    const pageCdp = await page.context().newCDPSession(page);
    const browserCdp = await browser.newBrowserCDPSession();
    await page.evaluate(`(() => {
      const w = window; w.__gaps = []; w.__long = []; w.__run = true;
      let last = performance.now();
      const loop = function (now) { w.__gaps.push(now - last); last = now; if (w.__run) requestAnimationFrame(loop); };
      requestAnimationFrame(loop);
      new PerformanceObserver(function (list) { for (const e of list.getEntries()) w.__long.push(e.duration); }).observe({ type: 'longtask' });
    })()`);
    const total = () => page.getByTestId('live-total-messages').innerText().then(Number);
    const before = await total();
    const publisher = flood(mosquitto.tcpUrl, TOPIC, RATE, SECONDS);
    stopFlood = publisher.stop;
    const start = Date.now();
    const rows: string[] = [];
    const sample = setInterval(() => {
      void Promise.all([
        total(),
        heaps(pageCdp, browserCdp),
        page.getByTestId('live-events-held').innerText(),
      ]).then(([n, h, held]) =>
        rows.push(
          `${((Date.now() - start) / 1000).toFixed(0).padStart(4)} s  counted ${String(n - before).padStart(8)}  held ${held.padStart(8)}  heap page ${h.page.toFixed(0)} MB, worker ${h.worker.toFixed(0)} MB`,
        ),
      );
    }, 10_000);
    const { sent, elapsed } = await publisher.done;
    clearInterval(sample);
    let counted = (await total()) - before;
    const waitStart = Date.now();
    while (counted < sent && Date.now() - waitStart < 120_000) {
      await new Promise((r) => setTimeout(r, 500));
      counted = (await total()) - before;
    }
    const caughtUp = (Date.now() - waitStart) / 1000;
    const { gaps, long } = (await page.evaluate(
      `(() => { window.__run = false; return { gaps: window.__gaps.slice(1), long: window.__long }; })()`,
    )) as { gaps: number[]; long: number[] };
    const sorted = [...gaps].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    const h = await heaps(pageCdp, browserCdp);
    console.log(
      [
        `live bench: ${sent} msgs published in ${elapsed.toFixed(1)} s (${Math.round(sent / elapsed)} msg/s); counted ${counted}, ${caughtUp.toFixed(1)} s after the last publish`,
        `ingest ${Math.round(counted / (elapsed + caughtUp))} msg/s end to end; frame gap p95 ${p95.toFixed(1)} ms, max ${sorted[sorted.length - 1]?.toFixed(0)} ms; long tasks ${long.length}, longest ${Math.max(0, ...long).toFixed(0)} ms`,
        ...rows,
        `end: heap page ${h.page.toFixed(0)} MB, worker ${h.worker.toFixed(0)} MB`,
      ].join('\n'),
    );
    // Exactly what was sent on the flood topic (the total also counts the broker's own messages).
    await page.getByRole('button', { name: 'Expand bench' }).click();
    await expect
      .poll(
        () =>
          page.locator(`.live-topic-row[data-topic="${TOPIC}"] .live-topic-count`).innerText().then(Number),
        { timeout: 10_000 },
      )
      .toBe(sent);
  }, 600_000);
});
