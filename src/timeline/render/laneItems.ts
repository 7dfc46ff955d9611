// Packets and markers of the visible lanes, from level-of-detail tiles: per lane and pixel the most
// important row. Packets are arrows from (send time, sender lane) to (arrival, receiver lane) — full
// arrows to the broker lane when few tall lanes are shown, short slanted ticks on the lane otherwise —
// and a lost packet's arrow stops half way with an ✕. Markers are drawn on top, then will arrows to
// each receiver's lane and labels where there is room. A collapsed group's row is an aggregate strip.

import { groupLaneKey, type LodTile } from '../lod';
import { groupOfHeader, isHeader } from '../laneLayout';
import { PRIORITY_LOST, KIND_PACKET, KIND_WILL } from '../priority';
import { SegmentBuffer } from './buffers';
import type { Draw2D } from './draw2d';
import { brokerArrowY, type FrameView, laneCentreY, rowTop, xOf } from './frameView';
import { heatLevel } from './heatStrips';
import { rowLabel } from './labels';
import { offerLabel, reserveLabelArea } from './labelLayer';
import { drawMarker, markerRadius, markerShapeOf } from './markers';
import { packetClassOf, packetStroke } from './packetStyle';

const DIR_C2B = 0;
/** Arrows drawn per will at most (a will delivered to thousands of subscribers). */
const MAX_WILL_ARROWS = 24;
/** Lanes shorter than this get no text beside their marks. */
const LABEL_LANE_HEIGHT = 18;

// Label priorities: what the viewer was pointed at, then the rare events, keep-alive packets, control, data.
const LABEL_EMPHASIS = 100;
const LABEL_MARKER = 40;
const LABEL_SESSION = 30;
const LABEL_PACKET = [20, 15, 5];

// Per style: [keep alive, control, data] × [c2b, b2c].
const segs = [0, 1, 2, 3, 4, 5].map(() => new SegmentBuffer());
const heads = [0, 1, 2, 3, 4, 5].map(() => new SegmentBuffer());
const lostSegs = new SegmentBuffer();
const markerRows: number[] = [];
const markerX: number[] = [];
const markerY: number[] = [];

/** Appends the two strokes of an arrowhead at (x1, y1) pointing from (x0, y0). */
export function arrowHead(
  buf: SegmentBuffer,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  size: number,
): void {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = Math.hypot(dx, dy);
  if (len < size * 1.5) return;
  const ux = dx / len;
  const uy = dy / len;
  const bx = x1 - ux * size;
  const by = y1 - uy * size;
  const px = -uy * size * 0.5;
  const py = ux * size * 0.5;
  buf.add(x1, y1, bx + px, by + py);
  buf.add(x1, y1, bx - px, by - py);
}

