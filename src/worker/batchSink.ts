// A trace sink that collects rows into column slices for the page (EncodedBatch), with an optional
// lane filter for sampled runs and, for every lane, activity counts: per lane and time bucket, and per
// packet type and time bucket (the fleet's traffic mix, which the page cannot count from the rows it gets).
// One file because it is one batch format: the page decodes and merges exactly what is written here.

import { PACKET_TYPE_COUNT, emptyPacketTypeCounts, type PacketTypeCounts } from '../analysis/fleet/buckets';
import { DIRECTION_INDEX, PACKET_TYPE_INDEX } from '../trace/codes';
import type { Direction, NonPacketEvent, PacketDetail, PacketType, TraceSink } from '../trace/types';
import type { ActivityDelta, EncodedBatch, LaneActivity, PacketTypeDelta } from './protocol';

const INITIAL = 1024;
/** Connections above this id are looked up by client ID only (the cache would grow too big). */
const MAX_CACHED_CONN = 1 << 22;

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const next = new (a.constructor as new (n: number) => T)(n);
  next.set(a);
  return next;
}

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

  constructor(lanes: string[], durationMs: number, maxCells = 8_000_000) {
    this.lanes = lanes;
    this.buckets = Math.max(16, Math.min(2048, Math.floor(maxCells / Math.max(1, lanes.length))));
    this.bucketMs = Math.max(1, Math.ceil(durationMs / this.buckets));
    this.counts = new Uint32Array(lanes.length * this.buckets);
    this.types = emptyPacketTypeCounts(durationMs);
  }

  /** A packet sent at `t` by `lane` (-1: a client without a lane, counted by type only) of type code `type`. */
  add(lane: number, t: number, type: number): void {
    if (lane >= 0) {
      const b = Math.min(this.buckets - 1, Math.floor(t / this.bucketMs));
      this.counts[b * this.lanes.length + lane]++;
      if (b < this.dirtyFrom) this.dirtyFrom = b;
      if (b > this.dirtyTo) this.dirtyTo = b;
    }
    if (type >= PACKET_TYPE_COUNT) return;
    const types = this.types;
    const tb = Math.min(types.buckets - 1, Math.max(0, Math.floor(t / types.bucketMs)));
    types.counts[tb * PACKET_TYPE_COUNT + type]++;
    if (tb < this.typesFrom) this.typesFrom = tb;
    if (tb > this.typesTo) this.typesTo = tb;
  }

  /** A copy of the counts so far (to transfer, while counting goes on here). */
  snapshot(): LaneActivity {
    return {
      bucketMs: this.bucketMs,
      buckets: this.buckets,
      lanes: this.lanes,
      counts: this.laneMajor(0, this.buckets),
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

export class BatchSink implements TraceSink {
  readonly wantsDetail = true;

  private n = 0;
  private kind = new Uint8Array(INITIAL);
  private t = new Float64Array(INITIAL);
  private arrive = new Float64Array(INITIAL);
  private client = new Int32Array(INITIAL);
  private conn = new Int32Array(INITIAL);
  private type = new Uint8Array(INITIAL);
  private dir = new Uint8Array(INITIAL);
  private ref = new Int32Array(INITIAL);
  private details: PacketDetail[] = [];
  private objects: NonPacketEvent[] = [];
  private newClients: string[] = [];

  private readonly clientIds = new Map<string, number>();
  /**
   * Per connection id: its client's index + 1 (0: not seen). Every packet names its client, and
   * hashing the ID of one of 100 000 clients per packet was the worker's hottest line. In a trace a
   * connection id is unique per network connection, which belongs to one client, so the id (a small
   * integer) finds the index directly.
   */
  private clientOfConn = new Int32Array(INITIAL);
  /** Per client index: 1 when its packets are sent (sampled runs); empty = all. */
  private keep: Uint8Array | null = null;
  private keepNames: Set<string> | null = null;
  /** Per client index: its lane in the activity, -1 if none. */
  private laneOf: Int32Array = new Int32Array(0);
  private laneIndex: Map<string, number> | null = null;
  private activity: ActivityCounter | null = null;

  /** Events produced (sent or not). */
  produced = 0;

  get length(): number {
    return this.n;
  }

  /** Objects (details and non-packet events) collected: their structured clone is the costly part of a batch. */
  get objectCount(): number {
    return this.details.length + this.objects.length;
  }

  /** Sampled mode: only packets of `lanes` are sent; `counter` counts every lane's packets. */
  sample(lanes: Iterable<string>, counter: ActivityCounter): void {
    this.keepNames = new Set(lanes);
    this.keep = new Uint8Array(Math.max(16, this.clientIds.size * 2));
    for (const [name, i] of this.clientIds) this.keep[i] = this.keepNames.has(name) ? 1 : 0;
    this.activity = counter;
    this.laneIndex = new Map(counter.lanes.map((id, i) => [id, i]));
    this.laneOf = new Int32Array(this.keep.length).fill(-1);
    for (const [name, i] of this.clientIds) this.laneOf[i] = this.laneIndex.get(name) ?? -1;
  }

  /** In sampled mode, starts sending `client`'s packets too (a lane the user injected a fault on). */
  keepLane(client: string): void {
    if (this.keepNames === null || this.keep === null) return;
    this.keepNames.add(client);
    const i = this.clientIds.get(client);
    if (i !== undefined) this.keep[i] = 1;
  }

  get sampled(): boolean {
    return this.keep !== null;
  }

  /** The index of the client of a packet on `conn`. */
  private packetClientIndex(client: string, conn: number): number {
    if (conn <= 0 || conn >= MAX_CACHED_CONN || (conn | 0) !== conn) return this.clientIndex(client);
    if (conn >= this.clientOfConn.length) {
      let size = this.clientOfConn.length * 2;
      while (size <= conn) size *= 2;
      this.clientOfConn = grow(this.clientOfConn, size);
    }
    const cached = this.clientOfConn[conn] - 1;
    if (cached >= 0) return cached;
    const i = this.clientIndex(client);
    this.clientOfConn[conn] = i + 1;
    return i;
  }

  private clientIndex(client: string): number {
    let i = this.clientIds.get(client);
    if (i === undefined) {
      i = this.clientIds.size;
      this.clientIds.set(client, i);
      this.newClients.push(client);
      if (this.keep !== null && this.keepNames !== null) {
        if (i >= this.keep.length) {
          this.keep = grow(this.keep, this.keep.length * 2);
          const lanes = new Int32Array(this.keep.length).fill(-1);
          lanes.set(this.laneOf);
          this.laneOf = lanes;
        }
        this.keep[i] = this.keepNames.has(client) ? 1 : 0;
        this.laneOf[i] = this.laneIndex?.get(client) ?? -1;
      }
    }
    return i;
  }

  private row(): number {
    if (this.n === this.t.length) {
      const cap = this.n * 2;
      this.kind = grow(this.kind, cap);
      this.t = grow(this.t, cap);
      this.arrive = grow(this.arrive, cap);
      this.client = grow(this.client, cap);
      this.conn = grow(this.conn, cap);
      this.type = grow(this.type, cap);
      this.dir = grow(this.dir, cap);
      this.ref = grow(this.ref, cap);
    }
    return this.n++;
  }

  packet(
    t: number,
    dir: Direction,
    client: string,
    conn: number,
    type: PacketType,
    arrive: number | null,
    detail: PacketDetail | null,
  ): void {
    this.produced++;
    const c = this.packetClientIndex(client, conn);
    const typeCode = PACKET_TYPE_INDEX.get(type) ?? 255;
    if (this.keep !== null) {
      this.activity?.add(this.laneOf[c], t, typeCode);
      if (this.keep[c] === 0) return;
    }
    const i = this.row();
    this.kind[i] = 0;
    this.t[i] = t;
    this.arrive[i] = arrive === null ? NaN : arrive;
    this.client[i] = c;
    this.conn[i] = conn;
    this.type[i] = typeCode;
    this.dir[i] = DIRECTION_INDEX.get(dir) ?? 255;
    this.ref[i] = detail === null ? -1 : this.details.push(detail) - 1;
  }

  event(e: NonPacketEvent): void {
    this.produced++;
    const who = e.kind === 'fault' ? e.target : e.client;
    const c = who === 'broker' && e.kind === 'fault' ? -1 : this.clientIndex(who);
    const i = this.row();
    this.kind[i] = 1;
    this.t[i] = e.t;
    this.arrive[i] = NaN;
    this.client[i] = c;
    this.conn[i] = -1;
    this.type[i] = 255;
    this.dir[i] = 255;
    this.ref[i] = this.objects.push(e) - 1;
  }

  /**
   * The rows collected since the last call (copies sized to fit, ready to transfer); null when none.
   * With `maxObjects`, only the first rows are taken, as many as carry at most that many objects (at
   * least one row): the page deserialises a batch in one task, so a step of the simulation that made
   * 100 000 CONNECTs goes as several batches. `length` then says what is left for the next call.
   */
  take(maxObjects = Infinity): EncodedBatch | null {
    if (this.n === 0 && this.newClients.length === 0) return null;
    const total = this.n;
    let n = total;
    let nDetails = this.details.length;
    let nObjects = this.objects.length;
    if (nDetails + nObjects > maxObjects) {
      const { kind, ref } = this;
      let count = 0;
      nDetails = 0;
      nObjects = 0;
      n = 0;
      for (; n < total; n++) {
        if (ref[n] < 0) continue;
        if (count >= maxObjects && n > 0) break;
        count++;
        if (kind[n] === 0) nDetails = ref[n] + 1;
        else nObjects = ref[n] + 1;
      }
    }
    const batch: EncodedBatch = {
      length: n,
      kind: this.kind.slice(0, n),
      t: this.t.slice(0, n),
      arrive: this.arrive.slice(0, n),
      client: this.client.slice(0, n),
      conn: this.conn.slice(0, n),
      type: this.type.slice(0, n),
      dir: this.dir.slice(0, n),
      ref: this.ref.slice(0, n),
      details: n === total ? this.details : this.details.slice(0, nDetails),
      objects: n === total ? this.objects : this.objects.slice(0, nObjects),
      newClients: this.newClients,
    };
    this.newClients = [];
    if (n === total) {
      this.n = 0;
      this.details = [];
      this.objects = [];
      return batch;
    }
    // Keep the rest, its object references renumbered.
    for (const a of [this.kind, this.t, this.arrive, this.client, this.conn, this.type, this.dir, this.ref])
      a.copyWithin(0, n, total);
    this.n = total - n;
    const { kind, ref } = this;
    for (let i = 0; i < this.n; i++) {
      if (ref[i] >= 0) ref[i] -= kind[i] === 0 ? nDetails : nObjects;
    }
    this.details = this.details.slice(nDetails);
    this.objects = this.objects.slice(nObjects);
    return batch;
  }
}
