// Number formats of the calculator (fixed, not locale-dependent, so tests and screenshots are stable).
// Durations, counts and significant figures are the one set in src/base/format.ts.

import { formatCount, formatDuration, significant, trimZeros } from '../../base/format';

/** A detection delay for the table: 60.05 → "60.05 s", 4500.05 → "75 min". */
export function formatDelay(seconds: number): string {
  return seconds < 120 ? `${seconds.toFixed(2)} s` : formatDuration(seconds);
}

/** 120960 → "121 kB" (SI, 1 kB = 1000 bytes). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? significant(v, 0) : significant(v)} ${units[u]}`;
}

/** 1234567 → "1,234,567"; fractions to three significant figures. */
export function formatNumber(n: number): string {
  return Math.abs(n) >= 1000 ? formatCount(n) : significant(n);
}

/** Compact tick labels: 5 → "5", 1500 → "1.5k", 2e6 → "2M". */
export function formatTick(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units)
    if (Math.abs(n) >= size) return `${trimZeros((n / size).toFixed(1))}${suffix}`;
  return trimZeros(n >= 1 || n === 0 ? n.toFixed(1) : n.toPrecision(1));
}
