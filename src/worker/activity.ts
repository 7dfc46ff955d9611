// Activity counts for the page's fleet view: per lane and time bucket, and per packet type and time
// bucket (the fleet's traffic mix, which the page cannot count from the rows it gets in a sampled run);
// packed for postMessage and merged on the page.

import { PACKET_TYPE_COUNT, emptyPacketTypeCounts, type PacketTypeCounts } from '../analysis/fleet/buckets';
import type { ActivityDelta, LaneActivity, PacketTypeDelta } from './protocol';

/**
 * Counts packets per lane and time bucket, and per packet type and time bucket (all lanes, on the
 * fleet view's grid); remembers which buckets changed since the last `takeDirty`.
 */
export class ActivityCounter {
  readonly lanes: string[];
  readonly bucketMs: number;
  readonly buckets: number;
  /** Packets of all lanes per packet type and time bucket. */
  readonly types: PacketTypeCounts;
  /**
   * Bucket-major, counts[bucket × lanes + lane]; the page's layout is lane-major. A run's packets come
   * in time order, so counting bucket by bucket writes within one row of lanes (400 kB for 100 000
   * lanes, in cache) instead of striding over the whole grid, a cache miss per packet that was the
   * worker's hottest line. `snapshot` and `takeDirty` hand out lane-major copies.
   */
  private readonly counts: Uint32Array;
  private dirtyFrom = Infinity;
  private dirtyTo = -1;
  private typesFrom = Infinity;
  private typesTo = -1;
  // The times [spanFrom, spanTo) share one lane bucket and one type bucket, whose rows start at
  // laneRow and typeRow: a run's packets come in time order, so the two divisions per packet are made
  // once per bucket. (The buckets are whole ms, so t ≥ b × bucketMs exactly when ⌊t / bucketMs⌋ ≥ b.)
  private spanFrom = Infinity;
  private spanTo = -Infinity;
  private laneRow = 0;
  private typeRow = 0;
  /** Whether any packet was counted yet (a run's first snapshot is all zeros: nothing to copy). */
  private counted = false;

  constructor(lanes: string[], durationMs: number, maxCells = 8_000_000) {
    this.lanes = lanes;
    this.buckets = Math.max(16, Math.min(2048, Math.floor(maxCells / Math.max(1, lanes.length))));
    this.bucketMs = Math.max(1, Math.ceil(durationMs / this.buckets));
    this.counts = new Uint32Array(lanes.length * this.buckets);
    this.types = emptyPacketTypeCounts(durationMs);
  }

  /** A packet sent at `t` by `lane` (-1: a client without a lane, counted by type only) of type code `type`. */
  add(lane: number, t: number, type: number): void {
    if (!(t >= this.spanFrom && t < this.spanTo)) this.locate(t);
    if (lane >= 0) this.counts[this.laneRow + lane]++;
    if (type < PACKET_TYPE_COUNT) this.types.counts[this.typeRow + type]++;
  }

  /** Finds t's buckets, marks them changed, and the span of times that share them. */
  private locate(t: number): void {
    this.counted = true;
    const last = this.buckets - 1;
    const b = Math.min(last, Math.floor(t / this.bucketMs));
    if (b < this.dirtyFrom) this.dirtyFrom = b;
    if (b > this.dirtyTo) this.dirtyTo = b;
    this.laneRow = b * this.lanes.length;
    const types = this.types;
    const tLast = types.buckets - 1;
    const tb = Math.min(tLast, Math.max(0, Math.floor(t / types.bucketMs)));
    if (tb < this.typesFrom) this.typesFrom = tb;
    if (tb > this.typesTo) this.typesTo = tb;
    this.typeRow = tb * PACKET_TYPE_COUNT;
    const laneFrom = b * this.bucketMs;
    const laneTo = b === last ? Infinity : (b + 1) * this.bucketMs;
    const typeFrom = tb === 0 ? -Infinity : tb * types.bucketMs;
    const typeTo = tb === tLast ? Infinity : (tb + 1) * types.bucketMs;
    // NaN never falls in a span: it is located (and dropped by the typed arrays) every time.
    this.spanFrom = Math.max(laneFrom, typeFrom);
    this.spanTo = Math.min(laneTo, typeTo);
  }

  /** A copy of the counts so far (to transfer, while counting goes on here). */
  snapshot(): LaneActivity {
    return {
      bucketMs: this.bucketMs,
      buckets: this.buckets,
      lanes: this.lanes,
      // A fleet's grid is 8 M cells: its transpose took ~0.1 s of the run's start.
      counts: this.counted ? this.laneMajor(0, this.buckets) : new Uint32Array(this.counts.length),
      types: { ...this.types, counts: this.types.counts.slice() },
    };
  }

