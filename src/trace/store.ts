// Every event of a run, kept compactly enough for 10 000 clients × 1 simulated hour (≈ 2.4 M events)
// in a browser tab: one row per event in growable typed-array columns, no object per event. Packets,
// nearly all of the rows, are pure columns (their small details in CompactDetails), and so are the
// connection and session events of a simulation (codedEvent.ts); only rare things are objects: other
// event kinds, and details or events that do not fit the columns (CONNECT, SUBSCRIBE, properties,
// unknown keys, live `source`). The timeline reads the columns directly.
//
// One file because it is one columnar structure: append, read back, evict and serialise all keep the
// same column, layout and object-index invariants.
import {
  DIRECTION_INDEX,
  DIRECTIONS,
  KIND_INDEX,
  NO_CODE,
  PACKET_TYPE_INDEX,
  REASON_INDEX,
  SESSION_STATE_INDEX,
  SIDE_INDEX,
  TRACE_KINDS,
  codeOf,
  encodeConnCode,
} from './codes';
import { codedEvent, eventCode } from './codedEvent';
import { CompactDetails, detailShape } from './compactDetail';
import { formatTrace } from './format';
import { nextCapacity, resized } from './grow';
import { Interner } from './intern';
import { copyDetail, detailOf, packetEvent } from './packetEvent';
import { PACKET_TYPES } from './types';
import type {
  Direction,
  NonPacketEvent,
  PacketDetail,
  PacketType,
  TraceEvent,
  TraceHeader,
  TraceKind,
  TraceSink,
} from './types';

/** How a row's `extra` column is read. */
const LAYOUT_NONE = 0; // a packet without detail
const LAYOUT_COMPACT = 1; // extra: a row of CompactDetails
const LAYOUT_DETAIL = 2; // extra: index of a PacketDetail in `objects`
const LAYOUT_OBJECT = 3; // extra: index of the whole event in `objects`
const LAYOUT_CODED = 4; // a connection or session event said whole by its columns (codedEvent.ts)

/** Rough heap cost of one event or detail kept as an object. */
const OBJECT_BYTES = 256;
/** Topics are renumbered only once there are this many, and at most half of them are still used. */
const TOPIC_COMPACT_MIN = 1024;

/**
 * Read-only views of the columns, valid for rows 0..length-1 until the next append (which may
 * replace the arrays). Codes: kind = index in TRACE_KINDS; dir = index in DIRECTIONS; packetType =
 * index in PACKET_TYPES (packet rows only); code = packetType for packets, encodeConnCode for conn,
 * side index for timeout, cause index for will, state index for session. client = index in
 * clientIds() (-1: none, e.g. a fault on the broker); conn = connection (newConn for a takeover, -1:
 * none); arrive = NaN for a lost packet and for non-packets. Unknown values read NO_CODE (255).
 */
export interface TraceColumns {
  readonly length: number;
  readonly t: Float64Array;
  readonly arrive: Float64Array;
  readonly kind: Uint8Array;
  readonly client: Int32Array;
  readonly conn: Int32Array;
  readonly packetType: Uint8Array;
  readonly code: Uint8Array;
  readonly dir: Uint8Array;
}

function isInt32(v: unknown): v is number {
  return typeof v === 'number' && (v | 0) === v && !Object.is(v, -0);
}

export class TraceStore implements TraceSink {
  readonly wantsDetail = true;

  private n = 0;
  private cap = 0;
  private droppedN = 0;
  private tCol = new Float64Array(0);
  private arriveCol = new Float64Array(0);
  private kindCol = new Uint8Array(0);
  private clientCol = new Int32Array(0);
  private connCol = new Int32Array(0);
  private codeCol = new Uint8Array(0);
  private dirCol = new Uint8Array(0);
  private layoutCol = new Uint8Array(0);
  private extraCol = new Int32Array(0);

  private readonly clients = new Interner();
  /** Topics of compact details (renumbered when most are no longer used: compactTopics). */
  private topics = new Interner();
  private readonly compact = new CompactDetails();
  /** Rare rows: whole events (LAYOUT_OBJECT) and non-compact packet details (LAYOUT_DETAIL). */
  private readonly objects: object[] = [];

  /** `initialCapacity`: rows to reserve, when the caller can guess the run's size. */
  constructor(initialCapacity = 0) {
    this.reserve(initialCapacity);
  }

  get length(): number {
    return this.n;
  }

  kind(i: number): TraceKind {
    return TRACE_KINDS[this.kindCol[this.check(i)]];
  }

