// Connection state bands behind each visible client lane: open (both sides hold it), connecting and
// closing (a side has yet to learn), half-open (the client is gone but the broker holds on, outlined
// with a dashed edge so it reads without colour), and closed (a dashed baseline where no connection is).

import { isHeader } from '../laneLayout';
import { SpanSegments, SPAN_HALF_OPEN, SPAN_OPEN, connSegments } from '../spans';
import { RectBuffer, SegmentBuffer } from './buffers';
import type { Draw2D } from './draw2d';
import { type FrameView, rowTop, xOf } from './frameView';

const seg = new SpanSegments();
const open = new RectBuffer();
const transient = new RectBuffer();
const halfOpen = new RectBuffer();
const halfOpenEdges = new SegmentBuffer();
const baselines = new SegmentBuffer();

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
  ctx.strokeStyle = p.spanClosed;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 3]);
  baselines.stroke(ctx);
  ctx.setLineDash([]);
  ctx.fillStyle = p.spanTransient;
  transient.fill(ctx);
  ctx.fillStyle = p.spanOpen;
  open.fill(ctx);
  ctx.fillStyle = p.spanHalfOpen;
  halfOpen.fill(ctx);
  ctx.strokeStyle = p.timeout;
  ctx.setLineDash([5, 3]);
  halfOpenEdges.stroke(ctx);
  ctx.setLineDash([]);
  ctx.restore();
}