  /** Lane-major copy of buckets [from, from + span) of every lane. */
  private laneMajor(from: number, span: number): Uint32Array<ArrayBuffer> {
    const lanes = this.lanes.length;
    const out = new Uint32Array(lanes * span);
    for (let b = 0; b < span; b++) {
      const row = (from + b) * lanes;
      for (let lane = 0; lane < lanes; lane++) out[lane * span + b] = this.counts[row + lane];
    }
    return out;
  }

  /**
   * The counts of the buckets changed since last time: lanes lane-major, types bucket-major (their
   * own buckets); null when none changed.
   */
  takeDirty(): ActivityDelta | null {
    if (this.dirtyTo < 0 && this.typesTo < 0) return null;
    let from = 0;
    let span = 0;
    let counts = new Uint32Array(0);
    if (this.dirtyTo >= 0) {
      from = this.dirtyFrom;
      span = this.dirtyTo - from + 1;
      counts = this.laneMajor(from, span);
    }
    let types: PacketTypeDelta | undefined;
    if (this.typesTo >= 0) {
      const tFrom = this.typesFrom;
      const tSpan = this.typesTo - tFrom + 1;
      types = {
        from: tFrom,
        span: tSpan,
        counts: this.types.counts.slice(tFrom * PACKET_TYPE_COUNT, (tFrom + tSpan) * PACKET_TYPE_COUNT),
      };
    }
    this.dirtyFrom = Infinity;
    this.dirtyTo = -1;
    this.typesFrom = Infinity;
    this.typesTo = -1;
    // The next packet marks its buckets changed again.
    this.spanFrom = Infinity;
    this.spanTo = -Infinity;
    return types === undefined ? { from, span, counts } : { from, span, counts, types };
  }
}

/**
 * Applies an activity delta (from `takeDirty`) to the page's copy, and stamps the buckets it covers
 * with a new generation (so views can tell which buckets changed). `types`: the delta's per-type
 * counts, absolute, for the activity's `types` buckets [from, from + span).
 */
export function mergeActivity(
  into: LaneActivity,
  from: number,
  span: number,
  counts: Uint32Array,
  types?: PacketTypeDelta,
): void {
  const generation = (into.generation ?? 0) + 1;
  into.stamps ??= new Uint32Array(into.buckets);
  into.stamps.fill(generation, Math.max(0, from), Math.min(into.buckets, from + span));
  into.generation = generation;
  const lanes = into.lanes.length;
  const buckets = into.buckets;
  const target = into.counts;
  // Plain loops: a subarray per lane would allocate 100 000 views for a fleet.
  for (let lane = 0, src = 0; lane < lanes; lane++) {
    const base = lane * buckets + from;
    for (let b = 0; b < span; b++, src++) target[base + b] = counts[src];
  }
  const own = into.types;
  if (types !== undefined && own !== undefined) {
    const at = types.from * PACKET_TYPE_COUNT;
    const room = own.counts.length - at;
    if (room > 0)
      own.counts.set(types.counts.length <= room ? types.counts : types.counts.subarray(0, room), at);
  }
}

/**
 * An activity as it travels: the lane IDs joined by newlines (one string clones far faster than
 * 100 000), the counts transferred.
 */
export interface PackedActivity {
  bucketMs: number;
  buckets: number;
  lanes: string;
  counts: Uint32Array;
  types?: LaneActivity['types'];
}

export function packActivity(a: LaneActivity): PackedActivity {
  const packed: PackedActivity = {
    bucketMs: a.bucketMs,
    buckets: a.buckets,
    lanes: a.lanes.join('\n'),
    counts: a.counts,
  };
  if (a.types !== undefined) packed.types = a.types;
  return packed;
}

export function unpackActivity(p: PackedActivity): LaneActivity {
  const a: LaneActivity = {
    bucketMs: p.bucketMs,
    buckets: p.buckets,
    lanes: p.lanes === '' ? [] : p.lanes.split('\n'),
    counts: p.counts,
  };
  if (p.types !== undefined) a.types = p.types;
  return a;
}

/** The buffers of a packed activity, to transfer. */
export function activityTransfers(p: PackedActivity): ArrayBuffer[] {
  const buffers = [p.counts.buffer as ArrayBuffer];
  if (p.types !== undefined) buffers.push(p.types.counts.buffer as ArrayBuffer);
  return buffers;
}