  t(i: number): number {
    return this.tCol[this.check(i)];
  }

  /** Index into clientIds(), or -1 when the event concerns no client (a fault on the broker). */
  clientIndex(i: number): number {
    return this.clientCol[this.check(i)];
  }

  /** Every client ID seen, in order of first appearance (the `client` column's indices). */
  clientIds(): readonly string[] {
    return this.clients.values;
  }

  get columns(): TraceColumns {
    const n = this.n;
    return {
      length: n,
      t: this.tCol.subarray(0, n),
      arrive: this.arriveCol.subarray(0, n),
      kind: this.kindCol.subarray(0, n),
      client: this.clientCol.subarray(0, n),
      conn: this.connCol.subarray(0, n),
      packetType: this.codeCol.subarray(0, n),
      code: this.codeCol.subarray(0, n),
      dir: this.dirCol.subarray(0, n),
    };
  }

  /** The event at row `i`: a fresh object, formatted exactly like the event that was written. */
  get(i: number): TraceEvent {
    return this.read(i, true);
  }

  /**
   * The event at row `i` for a caller that only reads it (the timeline model, once per row): what the
   * store holds is shared, not copied, so it must never be modified. Copying every connection and
   * session event of a 100 000-client run was a quarter of a second of the page's thread.
   */
  peek(i: number): Readonly<TraceEvent> {
    return this.read(i, false);
  }

  private read(i: number, copy: boolean): TraceEvent {
    this.check(i);
    const layout = this.layoutCol[i];
    const extra = this.extraCol[i];
    if (layout === LAYOUT_OBJECT) {
      const stored = this.objects[extra] as TraceEvent;
      return copy ? structuredClone(stored) : stored;
    }
    if (layout === LAYOUT_CODED)
      return codedEvent(
        this.kindCol[i],
        this.tCol[i],
        this.clients.get(this.clientCol[i]),
        this.connCol[i],
        this.codeCol[i],
      );
    const arrive = this.arriveCol[i];
    const e = packetEvent(
      this.tCol[i],
      DIRECTIONS[this.dirCol[i]],
      this.clients.get(this.clientCol[i]),
      this.connCol[i],
      PACKET_TYPES[this.codeCol[i]],
      Number.isNaN(arrive) ? null : arrive,
      null,
    );
    if (layout === LAYOUT_COMPACT) this.compact.read(extra, this.topics, e);
    else if (layout === LAYOUT_DETAIL) {
      const stored = this.objects[extra] as PacketDetail;
      copyDetail(copy ? structuredClone(stored) : stored, e);
    }
    return e;
  }

  *[Symbol.iterator](): IterableIterator<TraceEvent> {
    for (let i = 0; i < this.n; i++) yield this.get(i);
  }

  /** The hot path of a simulation: columns only, unless the detail is not compact. */
  packet(
    t: number,
    dir: Direction,
    client: string,
    conn: number,
    type: PacketType,
    arrive: number | null,
    detail: PacketDetail | null,
    typeCode?: number,
  ): void {
    this.addPacket(t, dir, client, -1, conn, type, arrive, detail, false, typeCode);
  }

  /** The index of client `id` in clientIds() (added when new): what `packetOwned` and `appendCoded` take. */
  internClient(id: string): number {
    return this.clients.id(id);
  }

  /** `clientIndex`: the `internClient` index of `client`, -1 to look it up here. */
  private addPacket(
    t: number,
    dir: Direction,
    client: string,
    clientIndex: number,
    conn: number,
    type: PacketType,
    arrive: number | null,
    detail: PacketDetail | null,
    owned: boolean,
    knownTypeCode: number | undefined,
  ): void {
    const dirCode = codeOf(DIRECTION_INDEX, dir);
    const typeCode = knownTypeCode ?? codeOf(PACKET_TYPE_INDEX, type);
    if (dirCode === NO_CODE || typeCode === NO_CODE || !isInt32(conn) || typeof client !== 'string') {
      // Not representable in the columns: keep the event whole (never happens for a valid trace).
      this.pushObject(packetEvent(t, dir, client, conn, type, arrive, detail), owned);
      return;
    }
    const shape = detail === null ? 'empty' : detailShape(detail);
    const i = this.pushRow(t, 0, clientIndex >= 0 ? clientIndex : this.clients.id(client), conn, typeCode);
    this.arriveCol[i] = arrive === null ? NaN : arrive;
    this.dirCol[i] = dirCode;
    if (shape === 'empty' || detail === null) {
      this.layoutCol[i] = LAYOUT_NONE;
      this.extraCol[i] = -1;
    } else if (shape === 'compact') {
      this.layoutCol[i] = LAYOUT_COMPACT;
      this.extraCol[i] = this.compact.add(detail, this.topics);
    } else {
      this.layoutCol[i] = LAYOUT_DETAIL;
      this.extraCol[i] = this.objects.push(owned ? detail : structuredClone(detail)) - 1;
    }
  }

