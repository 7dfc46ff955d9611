// The heat tile cache: which tiles a frame needs, built whole or column by column in slices under a
// frame's deadline, kept by key with their stale versions standing in while a column is rebuilt. How
// one tile is counted is heatTile.ts.

import {
  COLUMN_SCAN_RATIO,
  HEAT_ROWS,
  HeatColumnBuild,
  buildHeatTile,
  type HeatData,
  type HeatTile,
} from './heatTile';
import type { LaneLayout } from './laneLayout';
import { tileRange } from './lod';
import type { TimelineModel } from './model';

/**
 * Heat tiles by (resolution, tile, lane resolution, row block) for one lane layout; a new layout (a
 * group collapsed, lanes added) starts a new cache. Keeps a running maximum per resolution pair so
 * colours stay put while panning.
 */
export class HeatCache {
  private readonly tiles = new Map<string, HeatTile>();
  /** Tiles no longer valid, kept to stand in while their column is rebuilt in slices. */
  private readonly staleTiles = new Map<string, HeatTile>();
  private readonly maxByRes = new Map<string, number>();
  private layout: LaneLayout | null = null;
  private epoch = -1;
  private droppedRows = 0;
  /** A column being built in slices (for a frame with a deadline, or prefetched). */
  private job: HeatColumnBuild | null = null;
  builds = 0;
  /** True when the last forEachTile left missing columns for later (its deadline passed). */
  behind = false;

  constructor(
    private readonly model: TimelineModel,
    private readonly maxTiles = 1024,
  ) {}

  /** The reference maximum for colour scaling at (res, laneRes). */
  referenceMax(res: number, laneRes: number): number {
    return this.maxByRes.get(`${res}:${laneRes}`) ?? 1;
  }

  private reset(layout: LaneLayout): void {
    // Rows dropped from the store's front (a bounded live trace) change what every tile counted.
    if (
      layout !== this.layout ||
      this.model.epoch !== this.epoch ||
      this.model.droppedRows !== this.droppedRows
    ) {
      this.droppedRows = this.model.droppedRows;
      this.tiles.clear();
      this.staleTiles.clear();
      this.maxByRes.clear();
      this.layout = layout;
      this.epoch = this.model.epoch;
      this.job = null;
    }
  }

  /** The column job for these parameters: the current one if it matches, else a new one. */
  private jobFor(layout: LaneLayout, res: number, index: number, laneRes: number, b0: number, b1: number) {
    const job = this.job;
    if (
      job !== null &&
      job.version === this.model.version &&
      job.res === res &&
      job.index === index &&
      job.laneRes === laneRes &&
      job.b0 === b0 &&
      job.b1 === b1
    )
      return job;
    return (this.job = new HeatColumnBuild(this.model, layout, res, index, laneRes, b0, b1));
  }

  /** A cached tile still valid for the model, or null. */
  private cached(key: string): HeatTile | null {
    const cached = this.tiles.get(key);
    if (cached === undefined) return null;
    this.tiles.delete(key);
    if (!this.valid(cached)) {
      if (this.staleTiles.size >= this.maxTiles) this.staleTiles.clear();
      this.staleTiles.set(key, cached);
      return null;
    }
    this.tiles.set(key, cached);
    return cached;
  }

  /**
   * Rows: a final tile stays, others only at the version they were built at. Activity counts: the same
   * activity, and none of the buckets the tile covers changed since (when the activity keeps stamps;
   * otherwise only at the same version).
   */
  private valid(tile: HeatTile): boolean {
    const model = this.model;
    const sameVersion = tile.version === model.version;
    if (!tile.final && !sameVersion) return false;
    const a = model.activity;
    if (a !== tile.activity) return false;
    if (a === null || sameVersion) return true;
    const stamps = a.stamps;
    if (stamps === undefined || a.generation === undefined) return false;
    if (a.generation === tile.activityGen) return true;
    const first = Math.max(0, Math.floor(tile.t0 / a.bucketMs));
    const last = Math.min(a.buckets - 1, Math.floor((tile.t1 - 1e-9) / a.bucketMs));
    for (let k = first; k <= last; k++) if (stamps[k] > tile.activityGen) return false;
    return true;
  }

  private store(key: string, data: HeatData): HeatTile {
    const tile: HeatTile = { ...data, image: null, imageKey: '' };
    this.builds++;
    this.staleTiles.delete(key);
    const mk = `${tile.res}:${tile.laneRes}`;
    if (tile.max > (this.maxByRes.get(mk) ?? 0)) this.maxByRes.set(mk, tile.max);
    this.tiles.set(key, tile);
    while (this.tiles.size > this.maxTiles) {
      const oldest = this.tiles.keys().next();
      if (oldest.done) break;
      this.tiles.delete(oldest.value);
    }
    return tile;
  }

  tile(layout: LaneLayout, res: number, index: number, laneRes: number, block: number): HeatTile {
    this.reset(layout);
    const key = `${res}:${index}:${laneRes}:${block}`;
    return this.cached(key) ?? this.store(key, buildHeatTile(this.model, layout, res, index, laneRes, block));
  }

