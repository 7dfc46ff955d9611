// Fleet zoom: when lanes are only a few pixels tall (or less than one), each lane becomes a heat strip
// of packet density, and when several lanes share a pixel row their counts add up. A heat tile covers
// TILE_BUCKETS time buckets × HEAT_ROWS heat rows, each heat row `laneRes` display rows (a power of 2),
// so the number of tiles per frame is bounded by the screen, not by the fleet. Each cell also keeps the
// highest priority seen, so timeouts and wills still show as marks on the strip. Counts come from the
// model's rows, or from its `activity` (per-lane bucket counts) when the page does not hold every packet.

import type { LaneLayout } from './laneLayout';
import { groupOfHeader, isHeader } from './laneLayout';
import { TILE_BUCKETS } from './lod';
import type { LaneActivity, TimelineModel } from './model';
import { BROKER_GRACE } from './deadlines';
import { priorityOf } from './priority';
import { lowerBound } from '../base/search';

/** Store order beats lane order once a tile column covers more than 1 / this of the lanes. */
export const COLUMN_SCAN_RATIO = 16;

/** Heat rows per tile. */
export const HEAT_ROWS = 64;

export interface HeatTile {
  readonly res: number;
  readonly index: number;
  readonly laneRes: number;
  readonly block: number;
  readonly t0: number;
  readonly t1: number;
  /** First display row of the tile. */
  readonly row0: number;
  /** heatRow × TILE_BUCKETS + bucket → packets (or activity counts). */
  readonly counts: Float32Array;
  /** Same cells → highest row priority seen. */
  readonly marks: Uint8Array;
  readonly max: number;
  readonly version: number;
  /** Later rows can no longer change it (activity counts may: see `activity` and `activityGen`). */
  readonly final: boolean;
  /** The model's activity when built (null: none), and its generation then. */
  readonly activity: LaneActivity | null;
  readonly activityGen: number;
  /** A rendered image of the tile, set by the renderer (whatever its drawImage accepts). */
  image: unknown;
  /** The palette/normalisation the image was rendered with. */
  imageKey: string;
}

/** Display rows per heat row: 1 when lanes are at least 1 px tall, else a power of 2 ≥ 1 / laneHeight. */
export function laneResolutionFor(laneHeight: number): number {
  if (laneHeight >= 1) return 1;
  return 2 ** Math.ceil(Math.log2(1 / Math.max(laneHeight, 1e-6)));
}

function addLaneRows(
  model: TimelineModel,
  lane: number,
  t0: number,
  t1: number,
  res: number,
  cell0: number,
  counts: Float32Array,
  marks: Uint8Array,
  countRows: boolean,
): void {
  const { t, kind, packetType, arrive } = model.columns;
  const rows = model.laneRows(lane);
  const n = rows.length;
  for (let i = lowerBound(t, n, t0, rows); i < n; i++) {
    const row = rows[i];
    const tr = t[row];
    if (tr >= t1) break;
    const cell = cell0 + Math.min(TILE_BUCKETS - 1, Math.floor((tr - t0) / res));
    if (countRows) counts[cell]++;
    const p = priorityOf(kind[row], packetType[row], arrive[row]);
    if (p > marks[cell]) marks[cell] = p;
  }
}

/** Adds a lane's activity counts over [t0, t1) (spread evenly over the buckets an activity bucket spans). */
function addActivity(
  model: TimelineModel,
  lane: number,
  t0: number,
  res: number,
  cell0: number,
  counts: Float32Array,
): void {
  const a = model.activity;
  const arow = model.activityRowOf(lane);
  if (a === null || arow < 0) return;
  const base = arow * a.buckets;
  const t1 = t0 + TILE_BUCKETS * res;
  const first = Math.max(0, Math.floor(t0 / a.bucketMs));
  const last = Math.min(a.buckets - 1, Math.floor((t1 - 1e-9) / a.bucketMs));
  for (let k = first; k <= last; k++) {
    const c = a.counts[base + k];
    if (c !== 0) spreadBucket(c, k, a.bucketMs, t0, res, counts, cell0);
  }
}

/**
 * Spreads `c` packets of activity bucket `k` evenly over its time, into the tile buckets (from
 * `cell0`) of the tile starting at `t0`, in proportion to how much of each they cover.
 */
function spreadBucket(
  c: number,
  k: number,
  bucketMs: number,
  t0: number,
  res: number,
  counts: Float32Array,
  cell0: number,
): void {
  const s = Math.max(t0, k * bucketMs);
  const e = Math.min(t0 + TILE_BUCKETS * res, (k + 1) * bucketMs);
  const perMs = c / bucketMs;
  const b1 = Math.min(TILE_BUCKETS - 1, Math.ceil((e - t0) / res) - 1);
  for (let b = Math.floor((s - t0) / res); b <= b1; b++) {
    const cs = Math.max(s, t0 + b * res);
    const ce = Math.min(e, t0 + (b + 1) * res);
    if (ce > cs) counts[cell0 + b] += perMs * (ce - cs);
  }
}

