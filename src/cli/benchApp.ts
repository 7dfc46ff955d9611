// `npm run bench:app`: the app's targets measured in real headless Chromium (software rendering) on the
// built dist/ (`npm run build` first). Prints a table (what, size, value, target); figures are measured,
// never asserted. The 100 000-client run is timed against `npm run sim` in the same bench run, in the
// page as a user sees it and in the simulation worker alone (its own protocol, a blank page), in
// `--repeat` rounds taken in turn and compared by medians. Instrumentation is injected by the page's
// init script (long-task observer, timed requestAnimationFrame callbacks, a flag when the timeline's
// static canvas is drawn), so the app ships no benchmark code.
//
//   npm run bench:app [-- --only pan,zoom,100k,paint,js] [--window-s 60] [--repeat 3]

import { execFileSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../devtools/browser';
import { serveDist } from '../devtools/staticServer';
import { probeTimelineDraws, type TimelineDrawsWindow } from '../devtools/timelineProbe';
import { getPreset } from '../scenario/presets';
import { readArgs } from './args';

interface Row {
  what: string;
  size: string;
  value: string;
  target: string;
  ok: boolean | null;
}

interface BenchWindow {
  longtasks: { start: number; duration: number }[];
  draws: { start: number; end: number; ms: number }[];
  statusAt: Record<string, number>;
  keyWork: number;
  nextDraw(after: number): Promise<{ start: number; end: number; ms: number }>;
}

/** Runs in the page before any of its scripts. */
function instrument(): void {
  type Draw = { start: number; end: number; ms: number };
  const w = window as unknown as { __bench: BenchWindow };
  const waiters: { after: number; resolve(d: Draw): void }[] = [];
  const B: BenchWindow = {
    longtasks: [],
    draws: [],
    statusAt: {},
    keyWork: 0,
    nextDraw(after: number) {
      const done = B.draws.find((d) => d.start >= after);
      if (done !== undefined) return Promise.resolve(done);
      return new Promise<Draw>((resolve) => waiters.push({ after, resolve }));
    },
  };
  w.__bench = B;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task support
  }
  // The timeline's static redraws, counted by probeTimelineDraws (installed before this script).
  const staticDraws = (): number => (window as unknown as TimelineDrawsWindow).__timelineDraws.length;
  // Per animation frame: the time of all its callbacks (app's batch apply, timeline draw, …).
  const raf = window.requestAnimationFrame.bind(window);
  let frameTs = -1;
  let frameStart = 0;
  let frameMs = 0;
  let frameDrew = false;
  let flushQueued = false;
  const flush = (): void => {
    flushQueued = false;
    if (!frameDrew) return;
    frameDrew = false;
    const d = { start: frameStart, end: frameStart + frameMs, ms: frameMs };
    B.draws.push(d);
    for (let i = waiters.length - 1; i >= 0; i--)
      if (d.start >= waiters[i].after) {
        waiters[i].resolve(d);
        waiters.splice(i, 1);
      }
  };
  window.requestAnimationFrame = (cb: FrameRequestCallback): number =>
    raf((ts) => {
      if (ts !== frameTs) {
        flush();
        frameTs = ts;
        frameMs = 0;
        frameStart = performance.now();
      }
      const s = performance.now();
      const drawsBefore = staticDraws();
      try {
        cb(ts);
      } finally {
        frameMs += performance.now() - s;
        if (staticDraws() !== drawsBefore) frameDrew = true;
        if (!flushQueued) {
          flushQueued = true;
          setTimeout(flush, 0);
        }
      }
    });
  // Key handling (including the microtasks it queues, e.g. React renders) before the frame.
  window.addEventListener(
    'keydown',
    () => {
      const s = performance.now();
      window.addEventListener(
        'keydown',
        () => queueMicrotask(() => queueMicrotask(() => (B.keyWork = performance.now() - s))),
        { once: true },
      );
    },
    { capture: true },
  );
  new MutationObserver(() => {
    const s = document.querySelector('.app')?.getAttribute('data-run-status');
    if (s && !(s in B.statusAt)) B.statusAt[s] = performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-run-status'] });
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  // tsx (esbuild keepNames) wraps nested functions in __name(): give the page one.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.addInitScript(probeTimelineDraws);
  await page.addInitScript(instrument);
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  return page;
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 60_000 });
  await page.locator('.app').waitFor({ timeout: 60_000 });
}

