// Keep-alive deadline bands as wedges that shrink to nothing at their deadline, so the viewer sees the
// time run out: the client's K window above the lane's centre line (sky blue), the broker's 1.5 × K
// deadline below it (orange). A band that reached its deadline gets a tick there (for the broker: the
// moment it gives up on the client). Each tile draws only its own time range, so a band spanning two
// tiles is not drawn twice.

import type { BandList } from '../deadlines';
import { BAND_BROKER, BAND_CLIENT } from '../deadlines';
import { isHeader } from '../laneLayout';
import type { LodTile } from '../lod';
import { QuadBuffer, SegmentBuffer } from './buffers';
import type { Draw2D } from './draw2d';
import { BAND_LANE_HEIGHT, type FrameView, rowTop, xOf } from './frameView';
import type { Palette } from '../theme';

const clientQuads = new QuadBuffer();
const brokerQuads = new QuadBuffer();
const expiryTicks = new SegmentBuffer();

/** The fill of a band of kind BAND_CLIENT (the client's K window) or BAND_BROKER (1.5 × K). */
export function bandFill(p: Palette, kind: number): string {
  return kind === BAND_BROKER ? p.bandBroker : p.bandClient;
}

/**
 * Adds the wedge of one band from xa to xb: `ha` px tall at xa, `hb` at xb (it shrinks to nothing at
 * its deadline), above the centre line for the client (sign −1), below for the broker (+1).
 */
export function addWedge(
  buf: QuadBuffer,
  xa: number,
  xb: number,
  centre: number,
  ha: number,
  hb: number,
  sign: number,
): void {
  buf.add(xa, centre, xa, centre + sign * ha, xb, centre + sign * hb, xb, centre);
}

/** Strokes the ticks where broker deadlines passed in silence (the moment it gives up). */
export function strokeExpiryTicks(ctx: Draw2D, p: Palette, ticks: SegmentBuffer): void {
  ctx.strokeStyle = p.timeout;
  ctx.lineWidth = 2 * p.scale;
  ticks.stroke(ctx);
}

function addBands(v: FrameView, bands: BandList, tile: LodTile, centre: number, half: number): void {
  for (let i = 0; i < bands.length; i++) {
    const start = bands.start[i];
    const end = bands.end[i];
    const deadline = bands.deadline[i];
    const a = Math.max(start, tile.t0, v.t0 - 1);
    const b = Math.min(end, tile.t1, v.t1 + 1);
    if (!(b > a)) continue;
    const full = deadline - start;
    const ha = full > 0 ? half * Math.max(0, (deadline - a) / full) : 0;
    const hb = full > 0 ? half * Math.max(0, (deadline - b) / full) : 0;
    const broker = bands.kind[i] === BAND_BROKER;
    const sign = broker ? 1 : -1;
    addWedge(broker ? brokerQuads : clientQuads, xOf(v, a), xOf(v, b), centre, ha, hb, sign);
    if (bands.expired[i] === 1 && broker && deadline >= tile.t0 && deadline < tile.t1) {
      const xd = xOf(v, deadline);
      expiryTicks.add(xd, centre, xd, centre + half);
    }
  }
}

export function drawDeadlineBands(ctx: Draw2D, v: FrameView): void {
  if (v.laneHeight < BAND_LANE_HEIGHT) return;
  const half = v.laneHeight / 2 - 2;
  const tiles: LodTile[] = [];
  for (let r = v.rowStart; r < v.rowEnd; r++) {
    const lane = v.layout.rows[r];
    if (isHeader(lane)) continue;
    const centre = rowTop(v, r) + v.laneHeight / 2;
    tiles.length = 0;
    v.lod.forEachTile(lane, v.t0, v.t1, v.res, (tile) => tiles.push(tile));
    for (const tile of tiles) if (tile.bands !== null) addBands(v, tile.bands, tile, centre, half);
  }
  const p = v.palette;
  ctx.save();
  ctx.fillStyle = bandFill(p, BAND_CLIENT);
  clientQuads.fill(ctx);
  ctx.fillStyle = bandFill(p, BAND_BROKER);
  brokerQuads.fill(ctx);
  strokeExpiryTicks(ctx, p, expiryTicks);
  ctx.restore();
}
