// What is under a point of the timeline, answered from the same level-of-detail tiles the frame drew
// (so what you click is what you saw): a packet or marker (its row, and how many rows its pixel stands
// for), else a deadline band (the row that started it), else a connection span (the event that began
// that state), else the lane. And the time × lanes rectangle of a drag-select.

import type { Region } from './geometry';
import { regionAt } from './geometry';
import { groupOfHeader, isHeader } from './laneLayout';
import type { LodTile } from './lod';
import { groupLaneKey } from './lod';
import { BROKER_LANE } from './model';
import { BAND_BROKER } from './deadlines';
import { KIND_PACKET, priorityOf } from './priority';
import { markerRadius } from './render/markers';
import { SpanSegments, SPAN_CONNECTING, SPAN_HALF_OPEN, SPAN_OPEN, connSegments } from './spans';
import { BAND_LANE_HEIGHT, type FrameView, rowAt, rowTop, tAt, xOf } from './render/frameView';

export type HitKind =
  | 'packet'
  | 'marker'
  | 'band'
  | 'span'
  | 'lane'
  | 'group'
  | 'broker'
  | 'axis'
  | 'overview'
  | 'gutter'
  | 'none';

export interface Hit {
  kind: HitKind;
  /** The trace row under the point (null: none). */
  row: number | null;
  /** Lane (≥ 0) or BROKER_LANE; null outside lanes. */
  lane: number | null;
  /** Display row under the point (null: not in the client lanes). */
  displayRow: number | null;
  /** Group index when the display row is a group header. */
  group: number | null;
  /** Time at the point, ms. */
  t: number;
  /** Rows the hit item's pixel stands for (level of detail), 0 when no item. */
  count: number;
  region: Region;
}

export interface RangeSelection {
  t0: number;
  t1: number;
  /** Client IDs of the lanes inside the rectangle (all of them when it covers the broker lane). */
  lanes: string[];
}

const seg = new SpanSegments();

function emptyHit(region: Region, t: number): Hit {
  return { kind: 'none', row: null, lane: null, displayRow: null, group: null, t, count: 0, region };
}

/** The nearest most important item of `tiles` within `radius` px of x; null when none. */
function nearestItem(
  v: FrameView,
  tiles: readonly LodTile[],
  x: number,
  radius: number,
): { row: number; count: number } | null {
  const { t, arrive, kind, packetType } = v.model.columns;
  const secondGap = markerRadius(Math.max(v.laneHeight, 8), v.palette.scale) * 2.2;
  let best = -1;
  let bestPri = -1;
  let bestDist = Infinity;
  let bestCount = 0;
  for (const tile of tiles) {
    for (let j = 0; j < tile.length; j++) {
      const row = tile.row[j];
      const xs = xOf(v, t[row]);
      let x0 = xs;
      let x1 = xs;
      if (kind[row] === KIND_PACKET) {
        const a = arrive[row];
        // On a client lane a packet runs from its send to its arrival; on the broker lane too.
        const xa = a === a ? xOf(v, a) : xOf(v, t[row] + v.model.typicalFlightMs / 2);
        x0 = Math.min(xs, xa);
        x1 = Math.max(xs, xa);
      }
      const d = x < x0 ? x0 - x : x > x1 ? x - x1 : 0;
      const second = tile.second[j];
      if (second >= 0) {
        // Drawn beside the representative (laneItems).
        const ds = Math.abs(xOf(v, t[second]) + secondGap - x);
        const ps = priorityOf(kind[second], packetType[second], arrive[second]);
        if (ds <= radius && ds < d && (ps > bestPri || (ps === bestPri && ds < bestDist))) {
          best = second;
          bestPri = ps;
          bestDist = ds;
          bestCount = 1;
          continue;
        }
      }
      if (d > radius) continue;
      const pri = tile.priority[j];
      if (pri > bestPri || (pri === bestPri && d < bestDist)) {
        best = row;
        bestPri = pri;
        bestDist = d;
        bestCount = tile.count[j];
      }
    }
  }
  return best < 0 ? null : { row: best, count: bestCount };
}

function tilesAround(v: FrameView, laneKey: number, x: number, radius: number): LodTile[] {
  const tiles: LodTile[] = [];
  const lo = tAt(v, x - radius) - v.model.maxFlightMs;
  const hi = tAt(v, x + radius);
  v.lod.forEachTile(laneKey, lo, hi, v.res, (tile) => tiles.push(tile));
  return tiles;
}