/**
 * addActivity for many lanes at once: the activity counts are summed per heat row first (integers,
 * exact), then each heat row's sums are spread over the tile's buckets once, so the cost is one read
 * per lane and activity bucket instead of one spread per lane.
 */
function addActivityRows(
  model: TimelineModel,
  heatRowOfLane: Int32Array,
  heatRows: number,
  t0: number,
  res: number,
  counts: Float32Array,
): void {
  const a = model.activity;
  if (a === null) return;
  const t1 = t0 + TILE_BUCKETS * res;
  const first = Math.max(0, Math.floor(t0 / a.bucketMs));
  const last = Math.min(a.buckets - 1, Math.floor((t1 - 1e-9) / a.bucketMs));
  const span = last - first + 1;
  if (span <= 0) return;
  const sums = new Float64Array(heatRows * span);
  const used = new Uint8Array(heatRows);
  const src = a.counts;
  const stride = a.buckets;
  for (let lane = 0; lane < heatRowOfLane.length; lane++) {
    const hr = heatRowOfLane[lane];
    if (hr < 0) continue;
    const arow = model.activityRowOf(lane);
    if (arow < 0) continue;
    const base = arow * stride + first;
    const dst = hr * span;
    for (let k = 0; k < span; k++) sums[dst + k] += src[base + k];
    used[hr] = 1;
  }
  for (let hr = 0; hr < heatRows; hr++) {
    if (used[hr] === 0) continue;
    const cell0 = hr * TILE_BUCKETS;
    for (let j = 0; j < span; j++) {
      const c = sums[hr * span + j];
      if (c !== 0) spreadBucket(c, first + j, a.bucketMs, t0, res, counts, cell0);
    }
  }
}

const EMPTY_F32 = new Float32Array(0);
const EMPTY_U8 = new Uint8Array(0);

/** A tile's counts, before the cache gives it an image. */
export type HeatData = Omit<HeatTile, 'image' | 'imageKey'>;

function emptyTile(
  model: TimelineModel,
  res: number,
  index: number,
  laneRes: number,
  block: number,
  allocate = true,
): HeatData {
  const t0 = index * TILE_BUCKETS * res;
  const t1 = t0 + TILE_BUCKETS * res;
  const lookAhead = model.maxKeepAliveMs * BROKER_GRACE + model.maxFlightMs;
  return {
    res,
    index,
    laneRes,
    block,
    t0,
    t1,
    row0: block * HEAT_ROWS * laneRes,
    counts: allocate ? new Float32Array(HEAT_ROWS * TILE_BUCKETS) : EMPTY_F32,
    marks: allocate ? new Uint8Array(HEAT_ROWS * TILE_BUCKETS) : EMPTY_U8,
    max: 0,
    version: model.version,
    final: t1 + lookAhead <= model.lastTime,
    activity: model.activity,
    activityGen: model.activity?.generation ?? 0,
  };
}

function withMax(tile: HeatData): HeatData {
  let max = 0;
  const c = tile.counts;
  for (let i = 0; i < c.length; i++) if (c[i] > max) max = c[i];
  return { ...tile, max };
}

/** One heat tile, lane by lane (cheap when the tile covers few of the trace's lanes). */
export function buildHeatTile(
  model: TimelineModel,
  layout: LaneLayout,
  res: number,
  index: number,
  laneRes: number,
  block: number,
): HeatData {
  const tile = emptyTile(model, res, index, laneRes, block);
  const { t0, t1, counts, marks, row0 } = tile;
  const useActivity = model.activity !== null;
  const groups = model.groups();
  for (let h = 0; h < HEAT_ROWS; h++) {
    const start = row0 + h * laneRes;
    if (start >= layout.length) break;
    const end = Math.min(layout.length, start + laneRes);
    const cell0 = h * TILE_BUCKETS;
    for (let r = start; r < end; r++) {
      const v = layout.rows[r];
      if (isHeader(v)) {
        // A collapsed group's header stands for all its lanes; an expanded one for none.
        const g = groups[groupOfHeader(v)];
        if (!layout.collapsed.has(g.key)) continue;
        for (const lane of g.lanes) {
          addLaneRows(model, lane, t0, t1, res, cell0, counts, marks, !useActivity);
          if (useActivity) addActivity(model, lane, t0, res, cell0, counts);
        }
      } else {
        addLaneRows(model, v, t0, t1, res, cell0, counts, marks, !useActivity);
        if (useActivity) addActivity(model, v, t0, res, cell0, counts);
      }
    }
  }
  return withMax(tile);
}

