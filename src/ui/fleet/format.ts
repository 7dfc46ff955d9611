// Numbers of the fleet strip: short enough for a 136 px gutter, fixed (not locale-dependent) so tests
// and screenshots are stable. Times and counts are the one set in src/base/format.ts.

import { formatSecondsBrief, trimZeros } from '../../base/format';

/** 3412 → "3.4 k", 100000 → "100 k", 2500000 → "2.5 M", 0.25 → "0.25", 12 → "12". */
export function formatCompact(n: number): string {
  const a = Math.abs(n);
  if (!Number.isFinite(n)) return '–';
  if (a < 10) return trimZeros(n.toFixed(a < 1 ? 2 : 1));
  if (a < 1000) return String(Math.round(n));
  if (a < 1e6) return `${trimZeros((n / 1e3).toFixed(a < 1e4 ? 1 : 0))} k`;
  if (a < 1e9) return `${trimZeros((n / 1e6).toFixed(a < 1e7 ? 1 : 0))} M`;
  return `${trimZeros((n / 1e9).toFixed(1))} G`;
}

/** Seconds with the decimals a value needs: 90 → "90 s", 7.25 → "7.25 s", 15.5 → "15.5 s". */
export function formatSecondsShort(s: number): string {
  return formatSecondsBrief(s * 1000, Math.abs(s) >= 10 ? 1 : 2);
}
