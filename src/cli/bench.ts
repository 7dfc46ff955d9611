// `npm run bench [-- case …]`: runs each benchmark case in a fresh Node process and prints a table
// (what, size, events, time, rate, peak memory). Figures are measured, never asserted.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_CASES, type BenchResult } from './benchCases';

const RESULT_PREFIX = 'BENCH_RESULT ';

function runCase(name: string): BenchResult {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--case', name],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  const line = output.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (line === undefined) throw new Error(`bench case ${name} printed no result:\n${output}`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult;
}

function table(rows: BenchResult[]): string {
  const header = ['what', 'size', 'events', 'time', 'rate', 'peak memory', 'note'];
  const cells = rows.map((r) => [
    r.what,
    r.size,
    r.events.toLocaleString('en-US'),
    `${(r.wallMs / 1000).toFixed(2)} s`,
    `${(((r.events / r.wallMs) * 1000) / 1e6).toFixed(2)} M/s`,
    `${r.peakMb} MB`,
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

const argv = process.argv.slice(2);
if (argv[0] === '--case') {
  const run = BENCH_CASES[argv[1]];
  if (run === undefined) throw new Error(`unknown bench case ${argv[1]}`);
  console.log(RESULT_PREFIX + JSON.stringify(run()));
} else {
  const names = argv.length > 0 ? argv : Object.keys(BENCH_CASES);
  const unknown = names.filter((n) => !(n in BENCH_CASES));
  if (unknown.length > 0) {
    console.error(
      `bench: unknown case ${unknown.join(', ')} (cases: ${Object.keys(BENCH_CASES).join(', ')})`,
    );
    process.exitCode = 2;
  } else {
    const rows: BenchResult[] = [];
    for (const name of names) {
      rows.push(runCase(name));
      console.error(`bench: ${name} done`);
    }
    console.log(table(rows));
  }
}
