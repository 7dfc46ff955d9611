// Two clocks meet in this program: trace time (ms since a run or a live trace began, the `t` of every
// event) and wall-clock time (performance.now: frame budgets, deadlines, real timers). Both are bare
// numbers at run time; the brands keep one from being passed where the other is meant. A value gets
// its brand once, where it is read from its clock, through the functions below.

declare const traceBrand: unique symbol;
declare const wallBrand: unique symbol;

/** Trace time, ms since the trace's start. */
export type TraceMs = number & { readonly [traceBrand]: true };
/** Wall-clock time, ms of performance.now (or the same clock in Node). */
export type WallMs = number & { readonly [wallBrand]: true };

/** A trace time read from a trace, a scenario or the simulation's clock. */
export function traceMs(ms: number): TraceMs {
  return ms as TraceMs;
}

/** A wall-clock time read from performance.now or a timer's clock. */
export function wallMs(ms: number): WallMs {
  return ms as WallMs;
}

/** Now, on the wall clock. */
export function wallNow(): WallMs {
  return wallMs(performance.now());
}