async function setMaxSpeed(page: Page): Promise<void> {
  await page.getByLabel('Speed').selectOption('max');
}

/** Presses a key on the focused timeline; the main-thread time of its handling plus the frame that drew. */
async function pressTimed(page: Page, key: string): Promise<number> {
  const before = await page.evaluate(() => performance.now());
  const draw = page.evaluate(
    (after) => (window as unknown as { __bench: BenchWindow }).__bench.nextDraw(after),
    before,
  );
  await page.keyboard.press(key);
  const d = await draw;
  const keyWork = await page.evaluate(() => (window as unknown as { __bench: BenchWindow }).__bench.keyWork);
  return d.ms + keyWork;
}

async function longtasks(
  page: Page,
  from: number,
  to = Infinity,
): Promise<{ max: number; over50: number; n: number }> {
  const all = await page.evaluate(() => (window as unknown as { __bench: BenchWindow }).__bench.longtasks);
  const xs = all.filter((e) => e.start >= from && e.start < to).map((e) => e.duration);
  return { max: xs.length === 0 ? 0 : Math.max(...xs), over50: xs.length, n: xs.length };
}

async function bench10k(browser: Browser, url: string, rows: Row[], only: Set<string>): Promise<void> {
  const page = await newPage(browser);
  await open(page, `${url}#preset=fleet-10k&play=1`);
  await setMaxSpeed(page);
  const runStart = await page.evaluate(() => performance.now());
  const wall = Date.now();
  await page.locator('.app[data-run-status="done"]').waitFor({ timeout: 600_000 });
  const runWall = Date.now() - wall;
  const doneAt = await page.evaluate(
    () => (window as unknown as { __bench: BenchWindow }).__bench.statusAt.done ?? performance.now(),
  );
  const paint = await page.evaluate(
    (after) => (window as unknown as { __bench: BenchWindow }).__bench.nextDraw(after),
    doneAt,
  );
  const runTasks = await longtasks(page, runStart);
  const events = await page.getByLabel('Simulated time').textContent();
  console.log(
    `fleet-10k: run took ${(runWall / 1000).toFixed(1)} s (${events}); longest task ${ms(runTasks.max)}`,
  );
  rows.push({
    what: 'longest main-thread task during the run',
    size: 'fleet-10k × 1 h',
    value: `${ms(runTasks.max)} (${runTasks.over50} > 50 ms)`,
    target: '(info)',
    ok: null,
  });
  if (only.has('paint')) {
    const v = paint.end - doneAt;
    rows.push({
      what: 'first timeline paint of the finished run (done → drawn)',
      size: 'fleet-10k × 1 h',
      value: ms(v),
      target: '≤ 1000 ms',
      ok: v <= 1000,
    });
  }
  // Let the page settle (final renders, idle work).
  await page.waitForTimeout(1500);
  await page.getByTestId('timeline').focus();
  if (only.has('zoom')) {
    const times: number[] = [];
    const t0 = await page.evaluate(() => performance.now());
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 12; i++) times.push(await pressTimed(page, 'w'));
      for (let i = 0; i < 12; i++) times.push(await pressTimed(page, 's'));
    }
    const lt = await longtasks(page, t0);
    rows.push({
      what: `zoom (W/S) frame time p50 / p95 (n=${times.length}, max ${ms(Math.max(...times))})`,
      size: 'fleet-10k × 1 h',
      value: `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`,
      target: 'p95 ≤ 20 ms',
      ok: percentile(times, 95) <= 20,
    });
    console.log(`zoom: longest task ${ms(lt.max)}; frames ${times.map((t) => t.toFixed(0)).join(' ')}`);
  }
  if (only.has('pan')) {
    const times: number[] = [];
    await page.keyboard.press('Home');
    await page.waitForTimeout(300);
    for (const zoomIns of [0, 3, 6]) {
      for (let i = 0; i < zoomIns; i++) await pressTimed(page, 'w');
      await page.waitForTimeout(200);
      for (let i = 0; i < 10; i++) times.push(await pressTimed(page, 'd'));
      for (let i = 0; i < 10; i++) times.push(await pressTimed(page, 'a'));
      await page.keyboard.press('Home');
      await page.waitForTimeout(300);
    }
    rows.push({
      what: `pan (A/D) frame time p50 / p95 (n=${times.length}, max ${ms(Math.max(...times))})`,
      size: 'fleet-10k × 1 h',
      value: `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`,
      target: 'p95 ≤ 20 ms',
      ok: percentile(times, 95) <= 20,
    });
    console.log(`pan: frames ${times.map((t) => t.toFixed(0)).join(' ')}`);
  }
  await page.close();
}

