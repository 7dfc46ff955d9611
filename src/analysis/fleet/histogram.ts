// The distribution of the broker's detection delay (last packet received → keep-alive timeout), in
// seconds: bins of a width that reads well (0.1, 0.2, 0.5, 1, 2, 5 … s) over the range of the delays,
// plus the median and the extremes. The spec's broker gives exactly 1.5 × keep alive; real brokers
// spread (Mosquitto's sweep adds up to ~7 s), which is what the histogram shows.

export interface DelayHistogram {
  /** Delays counted. */
  readonly n: number;
  /** Left edge of bin 0, seconds. */
  readonly lo: number;
  /** Bin width, seconds. */
  readonly step: number;
  /** Delays per bin; bin i is [lo + i × step, lo + (i + 1) × step), the last one closed. */
  readonly counts: Uint32Array;
  readonly maxCount: number;
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** Bins shown at least, so a single value sits among empty neighbours instead of filling the panel. */
const MIN_BINS = 10;
/** Narrowest bin, seconds: brokers time out on whole seconds or 1.5 × K, never finer than this matters. */
const MIN_STEP_S = 0.1;

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw - 1e-12) return m * power;
  return 10 * power;
}

/** Histogram of `delaysMs` (milliseconds) with at most about `maxBins` bins; null when there are none. */
export function delayHistogram(delaysMs: ArrayLike<number>, maxBins = 20): DelayHistogram | null {
  const n = delaysMs.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(delaysMs, (ms) => ms / 1000).sort();
  const min = sorted[0];
  const max = sorted[n - 1];
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const bins = Math.max(MIN_BINS, maxBins);
  const step = Math.max(MIN_STEP_S, niceStep(Math.max(max - min, MIN_STEP_S) / bins));
  let first = Math.floor(min / step);
  let last = Math.max(first, Math.floor(max / step - 1e-9));
  // Pad a narrow range on both sides (never below 0 s).
  while (last - first + 1 < MIN_BINS) {
    if (first > 0) first--;
    if (last - first + 1 < MIN_BINS) last++;
  }
  const lo = first * step;
  const counts = new Uint32Array(last - first + 1);
  for (let i = 0; i < n; i++) {
    const bin = Math.min(counts.length - 1, Math.max(0, Math.floor((sorted[i] - lo) / step + 1e-9)));
    counts[bin]++;
  }
  let maxCount = 0;
  for (const c of counts) if (c > maxCount) maxCount = c;
  return { n, lo: clean(lo), step, counts, maxCount, min, median, max };
}

/** Drops binary fraction noise (0.1 × 3 = 0.30000000000000004). */
function clean(x: number): number {
  return Number(x.toFixed(9));
}
