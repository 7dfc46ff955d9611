// The time axis: a d3 linear scale from trace milliseconds to pixels, tick positions with steps that
// read well for time (…, 500 ms, 1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min, 2 min, 5 min, …), and their labels.

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

/** Decimals needed to tell apart times `step` ms apart, in seconds. */
function secondDecimals(step: number): number {
  if (step >= 1000) return 0;
  return Math.min(6, Math.max(1, Math.ceil(-Math.log10(step / 1000) - 1e-9)));
}

/** A tick label: "250 ms" below a second, "12.5 s", "1 min 30 s", "1 h 5 min". */
export function formatTick(time: number, step: number): string {
  // Rounding noise around zero (a window panned back to 0) is zero, not "−0".
  const ms = Math.abs(time) < 1e-6 ? 0 : time;
  const sign = ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  if (step < 1000 && a < 1000)
    return `${sign}${trimZeros(a.toFixed(Math.max(0, secondDecimals(step) - 3)))} ms`;
  if (a < MINUTE) return `${sign}${trimZeros((a / 1000).toFixed(secondDecimals(step)))} s`;
  const hours = Math.floor(a / 3_600_000);
  const minutes = Math.floor((a % 3_600_000) / MINUTE);
  const seconds = (a % MINUTE) / 1000;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0 || (hours > 0 && seconds > 0)) parts.push(`${minutes} min`);
  if (seconds > 0) parts.push(`${trimZeros(seconds.toFixed(secondDecimals(step)))} s`);
  return sign + (parts.length > 0 ? parts.join(' ') : '0 s');
}

/** A duration or time for labels and tooltips: "850 ms", "12.3 s", "2 min 5 s". */
export function formatTime(ms: number): string {
  const a = Math.abs(ms);
  if (a < 1000) return formatTick(ms, a < 10 ? 0.01 : a < 100 ? 0.1 : 1);
  if (a < MINUTE) return formatTick(ms, 1);
  return formatTick(Math.round(ms / 1000) * 1000, 1000);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