/** One fleet-100k run in the page at full speed: its wall seconds (null: not done in the window) and long tasks. */
async function page100k(
  browser: Browser,
  url: string,
  windowS: number,
): Promise<{ seconds: number | null; longest: number; over50: number }> {
  const page = await newPage(browser);
  await open(page, `${url}#preset=fleet-100k&play=1`);
  const from = await page.evaluate(() => performance.now());
  await setMaxSpeed(page);
  const wall = Date.now();
  await page
    .locator('.app[data-run-status="done"]')
    .waitFor({ timeout: windowS * 1000 })
    .catch(() => undefined);
  const elapsed = (Date.now() - wall) / 1000;
  const lt = await longtasks(page, from);
  const sim = await page
    .getByLabel('Simulated time')
    .textContent()
    .catch(() => '?');
  const all = await page.evaluate(() => (window as unknown as { __bench: BenchWindow }).__bench.longtasks);
  const top = all
    .filter((e) => e.start >= from)
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 8)
    .map((e) => `${e.duration.toFixed(0)}@${((e.start - from) / 1000).toFixed(1)}s`);
  console.log(`fleet-100k: ${elapsed.toFixed(1)} s wall, simulated ${sim}; longest tasks ${top.join(' ')}`);
  const done = (await page.locator('.app[data-run-status="done"]').count()) > 0;
  await page.close();
  return { seconds: done ? elapsed : null, longest: lt.max, over50: lt.over50 };
}

/**
 * fleet-100k in the page, in the worker alone and in Node, `repeat` rounds taken in turn (this machine's
 * speed drifts by ±15 % from minute to minute), compared by their medians.
 */
