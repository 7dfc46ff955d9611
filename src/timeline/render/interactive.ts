// The interactive layer, redrawn on its own (hover, selection, drag, playhead) so moving the mouse never
// repaints lanes: the hovered item outlined with a tooltip, the selected row as a full arrow between
// its lane and the broker lane with a time guide, the selected range, the drag-select rectangle and
// the playhead.

import { BROKER_LANE } from '../model';
import { KIND_PACKET } from '../priority';
import { formatTime } from '../../base/format';
import type { Hit } from '../hitTest';
import type { Draw2D } from './draw2d';
import { approxTextWidth, fitText } from './draw2d';
import { brokerArrowY, type FrameView, laneCentreY, rowTop, xOf } from './frameView';
import { describeRow } from './labels';
import { markerRadius } from './markers';

export interface Overlay {
  hover: Hit | null;
  /** Pointer position for the tooltip. */
  pointer: { x: number; y: number } | null;
  selectedRow: number | null;
  /** A drag-selected range: its times and lanes (drawn over the rows showing them now). */
  range: { t0: number; t1: number; lanes: Int32Array; broker: boolean } | null;
  drag: { x0: number; y0: number; x1: number; y1: number } | null;
  playhead: number | null;
  /** Lanes (client IDs) and rows to emphasise with the highlighter (a lesson step, Find). */
  highlight: { lanes: readonly string[]; rows: readonly number[] } | null;
}

const DIR_C2B = 0;

/** y of a row's lane centre, clamped to the lanes viewport (the broker lane for broker rows). */
function laneY(v: FrameView, row: number): number {
  const lane = v.model.laneOfRow(row);
  const g = v.geometry;
  if (lane === BROKER_LANE || v.layout.rowOfLane[lane] < 0) return g.brokerY + g.brokerH / 2;
  return Math.max(g.lanesY + 2, Math.min(g.lanesY + g.lanesH - 2, laneCentreY(v, lane)));
}

/** Outlines one row: a packet as its full arrow to or from the broker lane, anything else as a ring. */
function outlineRow(ctx: Draw2D, v: FrameView, row: number, colour: string, width: number): void {
  const cols = v.model.columns;
  const t = cols.t[row];
  const y = laneY(v, row);
  const x = xOf(v, t);
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = width;
  if (cols.kind[row] === KIND_PACKET && v.model.laneOfRow(row) !== BROKER_LANE) {
    const a = cols.arrive[row];
    const lost = a !== a;
    const xa = xOf(v, lost ? t + v.model.typicalFlightMs / 2 : a);
    const by = brokerArrowY(v);
    const c2b = cols.dir[row] === DIR_C2B;
    const y0 = c2b ? y : by;
    let y1 = c2b ? by : y;
    if (lost) y1 = (y0 + y1) / 2;
    ctx.beginPath();
    ctx.moveTo(x, y0);
    ctx.lineTo(xa, y1);
    ctx.stroke();
    // Head.
    const dx = xa - x;
    const dy = y1 - y0;
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    ctx.beginPath();
    ctx.moveTo(xa, y1);
    ctx.lineTo(xa - ux * 8 - uy * 4, y1 - uy * 8 + ux * 4);
    ctx.lineTo(xa - ux * 8 + uy * 4, y1 - uy * 8 - ux * 4);
    ctx.closePath();
    ctx.fill();
    return;
  }
  ctx.beginPath();
  ctx.arc(x, y, markerRadius(Math.max(v.laneHeight, 8), v.palette.scale) + 4, 0, Math.PI * 2);
  ctx.stroke();
}

function drawTooltip(ctx: Draw2D, v: FrameView, text: string, x: number, y: number): void {
  const g = v.geometry;
  const w = Math.min(g.width - 8, approxTextWidth(text) + 16);
  const shown = fitText(text, w - 16);
  const h = 22;
  let tx = x + 14;
  let ty = y + 16;
  if (tx + w > g.width - 4) tx = Math.max(4, x - w - 10);
  if (ty + h > g.height - 4) ty = y - h - 10;
  ctx.fillStyle = v.palette.tooltipBackground;
  ctx.fillRect(tx, ty, w, h);
  ctx.fillStyle = v.palette.tooltipText;
  ctx.font = v.palette.font;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(shown, tx + 8, ty + h / 2);
}

/**
 * The highlighter: a named lane gets a broad stroke along its top and bottom edges (a frame, not a
 * tint: the wedges and bands inside keep the colours the legend gives them); a named row's mark gets a
 * broad stroke under it.
 */
