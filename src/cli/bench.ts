// `npm run bench [-- case …] [--repeat N]`: runs each benchmark case in a fresh Node process and prints
// a table (what, size, events, time, rate, peak memory). A case that simulates a fleet is followed, in
// the same bench run, by the bare loop of the same keep-alive model over the same fleet (bareLoop.ts)
// on a typed-array heap and on the calendar queue, each in its own process; "× bare" is the bare
// loop's time over the simulator's (1 = as fast as the bare loop). With --repeat N every process runs
// N times, interleaved, and the table shows medians. Figures are measured, never asserted.

import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BENCH_CASES, bare, type BenchResult } from './benchCases';

const RESULT_PREFIX = 'BENCH_RESULT ';

interface Row {
  name: string;
  sim: BenchResult;
  heap: BenchResult | null;
  calendar: BenchResult | null;
}

function runChild(args: string[]): BenchResult {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), ...args],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  const line = output.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (line === undefined) throw new Error(`bench ${args.join(' ')} printed no result:\n${output}`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult;
}

/** The run with the median time (the first of the two middle ones for an even count). */
function median(runs: BenchResult[]): BenchResult {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  return { ...sorted[(sorted.length - 1) >> 1], peakMb: Math.max(...runs.map((r) => r.peakMb)) };
}

function runCase(name: string, repeat: number): Row {
  const withBare = BENCH_CASES[name].fleet !== undefined;
  const sims: BenchResult[] = [];
  const heaps: BenchResult[] = [];
  const calendars: BenchResult[] = [];
  for (let i = 0; i < repeat; i++) {
    sims.push(runChild(['--case', name]));
    if (!withBare) continue;
    heaps.push(runChild(['--bare', name, 'heap']));
    calendars.push(runChild(['--bare', name, 'calendar']));
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

function main(argv: string[]): number {
  if (argv[0] === '--case' || argv[0] === '--bare') {
    const found = BENCH_CASES[argv[1]];
    if (found === undefined) throw new Error(`unknown bench case ${argv[1]}`);
    const fleet = found.fleet;
    let result: BenchResult;
    if (argv[0] === '--case') result = found.run();
    else if (fleet !== undefined && (argv[2] === 'heap' || argv[2] === 'calendar'))
      result = bare(fleet(), argv[2]);
    else throw new Error(`no bare loop for ${argv.slice(1).join(' ')}`);
    console.log(RESULT_PREFIX + JSON.stringify(result));
    return 0;
  }
  let repeat = 1;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--repeat') repeat = Number(argv[++i]);
    else names.push(argv[i]);
  }
  if (!Number.isInteger(repeat) || repeat < 1) {
    console.error('bench: --repeat takes a whole number of runs, 1 or more');
    return 2;
  }
  const chosen = names.length > 0 ? names : Object.keys(BENCH_CASES);
  const unknown = chosen.filter((n) => !(n in BENCH_CASES));
  if (unknown.length > 0) {
    console.error(
      `bench: unknown case ${unknown.join(', ')} (cases: ${Object.keys(BENCH_CASES).join(', ')})`,
    );
    return 2;
  }
  const loadBefore = load();
  const rows: Row[] = [];
  for (const name of chosen) {
    rows.push(runCase(name, repeat));
    console.error(`bench: ${name} done`);
  }
  console.log(table(rows));
  console.log(
    `\n${repeat > 1 ? `median of ${repeat} runs; ` : ''}load average (1 / 5 / 15 min): ${loadBefore} before, ${load()} after`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