/** The hit at (x, y) in CSS px of the timeline canvas. */
export function hitTest(v: FrameView, x: number, y: number, radius = 6): Hit {
  const g = v.geometry;
  const region = regionAt(g, x, y);
  const t = tAt(v, x);
  const hit = emptyHit(region, t);
  if (region === 'overview' || region === 'axis' || region === 'outside') {
    hit.kind = region === 'outside' ? 'none' : region;
    return hit;
  }
  if (region === 'broker' || (region === 'gutter' && y < g.lanesY)) {
    hit.kind = region === 'gutter' ? 'gutter' : 'broker';
    hit.lane = BROKER_LANE;
    if (region === 'broker') {
      const item = nearestItem(v, tilesAround(v, BROKER_LANE, x, radius), x, radius);
      if (item !== null) {
        hit.row = item.row;
        hit.count = item.count;
      }
    }
    return hit;
  }
  const displayRow = rowAt(v, y);
  if (displayRow < 0) return hit;
  hit.displayRow = displayRow;
  const value = v.layout.rows[displayRow];
  if (isHeader(value)) {
    const group = groupOfHeader(value);
    hit.group = group;
    hit.kind = region === 'gutter' ? 'gutter' : 'group';
    if (region !== 'gutter' && v.layout.collapsed.has(v.model.groups()[group].key)) {
      const item = nearestItem(v, tilesAround(v, groupLaneKey(group), x, radius), x, radius);
      if (item !== null) {
        hit.kind = v.model.columns.kind[item.row] === KIND_PACKET ? 'packet' : 'marker';
        hit.row = item.row;
        hit.count = item.count;
      }
    }
    return hit;
  }
  const lane = value;
  hit.lane = lane;
  if (region === 'gutter') {
    hit.kind = 'gutter';
    return hit;
  }
  const item = nearestItem(v, tilesAround(v, lane, x, radius), x, radius);
  if (item !== null) {
    const cols = v.model.columns;
    const isPacket = cols.kind[item.row] === KIND_PACKET && cols.arrive[item.row] === cols.arrive[item.row];
    hit.kind = isPacket ? 'packet' : 'marker';
    hit.row = item.row;
    hit.count = item.count;
    return hit;
  }
  // A deadline band: the client's K window above the centre line, the broker's below.
  const centre = rowTop(v, displayRow) + v.laneHeight / 2;
  if (v.laneHeight >= BAND_LANE_HEIGHT) {
    const wantBroker = y >= centre;
    const tiles = tilesAround(v, lane, x, 0);
    for (const tile of tiles) {
      const b = tile.bands;
      if (b === null) continue;
      for (let i = 0; i < b.length; i++) {
        if ((b.kind[i] === BAND_BROKER) !== wantBroker) continue;
        if (t >= b.start[i] && t < b.end[i]) {
          hit.kind = 'band';
          hit.row = b.row[i];
          return hit;
        }
      }
    }
  }
  // A connection state span: the row of the event that began that state.
  const table = v.model.connections;
  for (const slot of v.model.laneConnections(lane)) {
    connSegments(table, slot, v.now, seg);
    for (let k = 0; k < seg.length; k++) {
      if (t < seg.start[k] || t >= seg.end[k]) continue;
      const state = seg.state[k];
      let row: number;
      if (state === SPAN_CONNECTING) row = table.clientOpenRow[slot];
      else if (state === SPAN_OPEN) row = table.brokerOpenRow[slot];
      else if (state === SPAN_HALF_OPEN) row = table.clientCloseRow[slot];
      else row = Math.max(table.clientCloseRow[slot], table.brokerCloseRow[slot]);
      if (row < 0) row = table.firstRow[slot];
      if (row < 0) break; // its events were dropped (a bounded live trace): the lane itself
      hit.kind = 'span';
      hit.row = row;
      return hit;
    }
  }
  hit.kind = 'lane';
  return hit;
}

/** The lanes and time range of a drag-select rectangle between (x0, y0) and (x1, y1). */
export function rangeSelection(v: FrameView, x0: number, y0: number, x1: number, y1: number): RangeSelection {
  const g = v.geometry;
  const ta = tAt(v, Math.max(g.plotX0, Math.min(x0, x1)));
  const tb = tAt(v, Math.min(g.plotX1, Math.max(x0, x1)));
  const top = Math.min(y0, y1);
  const bottom = Math.max(y0, y1);
  const model = v.model;
  if (top < g.lanesY) {
    const all: string[] = [];
    for (let lane = 0; lane < model.laneCount; lane++) all.push(model.laneId(lane));
    return { t0: ta, t1: tb, lanes: all };
  }
  const first = Math.max(0, Math.floor((top - g.lanesY + v.laneScroll) / v.laneHeight));
  const last = Math.min(v.layout.length - 1, Math.floor((bottom - g.lanesY + v.laneScroll) / v.laneHeight));
  const lanes: string[] = [];
  const seen = new Set<number>();
  const groups = model.groups();
  for (let r = first; r <= last; r++) {
    const value = v.layout.rows[r];
    let members: readonly number[] = [value];
    if (isHeader(value)) {
      // A collapsed group's header stands for its lanes; an expanded one's lanes are rows of their own.
      const group = groups[groupOfHeader(value)];
      members = v.layout.collapsed.has(group.key) ? group.lanes : [];
    }
    for (const lane of members) {
      if (seen.has(lane)) continue;
      seen.add(lane);
      lanes.push(model.laneId(lane));
    }
  }
  return { t0: ta, t1: tb, lanes };
}
