// Connection state bands behind each visible client lane: open (both sides hold it), connecting and
// closing (a side has yet to learn), half-open (the client is gone but the broker holds on, outlined
// with a dashed edge so it reads without colour), and closed (a dashed baseline where no connection is).

import { isHeader } from '../laneLayout';
import { SpanSegments, SPAN_CONNECTING, SPAN_HALF_OPEN, SPAN_OPEN, connSegments } from '../spans';
import type { Palette } from '../theme';
import { RectBuffer, SegmentBuffer } from './buffers';
import type { Draw2D } from './draw2d';
import { type FrameView, rowTop, xOf } from './frameView';

const seg = new SpanSegments();
const open = new RectBuffer();
const transient = new RectBuffer();
const halfOpen = new RectBuffer();
const halfOpenEdges = new SegmentBuffer();
const baselines = new SegmentBuffer();

/** The fill of a connection state (SPAN_* from spans.ts). */
export function spanFill(p: Palette, state: number): string {
  return state === SPAN_OPEN ? p.spanOpen : state === SPAN_HALF_OPEN ? p.spanHalfOpen : p.spanTransient;
}

/** Strokes the dashed edges of half-open spans (readable without colour). */
export function strokeHalfOpenEdges(ctx: Draw2D, p: Palette, edges: SegmentBuffer): void {
  ctx.strokeStyle = p.timeout;
  ctx.lineWidth = 1 * p.scale;
  ctx.setLineDash([5, 3]);
  edges.stroke(ctx);
  ctx.setLineDash([]);
}

/** Strokes the dashed baselines of lanes where no connection is. */
export function strokeClosedBaselines(ctx: Draw2D, p: Palette, lines: SegmentBuffer): void {
  ctx.strokeStyle = p.spanClosed;
  ctx.lineWidth = 1 * p.scale;
  ctx.setLineDash([2, 3]);
  lines.stroke(ctx);
  ctx.setLineDash([]);
}

export function drawSpans(ctx: Draw2D, v: FrameView): void {
  const g = v.geometry;
  const table = v.model.connections;
  const h = v.laneHeight;
  const pad = h >= 10 ? 2 : 0.5;
  for (let r = v.rowStart; r < v.rowEnd; r++) {
    const lane = v.layout.rows[r];
    if (isHeader(lane)) continue;
    const top = rowTop(v, r);
    baselines.add(g.plotX0, top + h / 2, g.plotX1, top + h / 2);
    const slots = v.model.laneConnections(lane);
    for (let i = 0; i < slots.length; i++) {
      connSegments(table, slots[i], v.now, seg);
      for (let k = 0; k < seg.length; k++) {
        if (seg.end[k] < v.t0 || seg.start[k] > v.t1) continue;
        const x0 = Math.max(g.plotX0 - 2, xOf(v, seg.start[k]));
        const x1 = Math.min(g.plotX1 + 2, xOf(v, seg.end[k]));
        if (x1 - x0 < 0.25) continue;
        const state = seg.state[k];
        const buf = state === SPAN_OPEN ? open : state === SPAN_HALF_OPEN ? halfOpen : transient;
        buf.add(x0, top + pad, x1 - x0, h - 2 * pad);
        if (state === SPAN_HALF_OPEN) {
          halfOpenEdges.add(x0, top + pad, x1, top + pad);
          halfOpenEdges.add(x0, top + h - pad, x1, top + h - pad);
        }
      }
    }
  }
  const p = v.palette;
  ctx.save();
  strokeClosedBaselines(ctx, p, baselines);
  ctx.fillStyle = spanFill(p, SPAN_CONNECTING);
  transient.fill(ctx);
  ctx.fillStyle = spanFill(p, SPAN_OPEN);
  open.fill(ctx);
  ctx.fillStyle = spanFill(p, SPAN_HALF_OPEN);
  halfOpen.fill(ctx);
  strokeHalfOpenEdges(ctx, p, halfOpenEdges);
  ctx.restore();
}
