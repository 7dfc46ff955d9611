// The comparison as a readable table: one line per row, columns padded, the verdict last.

import type { Comparison, CompareRow, TraceLabel } from './compare';
import { printable } from './printable';

function describe(label: TraceLabel): string {
  if (label.source === 'sim') return `sim, profile ${label.profile ?? 'spec'}`;
  return `live${label.startedAt ? ` ${label.startedAt}` : ''}`;
}

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

const verdict = (r: CompareRow): string =>
  r.ok ? `ok${r.note ? ` (${r.note})` : ''}` : `DIFFERS: ${r.note}`;

/**
 * `names`: how to call the two traces in the header (file names). Everything that came from a trace
 * is shown through `printable`: a client ID is never a terminal command.
 */
export function formatComparison(c: Comparison, names: [string, string] = ['a', 'b']): string {
  const t = c.tolerances;
  const lines = [
    `scenario   ${printable(c.scenarioName ?? '(none in the headers)')}`,
    `a          ${printable(names[0])} (${printable(describe(c.a))})`,
    `b          ${printable(names[1])} (${printable(describe(c.b))})`,
    `tolerance  profile ${t.profile}; timing ± ${t.slackMs} ms, predictions ± ${t.predictionMs} ms` +
      (t.delayedWillSlackMs > 0 ? `, delayed wills + ${t.delayedWillSlackMs} ms` : ''),
    '',
    ...table([
      ['client', 'aspect', 'a', 'b', 'verdict'],
      ...c.rows.map((r) => [r.client, r.aspect, r.a, r.b, verdict(r)].map(printable)),
    ]),
  ];
  if (c.notes.length > 0) lines.push('', ...c.notes.map((n) => `note: ${printable(n)}`));
  lines.push(
    '',
    c.mismatches === 0
      ? `result: the traces agree (${c.rows.length} rows)`
      : `result: ${c.mismatches} of ${c.rows.length} rows differ`,
  );
  return lines.join('\n');
}