async function bench100k(
  browser: Browser,
  url: string,
  rows: Row[],
  windowS: number,
  repeat: number,
): Promise<void> {
  const node: number[] = [];
  const alone: (number | null)[] = [];
  const pages: Awaited<ReturnType<typeof page100k>>[] = [];
  for (let round = 0; round < repeat; round++) {
    node.push(nodeSimSeconds('fleet-100k'));
    alone.push(await workerAloneSeconds(browser, url, windowS));
    pages.push(await page100k(browser, url, windowS));
  }
  rows.push(
    againstNode(
      'fleet-100k in the simulation worker alone (no page drawing) vs `npm run sim -- fleet-100k`',
      alone,
      node,
      windowS,
    ),
    againstNode(
      'fleet-100k as fast as possible: the page (worker) vs `npm run sim -- fleet-100k`',
      pages.map((p) => p.seconds),
      node,
      windowS,
    ),
  );
  const longest = Math.max(...pages.map((p) => p.longest));
  rows.push({
    what: `longest main-thread task while the worker runs (worst of ${repeat}: ${pages.map((p) => ms(p.longest)).join(', ')}; ${Math.max(...pages.map((p) => p.over50))} > 50 ms)`,
    size: 'fleet-100k × 1 h',
    value: ms(longest),
    target: '< 100 ms',
    ok: longest < 100,
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A row comparing fleet-100k runs in the browser (null: not done in time) with Node's, by medians. */
function againstNode(what: string, seconds: (number | null)[], nodeS: number[], windowS: number): Row {
  const runs = `n = ${seconds.length}: ${seconds.map((x) => (x === null ? '—' : x.toFixed(1))).join(', ')} vs ${nodeS.map((x) => x.toFixed(1)).join(', ')}`;
  const node = median(nodeS);
  if (seconds.some((x) => x === null))
    return {
      what: `${what} (${runs})`,
      size: 'fleet-100k × 1 h',
      value: `not done in ${windowS} s`,
      target: '≤ 1.2 ×',
      ok: false,
    };
  const browserS = median(seconds as number[]);
  return {
    what: `${what} (medians; ${runs})`,
    size: 'fleet-100k × 1 h',
    value: `${browserS.toFixed(1)} s vs ${node.toFixed(1)} s = ${(browserS / node).toFixed(2)} ×`,
    target: '≤ 1.2 ×',
    ok: browserS / node <= 1.2,
  };
}

/**
 * fleet-100k in the app's simulation worker alone, driven by its own protocol from a blank page of
 * the site: what the worker costs against Node, without the page's drawing competing for the CPU.
 * Seconds, or null when not done in the window.
 */
async function workerAloneSeconds(browser: Browser, url: string, windowS: number): Promise<number | null> {
  const asset = (await readdir(join('dist', 'assets'))).find((f) => /^simWorker-.*\.js$/.test(f));
  if (asset === undefined) throw new Error('no simWorker asset in dist/assets: run npm run build first');
  const preset = getPreset('fleet-100k');
  if (preset === undefined) throw new Error('no fleet-100k preset');
  const page = await browser.newPage();
  // Any page of the site's origin can start its module worker; a missing one draws nothing.
  await page.goto(`${url}no-such-page`);
  const ms = await page
    .evaluate(
      ({ workerUrl, scenario, timeoutMs }) =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(workerUrl, { type: 'module' });
          const started = performance.now();
          const timer = setTimeout(() => reject(new Error(`not done in ${timeoutMs} ms`)), timeoutMs);
          worker.onmessage = (
            e: MessageEvent<{
              type: string;
              message?: string;
              batch?: { length: number };
              progress?: { done: boolean };
            }>,
          ) => {
            const m = e.data;
            if (m.type === 'error') reject(new Error(m.message));
            if (m.batch !== undefined) worker.postMessage({ type: 'ack', rows: m.batch.length });
            if (m.progress?.done === true) {
              clearTimeout(timer);
              worker.terminate();
              resolve(performance.now() - started);
            }
          };
          worker.postMessage({ type: 'start', runId: 1, scenario, playing: true, speed: 'max' });
        }),
      { workerUrl: `${url}assets/${asset}`, scenario: preset.scenario, timeoutMs: windowS * 1000 },
    )
    .catch(() => null);
  await page.close();
  return ms === null ? null : ms / 1000;
}

/** The simulation's own wall time as `npm run sim -- <preset>` reports it (counters only, no startup). */
function nodeSimSeconds(preset: string): number {
  const output = execFileSync('npm', ['run', '--silent', 'sim', '--', preset], { encoding: 'utf8' });
  const match = /^wall time\s+([\d.]+) s$/m.exec(output);
  if (match === null) throw new Error(`npm run sim -- ${preset} printed no wall time:\n${output}`);
  return Number(match[1]);
}

async function benchJs(browser: Browser, url: string, rows: Row[]): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const scripts: string[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) scripts.push(r.url());
  });
  await open(page, url);
  await page.waitForLoadState('networkidle');
  let gzip = 0;
  for (const s of scripts) {
    const file = join('dist', new URL(s).pathname.slice(new URL(url).pathname.length));
    if (file.includes('simWorker')) continue;
    gzip += gzipSync(await readFile(file)).length;
  }
  rows.push({
    what: `JS for first paint (gzip, ${scripts.filter((s) => !s.includes('simWorker')).length} files, worker excluded)`,
    size: 'app',
    value: `${(gzip / 1000).toFixed(1)} kB`,
    target: '≤ 250 kB',
    ok: gzip <= 250_000,
  });
  await page.close();
}

function table(rows: Row[]): string {
  const header = ['what', 'size', 'value', 'target', 'met'];
  const cells = rows.map((r) => [
    r.what,
    r.size,
    r.value,
    r.target,
    r.ok === null ? '' : r.ok ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { strings } = readArgs(process.argv.slice(2), { strings: ['only', 'window-s', 'repeat'] });
  const only = new Set((strings.get('only') ?? 'js,100k,paint,zoom,pan').split(','));
  const windowS = Number(strings.get('window-s') ?? 60);
  const repeat = Math.max(1, Math.floor(Number(strings.get('repeat') ?? 3)));
  const site = await serveDist();
  const browser = await launchChromium();
  const rows: Row[] = [];
  try {
    if (only.has('js')) await benchJs(browser, site.url, rows);
    if (only.has('100k')) await bench100k(browser, site.url, rows, windowS, repeat);
    if (only.has('paint') || only.has('zoom') || only.has('pan'))
      await bench10k(browser, site.url, rows, only);
  } finally {
    await browser.close();
    await site.close();
  }
  console.log(table(rows));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
