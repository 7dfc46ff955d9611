// The frame's text labels, gathered from every layer that wants one (marks, packets, stories) and
// placed together at the end of the frame, so no label overlaps another whatever layer it came from
// (labelPlacement.ts), then drawn on a translucent plate so they read over bands and arrows.

import { LabelPlacer, placeLabels, type LabelCandidate, type PlacedLabel } from '../labelPlacement';
import type { Draw2D } from './draw2d';
import type { FrameView } from './frameView';

/** Labels considered per frame at most (a zoomed-out view of a busy lane has thousands of marks). */
const MAX_CANDIDATES = 600;

const candidates: LabelCandidate[] = [];
const reserved: number[] = [];

export function beginLabels(): void {
  candidates.length = 0;
  reserved.length = 0;
}

/** Offers a label; false once the frame has enough candidates. */
export function offerLabel(c: LabelCandidate): boolean {
  if (candidates.length >= MAX_CANDIDATES) return false;
  candidates.push(c);
  return true;
}

/** Keeps labels off a mark's box. */
export function reserveLabelArea(x0: number, y0: number, x1: number, y1: number): void {
  reserved.push(x0, y0, x1, y1);
}

/** Places the offered labels inside the plot and draws them; returns what was placed. */
export function drawLabels(ctx: Draw2D, v: FrameView): PlacedLabel[] {
  const g = v.geometry;
  const placer = new LabelPlacer({ x0: g.plotX0 + 1, y0: g.lanesY, x1: g.plotX1, y1: g.height });
  for (let i = 0; i < reserved.length; i += 4)
    placer.reserve(reserved[i], reserved[i + 1], reserved[i + 2], reserved[i + 3]);
  const placed = placeLabels(placer, candidates);
  const p = v.palette;
  ctx.save();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.globalAlpha = 0.78;
  ctx.fillStyle = p.background;
  for (const l of placed) ctx.fillRect(l.x, l.y, l.w, l.h);
  ctx.globalAlpha = 1;
  ctx.fillStyle = p.text;
  for (const l of placed) {
    ctx.font = l.fontPx === p.fontPx ? p.font : p.smallFont;
    ctx.fillText(l.text, l.x + 2, l.y + l.h / 2);
  }
  ctx.restore();
  return placed;
}