/** Collects one lane tile's items into the buffers. */
function collectTile(v: FrameView, tile: LodTile, laneY: number): void {
  const cols = v.model.columns;
  const { t, arrive, kind, dir } = cols;
  const full = v.fullArrows;
  const by = brokerArrowY(v);
  const stub = Math.min(v.laneHeight * 0.32, 9);
  const flightLost = v.model.typicalFlightMs;
  const xMin = v.geometry.plotX0 - 20;
  const xMax = v.geometry.plotX1 + 20;
  const markerGap = markerRadius(Math.max(v.laneHeight, 8), v.palette.scale) * 2.2;
  const labels = v.laneHeight >= LABEL_LANE_HEIGHT * v.palette.scale;
  const p = v.palette;
  for (let j = 0; j < tile.length; j++) {
    const row = tile.row[j];
    const x = xOf(v, t[row]);
    if (x > xMax) break;
    const pri = tile.priority[j];
    const second = tile.second[j];
    if (second >= 0 && x >= xMin) {
      // Another marker outranked in this pixel: beside the first.
      markerRows.push(second);
      markerX.push(xOf(v, t[second]) + markerGap);
      markerY.push(laneY);
    }
    if (kind[row] !== KIND_PACKET) {
      if (x >= xMin) {
        markerRows.push(row);
        markerX.push(x);
        markerY.push(laneY);
      }
      continue;
    }
    const d = dir[row];
    const a = arrive[row];
    const lost = a !== a;
    const xa = xOf(v, lost ? t[row] + flightLost / 2 : a);
    if (xa < xMin) continue;
    let y0: number;
    let y1: number;
    if (full) {
      y0 = d === DIR_C2B ? laneY : by;
      y1 = d === DIR_C2B ? by : laneY;
    } else {
      y0 = d === DIR_C2B ? laneY + stub : laneY - stub;
      y1 = d === DIR_C2B ? laneY - stub : laneY + stub;
    }
    if (lost) {
      const ym = (y0 + y1) / 2;
      lostSegs.add(x, y0, xa, ym);
      markerRows.push(row);
      markerX.push(xa);
      markerY.push(ym);
      continue;
    }
    const cls = packetClassOf(pri);
    const s = cls * 2 + (d === DIR_C2B ? 0 : 1);
    segs[s].add(x, y0, xa, y1);
    if (full || Math.abs(xa - x) >= 6) arrowHead(heads[s], x, y0, xa, y1, full ? 6 * p.scale : 4 * p.scale);
    if (labels && x >= v.geometry.plotX0) {
      // The packet's name beside the lane end of its arrow: a request above the lane's centre line, an
      // answer below it; whole or not at all ("PINGR…" says nothing).
      const c2b = d === DIR_C2B;
      const text = rowLabel(v.model, row);
      offerLabel({
        text,
        minChars: text.length,
        x: c2b ? x : xa,
        y: laneY,
        gap: 3 * p.scale,
        priority: v.emphasis?.has(row) === true ? LABEL_EMPHASIS : LABEL_PACKET[cls],
        fontPx: p.smallFontPx,
        row,
        rightOnly: true,
        oneSide: true,
        below: !c2b,
      });
    }
  }
}

/** Aggregate strip for a collapsed group's row: a heat cell per pixel, markers for notable rows. */
function drawGroupRow(ctx: Draw2D, v: FrameView, group: number, top: number): void {
  const key = groupLaneKey(group);
  const lut = v.palette.heat;
  const h = v.laneHeight;
  const tiles: LodTile[] = [];
  v.lod.forEachTile(key, v.tLo, v.tHi, v.res, (tile) => tiles.push(tile));
  const refMax = v.lod.referenceMax(key, v.res);
  const bw = Math.max(1, v.res * v.pxPerMs);
  const { t } = v.model.columns;
  for (const tile of tiles) {
    for (let j = 0; j < tile.length; j++) {
      const row = tile.row[j];
      const x = xOf(v, tile.t0 + tile.bucket[j] * tile.res);
      const l = heatLevel(tile.count[j], refMax);
      ctx.fillStyle = `rgb(${lut[l * 4]},${lut[l * 4 + 1]},${lut[l * 4 + 2]})`;
      ctx.fillRect(x, top + 2, bw, h - 4);
      const second = tile.second[j];
      if (second >= 0) {
        markerRows.push(second);
        markerX.push(xOf(v, t[second]) + markerRadius(Math.max(h, 8), v.palette.scale) * 2.2);
        markerY.push(top + h / 2);
      }
      if (tile.priority[j] >= PRIORITY_LOST) {
        markerRows.push(row);
        markerX.push(xOf(v, t[row]));
        markerY.push(top + h / 2);
      }
    }
  }
}

