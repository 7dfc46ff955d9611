// A visible time window [t0, t1] (ms of trace time) and the pure maths that moves it: zoom about a
// point, pan, and clamp to the trace. No d3, no store: the viewport store (src/state/viewport.ts) and
// the timeline's d3-zoom side (src/timeline/zoom.ts) both build on it.

/** Narrowest window, ms (a few microseconds per pixel). */
export const MIN_WINDOW_MS = 0.5;

/** Zooms [t0, t1] by `factor` (> 1 zooms in) keeping `centre` at the same place on screen. */
export function zoomWindow(t0: number, t1: number, factor: number, centre: number): [number, number] {
  const f = factor > 0 && Number.isFinite(factor) ? factor : 1;
  return [centre - (centre - t0) / f, centre + (t1 - centre) / f];
}

/** Moves [t0, t1] by `dt` ms. */
export function panWindow(t0: number, t1: number, dt: number): [number, number] {
  return [t0 + dt, t1 + dt];
}

/**
 * Keeps a window inside sensible bounds without changing what the user asked for more than needed:
 * at least MIN_WINDOW_MS wide, at most the extent plus half a window on either side, and never
 * scrolled so far that the extent leaves the screen entirely (shifted back, duration kept).
 */
export function clampWindow(t0: number, t1: number, extent: readonly [number, number]): [number, number] {
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) return [extent[0], Math.max(extent[1], extent[0] + 1000)];
  let a = Math.min(t0, t1);
  let b = Math.max(t0, t1);
  const span = Math.max(extent[1] - extent[0], 1000);
  const maxDuration = span * 2;
  let d = b - a;
  if (d < MIN_WINDOW_MS) {
    const c = (a + b) / 2;
    a = c - MIN_WINDOW_MS / 2;
    b = c + MIN_WINDOW_MS / 2;
    d = MIN_WINDOW_MS;
  } else if (d > maxDuration) {
    const c = (a + b) / 2;
    a = c - maxDuration / 2;
    b = c + maxDuration / 2;
    d = maxDuration;
  }
  const lo = extent[0] - d / 2;
  const hi = Math.max(extent[0], extent[1]) + d / 2;
  if (a < lo) {
    a = lo;
    b = lo + d;
  } else if (b > hi) {
    b = hi;
    a = hi - d;
  }
  return [a, b];
}
