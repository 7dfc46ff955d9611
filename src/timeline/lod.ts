// Level of detail, after Perfetto's track rendering: for a lane, a power-of-2 resolution (ms per
// pixel) and a tile of TILE_BUCKETS pixels, keep per pixel bucket the most important row and how many
// rows fell in it. Tiles are cached by (lane, resolution, tile index), so panning builds only the
// tiles that scroll into view and a frame draws at most one item per lane and pixel, whatever the
// size of the trace. A tile also carries the lane's deadline bands for its time range.

import { BROKER_LANE, type TimelineModel } from './model';
import { BandList, BROKER_GRACE, laneDeadlineBands } from './deadlines';
import { PRIORITY_FAULT, priorityOf } from './priority';
import { lowerBound } from '../base/search';

/** Pixels (buckets) per tile. */
export const TILE_BUCKETS = 256;

/** A lane key for a group's aggregate row (a collapsed group): all its lanes merged. */
export function groupLaneKey(group: number): number {
  return -2 - group;
}

export interface LodTile {
  /** Lane (≥ 0), BROKER_LANE, or groupLaneKey(g). */
  readonly lane: number;
  /** ms per bucket, a power of 2. */
  readonly res: number;
  readonly index: number;
  /** [t0, t1) = [index, index + 1) × TILE_BUCKETS × res. */
  readonly t0: number;
  readonly t1: number;
  /** Non-empty buckets, ascending: bucket number, representative row, its priority, rows in the bucket. */
  readonly length: number;
  readonly bucket: Uint16Array;
  readonly row: Uint32Array;
  readonly priority: Uint8Array;
  readonly count: Uint32Array;
  /**
   * A second marker of another kind in the bucket (-1: none): a timeout, will, take-over or fault that
   * the representative outranks, so a will published at the instant of its timeout still shows.
   */
  readonly second: Int32Array;
  /** Rows in the tile. */
  readonly total: number;
  /** Largest bucket count. */
  readonly maxCount: number;
  /** Deadline bands overlapping the tile (client lanes only, when the resolution can show them). */
  readonly bands: BandList | null;
  /** Model version it was built at; `final` when later rows can no longer change it. */
  readonly version: number;
  readonly final: boolean;
  /**
   * The store's rows below this one have been read: a tile that is not final is extended with the
   * rows appended since, not rebuilt. -1 for a group's aggregate row (rebuilt).
   */
  readonly seen: number;
}

/** The power-of-2 resolution (ms per bucket) for a scale of `msPerPx`: buckets are 1 to 2 px wide. */
export function resolutionFor(msPerPx: number): number {
  if (!(msPerPx > 0) || !Number.isFinite(msPerPx)) return 1;
  return 2 ** Math.ceil(Math.log2(msPerPx));
}

/** Tile indices [first, last] covering [t0, t1] at resolution `res`. */
export function tileRange(t0: number, t1: number, res: number): [number, number] {
  const span = TILE_BUCKETS * res;
  return [Math.floor(t0 / span), Math.floor(t1 / span)];
}

/** Scratch buffers shared by tile builds (one build at a time: single-threaded). */
const scratchRow = new Int32Array(TILE_BUCKETS);
const scratchPri = new Uint8Array(TILE_BUCKETS);
const scratchCount = new Uint32Array(TILE_BUCKETS);
const scratchSecond = new Int32Array(TILE_BUCKETS);
const scratchSecondPri = new Uint8Array(TILE_BUCKETS);
const scratchBands = new BandList();

const FAULT_MIN = PRIORITY_FAULT;

/** Deadline bands are drawn when the broker's 1.5 × K is at least this many buckets wide. */
const MIN_BAND_BUCKETS = 3;

/** Adds rows `from`..n-1 of `rows` (null: the store's) that fall in [t0, t1) to the scratch buckets. */
function accumulate(
  model: TimelineModel,
  rows: Uint32Array | null,
  n: number,
  t0: number,
  t1: number,
  res: number,
  from = 0,
): number {
  const { t, kind, packetType, arrive } = model.columns;
  const faultMin = FAULT_MIN;
  let total = 0;
  let i = Math.max(from, lowerBound(t, n, t0, rows));
  for (; i < n; i++) {
    const row = rows === null ? i : rows[i];
    const tr = t[row];
    if (tr >= t1) break;
    const b = Math.min(TILE_BUCKETS - 1, Math.floor((tr - t0) / res));
    const p = priorityOf(kind[row], packetType[row], arrive[row]);
    const c = ++scratchCount[b];
    if (c === 1) {
      scratchPri[b] = p;
      scratchRow[b] = row;
    } else if (p > scratchPri[b]) {
      // The displaced marker stays visible as the bucket's second marker.
      if (scratchPri[b] >= faultMin && scratchPri[b] > scratchSecondPri[b]) {
        scratchSecondPri[b] = scratchPri[b];
        scratchSecond[b] = scratchRow[b];
      }
      scratchPri[b] = p;
      scratchRow[b] = row;
    } else if (p < scratchPri[b] && p >= faultMin && p > scratchSecondPri[b]) {
      scratchSecondPri[b] = p;
      scratchSecond[b] = row;
    }
    total++;
  }
  return total;
}