  event(e: NonPacketEvent): void {
    this.pushObject(e, false);
  }

  /**
   * Like `packet`, but the store takes ownership of `detail` instead of copying it: the caller must
   * never touch it again (e.g. a detail that arrived in a worker message, a fresh copy already). The
   * client comes as its `internClient` index: a caller that applies many rows looks each client up once.
   */
  packetOwned(
    t: number,
    dir: Direction,
    client: number,
    conn: number,
    type: PacketType,
    arrive: number | null,
    detail: PacketDetail | null,
  ): void {
    this.addPacket(t, dir, this.clients.get(client), client, conn, type, arrive, detail, true, undefined);
  }

  /**
   * Like `event`, but the store takes ownership of `e` instead of copying it: the caller must never
   * touch it again (e.g. an event that arrived in a worker message, a fresh copy already).
   */
  adoptEvent(e: NonPacketEvent): void {
    this.pushObject(e, true);
  }

  /**
   * A connection or session event as `eventCode` coded it (`kind`: its index in TRACE_KINDS), of the
   * client whose `internClient` index is `client`.
   */
  appendCoded(t: number, kind: number, client: number, conn: number, code: number): void {
    const i = this.pushRow(t, kind, client, conn, code);
    this.arriveCol[i] = NaN;
    this.dirCol[i] = NO_CODE;
    this.layoutCol[i] = LAYOUT_CODED;
    this.extraCol[i] = -1;
  }

  /** Any event (imported or live): packets take the column path, their other fields as detail. */
  append(e: TraceEvent): void {
    if (e.kind === 'packet') this.packet(e.t, e.dir, e.client, e.conn, e.type, e.arrive, detailOf(e));
    else this.event(e);
  }

  /** The whole trace file as one string (`formatTraceChunks` for big runs). */
  toJsonl(header: TraceHeader): string {
    return formatTrace(header, this);
  }

  /**
   * Rows dropped from the front so far (`dropOldest`): whoever keeps row indices (the timeline model)
   * compares it with what it saw and shifts its indices by the difference.
   */
  get dropped(): number {
    return this.droppedN;
  }

  /**
   * Forgets the oldest `count` rows (a live trace within its budget): row `count` becomes row 0.
   * O(rows held); capacity is kept, as a bounded trace fills it again.
   */
  dropOldest(count: number): void {
    const k = Math.min(Math.max(0, Math.floor(count)), this.n);
    if (k === 0) return;
    // Objects and compact details are appended in row order: those of the dropped rows are a prefix.
    let objects = 0;
    let compact = 0;
    for (let i = 0; i < k; i++) {
      const layout = this.layoutCol[i];
      if (layout === LAYOUT_COMPACT) compact++;
      else if (layout === LAYOUT_DETAIL || layout === LAYOUT_OBJECT) objects++;
    }
    const n = this.n;
    for (const col of [
      this.tCol,
      this.arriveCol,
      this.kindCol,
      this.clientCol,
      this.connCol,
      this.codeCol,
      this.dirCol,
      this.layoutCol,
      this.extraCol,
    ])
      col.copyWithin(0, k, n);
    this.n = n - k;
    for (let i = 0; i < this.n; i++) {
      const layout = this.layoutCol[i];
      if (layout === LAYOUT_COMPACT) this.extraCol[i] -= compact;
      else if (layout === LAYOUT_DETAIL || layout === LAYOUT_OBJECT) this.extraCol[i] -= objects;
    }
    this.objects.splice(0, objects);
    this.compact.dropOldest(compact);
    this.compactTopics();
    this.droppedN += k;
  }

  /**
   * Forgets the topics no held row uses. A live trace that keeps dropping its oldest rows may see new
   * topics for ever; without this, every topic it ever saw would stay interned. O(rows held), like
   * dropOldest, and only when at most half of the topics are still used.
   */
  private compactTopics(): void {
    const all = this.topics.values.length;
    if (all < TOPIC_COMPACT_MIN) return;
    const used = this.compact.usedTopics(all);
    const remap = new Int32Array(all).fill(-1);
    const next = new Interner();
    for (let id = 0; id < all; id++) if (used[id] === 1) remap[id] = next.id(this.topics.get(id));
    if (next.values.length * 2 > all) return;
    this.compact.renumberTopics(remap, next.values.length);
    this.topics = next;
  }

