// `npm run bench [-- case …] [--repeat N]`: runs each benchmark case in a fresh Node process and prints
// a table (what, size, events, time, rate, peak memory). A case that simulates a fleet is followed, in
// the same bench run, by the bare loop of the same keep-alive model over the same fleet (bareLoop.ts)
// on a typed-array heap and on the calendar queue, each in its own process; "× bare" is the bare
// loop's time over the simulator's (1 = as fast as the bare loop). With --repeat N every process runs
// N times, interleaved, and the table shows medians. Figures are measured, never asserted.
//
// The child processes run this file bundled into plain JavaScript first (esbuild), as the code ships:
// a TypeScript loader in the process would add its own ~40 MB to every peak-memory figure.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_CASES, bare, type BenchResult } from './benchCases';

const RESULT_PREFIX = 'BENCH_RESULT ';

interface Row {
  name: string;
  sim: BenchResult;
  heap: BenchResult | null;
  calendar: BenchResult | null;
}

/** This file and everything it imports as one JavaScript module in `dir`; returns its path. */
async function bundleChild(dir: string): Promise<string> {
  // Imported here, not at the top: the bundle itself must not carry the bundler.
  const { build } = await import('esbuild');
  const outfile = join(dir, 'bench.mjs');
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    external: ['esbuild'],
  });
  return outfile;
}

function runChild(bundle: string, args: string[]): BenchResult {
  const output = execFileSync(process.execPath, [bundle, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = output.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (line === undefined) throw new Error(`bench ${args.join(' ')} printed no result:\n${output}`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult;
}

/** The run with the median time (the first of the two middle ones for an even count). */
function median(runs: BenchResult[]): BenchResult {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  return { ...sorted[(sorted.length - 1) >> 1], peakMb: Math.max(...runs.map((r) => r.peakMb)) };
}

function runCase(bundle: string, name: string, repeat: number): Row {
  const withBare = BENCH_CASES[name].fleet !== undefined;
  const sims: BenchResult[] = [];
  const heaps: BenchResult[] = [];
  const calendars: BenchResult[] = [];
  for (let i = 0; i < repeat; i++) {
    sims.push(runChild(bundle, ['--case', name]));
    if (!withBare) continue;
    heaps.push(runChild(bundle, ['--case', name, '--bare', 'heap']));
    calendars.push(runChild(bundle, ['--case', name, '--bare', 'calendar']));
  }
  return {
    name,
    sim: median(sims),
    heap: withBare ? median(heaps) : null,
    calendar: withBare ? median(calendars) : null,
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const rate = (r: BenchResult): string => `${(((r.events / r.wallMs) * 1000) / 1e6).toFixed(2)} M/s`;
const ratio = (sim: BenchResult, bareRun: BenchResult | null): string =>
  bareRun === null ? '' : (bareRun.wallMs / sim.wallMs).toFixed(2);

function table(rows: Row[]): string {
  const header = [
    'case',
    'what',
    'size',
    'events',
    'time',
    'rate',
    'peak memory',
    'bare heap',
    '× bare heap',
    'bare calendar',
    '× bare calendar',
    'note',
  ];
  const cells = rows.map(({ name, sim, heap, calendar }) => [
    name,
    sim.what,
    sim.size,
    sim.events.toLocaleString('en-US'),
    seconds(sim.wallMs),
    rate(sim),
    `${sim.peakMb} MB`,
    heap === null ? '' : `${seconds(heap.wallMs)} (${rate(heap)})`,
    ratio(sim, heap),
    calendar === null ? '' : `${seconds(calendar.wallMs)} (${rate(calendar)})`,
    ratio(sim, calendar),
    sim.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

/** One child process: a case, or the bare loop of a case's fleet on one queue. */
function child(name: string, bareQueue: string | undefined): number {
  const found = BENCH_CASES[name];
  if (found === undefined) throw new Error(`unknown bench case ${name}`);
  const fleet = found.fleet;
  let result: BenchResult;
  if (bareQueue === undefined) result = found.run();
  else if (fleet !== undefined && (bareQueue === 'heap' || bareQueue === 'calendar'))
    result = bare(fleet(), bareQueue);
  else throw new Error(`no bare loop for ${name} on ${bareQueue}`);
  console.log(RESULT_PREFIX + JSON.stringify(result));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.case !== undefined) return child(values.case, values.bare);
  const repeat = Number(values.repeat ?? '1');
  if (!Number.isInteger(repeat) || repeat < 1) {
    console.error('bench: --repeat takes a whole number of runs, 1 or more');
    return 2;
  }
  const chosen = positionals.length > 0 ? positionals : Object.keys(BENCH_CASES);
  const unknown = chosen.filter((n) => !(n in BENCH_CASES));
  if (unknown.length > 0) {
    console.error(
      `bench: unknown case ${unknown.join(', ')} (cases: ${Object.keys(BENCH_CASES).join(', ')})`,
    );
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'keepalive-bench-'));
  try {
    const bundle = await bundleChild(dir);
    const loadBefore = load();
    const rows: Row[] = [];
    for (const name of chosen) {
      rows.push(runCase(bundle, name, repeat));
      console.error(`bench: ${name} done`);
    }
    console.log(table(rows));
    console.log(
      `\n${repeat > 1 ? `median of ${repeat} runs; ` : ''}load average (1 / 5 / 15 min): ${loadBefore} before, ${load()} after`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      repeat: { type: 'string' },
      // The child's side: which case, and for its bare loop which queue.
      case: { type: 'string' },
      bare: { type: 'string' },
    },
  });
}

process.exitCode = await main(process.argv.slice(2));
