// Pan and zoom maths. d3-zoom drives mouse wheel, drag and touch: its transform is kept relative to a
// fixed base scale (BASE_MS of trace time across the plot), and `transform.rescaleX(base)` gives the
// visible window, as in d3's own examples. Keyboard and overview moves change the viewport store
// instead; `transformForWindow` turns a window back into the transform d3-zoom must hold so the next
// gesture continues from there.

import { zoomIdentity, type ZoomTransform } from 'd3';
import { timeScale, type TimeScale } from './scales';

/** Trace time spanned by the plot at zoom scale k = 1. */
export const BASE_MS = 1000;
/** Narrowest window, ms (a few microseconds per pixel). */
export const MIN_WINDOW_MS = 0.5;
/** Each W/S key press zooms by this factor. */
export const KEY_ZOOM_FACTOR = 1.5;
/** Each A/D key press pans by this fraction of the window. */
export const KEY_PAN_FRACTION = 0.2;

/** The base scale for a plot spanning [x0, x1] px: domain [0, BASE_MS]. */
export function baseScale(x0: number, x1: number): TimeScale {
  return timeScale(0, BASE_MS, x0, x1);
}

/** The visible window for a d3-zoom transform over `base`. */
export function windowFromTransform(base: TimeScale, transform: ZoomTransform): [number, number] {
  const [t0, t1] = transform.rescaleX(base).domain();
  return [t0, t1];
}

/** The d3-zoom transform whose rescaleX(base) has domain [t0, t1] (y carried over unchanged). */
export function transformForWindow(base: TimeScale, t0: number, t1: number, y = 0): ZoomTransform {
  const [r0, r1] = base.range();
  const k = (r1 - r0) / (base(t1) - base(t0));
  const x = r0 - k * base(t0);
  return zoomIdentity.translate(x, y).scale(k);
}

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

/**
 * Zoom factor for a wheel event (d3-zoom's default wheel delta: 2 ^ (−deltaY × unit)), for handlers
 * outside d3-zoom such as the overview.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number, pinch = false): number {
  const unit = deltaMode === 1 ? 0.05 : deltaMode === 2 ? 1 : 0.002;
  return 2 ** (-deltaY * unit * (pinch ? 10 : 1));
}