/** Rows scanned between clock checks of a resumable column build. */
const SCAN_CHUNK = 16384;

/**
 * The tiles of row blocks [b0, b1] for one time tile in a single pass over the store's rows in time
 * order (sequential reads: covering most of a big fleet costs far less than lane by lane), in steps
 * that a frame or idle time can afford: `step` scans rows until a deadline, `finish` adds activity
 * counts and cuts the tiles. Valid only while the model's version stays the same.
 */
export class HeatColumnBuild {
  readonly version: number;
  private readonly nblocks: number;
  private readonly counts: Float32Array;
  private readonly marks: Uint8Array;
  private readonly heatRowOfLane: Int32Array;
  private readonly t0: number;
  private readonly t1: number;
  private i: number;
  private done = false;

  constructor(
    private readonly model: TimelineModel,
    layout: LaneLayout,
    readonly res: number,
    readonly index: number,
    readonly laneRes: number,
    readonly b0: number,
    readonly b1: number,
  ) {
    this.version = model.version;
    const nblocks = Math.max(0, b1 - b0 + 1);
    this.nblocks = nblocks;
    const cellsPerBlock = HEAT_ROWS * TILE_BUCKETS;
    this.counts = new Float32Array(nblocks * cellsPerBlock);
    this.marks = new Uint8Array(nblocks * cellsPerBlock);
    this.t0 = index * TILE_BUCKETS * res;
    this.t1 = this.t0 + TILE_BUCKETS * res;
    // Lane → heat row relative to the first block (-1: hidden or outside the blocks).
    const hr0 = b0 * HEAT_ROWS;
    const hrEnd = hr0 + nblocks * HEAT_ROWS;
    const heatRowOfLane = new Int32Array(model.laneCount);
    const rowOfLane = layout.rowOfLane;
    for (let lane = 0; lane < heatRowOfLane.length; lane++) {
      const r = rowOfLane[lane];
      const hr = r < 0 ? -1 : Math.floor(r / laneRes);
      heatRowOfLane[lane] = hr >= hr0 && hr < hrEnd ? hr - hr0 : -1;
    }
    this.heatRowOfLane = heatRowOfLane;
    this.i = nblocks > 0 ? lowerBound(model.columns.t, model.length, this.t0) : model.length;
    if (nblocks <= 0) this.done = true;
  }

  /** Scans rows until `deadline` (performance.now() ms; Infinity: to the end). True when done. */
  step(deadline: number): boolean {
    if (this.done) return true;
    const model = this.model;
    const { t, kind, packetType, arrive, client } = model.columns;
    const { counts, marks, heatRowOfLane, t0, t1 } = this;
    const useActivity = model.activity !== null;
    const laneOfClient = model.laneOfClient;
    const buckets = TILE_BUCKETS;
    const lastBucket = buckets - 1;
    const inv = 1 / this.res;
    const prio = priorityOf;
    const n = model.length;
    let i = this.i;
    while (i < n) {
      const stop = deadline === Infinity ? n : Math.min(n, i + SCAN_CHUNK);
      for (; i < stop; i++) {
        const tr = t[i];
        if (tr >= t1) {
          this.i = n;
          this.done = true;
          return true;
        }
        const c = client[i];
        if (c < 0) continue;
        const hr = heatRowOfLane[laneOfClient[c]];
        if (hr < 0) continue;
        let bucket = ((tr - t0) * inv) | 0;
        if (bucket > lastBucket) bucket = lastBucket;
        const cell = hr * buckets + bucket;
        if (!useActivity) counts[cell]++;
        const p = prio(kind[i], packetType[i], arrive[i]);
        if (p > marks[cell]) marks[cell] = p;
      }
      if (i < n && performance.now() >= deadline) {
        this.i = i;
        return false;
      }
    }
    this.i = n;
    this.done = true;
    return true;
  }

  /** The tiles (after `step` returned true). */
  finish(): HeatData[] {
    const { model, counts, marks, nblocks, b0, b1 } = this;
    if (nblocks <= 0) return [];
    if (model.activity !== null)
      addActivityRows(model, this.heatRowOfLane, nblocks * HEAT_ROWS, this.t0, this.res, counts);
    const cellsPerBlock = HEAT_ROWS * TILE_BUCKETS;
    const tiles: HeatData[] = [];
    for (let b = b0; b <= b1; b++) {
      const tile = emptyTile(model, this.res, this.index, this.laneRes, b, false);
      const from = (b - b0) * cellsPerBlock;
      tiles.push(
        withMax({
          ...tile,
          counts: counts.subarray(from, from + cellsPerBlock),
          marks: marks.subarray(from, from + cellsPerBlock),
        }),
      );
    }
    return tiles;
  }
}
