// Binary search over sorted numbers: the one lower and upper bound every time-ordered list of the
// project uses (trace rows by time, lane row lists, series steps). A list is either the values
// themselves or, with `index`, the values at those indices (a lane's rows into the trace's times).
// Typed-array friendly and allocation-free: they run in frame-time hot paths.

/** First i in [0, n) with values[index ? index[i] : i] >= x; n when none. */
export function lowerBound(
  values: ArrayLike<number>,
  n: number,
  x: number,
  index: ArrayLike<number> | null = null,
): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[index === null ? mid : index[mid]] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First i in [0, n) with values[index ? index[i] : i] > x; n when none. */
export function upperBound(
  values: ArrayLike<number>,
  n: number,
  x: number,
  index: ArrayLike<number> | null = null,
): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[index === null ? mid : index[mid]] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
