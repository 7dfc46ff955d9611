// Number formats of the shell (fixed, not locale-dependent, so tests and screenshots are stable). Counts
// and seconds are the one set in src/base/format.ts; Controls and the live mount read them from here.

export { formatCount, formatSeconds } from '../base/format';

/** 1536 → "1.5 kB". */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}
