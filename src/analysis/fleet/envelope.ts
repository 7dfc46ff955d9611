// A step series (connected clients) reduced to pixel columns: per column, the lowest and highest count
// at any moment in it, so a series that steps a hundred thousand times per screen still draws as one
// column each, and a brief dip or peak inside a column is not lost.

import type { ConnectedSeries } from '../connected';

/**
 * Fills lo[c] and hi[c] for columns c of [t0, t1) split into `columns` equal parts; columns that
 * start at or after `until` (nothing known there yet) get NaN. Returns the highest count seen.
 */
export function stepEnvelope(
  series: ConnectedSeries,
  t0: number,
  t1: number,
  columns: number,
  until: number,
  lo: Float32Array,
  hi: Float32Array,
): number {
  const width = (t1 - t0) / Math.max(1, columns);
  const { t, count, length } = series;
  // First step after t0: the count in force at t0 is the one before it.
  let a = 0;
  let b = length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (t[mid] <= t0) a = mid + 1;
    else b = mid;
  }
  let k = a;
  let current = k === 0 ? 0 : count[k - 1];
  let top = 0;
  for (let c = 0; c < columns; c++) {
    const left = t0 + c * width;
    if (left >= until) {
      lo[c] = NaN;
      hi[c] = NaN;
      continue;
    }
    const right = Math.min(t0 + (c + 1) * width, until);
    let min = current;
    let max = current;
    while (k < length && t[k] < right) {
      current = count[k++];
      if (current < min) min = current;
      if (current > max) max = current;
    }
    lo[c] = min;
    hi[c] = max;
    if (max > top) top = max;
  }
  return top;
}
