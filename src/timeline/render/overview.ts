// The overview strip: broker-side connected clients over the whole run (from analysis/connected), with
// the visible window highlighted. Clicking or dragging in it moves the window (TimelineView).

import type { ConnectedSeries } from '../../analysis/connected';
import { connectedAt } from '../../analysis/connected';
import type { FrameGeometry } from '../geometry';
import type { Draw2D } from './draw2d';
import type { FrameView } from './frameView';

/** x (px) in the overview of time t: the whole extent spans the plot's width. */
export function overviewX(g: FrameGeometry, extent: readonly [number, number], t: number): number {
  const span = Math.max(1, extent[1] - extent[0]);
  return g.plotX0 + ((t - extent[0]) / span) * (g.plotX1 - g.plotX0);
}

/** Time at overview x (px). */
export function overviewT(g: FrameGeometry, extent: readonly [number, number], x: number): number {
  const span = Math.max(1, extent[1] - extent[0]);
  return extent[0] + ((x - g.plotX0) / Math.max(1, g.plotX1 - g.plotX0)) * span;
}

let columnMax = new Float32Array(0);

/** Per pixel column, the most connections at any moment in it (a step series can change often per pixel). */
function columnMaxima(
  series: ConnectedSeries,
  g: FrameGeometry,
  extent: readonly [number, number],
  now: number,
): Float32Array {
  const w = Math.max(1, Math.ceil(g.plotX1 - g.plotX0));
  if (columnMax.length < w) columnMax = new Float32Array(w);
  const out = columnMax;
  out.fill(0, 0, w);
  // Each column starts with the count in force at its left edge.
  let k = 0;
  for (let c = 0; c < w; c++) {
    const tLeft = extent[0] + (c / w) * (extent[1] - extent[0]);
    const tRight = extent[0] + ((c + 1) / w) * (extent[1] - extent[0]);
    // Nothing is known after "now" (a run still streaming).
    if (tLeft > now) break;
    let m = connectedAt(series, tLeft);
    while (k < series.length && series.t[k] <= tLeft) k++;
    while (k < series.length && series.t[k] < tRight) {
      if (series.count[k] > m) m = series.count[k];
      k++;
    }
    out[c] = m;
  }
  return out;
}

export function drawOverview(ctx: Draw2D, v: FrameView, extent: readonly [number, number]): void {
  const g = v.geometry;
  const p = v.palette;
  const series = v.model.connectedSeries();
  const top = g.overviewY + 4;
  const h = g.overviewH - 8;
  ctx.save();
  ctx.fillStyle = p.laneStripe;
  ctx.fillRect(g.plotX0, top, g.plotX1 - g.plotX0, h);
  if (series.length > 0 && series.max > 0) {
    const cols = columnMaxima(series, g, extent, v.now);
    const w = Math.max(1, Math.ceil(g.plotX1 - g.plotX0));
    const scale = (h - 2) / series.max;
    ctx.fillStyle = p.overviewFill;
    ctx.beginPath();
    ctx.moveTo(g.plotX0, top + h);
    for (let c = 0; c < w; c++) {
      const y = top + h - cols[c] * scale;
      ctx.lineTo(g.plotX0 + c, y);
      ctx.lineTo(g.plotX0 + c + 1, y);
    }
    ctx.lineTo(g.plotX0 + w, top + h);
    ctx.closePath();
    ctx.fill();
    ctx.strokeStyle = p.overviewLine;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let c = 0; c < w; c++) {
      const y = top + h - cols[c] * scale;
      if (c === 0) ctx.moveTo(g.plotX0, y);
      else ctx.lineTo(g.plotX0 + c, y);
      ctx.lineTo(g.plotX0 + c + 1, y);
    }
    ctx.stroke();
  }
  // The visible window.
  const x0 = Math.max(g.plotX0, overviewX(g, extent, v.t0));
  const x1 = Math.min(g.plotX1, overviewX(g, extent, v.t1));
  ctx.fillStyle = p.windowFill;
  ctx.fillRect(x0, top, Math.max(2, x1 - x0), h);
  ctx.strokeStyle = p.windowStroke;
  ctx.lineWidth = 1.5;
  ctx.strokeRect(x0, top + 0.75, Math.max(2, x1 - x0), h - 1.5);
  // Label in the gutter.
  ctx.fillStyle = p.mutedText;
  ctx.font = p.smallFont;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  // Two lines around the strip's middle, as far apart as the text is tall (projector text is larger).
  const half = (p.smallFontPx + p.fontPx) / 4 + 1;
  ctx.fillText('clients connected', 8, top + h / 2 - half);
  ctx.fillStyle = p.text;
  ctx.font = p.font;
  ctx.fillText(series.max > 0 ? `up to ${series.max}` : 'none yet', 8, top + h / 2 + half);
  ctx.restore();
}
