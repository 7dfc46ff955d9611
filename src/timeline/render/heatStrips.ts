// Fleet zoom: heat tiles drawn as images (one drawImage per tile on a canvas) or, where images are
// not available (SVG export, tests), as runs of rectangles. Density maps through a log scale onto the
// theme's heat ramp; cells whose most important row is a fault or worse take that marker's
// colour, so a timeout in a 10 000-lane fleet is still a visible dot.

import { color } from 'd3';
import { HEAT_ROWS, type HeatTile } from '../heatTile';
import { TILE_BUCKETS } from '../lod';
import {
  PRIORITY_FAULT,
  PRIORITY_LOST,
  PRIORITY_TAKEOVER,
  PRIORITY_TIMEOUT,
  PRIORITY_WILL,
} from '../priority';
import type { Palette } from '../theme';
import type { Draw2D } from './draw2d';
import { type FrameView, rowTop, xOf } from './frameView';

/** Draws a tile's RGBA pixels (TILE_BUCKETS × HEAT_ROWS) stretched over a rectangle. */
export interface HeatImages {
  draw(
    tile: HeatTile,
    key: string,
    rgba: () => Uint8ClampedArray,
    x: number,
    y: number,
    w: number,
    h: number,
  ): void;
}

/** Cells whose most important row is at least this (timeouts, wills, take-overs, faults) show as marks. */
const MARK_MIN = PRIORITY_FAULT;

/** Heat level 0..255 for a count against the reference maximum (log scale; 0 stays 0). */
export function heatLevel(count: number, refMax: number): number {
  if (!(count > 0)) return 0;
  const v = Math.log1p(count) / Math.log1p(Math.max(refMax, 1));
  return Math.max(1, Math.min(255, Math.round(v * 255)));
}

function markColour(p: Palette, priority: number): string | null {
  if (priority >= PRIORITY_TIMEOUT) return p.timeout;
  if (priority >= PRIORITY_WILL) return p.will;
  if (priority >= PRIORITY_TAKEOVER) return p.takeover;
  if (priority >= PRIORITY_FAULT) return p.fault;
  if (priority >= PRIORITY_LOST) return p.lost;
  return null;
}

function rgbaOf(css: string): [number, number, number] {
  const c = color(css)?.rgb();
  return c === undefined ? [0, 0, 0] : [c.r, c.g, c.b];
}

/** The tile as RGBA pixels: one pixel per bucket and heat row. */
export function heatTileRgba(tile: HeatTile, refMax: number, palette: Palette): Uint8ClampedArray {
  const px = new Uint8ClampedArray(TILE_BUCKETS * HEAT_ROWS * 4);
  const lut = palette.heat;
  const markRgb = new Map<number, [number, number, number]>();
  for (let cell = 0; cell < tile.counts.length; cell++) {
    const m = tile.marks[cell];
    const o = cell * 4;
    if (m >= MARK_MIN) {
      let rgbm = markRgb.get(m);
      if (rgbm === undefined) {
        rgbm = rgbaOf(markColour(palette, m) ?? palette.text);
        markRgb.set(m, rgbm);
      }
      px[o] = rgbm[0];
      px[o + 1] = rgbm[1];
      px[o + 2] = rgbm[2];
      px[o + 3] = 255;
      continue;
    }
    const level = heatLevel(tile.counts[cell], refMax);
    if (level === 0) continue;
    px[o] = lut[level * 4];
    px[o + 1] = lut[level * 4 + 1];
    px[o + 2] = lut[level * 4 + 2];
    px[o + 3] = 255;
  }
  return px;
}

/** Heat levels are quantised to this many steps when drawn as rectangles (longer runs). */
const RECT_LEVELS = 16;

function drawTileRects(
  ctx: Draw2D,
  v: FrameView,
  tile: HeatTile,
  refMax: number,
  x: number,
  y: number,
): void {
  const bw = tile.res * v.pxPerMs;
  const rh = tile.laneRes * v.laneHeight;
  const lut = v.palette.heat;
  for (let h = 0; h < HEAT_ROWS; h++) {
    const ry = y + h * rh;
    if (ry + rh < v.geometry.lanesY || ry > v.geometry.lanesY + v.geometry.lanesH) continue;
    let runStart = 0;
    let runKey = -1;
    const flush = (end: number): void => {
      if (runKey <= 0) return;
      if (runKey >= 1000) {
        ctx.fillStyle = markColour(v.palette, runKey - 1000) ?? v.palette.text;
      } else {
        const l = Math.round((runKey / RECT_LEVELS) * 255);
        ctx.fillStyle = `rgb(${lut[l * 4]},${lut[l * 4 + 1]},${lut[l * 4 + 2]})`;
      }
      ctx.fillRect(x + runStart * bw, ry, (end - runStart) * bw, Math.max(rh, 0.5));
    };
    for (let b = 0; b < TILE_BUCKETS; b++) {
      const cell = h * TILE_BUCKETS + b;
      const m = tile.marks[cell];
      const key =
        m >= MARK_MIN ? 1000 + m : Math.ceil((heatLevel(tile.counts[cell], refMax) / 255) * RECT_LEVELS);
      if (key !== runKey) {
        flush(b);
        runStart = b;
        runKey = key;
      }
    }
    flush(TILE_BUCKETS);
  }
}

/** Heat strips for the visible display rows. */
export function drawHeatStrips(ctx: Draw2D, v: FrameView): void {
  if (v.rowEnd <= v.rowStart) return;
  const res = v.heatRes;
  const refMaxOf = (): number => v.heat.referenceMax(res, v.laneRes);
  const tiles: HeatTile[] = [];
  v.heat.forEachTile(
    v.layout,
    v.tLo,
    v.tHi,
    res,
    v.laneRes,
    v.rowStart,
    v.rowEnd,
    (tile) => tiles.push(tile),
    v.heatDeadline,
  );
  // The reference maximum may have grown while building this frame's tiles: read it after.
  const refMax = refMaxOf();
  v.heatScale = { refMax, res, laneRes: v.laneRes };
  const key = `${v.palette.name}:${refMax}`;
  for (const tile of tiles) {
    const x = xOf(v, tile.t0);
    const y = rowTop(v, tile.row0);
    const w = TILE_BUCKETS * tile.res * v.pxPerMs;
    const h = HEAT_ROWS * tile.laneRes * v.laneHeight;
    if (v.heatImages) v.heatImages.draw(tile, key, () => heatTileRgba(tile, refMax, v.palette), x, y, w, h);
    else drawTileRects(ctx, v, tile, refMax, x, y);
  }
}
