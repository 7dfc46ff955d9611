// A trace sink that collects rows into column slices for the page (EncodedBatch), with an optional
// lane filter for sampled runs; every lane's packets are counted by activity.ts whether kept or not.

import { CONN_KIND, SESSION_KIND, eventCode } from '../trace/codedEvent';
import { DIRECTION_INDEX, NO_CODE, PACKET_TYPE_INDEX } from '../trace/codes';
import { resized, withRoomFor } from '../trace/grow';
import type { Direction, NonPacketEvent, PacketDetail, PacketType, TraceSink } from '../trace/types';
import type { ActivityCounter } from './activity';
import { ROW_CODED, ROW_OBJECT, ROW_PACKET, type EncodedBatch } from './protocol';

const INITIAL = 1024;
/** Connections above this id are looked up by client ID only (the cache would grow too big). */
const MAX_CACHED_CONN = 1 << 22;

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
  /**
   * Per connection id, in a sampled run: its client's lane + 2 when the client's packets are not sent
   * (1: no lane), 0 when they are or it is not known yet. The packets of all but a thousand of a
   * fleet's lanes stop at this one read.
   */
  private quietLaneOfConn = new Int32Array(0);
  /** Per client index: its lane in the activity, -1 if none. */
  private laneOf: Int32Array = new Int32Array(0);
  /** The activity's lanes by client ID, made on the first ID not found in order (laneOfClient). */
  private laneIndex: Map<string, number> | null = null;
  /** The lane laneOfClient tries first. */
  private nextLaneGuess = 0;
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
    this.laneIndex = null;
    this.nextLaneGuess = 0;
    this.laneOf = new Int32Array(this.keep.length).fill(-1);
    for (const [name, i] of this.clientIds) this.laneOf[i] = this.laneOfClient(name);
  }

  /** In sampled mode, starts sending `client`'s packets too (a lane the user injected a fault on). */
  keepLane(client: string): void {
    if (this.keepNames === null || this.keep === null) return;
    this.keepNames.add(client);
    const i = this.clientIds.get(client);
    if (i !== undefined) this.keep[i] = 1;
    // Which connections are the client's is not kept: they are all looked up again.
    this.quietLaneOfConn.fill(0);
  }

  get sampled(): boolean {
    return this.keep !== null;
  }

  /** The index of the client of a packet on `conn`. */
  private packetClientIndex(client: string, conn: number): number {
    if (conn <= 0 || conn >= MAX_CACHED_CONN || (conn | 0) !== conn) return this.clientIndex(client);
    this.clientOfConn = withRoomFor(this.clientOfConn, conn);
    const cached = this.clientOfConn[conn] - 1;
    if (cached >= 0) return cached;
    const i = this.clientIndex(client);
    this.clientOfConn[conn] = i + 1;
    return i;
  }

  /**
   * The activity lane of `client`, -1 if none. A fleet's clients first appear in the order they
   * connect, which is the activity's order: the lane after the last one found is tried first, and a
   * map of 100 000 IDs is made only if that fails once.
   */
  private laneOfClient(client: string): number {
    const lanes = this.activity?.lanes;
    if (lanes === undefined) return -1;
    const guess = this.nextLaneGuess;
    let lane = guess;
    if (guess >= lanes.length || lanes[guess] !== client) {
      this.laneIndex ??= new Map(lanes.map((id, i) => [id, i]));
      lane = this.laneIndex.get(client) ?? -1;
    }
    if (lane >= 0) this.nextLaneGuess = lane + 1;
    return lane;
  }

  private clientIndex(client: string): number {
    let i = this.clientIds.get(client);
    if (i === undefined) {
      i = this.clientIds.size;
      this.clientIds.set(client, i);
      this.newClients.push(client);
      if (this.keep !== null && this.keepNames !== null) {
        if (i >= this.keep.length) {
          this.keep = resized(this.keep, this.keep.length * 2, this.keep.length);
          const lanes = new Int32Array(this.keep.length).fill(-1);
          lanes.set(this.laneOf);
          this.laneOf = lanes;
        }
        this.keep[i] = this.keepNames.has(client) ? 1 : 0;
        this.laneOf[i] = this.laneOfClient(client);
      }
    }
    return i;
  }

  private row(): number {
    if (this.n === this.t.length) {
      const cap = this.n * 2;
      this.kind = resized(this.kind, cap, this.kind.length);
      this.t = resized(this.t, cap, this.t.length);
      this.arrive = resized(this.arrive, cap, this.arrive.length);
      this.client = resized(this.client, cap, this.client.length);
      this.conn = resized(this.conn, cap, this.conn.length);
      this.type = resized(this.type, cap, this.type.length);
      this.dir = resized(this.dir, cap, this.dir.length);
      this.ref = resized(this.ref, cap, this.ref.length);
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
    typeCode = PACKET_TYPE_INDEX.get(type) ?? 255,
  ): void {
    this.produced++;
    const activity = this.activity;
    if (activity !== null && conn < this.quietLaneOfConn.length) {
      const quiet = this.quietLaneOfConn[conn];
      if (quiet > 0) {
        activity.add(quiet - 2, t, typeCode);
        return;
      }
    }
    const c = this.packetClientIndex(client, conn);
    if (this.keep !== null) {
      const lane = this.laneOf[c];
      activity?.add(lane, t, typeCode);
      if (this.keep[c] === 0) {
        if (conn > 0 && conn < MAX_CACHED_CONN && (conn | 0) === conn) {
          this.quietLaneOfConn = withRoomFor(this.quietLaneOfConn, conn);
          this.quietLaneOfConn[conn] = lane + 2;
        }
        return;
      }
    }
    const i = this.row();
    this.kind[i] = ROW_PACKET;
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
    const coded = eventCode(e);
    if (coded !== NO_CODE && (e.kind === 'conn' || e.kind === 'session')) {
      // A connection or session event travels as its row alone (codedEvent.ts).
      const conn = e.kind === 'conn' ? e.conn : -1;
      const c = e.kind === 'conn' ? this.packetClientIndex(e.client, conn) : this.clientIndex(e.client);
      const i = this.row();
      this.kind[i] = ROW_CODED;
      this.t[i] = e.t;
      this.arrive[i] = NaN;
      this.client[i] = c;
      this.conn[i] = conn;
      this.type[i] = coded;
      this.dir[i] = e.kind === 'conn' ? CONN_KIND : SESSION_KIND;
      this.ref[i] = -1;
      return;
    }
    const who = e.kind === 'fault' ? e.target : e.client;
    const c = who === 'broker' && e.kind === 'fault' ? -1 : this.clientIndex(who);
    const i = this.row();
    this.kind[i] = ROW_OBJECT;
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
        if (kind[n] === ROW_PACKET) nDetails = ref[n] + 1;
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
      if (ref[i] >= 0) ref[i] -= kind[i] === ROW_PACKET ? nDetails : nObjects;
    }
    this.details = this.details.slice(nDetails);
    this.objects = this.objects.slice(nObjects);
    return batch;
  }
}
