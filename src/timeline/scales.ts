// The time axis: a d3 linear scale from trace milliseconds to pixels, tick positions with steps that
// read well for time (…, 500 ms, 1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min, 2 min, 5 min, …).

import { scaleLinear, tickStep, type ScaleLinear } from 'd3';

export type TimeScale = ScaleLinear<number, number>;

/** ms → px: [t0, t1] onto [x0, x1]. */
export function timeScale(t0: number, t1: number, x0: number, x1: number): TimeScale {
  return scaleLinear().domain([t0, t1]).range([x0, x1]);
}

/** Milliseconds per pixel of a window `t0..t1` drawn `width` px wide. */
export function msPerPixel(t0: number, t1: number, width: number): number {
  return (t1 - t0) / Math.max(1, width);
}

const MINUTE = 60_000;
/** Steps of a minute and more: the decimal steps d3 picks (50 s, 100 s) read badly as time. */
const LONG_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440].map((m) => m * MINUTE);
const SECOND_STEPS = [1000, 2000, 5000, 10_000, 15_000, 30_000];

/** A tick step (ms) giving about `count` ticks over [t0, t1]. */
export function timeTickStep(t0: number, t1: number, count: number): number {
  const span = Math.abs(t1 - t0);
  if (!(span > 0) || count <= 0) return 1;
  const raw = span / count;
  if (raw < 1000) return tickStep(0, span, count);
  for (const s of SECOND_STEPS) if (raw <= s) return s;
  for (const s of LONG_STEPS) if (raw <= s) return s;
  return LONG_STEPS[LONG_STEPS.length - 1] * Math.ceil(raw / LONG_STEPS[LONG_STEPS.length - 1]);
}

export interface Ticks {
  /** Tick times (ms), ascending. */
  values: number[];
  step: number;
}

/** Ticks across [t0, t1] about `minSpacingPx` apart on a `widthPx` axis. */
export function timeTicks(t0: number, t1: number, widthPx: number, minSpacingPx = 90): Ticks {
  const count = Math.max(1, Math.floor(widthPx / minSpacingPx));
  const step = timeTickStep(t0, t1, count);
  const values: number[] = [];
  const first = Math.ceil(t0 / step);
  for (let k = first; k * step <= t1 && values.length < 1000; k++) values.push(cleanMultiple(k, step));
  return { values, step };
}

/** k × step without binary fraction noise (0.1 × 3 = 0.30000000000000004). */
function cleanMultiple(k: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number((k * step).toFixed(Math.min(12, digits)));
}