function clearScratch(): void {
  scratchPri.fill(0);
  scratchCount.fill(0);
  scratchSecondPri.fill(0);
}

/** The rows a lane's tile reads: the lane's, or the store's for the broker lane (null). */
function sourceRows(model: TimelineModel, lane: number): { rows: Uint32Array | null; n: number } {
  if (lane === BROKER_LANE) return { rows: null, n: model.length };
  const rows = model.laneRows(lane);
  return { rows, n: rows.length };
}

/** Builds one tile from the model's rows. */
export function buildTile(model: TimelineModel, lane: number, res: number, index: number): LodTile {
  const t0 = index * TILE_BUCKETS * res;
  const t1 = (index + 1) * TILE_BUCKETS * res;
  clearScratch();
  if (lane < 0 && lane !== BROKER_LANE) {
    let total = 0;
    for (const l of model.groups()[-2 - lane].lanes) {
      const rows = model.laneRows(l);
      total += accumulate(model, rows, rows.length, t0, t1, res);
    }
    return packTile(model, lane, res, index, total, -1);
  }
  const { rows, n } = sourceRows(model, lane);
  return packTile(model, lane, res, index, accumulate(model, rows, n, t0, t1, res), model.length);
}

/**
 * The tile with the rows appended to its source since it was built (rows arrive in time order, so
 * its buckets only gain): O(new rows), where a rebuild reads every row of the tile again — a live
 * flood's newest tile holds hundreds of thousands.
 */
export function extendTile(model: TimelineModel, tile: LodTile): LodTile {
  if (tile.seen < 0) return buildTile(model, tile.lane, tile.res, tile.index);
  const { kind, packetType, arrive } = model.columns;
  clearScratch();
  for (let j = 0; j < tile.length; j++) {
    const b = tile.bucket[j];
    scratchRow[b] = tile.row[j];
    scratchPri[b] = tile.priority[j];
    scratchCount[b] = tile.count[j];
    const second = tile.second[j];
    if (second >= 0) {
      scratchSecond[b] = second;
      scratchSecondPri[b] = priorityOf(kind[second], packetType[second], arrive[second]);
    }
  }
  const { rows, n } = sourceRows(model, tile.lane);
  const from = rows === null ? tile.seen : lowerBound(rows, rows.length, tile.seen);
  const added = accumulate(model, rows, n, tile.t0, tile.t1, tile.res, from);
  return packTile(model, tile.lane, tile.res, tile.index, tile.total + added, model.length);
}

/**
 * The tile after the store dropped its oldest `k` rows, none of them the tile's own: its row indices
 * shifted down. Null when a row it refers to (a bucket's, or the send that began a deadline band) was
 * dropped: it must be built again.
 */
function shiftedTile(tile: LodTile, k: number): LodTile | null {
  for (let j = 0; j < tile.length; j++)
    if (tile.row[j] < k || (tile.second[j] >= 0 && tile.second[j] < k)) return null;
  const bands = tile.bands;
  if (bands !== null) for (let i = 0; i < bands.length; i++) if (bands.row[i] < k) return null;
  for (let j = 0; j < tile.length; j++) {
    tile.row[j] -= k;
    if (tile.second[j] >= 0) tile.second[j] -= k;
  }
  if (bands !== null) for (let i = 0; i < bands.length; i++) bands.row[i] -= k;
  return { ...tile, seen: tile.seen < 0 ? tile.seen : Math.max(0, tile.seen - k) };
}