/** Draws packets and markers of the visible rows (detail mode). */
export function drawLaneItems(ctx: Draw2D, v: FrameView): void {
  markerRows.length = 0;
  markerX.length = 0;
  markerY.length = 0;
  const tiles: LodTile[] = [];
  for (let r = v.rowStart; r < v.rowEnd; r++) {
    const value = v.layout.rows[r];
    const top = rowTop(v, r);
    if (isHeader(value)) {
      const g = groupOfHeader(value);
      if (v.layout.collapsed.has(v.model.groups()[g].key)) drawGroupRow(ctx, v, g, top);
      continue;
    }
    tiles.length = 0;
    v.lod.forEachTile(value, v.tLo, v.tHi, v.res, (tile) => tiles.push(tile));
    for (const tile of tiles) collectTile(v, tile, top + v.laneHeight / 2);
  }
  const p = v.palette;
  ctx.save();
  // Data first, keep-alive traffic last: the subject is drawn on top.
  for (let s = 5; s >= 0; s--) {
    const stroke = packetStroke(p, s >> 1, s % 2 === 0);
    ctx.strokeStyle = stroke.colour;
    ctx.lineWidth = stroke.width;
    ctx.globalAlpha = stroke.alpha;
    segs[s].stroke(ctx);
    heads[s].stroke(ctx);
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = p.lost;
  ctx.lineWidth = 1.25 * p.scale;
  ctx.setLineDash([3, 2]);
  lostSegs.stroke(ctx);
  ctx.setLineDash([]);
  ctx.restore();
  drawMarkers(ctx, v);
}

function drawMarkers(ctx: Draw2D, v: FrameView): void {
  const r = markerRadius(Math.max(v.laneHeight, 8), v.palette.scale);
  const kinds = v.model.columns.kind;
  ctx.save();
  // Will arrows first, under the markers.
  ctx.strokeStyle = v.palette.will;
  ctx.lineWidth = 1.25 * v.palette.scale;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  let any = false;
  for (let i = 0; i < markerRows.length; i++) {
    const row = markerRows[i];
    if (kinds[row] !== KIND_WILL) continue;
    const receivers = v.model.willReceiversOf(row);
    const n = Math.min(receivers.length, MAX_WILL_ARROWS);
    for (let k = 0; k < n; k++) {
      const lane = receivers[k];
      if (lane < 0 || v.layout.rowOfLane[lane] < 0) continue;
      const g = v.geometry;
      const y = Math.max(g.lanesY, Math.min(g.lanesY + g.lanesH, laneCentreY(v, lane)));
      ctx.moveTo(markerX[i], markerY[i]);
      ctx.lineTo(markerX[i] + 10, y);
      any = true;
    }
  }
  if (any) ctx.stroke();
  ctx.setLineDash([]);
  for (let i = 0; i < markerRows.length; i++) {
    const shape = markerShapeOf(v.model, markerRows[i]);
    if (shape !== null) drawMarker(ctx, shape, markerX[i], markerY[i], r, v.palette);
  }
  // Will arrowheads at receivers.
  ctx.fillStyle = v.palette.will;
  for (let i = 0; i < markerRows.length; i++) {
    const row = markerRows[i];
    if (kinds[row] !== KIND_WILL) continue;
    const receivers = v.model.willReceiversOf(row);
    const n = Math.min(receivers.length, MAX_WILL_ARROWS);
    for (let k = 0; k < n; k++) {
      const lane = receivers[k];
      if (lane < 0 || v.layout.rowOfLane[lane] < 0) continue;
      const y = laneCentreY(v, lane);
      const g = v.geometry;
      if (y < g.lanesY || y > g.lanesY + g.lanesH) continue;
      const x = markerX[i] + 10;
      const up = y < markerY[i] ? 1 : -1;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x - 3.5, y + up * 7);
      ctx.lineTo(x + 3.5, y + up * 6);
      ctx.closePath();
      ctx.fill();
    }
  }
  offerMarkerLabels(v, r);
  ctx.restore();
}

/** Offers a label beside each marker that says something (not plain connection changes) and keeps
 * every marker's box free of text. */
function offerMarkerLabels(v: FrameView, r: number): void {
  const labels = v.laneHeight >= LABEL_LANE_HEIGHT * v.palette.scale;
  for (let i = 0; i < markerRows.length; i++) {
    const row = markerRows[i];
    reserveLabelArea(markerX[i] - r, markerY[i] - r, markerX[i] + r, markerY[i] + r);
    if (!labels) continue;
    const shape = markerShapeOf(v.model, row);
    if (shape === 'conn-open' || shape === 'conn-close' || shape === null) continue;
    const text = rowLabel(v.model, row);
    // Sessions are labelled when they say something: resumed (with what was queued), expired.
    if (shape === 'session' && text === 'session created') continue;
    offerLabel({
      text,
      x: markerX[i],
      y: markerY[i],
      gap: r + 1,
      priority:
        v.emphasis?.has(row) === true ? LABEL_EMPHASIS : shape === 'session' ? LABEL_SESSION : LABEL_MARKER,
      fontPx: v.palette.smallFontPx,
      row,
    });
  }
}