function drawHighlight(ctx: Draw2D, v: FrameView, h: NonNullable<Overlay['highlight']>): void {
  const g = v.geometry;
  const p = v.palette;
  const edge = Math.max(2, 3 * p.scale);
  ctx.save();
  ctx.fillStyle = p.highlight;
  for (const id of h.lanes) {
    const lane = v.model.laneIndex(id);
    if (lane < 0 || v.layout.rowOfLane[lane] < 0) continue;
    const top = rowTop(v, v.layout.rowOfLane[lane]);
    if (top + v.laneHeight < g.lanesY || top > g.height) continue;
    ctx.fillRect(g.plotX0, Math.max(g.lanesY, top), g.plotX1 - g.plotX0, edge);
    ctx.fillRect(g.plotX0, top + v.laneHeight - edge, g.plotX1 - g.plotX0, edge);
  }
  for (const row of h.rows)
    if (row >= 0 && row < v.model.length) outlineRow(ctx, v, row, p.highlight, 9 * p.scale);
  ctx.restore();
}

/** Draws the overlay; `clear` false draws over what is there (image export). */
export function drawInteractive(ctx: Draw2D, v: FrameView, o: Overlay, clear = true): void {
  const g = v.geometry;
  const p = v.palette;
  ctx.save();
  if (clear) ctx.clearRect(0, 0, g.width, g.height);
  ctx.beginPath();
  ctx.rect(g.plotX0, g.overviewY, g.plotX1 - g.plotX0 + 8, g.height);
  ctx.clip();
  if (o.highlight !== null) drawHighlight(ctx, v, o.highlight);
  if (o.range !== null) {
    const x0 = xOf(v, o.range.t0);
    const x1 = xOf(v, o.range.t1);
    let first = Infinity;
    let last = -Infinity;
    for (const lane of o.range.lanes) {
      const r = lane < v.layout.rowOfLane.length ? v.layout.rowOfLane[lane] : -1;
      if (r < 0) continue;
      if (r < first) first = r;
      if (r > last) last = r;
    }
    const top = o.range.broker || first === Infinity ? g.brokerY : rowTop(v, first);
    const bottom = last === -Infinity ? g.brokerY + g.brokerH : rowTop(v, last) + v.laneHeight;
    ctx.fillStyle = p.selectionFill;
    ctx.fillRect(x0, top, x1 - x0, bottom - top);
    ctx.strokeStyle = p.selection;
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 3]);
    ctx.strokeRect(x0, top, x1 - x0, bottom - top);
    ctx.setLineDash([]);
  }
  if (o.selectedRow !== null && o.selectedRow >= 0 && o.selectedRow < v.model.length) {
    const x = xOf(v, v.model.columns.t[o.selectedRow]);
    ctx.strokeStyle = p.selection;
    ctx.globalAlpha = 0.35;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, g.brokerY);
    ctx.lineTo(x, g.height);
    ctx.stroke();
    ctx.globalAlpha = 1;
    outlineRow(ctx, v, o.selectedRow, p.selection, 2.5);
  }
  if (
    o.hover !== null &&
    o.hover.row !== null &&
    o.hover.row !== o.selectedRow &&
    o.hover.row < v.model.length
  ) {
    outlineRow(ctx, v, o.hover.row, p.hover, 2);
  }
  if (o.drag !== null) {
    const x = Math.min(o.drag.x0, o.drag.x1);
    const y = Math.min(o.drag.y0, o.drag.y1);
    ctx.fillStyle = p.selectionFill;
    ctx.fillRect(x, y, Math.abs(o.drag.x1 - o.drag.x0), Math.abs(o.drag.y1 - o.drag.y0));
    ctx.strokeStyle = p.selection;
    ctx.lineWidth = 1;
    ctx.strokeRect(x, y, Math.abs(o.drag.x1 - o.drag.x0), Math.abs(o.drag.y1 - o.drag.y0));
  }
  if (o.playhead !== null && Number.isFinite(o.playhead)) {
    const x = Math.round(xOf(v, o.playhead)) + 0.5;
    if (x >= g.plotX0 && x <= g.plotX1) {
      ctx.strokeStyle = p.playhead;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x, g.axisY);
      ctx.lineTo(x, g.height);
      ctx.stroke();
    }
  }
  ctx.restore();
  if (o.hover !== null && o.pointer !== null) {
    let text: string | null = null;
    if (o.hover.row !== null && o.hover.row < v.model.length) {
      text = describeRow(v.model, o.hover.row);
      if (o.hover.kind === 'band') text = `deadline from: ${text}`;
      else if (o.hover.kind === 'span') text = `connection: ${text}`;
      if (o.hover.count > 1) text += ` (+${o.hover.count - 1} more here)`;
    } else if (o.hover.kind === 'axis') {
      text = `${formatTime(o.hover.t)} — click to seek`;
    }
    if (text !== null) drawTooltip(ctx, v, text, o.pointer.x, o.pointer.y);
  }
}