  /**
   * Tiles covering [t0, t1] × display rows [rowStart, rowEnd), in row-block then time order. Missing
   * tiles of one time column are built together in one pass over the store when they cover a good part
   * of the trace's lanes, lane by lane otherwise. With a `deadline` (performance.now() ms), a column
   * built by column stops there and goes on in the next call: meanwhile its stale tiles are visited
   * if there are any, and `behind` says more frames are needed.
   */
  forEachTile(
    layout: LaneLayout,
    t0: number,
    t1: number,
    res: number,
    laneRes: number,
    rowStart: number,
    rowEnd: number,
    visit: (tile: HeatTile) => void,
    deadline = Infinity,
  ): void {
    this.reset(layout);
    this.behind = false;
    const [first, last] = tileRange(t0, t1, res);
    const perBlock = HEAT_ROWS * laneRes;
    const b0 = Math.floor(rowStart / perBlock);
    const b1 = Math.floor(Math.max(rowStart, rowEnd - 1) / perBlock);
    const lanesCovered = (b1 - b0 + 1) * perBlock;
    const byColumn = lanesCovered * COLUMN_SCAN_RATIO >= this.model.laneCount;
    const ncols = last - first + 1;
    const nblocks = b1 - b0 + 1;
    const grid: (HeatTile | null)[] = new Array<HeatTile | null>(ncols * nblocks).fill(null);
    // At least one column is built per call (a slice never stops before its first chunk of rows).
    let outOfTime = false;
    for (let k = first; k <= last; k++) {
      let missing = false;
      for (let b = b0; b <= b1; b++) {
        const tile = this.cached(`${res}:${k}:${laneRes}:${b}`);
        grid[(b - b0) * ncols + (k - first)] = tile;
        if (tile === null) missing = true;
      }
      if (!missing) continue;
      if (byColumn) {
        const job = this.jobFor(layout, res, k, laneRes, b0, b1);
        if (outOfTime || !job.step(deadline)) {
          // Not this frame: the column's previous tiles (if any) stand in until it is built.
          this.behind = true;
          outOfTime = true;
          for (let b = b0; b <= b1; b++) {
            const at = (b - b0) * ncols + (k - first);
            grid[at] ??= this.staleTiles.get(`${res}:${k}:${laneRes}:${b}`) ?? null;
          }
          continue;
        }
        this.job = null;
        for (const data of job.finish()) {
          const tile = this.store(`${res}:${k}:${laneRes}:${data.block}`, data);
          grid[(data.block - b0) * ncols + (k - first)] = tile;
        }
        if (performance.now() >= deadline) outOfTime = true;
      } else {
        for (let b = b0; b <= b1; b++) {
          const at = (b - b0) * ncols + (k - first);
          if (grid[at] === null) grid[at] = this.tile(layout, res, k, laneRes, b);
        }
      }
    }
    for (const tile of grid) if (tile !== null) visit(tile);
  }

  /**
   * Idle-time work: builds the missing tiles a zoom step from this view would need (the next finer
   * and coarser resolutions, by column), in slices until `deadline` (performance.now() ms). Returns
   * true while work remains. Tiles built are the ones `forEachTile` would build, only earlier.
   */
  prefetch(
    layout: LaneLayout,
    t0: number,
    t1: number,
    res: number,
    laneRes: number,
    rowStart: number,
    rowEnd: number,
    deadline: number,
  ): boolean {
    this.reset(layout);
    const model = this.model;
    const perBlock = HEAT_ROWS * laneRes;
    const b0 = Math.floor(rowStart / perBlock);
    const b1 = Math.floor(Math.max(rowStart, rowEnd - 1) / perBlock);
    // Only where forEachTile builds by column (most of a fleet in view).
    if ((b1 - b0 + 1) * perBlock * COLUMN_SCAN_RATIO < model.laneCount) return false;
    const mid = (t0 + t1) / 2;
    const half = (t1 - t0) / 2;
    const wanted: [number, number, number][] = [];
    if (res > 1) wanted.push([res / 2, t0, t1]);
    wanted.push([res * 2, mid - 2 * half, mid + 2 * half]);
    for (const [r, w0, w1] of wanted) {
      const [first, last] = tileRange(Math.max(0, w0), Math.max(0, w1), r);
      for (let k = first; k <= last; k++) {
        let missing = false;
        for (let b = b0; b <= b1 && !missing; b++)
          if (this.peek(`${r}:${k}:${laneRes}:${b}`) === null) missing = true;
        if (!missing) continue;
        const job = this.jobFor(layout, r, k, laneRes, b0, b1);
        if (!job.step(deadline)) return true;
        for (const data of job.finish()) this.store(`${r}:${k}:${laneRes}:${data.block}`, data);
        this.job = null;
        if (performance.now() >= deadline) return true;
      }
    }
    return false;
  }

  /** A valid cached tile without touching its recency, or null. */
  private peek(key: string): HeatTile | null {
    const tile = this.tiles.get(key);
    return tile !== undefined && this.valid(tile) ? tile : null;
  }

  clear(): void {
    this.tiles.clear();
    this.staleTiles.clear();
    this.maxByRes.clear();
  }
}
