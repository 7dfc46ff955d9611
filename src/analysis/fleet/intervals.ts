// Per-interval sums of bucket counts, at the interval a zoom level needs: intervals are whole numbers
// of buckets with widths that read well (…, 1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min, …) and start at
// multiples of their width, so the same interval of a run always sums the same buckets. A cache keeps
// one sum array per interval width for the whole run (panning reuses it; a zoom step computes
// another, one pass over at most MAX_BUCKETS buckets) until the source's version changes.

import type { GridView } from './grid';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Interval widths (ms) the view may use, ascending. */
const NICE_INTERVALS = [
  10,
  20,
  50,
  100,
  200,
  500,
  1_000,
  2_000,
  5_000,
  10_000,
  15_000,
  30_000,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

/** The narrowest interval width that is a whole number of `bucketMs` buckets and at least `minMs`. */
export function chooseInterval(bucketMs: number, minMs: number): number {
  for (const ms of NICE_INTERVALS) if (ms >= minMs && ms >= bucketMs && ms % bucketMs === 0) return ms;
  return bucketMs * Math.max(1, Math.ceil(minMs / bucketMs));
}

export interface IntervalSums {
  /** Interval width, ms; interval i is [i × intervalMs, (i + 1) × intervalMs). */
  readonly intervalMs: number;
  readonly length: number;
  readonly cols: number;
  /** interval × cols + col → count. */
  readonly sums: Float64Array;
  /** Largest interval total over all columns (a stack's height). */
  readonly maxTotal: number;
  /** Largest single value. */
  readonly maxValue: number;
}

/**
 * Sums the view's buckets into intervals of `intervalMs` (a multiple of its bucket width), mapping
 * view column c to output column colMap[c] (several may add up into one).
 */
export function sumIntervals(
  view: GridView,
  colMap: Uint8Array,
  cols: number,
  intervalMs: number,
): IntervalSums {
  const per = Math.max(1, Math.round(intervalMs / view.bucketMs));
  const length = Math.ceil(view.buckets / per);
  const sums = new Float64Array(length * cols);
  const { counts, stride, offset } = view;
  const inCols = colMap.length;
  for (let b = 0; b < view.buckets; b++) {
    const dst = Math.floor(b / per) * cols;
    const src = b * stride + offset;
    for (let c = 0; c < inCols; c++) {
      const v = counts[src + c];
      if (v !== 0) sums[dst + colMap[c]] += v;
    }
  }
  let maxTotal = 0;
  let maxValue = 0;
  for (let i = 0; i < length; i++) {
    let total = 0;
    for (let c = 0; c < cols; c++) {
      const v = sums[i * cols + c];
      total += v;
      if (v > maxValue) maxValue = v;
    }
    if (total > maxTotal) maxTotal = total;
  }
  return { intervalMs: view.bucketMs * per, length, cols, sums, maxTotal, maxValue };
}

/** Interval sums by width for one source, dropped when the source or its version changes. */
export class IntervalCache {
  private source: object | null = null;
  private version = NaN;
  private readonly byWidth = new Map<number, IntervalSums>();

  constructor(
    private readonly colMap: Uint8Array,
    private readonly cols: number,
  ) {}

  /** `source`/`version` identify the data (e.g. a FleetSeries and its version). */
  get(source: object, version: number, view: GridView, intervalMs: number): IntervalSums {
    if (source !== this.source || version !== this.version) {
      this.source = source;
      this.version = version;
      this.byWidth.clear();
    }
    const key = intervalMs * 1e6 + view.bucketMs;
    let sums = this.byWidth.get(key);
    if (sums === undefined) {
      sums = sumIntervals(view, this.colMap, this.cols, intervalMs);
      this.byWidth.set(key, sums);
    }
    return sums;
  }
}