/** The tile of the scratch buckets, with the lane's deadline bands. */
function packTile(
  model: TimelineModel,
  lane: number,
  res: number,
  index: number,
  total: number,
  seen: number,
): LodTile {
  const t0 = index * TILE_BUCKETS * res;
  const t1 = (index + 1) * TILE_BUCKETS * res;
  let length = 0;
  let maxCount = 0;
  for (let b = 0; b < TILE_BUCKETS; b++) if (scratchCount[b] > 0) length++;
  const bucket = new Uint16Array(length);
  const row = new Uint32Array(length);
  const priority = new Uint8Array(length);
  const count = new Uint32Array(length);
  const second = new Int32Array(length);
  let j = 0;
  for (let b = 0; b < TILE_BUCKETS; b++) {
    const c = scratchCount[b];
    if (c === 0) continue;
    bucket[j] = b;
    row[j] = scratchRow[b];
    priority[j] = scratchPri[b];
    count[j] = c;
    second[j] = scratchSecondPri[b] > 0 ? scratchSecond[b] : -1;
    if (c > maxCount) maxCount = c;
    j++;
  }
  let bands: BandList | null = null;
  if (lane >= 0 && model.laneKeepAliveMs(lane) * BROKER_GRACE >= MIN_BAND_BUCKETS * res) {
    scratchBands.length = 0;
    laneDeadlineBands(model, lane, t0, t1, res, scratchBands);
    bands = scratchBands.length > 0 ? scratchBands.trimmed() : null;
  }
  const lookAhead = model.maxKeepAliveMs * BROKER_GRACE + model.maxFlightMs;
  return {
    lane,
    res,
    index,
    t0,
    t1,
    length,
    bucket,
    row,
    priority,
    count,
    second,
    total,
    maxCount,
    bands,
    version: model.version,
    final: t1 + lookAhead <= model.lastTime,
    seen,
  };
}

/**
 * Tiles by (lane, resolution, tile index), least recently used evicted beyond `maxTiles`. A tile that
 * later rows could still change is rebuilt when the model's version moves on; the whole cache is
 * dropped when the model's epoch changes.
 */
export class LodCache {
  private readonly tiles = new Map<string, LodTile>();
  private readonly maxByLaneRes = new Map<string, number>();
  private epoch: number;
  /** The model's droppedRows when the tiles' row indices were last shifted. */
  private droppedRows: number;
  /** Tiles built from scratch, and tiles extended with new rows, since creation (for tests and stats). */
  builds = 0;
  extensions = 0;

  constructor(
    private readonly model: TimelineModel,
    private readonly maxTiles = 8192,
  ) {
    this.epoch = model.epoch;
    this.droppedRows = model.droppedRows;
  }

  get size(): number {
    return this.tiles.size;
  }

  tile(lane: number, res: number, index: number): LodTile {
    if (this.model.epoch !== this.epoch) {
      this.tiles.clear();
      this.maxByLaneRes.clear();
      this.epoch = this.model.epoch;
      this.droppedRows = this.model.droppedRows;
    }
    if (this.model.droppedRows !== this.droppedRows) this.shiftRows();
    const key = `${lane}:${res}:${index}`;
    const cached = this.tiles.get(key);
    if (cached !== undefined) {
      this.tiles.delete(key);
      if (cached.final || cached.version === this.model.version) {
        this.tiles.set(key, cached);
        return cached;
      }
    }
    // A tile later rows could change takes the rows appended since (the cache is dropped on a new
    // epoch, so its rows are still the model's).
    let built: LodTile;
    if (cached === undefined) {
      built = buildTile(this.model, lane, res, index);
      this.builds++;
    } else {
      built = extendTile(this.model, cached);
      this.extensions++;
    }
    const mk = `${lane}:${res}`;
    if (built.maxCount > (this.maxByLaneRes.get(mk) ?? 0)) this.maxByLaneRes.set(mk, built.maxCount);
    this.tiles.set(key, built);
    if (this.tiles.size > this.maxTiles) {
      const oldest = this.tiles.keys().next();
      if (!oldest.done) this.tiles.delete(oldest.value);
    }
    return built;
  }

  /**
   * The store dropped its oldest rows (a bounded live trace): tiles that began after the first held
   * row hold none of them and only shift their row indices; the few at the front are built again.
   */
  private shiftRows(): void {
    const k = this.model.droppedRows - this.droppedRows;
    this.droppedRows = this.model.droppedRows;
    const start = this.model.extent[0];
    for (const [key, tile] of this.tiles) {
      const shifted = tile.t0 > start ? shiftedTile(tile, k) : null;
      if (shifted === null) this.tiles.delete(key);
      else this.tiles.set(key, shifted);
    }
  }

  /** Calls `visit` for each tile of `lane` covering [t0, t1] at `res`, in time order. */
  forEachTile(lane: number, t0: number, t1: number, res: number, visit: (tile: LodTile) => void): void {
    const [first, last] = tileRange(t0, t1, res);
    for (let k = first; k <= last; k++) visit(this.tile(lane, res, k));
  }

  /** Largest bucket count seen in this lane's tiles at `res` (a colour scale that stays put while panning). */
  referenceMax(lane: number, res: number): number {
    return this.maxByLaneRes.get(`${lane}:${res}`) ?? 1;
  }

  clear(): void {
    this.tiles.clear();
    this.maxByLaneRes.clear();
  }
}