  /** Releases spare capacity, e.g. once a run has finished. */
  trim(): void {
    this.resize(this.n);
    this.compact.trim();
  }

  /** Estimated heap bytes held by the store (columns at capacity, strings, objects). */
  memoryBytes(): number {
    const columns = [
      this.tCol,
      this.arriveCol,
      this.kindCol,
      this.clientCol,
      this.connCol,
      this.codeCol,
      this.dirCol,
      this.layoutCol,
      this.extraCol,
    ].reduce((bytes, c) => bytes + c.byteLength, 0);
    return (
      columns +
      this.compact.memoryBytes() +
      this.clients.memoryBytes() +
      this.topics.memoryBytes() +
      this.objects.length * OBJECT_BYTES
    );
  }

  /** A row for an event kept as an object, with the columns the timeline reads filled in. */
  private pushObject(e: TraceEvent, owned: boolean): void {
    const r = e as unknown as Record<string, unknown>;
    const kind = KIND_INDEX.get(e.kind);
    if (kind === undefined) throw new TypeError(`unknown trace event kind ${JSON.stringify(e.kind)}`);
    if (e.kind === 'conn' || e.kind === 'session') {
      const coded = eventCode(e);
      if (coded !== NO_CODE) {
        this.appendCoded(e.t, kind, this.clients.id(e.client), e.kind === 'conn' ? e.conn : -1, coded);
        return;
      }
    }
    let who: unknown = r.client;
    let conn: unknown = r.conn;
    let code = NO_CODE;
    let dir = NO_CODE;
    let arrive = NaN;
    switch (e.kind) {
      case 'packet':
        code = codeOf(PACKET_TYPE_INDEX, e.type);
        dir = codeOf(DIRECTION_INDEX, e.dir);
        if (typeof e.arrive === 'number') arrive = e.arrive;
        break;
      case 'conn':
        code = encodeConnCode(e.state, e.side, e.reason);
        break;
      case 'timeout':
        code = codeOf(SIDE_INDEX, e.side);
        break;
      case 'will':
        code = codeOf(REASON_INDEX, e.cause);
        break;
      case 'takeover':
        conn = e.newConn;
        break;
      case 'fault':
        who = e.target === 'broker' ? undefined : e.target;
        break;
      case 'session':
        code = codeOf(SESSION_STATE_INDEX, e.state);
        break;
    }
    const client = typeof who === 'string' ? this.clients.id(who) : -1;
    const i = this.pushRow(e.t, kind, client, isInt32(conn) ? conn : -1, code);
    this.arriveCol[i] = arrive;
    this.dirCol[i] = dir;
    this.layoutCol[i] = LAYOUT_OBJECT;
    this.extraCol[i] = this.objects.push(owned ? e : structuredClone(e)) - 1;
  }

  /**
   * Makes room for `rows` events in all (a run's estimated size) in one allocation, so a long run kept
   * whole never holds an old and a new copy of its columns at once. A store that outgrows it grows.
   */
  reserve(rows: number): void {
    if (rows > this.cap) this.resize(Math.ceil(rows));
  }

  private pushRow(t: number, kind: number, client: number, conn: number, code: number): number {
    if (this.n === this.cap) this.resize(nextCapacity(this.cap));
    const i = this.n++;
    this.tCol[i] = t;
    this.kindCol[i] = kind;
    this.clientCol[i] = client;
    this.connCol[i] = conn;
    this.codeCol[i] = code;
    return i;
  }

  private resize(capacity: number): void {
    const n = this.n;
    this.tCol = resized(this.tCol, capacity, n);
    this.arriveCol = resized(this.arriveCol, capacity, n);
    this.kindCol = resized(this.kindCol, capacity, n);
    this.clientCol = resized(this.clientCol, capacity, n);
    this.connCol = resized(this.connCol, capacity, n);
    this.codeCol = resized(this.codeCol, capacity, n);
    this.dirCol = resized(this.dirCol, capacity, n);
    this.layoutCol = resized(this.layoutCol, capacity, n);
    this.extraCol = resized(this.extraCol, capacity, n);
    this.cap = capacity;
  }

  private check(i: number): number {
    if (!(i >= 0 && i < this.n && Number.isInteger(i)))
      throw new RangeError(`no event ${i} (length ${this.n})`);
    return i;
  }
}
