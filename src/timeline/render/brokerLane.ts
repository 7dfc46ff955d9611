// The broker lane, pinned on top: every packet passes through the broker, so it shows the whole
// trace's traffic as a density strip (bars per pixel), the most important event per pixel as a marker
// (a timeout anywhere in the fleet shows here even when its lane is scrolled away), and faults on the
// broker itself.

import type { LodTile } from '../lod';
import { BROKER_LANE } from '../model';
import { PRIORITY_FAULT } from '../priority';
import type { Draw2D } from './draw2d';
import { type FrameView, xOf } from './frameView';
import { heatLevel } from './heatStrips';
import { drawMarker, markerShapeOf } from './markers';

export function drawBrokerLane(ctx: Draw2D, v: FrameView): void {
  const g = v.geometry;
  const p = v.palette;
  const tiles: LodTile[] = [];
  v.lod.forEachTile(BROKER_LANE, v.t0, v.t1, v.res, (tile) => tiles.push(tile));
  const refMax = v.lod.referenceMax(BROKER_LANE, v.res);
  const barTop = g.brokerY + 14;
  const barH = g.brokerH - 16;
  const bw = Math.max(1, v.res * v.pxPerMs);
  const t = v.model.columns.t;
  ctx.save();
  ctx.fillStyle = p.overviewFill;
  ctx.beginPath();
  for (const tile of tiles) {
    for (let j = 0; j < tile.length; j++) {
      const x = xOf(v, tile.t0 + tile.bucket[j] * tile.res);
      const hgt = Math.max(1, (heatLevel(tile.count[j], refMax) / 255) * barH);
      ctx.rect(x, barTop + barH - hgt, bw, hgt);
    }
  }
  ctx.fill();
  for (const tile of tiles) {
    for (let j = 0; j < tile.length; j++) {
      if (tile.priority[j] < PRIORITY_FAULT) continue;
      const row = tile.row[j];
      const shape = markerShapeOf(v.model, row);
      if (shape !== null) drawMarker(ctx, shape, xOf(v, t[row]), g.brokerY + 8, 4, p);
    }
  }
  ctx.restore();
}
