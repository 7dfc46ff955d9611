// Stories on the client lanes (src/timeline/stories.ts): a will waiting out its Will Delay Interval
// (hatched band under the lane's centre line, in the will's colour, ending in ◆ when published or in
// a struck-through ◇ when cancelled), a session the broker keeps for an offline client (a dotted band
// above the centre line, where its queued messages wait), and a client waiting in vain for PINGRESP
// (a bracket from its PINGREQ to the moment it gives up). Each gets a label where there is room.

import { formatSecondsBrief } from '../../base/format';
import { isHeader } from '../laneLayout';
import type { Story } from '../stories';
import { SegmentBuffer } from './buffers';
import type { Draw2D } from './draw2d';
import { BAND_LANE_HEIGHT, type FrameView, rowTop, xOf } from './frameView';
import { offerLabel } from './labelLayer';
import { diamondPath } from './markers';
import type { Palette } from '../theme';

const LABEL_STORY = 35;

/** Vertical extent of a story's band within a lane whose top is `top` and height `h`. */
export function storyBand(kind: Story['kind'], top: number, h: number): [number, number] {
  const centre = top + h / 2;
  switch (kind) {
    case 'will-pending':
      return [centre + 1, top + h - 2];
    case 'session-kept':
      return [top + 2, centre - 1];
    case 'ping-wait':
      return [top + h * 0.18, top + h * 0.18];
  }
}

const hatch = new SegmentBuffer();
const outline = new SegmentBuffer();

/** A will's pending window from x0 to x1 between y0 and y1: hatched fill and dashed edges. */
export function drawWillPending(
  ctx: Draw2D,
  p: Palette,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
): void {
  ctx.save();
  ctx.globalAlpha = 0.16;
  ctx.fillStyle = p.will;
  ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
  ctx.globalAlpha = 0.7;
  const step = 6 * p.scale;
  const hgt = y1 - y0;
  for (let x = x0 - hgt; x < x1; x += step) {
    const a = Math.max(x, x0);
    const b = Math.min(x + hgt, x1);
    if (b > a) hatch.add(a, y1 - (a - x), b, y1 - (b - x));
  }
  ctx.strokeStyle = p.will;
  ctx.lineWidth = 1 * p.scale;
  hatch.stroke(ctx);
  ctx.globalAlpha = 1;
  strokeEdges(ctx, x0, x1, y0, y1, [4, 3]);
  ctx.restore();
}

/** The top and bottom edges of a band, dashed. */
function strokeEdges(ctx: Draw2D, x0: number, x1: number, y0: number, y1: number, dash: number[]): void {
  ctx.setLineDash(dash);
  outline.add(x0, y0, x1, y0);
  outline.add(x0, y1, x1, y1);
  outline.stroke(ctx);
  ctx.setLineDash([]);
}

/** A session kept for an offline client from x0 to x1: a dotted outline on a faint fill. */
export function drawSessionKept(
  ctx: Draw2D,
  p: Palette,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
): void {
  ctx.save();
  ctx.fillStyle = p.sessionKept;
  ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
  ctx.strokeStyle = p.session;
  ctx.lineWidth = 1 * p.scale;
  strokeEdges(ctx, x0, x1, y0, y1, [1.5 * p.scale, 2.5 * p.scale]);
  ctx.restore();
}

/** A client's unanswered PINGREQ from x0 to x1 at height y: a bracket with end ticks. */
export function drawPingWait(ctx: Draw2D, p: Palette, x0: number, x1: number, y: number): void {
  const tick = 4 * p.scale;
  ctx.save();
  ctx.strokeStyle = p.timeout;
  ctx.lineWidth = 1.5 * p.scale;
  ctx.setLineDash([5, 3]);
  outline.add(x0, y, x1, y);
  outline.stroke(ctx);
  ctx.setLineDash([]);
  outline.add(x0, y - tick, x0, y + tick);
  outline.add(x1, y - tick, x1, y + tick);
  outline.stroke(ctx);
  ctx.restore();
}

/** A will cancelled before its delay ran out: a hollow diamond struck through. */
export function drawWillCancelled(ctx: Draw2D, p: Palette, x: number, y: number, r: number): void {
  ctx.save();
  ctx.strokeStyle = p.will;
  ctx.fillStyle = p.background;
  ctx.lineWidth = 1.5 * p.scale;
  ctx.beginPath();
  diamondPath(ctx, x, y, r);
  ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x - r, y + r);
  ctx.lineTo(x + r, y - r);
  ctx.stroke();
  ctx.restore();
}

/** The label a story gets at its start. */
export function storyLabel(s: Story, end: number): string {
  switch (s.kind) {
    case 'will-pending':
      return s.outcome === 'cancelled'
        ? `will held ${formatSecondsBrief(end - s.start, 1)}, then cancelled`
        : `will waits (Will Delay ${s.value} s)`;
    case 'session-kept':
      return s.outcome === 'resumed' && s.value > 0
        ? `session kept offline: ${s.value} queued`
        : 'session kept offline';
    case 'ping-wait':
      return `no PINGRESP for ${formatSecondsBrief(end - s.start, 1)}`;
  }
}

export function drawStories(ctx: Draw2D, v: FrameView): void {
  if (v.laneHeight < BAND_LANE_HEIGHT || v.model.stories.length === 0) return;
  const p = v.palette;
  const g = v.geometry;
  const list = v.model.stories.list;
  const r = Math.max(3, Math.min(6 * p.scale, v.laneHeight * 0.25));
  for (let row = v.rowStart; row < v.rowEnd; row++) {
    const lane = v.layout.rows[row];
    if (isHeader(lane)) continue;
    const top = rowTop(v, row);
    for (const i of v.model.stories.laneStories(lane)) {
      const s = list[i];
      const end = Number.isNaN(s.end) ? Math.max(s.start, v.now) : s.end;
      if (end < v.t0 || s.start > v.t1) continue;
      const x0 = Math.max(g.plotX0 - 2, xOf(v, s.start));
      const x1 = Math.min(g.plotX1 + 2, xOf(v, end));
      const [y0, y1] = storyBand(s.kind, top, v.laneHeight);
      if (s.kind === 'will-pending') {
        drawWillPending(ctx, p, x0, x1, y0, y1);
        if (s.outcome === 'cancelled') drawWillCancelled(ctx, p, x1, (y0 + y1) / 2, r);
      } else if (s.kind === 'session-kept') {
        drawSessionKept(ctx, p, x0, x1, y0, y1);
      } else {
        drawPingWait(ctx, p, x0, x1, y0);
      }
      if (x1 - x0 > 24)
        offerLabel({
          text: storyLabel(s, end),
          x: x0,
          y: (y0 + y1) / 2,
          gap: 2,
          priority: LABEL_STORY,
          fontPx: p.smallFontPx,
          row: s.endRow >= 0 ? s.endRow : s.startRow,
          rightOnly: true,
          below: s.kind === 'will-pending',
        });
    }
  }
}
