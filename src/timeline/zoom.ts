// Pan and zoom maths. d3-zoom drives mouse wheel, drag and touch: its transform is kept relative to a
// fixed base scale (BASE_MS of trace time across the plot), and `transform.rescaleX(base)` gives the
// visible window, as in d3's own examples. Keyboard and overview moves change the viewport store
// instead; `transformForWindow` turns a window back into the transform d3-zoom must hold so the next
// gesture continues from there. The window maths itself (zoom, pan, clamp) is in src/base/timeWindow.ts,
// below both this folder and the viewport store.

import { zoomIdentity, type ZoomTransform } from 'd3';
import { timeScale, type TimeScale } from './scales';

export { MIN_WINDOW_MS, clampWindow, panWindow, zoomWindow } from '../base/timeWindow';

/** Trace time spanned by the plot at zoom scale k = 1. */
export const BASE_MS = 1000;
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

/**
 * Zoom factor for a wheel event (d3-zoom's default wheel delta: 2 ^ (−deltaY × unit)), for handlers
 * outside d3-zoom such as the overview.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number, pinch = false): number {
  const unit = deltaMode === 1 ? 0.05 : deltaMode === 2 ? 1 : 0.002;
  return 2 ** (-deltaY * unit * (pinch ? 10 : 1));
}
