// The timeline's view of a trace, derived once and kept up to date as the store grows: `update()`
// reads only the rows appended since the previous call (a streaming run calls it per batch), so the
// cost of a whole run is one pass over its rows. It holds what every frame needs in typed arrays:
// per-lane row lists in time order, the connection table (spans, keep alive), notable rows, will
// receivers and take-overs, lane groups, and the connected-clients series for the overview.
//
// One file because it is one incremental pass: `update()` writes the lane, connection and group tables
// together, row by row, and each table's invariants hold only with the others'.

import { ConnectedCounter, type ConnectedSeries } from '../analysis/connected';
import type { PacketTypeCounts } from '../analysis/fleet/buckets';
import { NO_CODE, REASON_INDEX, REASONS, SESSION_STATES } from '../trace/codes';
import type { TraceColumns, TraceStore } from '../trace/store';
import { ConnTable } from './connections';
import { compareInGroup, groupAndSuffixOf } from './groups';
import {
  KIND_CONN,
  KIND_PACKET,
  KIND_SESSION,
  KIND_TAKEOVER,
  KIND_TIMEOUT,
  KIND_WILL,
  PRIORITY_NOTABLE,
  TYPE_CONNACK,
  TYPE_CONNECT,
  TYPE_PINGREQ,
  priorityOf,
} from './priority';
import { RowList } from './rowList';
import { StoryTable } from './stories';

/** The lane key of the broker lane (client lanes are keyed by client index ≥ 0). */
export const BROKER_LANE = -1;

/**
 * Packet counts per lane and time bucket, for runs too big for the page to hold every packet (the
 * worker keeps them and sends these): heat strips are drawn from it instead of the rows.
 */
export interface LaneActivity {
  bucketMs: number;
  buckets: number;
  /** Client IDs, one per lane of `counts`. */
  lanes: string[];
  /** lane * buckets + bucket → packets. */
  counts: Uint32Array;
  /** Packets of all lanes per packet type and time bucket, on buckets of their own (the fleet view's). */
  types?: PacketTypeCounts;
  /**
   * Optional change tracking (kept by mergeActivity when counts are updated in place): per bucket, the
   * `generation` at which it last changed. Lets cached heat tiles of unchanged buckets be kept.
   */
  stamps?: Uint32Array;
  generation?: number;
}

export interface LaneGroup {
  readonly key: string;
  readonly index: number;
  /** Lanes in natural order. */
  readonly lanes: readonly number[];
}

export interface TimelineModelOptions {
  /** The run's planned length (a scenario's durationMs): the time extent before the trace reaches it. */
  durationMs?: number;
}

export interface Takeover {
  readonly oldConn: number;
  readonly newConn: number;
}

interface MutableGroup {
  key: string;
  index: number;
  lanes: number[];
  suffix: number[];
  sorted: boolean;
}

const DIR_C2B = 0;
// Local copies of imported constants (hot loops read locals, not module bindings).
const K_PACKET = KIND_PACKET;
const K_CONN = KIND_CONN;
const K_TIMEOUT = KIND_TIMEOUT;
const K_WILL = KIND_WILL;
const K_TAKEOVER = KIND_TAKEOVER;
const K_SESSION = KIND_SESSION;
const T_CONNECT = TYPE_CONNECT;
const T_CONNACK = TYPE_CONNACK;
const PRIORITY_OF = priorityOf;
const NOTABLE_MIN = PRIORITY_NOTABLE;
/**
 * An activity of at most this many lanes is registered by the setter itself (a small run's lanes are
 * all there at once); a bigger one only within update()'s and drainLanes()'s deadlines. At a fleet's
 * start this code is not optimized yet: the setter's first 1 024 lanes took ~35 ms of one task.
 */
const SYNC_LANES = 1024;
/**
 * Lanes registered, and rows processed, between two looks at the clock: small, because at a run's
 * start the code runs unoptimized, ten times slower, and a coarse slice overshot its deadline by
 * 10 to 20 ms. A look at the clock costs well under a microsecond.
 */
const LANE_SLICE = 64;
/** Time update() spends registering pending activity lanes. */
const UPDATE_LANE_BUDGET_MS = 6;
const NO_LANES: readonly string[] = Object.freeze([]);
/** Rows processed between two looks at the clock (update with a deadline; see LANE_SLICE). */
const ROW_SLICE = 256;
/** Store clients mapped to lanes at a time. */
const CLIENT_CHUNK = 4096;

export class TimelineModel {
  readonly store: TraceStore;
  readonly connections = new ConnTable();
  /** Rows that concern no client (faults on the broker), in time order. */
  readonly brokerRows = new RowList();
  /** Rows at or above PRIORITY_NOTABLE (markers, connection changes, lost packets), in time order. */
  readonly notable = new RowList();
  /** Pending wills, sessions kept offline, unanswered PINGREQs (see stories.ts). */
  readonly stories = new StoryTable();

  private processed = 0;
  /** The store's `dropped` as of the last update: rows it dropped since are shifted out here. */
  private storeDropped: number;
  /** Where the held trace starts: 0, or the first held row's time once a live trace dropped rows. */
  private startT = 0;
  private cols: TraceColumns;
  /** Lanes are the model's own: a lane per client ID, from the store or from activity data. */
  private readonly laneIdList: string[] = [];
  private readonly laneById = new Map<string, number>();
  private laneOfClientIdx = new Int32Array(0);
  private mappedClients = 0;
  /** The lane laneInOrder tries first. */
  private nextLaneGuess = 0;
  /** The group key of the last new lane with a numeric suffix, for groupAndSuffixOf. */
  private lastGroupKey: string | undefined = undefined;
  /** Per lane, made on first use (most lanes of a sampled fleet never get rows). */
  private readonly laneRowLists: (RowList | undefined)[] = [];
  private readonly laneConnLists: (number[] | undefined)[] = [];
  /** Per lane, the rows of packets the client sent (what keep-alive deadline bands are made of). */
  private readonly laneSentLists: (RowList | undefined)[] = [];
  private laneKeepAlive = new Float64Array(0);
  private readonly groupOf: number[] = [];
  private readonly groupList: MutableGroup[] = [];
  private readonly groupByKey = new Map<string, number>();
  /** Groups whose lanes arrived out of natural order (sorted on the next groups() call). */
  private readonly unsorted = new Set<MutableGroup>();
  private readonly willReceivers = new Map<number, Int32Array>();
  private readonly takeoverRows = new Map<number, Takeover>();
  private readonly connected = new ConnectedCounter();
  private durationMs: number;
  private lastT = -Infinity;
  private tEnd = 0;
  private flightMax = 0;
  private flightSum = 0;
  private flightCount = 0;
  private maxKeepAlive = 0;
  /** Connections per keep alive (ms), for the typical one. */
  private readonly keepAliveCounts = new Map<number, number>();
  private typicalKeepAlive = 0;
  private versionN = 0;
  private layoutN = 0;
  private epochN = 0;
  private activityValue: LaneActivity | null = null;
  private activityRowOfLane = new Int32Array(0);
  /** Activity lanes still to register (from pendingPos on). */
  private pendingActivity: readonly string[] = NO_LANES;
  private pendingPos = 0;

  constructor(store: TraceStore, options: TimelineModelOptions = {}) {
    this.store = store;
    this.cols = store.columns;
    this.storeDropped = store.dropped;
    this.durationMs = options.durationMs ?? 0;
    this.update();
  }

  /** Bumps whenever rows were added: cached level-of-detail tiles that may have changed go stale. */
  get version(): number {
    return this.versionN;
  }

  /** Bumps when lanes or groups were added: lane layouts must be rebuilt. */
  get layoutVersion(): number {
    return this.layoutN;
  }

  /** Bumps when earlier derived data changed (rows out of time order, new activity): drop all caches. */
  get epoch(): number {
    return this.epochN;
  }

  /**
   * Rows the store has dropped from its front, as of the last update (a bounded live trace): a cache
   * holding row indices shifts them down by how much this grew since it last looked.
   */
  get droppedRows(): number {
    return this.storeDropped;
  }

  /** Rows processed so far (the store's length after the last update). */
  get length(): number {
    return this.processed;
  }

  /**
   * Time extent: [0, max(planned duration, last event or arrival)]; it starts at the first held row
   * once a bounded (live) trace dropped its oldest rows.
   */
  get extent(): readonly [number, number] {
    return [this.startT, Math.max(this.durationMs, this.tEnd, this.startT)];
  }

  /** Latest event time seen (−Infinity before any). New rows never have earlier times. */
  get lastTime(): number {
    return this.lastT;
  }

  /** Longest time in flight of a delivered packet, ms. */
  get maxFlightMs(): number {
    return this.flightMax;
  }

  /** Mean time in flight of a delivered packet, ms (where a lost packet's arrow ends). */
  get typicalFlightMs(): number {
    return this.flightCount === 0 ? 20 : this.flightSum / this.flightCount;
  }

  /** Largest keep alive of any connection, ms. */
  get maxKeepAliveMs(): number {
    return this.maxKeepAlive;
  }

  /** The keep alive (ms) most connections use; 0 when none is known. */
  get typicalKeepAliveMs(): number {
    return this.typicalKeepAlive;
  }

  get activity(): LaneActivity | null {
    return this.activityValue;
  }

  /**
   * Sets (or clears) per-lane packet counts for heat strips; lanes not yet seen are added. Setting new
   * counts (each batch of a streaming run) only bumps the version: heat tiles drawn from activity are
   * always rebuilt on a new version; switching between counts and rows drops all caches.
   *
   * A fleet's activity names 100 000 lanes: an activity of up to SYNC_LANES is registered here; a
   * bigger one is queued and registered in time-budgeted slices by `update()` and `drainLanes()` (see
   * `pendingLanes`; `flush()` registers them all at once).
   */
  set activity(a: LaneActivity | null) {
    if ((a === null) !== (this.activityValue === null)) this.epochN++;
    this.activityValue = a;
    const lanes = a === null ? [] : a.lanes;
    this.pendingActivity = lanes;
    this.pendingPos = 0;
    const rowOfLane = new Int32Array(this.laneIdList.length + lanes.length).fill(-1);
    this.activityRowOfLane = rowOfLane;
    if (lanes.length <= SYNC_LANES) this.registerPending(lanes.length, Infinity);
    this.versionN++;
  }

  /** Lanes of the activity not registered yet (registered by update(), drainLanes() or flush()). */
  get pendingLanes(): number {
    return this.pendingActivity.length - this.pendingPos;
  }

  /**
   * Registers pending activity lanes until `deadline` (performance.now() time); returns whether
   * some remain.
   */
  drainLanes(deadline: number): boolean {
    if (this.pendingLanes > 0) this.registerPending(this.pendingActivity.length, deadline);
    return this.pendingLanes > 0;
  }

  /**
   * Adds lanes for client IDs known before they have done anything (a scenario's clients), in their
   * order, so a run that has not started already shows who takes part.
   */
  declareLanes(ids: readonly string[]): void {
    const before = this.laneIdList.length;
    for (const id of ids) this.laneFor(id);
    if (this.laneIdList.length !== before) {
      this.layoutN++;
      this.versionN++;
    }
  }

  /** Registers every pending lane and processes every row appended to the store. */
  flush(): void {
    this.drainLanes(Infinity);
    this.update();
  }

  private registerPending(to: number, deadline: number): void {
    const lanes = this.pendingActivity;
    const lanesBefore = this.laneIdList.length;
    let i = this.pendingPos;
    let rowOfLane = this.activityRowOfLane;
    while (i < to) {
      const end = Math.min(to, i + LANE_SLICE);
      for (; i < end; i++) {
        const lane = this.laneInOrder(lanes[i]);
        if (lane >= rowOfLane.length) {
          const next = new Int32Array(Math.max(lane + 1, rowOfLane.length * 2)).fill(-1);
          next.set(rowOfLane);
          rowOfLane = next;
        }
        rowOfLane[lane] = i;
      }
      if (deadline !== Infinity && performance.now() >= deadline) break;
    }
    this.activityRowOfLane = rowOfLane;
    this.pendingPos = i;
    if (i >= lanes.length) {
      this.pendingActivity = NO_LANES;
      this.pendingPos = 0;
    }
    if (this.laneIdList.length !== lanesBefore) {
      this.layoutN++;
      this.versionN++;
    }
  }

  /** The row of `activity.counts` for a lane (-1: none). */
  activityRowOf(lane: number): number {
    return lane < this.activityRowOfLane.length ? this.activityRowOfLane[lane] : -1;
  }

  setDurationMs(ms: number): void {
    this.durationMs = ms;
  }

  get laneCount(): number {
    return this.laneIdList.length;
  }

  /** The client ID of a lane. */
  laneId(lane: number): string {
    return this.laneIdList[lane];
  }

  /** The lane of a client ID, or -1. */
  laneIndex(id: string): number {
    return this.laneById.get(id) ?? -1;
  }

  /** The lane of a row (BROKER_LANE when the row concerns no client). */
  laneOfRow(row: number): number {
    const c = this.cols.client[row];
    return c < 0 ? BROKER_LANE : this.laneOfClientIdx[c];
  }

  /** Store client index → lane (valid for the clients seen so far; read-only). */
  get laneOfClient(): Int32Array {
    return this.laneOfClientIdx;
  }

  /** The lane's rows in time order (a view, valid until the next update). */
  laneRows(lane: number): Uint32Array {
    const list = this.laneRowLists[lane];
    return list === undefined ? EMPTY_ROWS : list.view();
  }

  /** The rows of the packets the lane's client sent (client → broker), in time order. */
  laneSentRows(lane: number): Uint32Array {
    const list = this.laneSentLists[lane];
    return list === undefined ? EMPTY_ROWS : list.view();
  }

  /** Connection slots (into `connections`) of a lane, in order of first appearance. */
  laneConnections(lane: number): readonly number[] {
    return this.laneConnLists[lane] ?? EMPTY_CONNS;
  }

  /** The lane of a connection slot. */
  laneOfConnection(slot: number): number {
    return this.laneOfClientIdx[this.connections.client[slot]];
  }

  /** Largest keep alive (ms) of the lane's connections; 0 when none is known. */
  laneKeepAliveMs(lane: number): number {
    return this.laneKeepAlive[lane];
  }

  /** Groups in order of first appearance, lanes inside in natural order. */
  groups(): readonly LaneGroup[] {
    if (this.unsorted.size > 0) {
      for (const g of this.unsorted) this.sortGroup(g);
      this.unsorted.clear();
    }
    return this.groupList;
  }

  groupOfLane(lane: number): number {
    return this.groupOf[lane];
  }

  /** Lanes a will was delivered to (empty when the trace does not say). */
  willReceiversOf(row: number): Int32Array {
    return this.willReceivers.get(row) ?? EMPTY;
  }

  takeoverOf(row: number): Takeover | null {
    return this.takeoverRows.get(row) ?? null;
  }

  /** Broker-side open connections over time. */
  connectedSeries(): ConnectedSeries {
    return this.connected.series();
  }

  /** The store's columns as of the last update (views, valid until the store grows). */
  get columns(): TraceColumns {
    return this.cols;
  }

  /** Rows of the store not processed yet (see `update`'s deadline). */
  get pendingRows(): number {
    // Rows the store dropped since the last update shift every index held here: until update()
    // shifts them, the model is behind even when no row was appended.
    const unseenDrops = this.store.dropped - this.storeDropped;
    const pending = this.store.length - Math.max(0, this.processed - unseenDrops);
    return unseenDrops > 0 ? Math.max(1, pending) : pending;
  }

  /**
   * Processes the rows appended to the store since the last call; returns how many. With a
   * `deadline` (performance.now() ms), stops there (a fleet's first second is 300 000 rows): the
   * rest waits for the next call (see `pendingRows`). Also registers pending activity lanes for a
   * few ms.
   */
  update(deadline = Infinity): number {
    if (this.pendingLanes > 0) this.drainLanes(Math.min(deadline, performance.now() + UPDATE_LANE_BUDGET_MS));
    const store = this.store;
    if (store.dropped !== this.storeDropped) this.dropRows(store.dropped - this.storeDropped);
    const cols = store.columns;
    const from = this.processed;
    let n = cols.length;
    if (n === from) return 0;
    this.cols = cols;
    const { t, arrive, kind, client, conn, packetType, code, dir } = cols;
    const conns = this.connections;
    const lanesBefore = this.laneIdList.length;
    const laneLists = this.laneRowLists;
    const notable = this.notable;
    const tKey = (row: number): number => t[row];
    // Hot loop: module constants and fields copied to locals.
    const kPacket = K_PACKET;
    const kConn = K_CONN;
    const prio = PRIORITY_OF;
    const notableMin = NOTABLE_MIN;
    let lastT = this.lastT;
    let tEnd = this.tEnd;
    let flightMax = this.flightMax;
    let flightSum = this.flightSum;
    let flightCount = this.flightCount;
    let laneOf = this.laneOfClientIdx;
    let checkAt = deadline === Infinity ? n : from + ROW_SLICE;
    for (let i = from; i < n; i++) {
      if (i === checkAt) {
        if (performance.now() >= deadline) {
          n = i;
          break;
        }
        checkAt = i + ROW_SLICE;
      }
      const ti = t[i];
      const outOfOrder = ti < lastT;
      if (outOfOrder) this.epochN++;
      else lastT = ti;
      if (ti > tEnd) tEnd = ti;
      const k = kind[i];
      const c = client[i];
      let lane = BROKER_LANE;
      if (c >= 0) {
        if (c >= this.mappedClients) {
          this.mapClients(c + 1);
          laneOf = this.laneOfClientIdx;
        }
        lane = laneOf[c];
        const list = laneLists[lane] ?? (laneLists[lane] = new RowList(16));
        if (outOfOrder) list.insertSorted(i, tKey);
        else list.push(i);
      } else if (outOfOrder) this.brokerRows.insertSorted(i, tKey);
      else this.brokerRows.push(i);
      const a = arrive[i];
      // Notable: every non-packet row and lost packets (cheaper than priorityOf on the hot path).
      if ((k !== kPacket || a !== a) && prio(k, packetType[i], a) >= notableMin) {
        if (outOfOrder) notable.insertSorted(i, tKey);
        else notable.push(i);
      }
      if (k === kPacket) {
        if (a === a) {
          if (a > tEnd) tEnd = a;
          const flight = a - ti;
          if (flight > flightMax) flightMax = flight;
          flightSum += flight;
          flightCount++;
        }
        if (lane < 0) continue;
        const type = packetType[i];
        const d = dir[i];
        if (d === DIR_C2B) {
          const sent = this.laneSentLists[lane] ?? (this.laneSentLists[lane] = new RowList(16));
          if (outOfOrder) sent.insertSorted(i, tKey);
          else sent.push(i);
        }
        // Most packets are pings and publishes on a known connection: only those that say something new
        // about the connection touch the table.
        if (d === DIR_C2B && type !== T_CONNECT && type !== T_CONNACK) {
          if (conns.slotOf(conn[i]) < 0) this.slotFor(conn[i], c, lane, i);
          continue;
        }
        const slot = this.slotFor(conn[i], c, lane, i);
        if (d !== DIR_C2B) conns.brokerSpoke[slot] = 1;
        if (type === T_CONNECT || type === T_CONNACK) this.readKeepAlive(i, slot, lane);
      } else if (k === kConn) {
        if (lane >= 0) this.connChange(i, c, lane, conn[i], code[i], ti);
      } else if (k === K_TIMEOUT) {
        if (lane >= 0) {
          const slot = this.slotFor(conn[i], c, lane, i);
          const e = store.peek(i);
          if (e.kind === 'timeout') {
            if (Number.isNaN(conns.keepAliveMs[slot])) this.setKeepAlive(slot, lane, e.keepAlive * 1000);
            if (e.side === 'client') this.notePingTimeout(lane, conn[i], i);
          }
        }
      } else if (k === K_WILL) {
        const e = store.peek(i);
        if (e.kind === 'will' && e.receivers !== undefined && e.receivers.length > 0) {
          const list = new Int32Array(e.receivers.length);
          e.receivers.forEach((r, j) => (list[j] = this.laneFor(r)));
          this.willReceivers.set(i, list);
        }
        if (lane >= 0) this.stories.will(lane, ti, i);
      } else if (k === K_SESSION && lane >= 0) {
        // Created and expired are said by the code column; only a resumed session's queue needs the event.
        const state = SESSION_STATES[code[i]];
        if (state === 'created' || state === 'expired') this.stories.session(lane, ti, i, state, -1);
        else {
          const e = store.peek(i);
          if (e.kind === 'session') this.stories.session(lane, ti, i, e.state, e.queued ?? -1);
        }
      } else if (k === K_TAKEOVER) {
        const e = store.peek(i);
        if (e.kind === 'takeover') this.takeoverRows.set(i, { oldConn: e.oldConn, newConn: e.newConn });
      }
    }
    this.lastT = lastT;
    this.tEnd = tEnd;
    this.flightMax = flightMax;
    this.flightSum = flightSum;
    this.flightCount = flightCount;
    this.processed = n;
    // Only the rows read here: a deadline may have stopped before the store's end.
    this.connected.add(store, n);
    this.versionN++;
    if (this.laneIdList.length !== lanesBefore) this.layoutN++;
    return n - from;
  }

  /**
   * The store dropped its oldest `k` rows (a live trace within its budget): every row index held
   * here shifts down by `k`, indices of dropped rows go; lanes and connections stay (what the dropped
   * rows said about them is still true). Caches shift theirs (see `droppedRows`).
   */
  private dropRows(k: number): void {
    this.storeDropped += k;
    this.processed = Math.max(0, this.processed - k);
    for (const list of this.laneRowLists) list?.dropBelow(k);
    for (const list of this.laneSentLists) list?.dropBelow(k);
    this.notable.dropBelow(k);
    this.brokerRows.dropBelow(k);
    this.stories.dropRows(k);
    this.connections.dropRows(k);
    this.connected.dropRows(k);
    for (const map of [this.willReceivers, this.takeoverRows] as Map<number, unknown>[]) {
      const entries = [...map];
      map.clear();
      for (const [row, value] of entries) if (row >= k) map.set(row - k, value);
    }
    this.cols = this.store.columns;
    this.startT = this.cols.length > 0 ? this.cols.t[0] : Math.max(0, this.lastT);
    this.versionN++;
  }

  /**
   * Maps the store's client indices not mapped yet to lanes: at least up to `upTo`, in chunks (a
   * fleet's store names 100 000 clients).
   */
  private mapClients(upTo: number): void {
    const ids = this.store.clientIds();
    const end = Math.min(ids.length, Math.max(upTo, this.mappedClients + CLIENT_CHUNK));
    if (ids.length > this.laneOfClientIdx.length) {
      const next = new Int32Array(Math.max(16, ids.length * 2));
      next.set(this.laneOfClientIdx);
      this.laneOfClientIdx = next;
    }
    for (let c = this.mappedClients; c < end; c++) this.laneOfClientIdx[c] = this.laneInOrder(ids[c]);
    this.mappedClients = end;
  }

  private slotFor(connId: number, c: number, lane: number, row: number): number {
    const before = this.connections.length;
    const slot = this.connections.ensure(connId, c, row);
    if (slot === before) (this.laneConnLists[lane] ??= []).push(slot);
    return slot;
  }

  private connChange(i: number, c: number, lane: number, connId: number, code: number, t: number): void {
    let closed: boolean;
    let broker: boolean;
    let reason: number;
    if (code !== NO_CODE) {
      closed = (code & 1) === 1;
      broker = ((code >> 1) & 1) === 1;
      reason = code >> 2;
    } else {
      const e = this.store.peek(i);
      if (e.kind !== 'conn') return;
      closed = e.state === 'closed';
      broker = e.side === 'broker';
      reason = REASON_INDEX.get(e.reason) ?? NO_CODE;
    }
    const table = this.connections;
    const slot = this.slotFor(connId, c, lane, i);
    if (broker) {
      if (closed) {
        if (Number.isNaN(table.brokerClose[slot])) {
          table.brokerClose[slot] = t;
          table.brokerReason[slot] = reason;
          table.brokerCloseRow[slot] = i;
          this.stories.brokerClosed(connId, lane, t, i, REASONS[reason] ?? '');
        }
      } else if (Number.isNaN(table.brokerOpen[slot])) {
        table.brokerOpen[slot] = t;
        table.brokerOpenRow[slot] = i;
      }
    } else if (closed) {
      if (Number.isNaN(table.clientClose[slot])) {
        table.clientClose[slot] = t;
        table.clientReason[slot] = reason;
        table.clientCloseRow[slot] = i;
      }
    } else if (Number.isNaN(table.clientOpen[slot])) {
      table.clientOpen[slot] = t;
      table.clientOpenRow[slot] = i;
    }
  }

  /** CONNECT's keepAlive, or a CONNACK's Server Keep Alive (which overrides it). */
  private readKeepAlive(i: number, slot: number, lane: number): void {
    const e = this.store.peek(i);
    if (e.kind !== 'packet') return;
    if (e.type === 'CONNECT') {
      if (typeof e.keepAlive === 'number' && Number.isNaN(this.connections.keepAliveMs[slot]))
        this.setKeepAlive(slot, lane, e.keepAlive * 1000);
      // A session outlives its connection unless Clean Session / Clean Start is set, and in MQTT 5 only
      // with a Session Expiry Interval above 0 (MQTT-3.1.2-4..6, MQTT-3.1.2-11).
      const expiry = e.properties?.sessionExpiryInterval;
      const persistent =
        e.cleanStart === false && (e.protocol !== 5 || (typeof expiry === 'number' && expiry > 0));
      const delay = e.will !== undefined ? (e.properties?.willDelayInterval ?? e.will.delay ?? 0) : 0;
      this.stories.connect(e.conn, typeof delay === 'number' ? delay : 0, persistent);
    } else if (e.type === 'CONNACK') {
      const sk = e.properties?.serverKeepAlive;
      if (typeof sk === 'number') this.setKeepAlive(slot, lane, sk * 1000);
    }
  }

  private setKeepAlive(slot: number, lane: number, ms: number): void {
    this.connections.keepAliveMs[slot] = ms;
    if (ms > 0) {
      const n = (this.keepAliveCounts.get(ms) ?? 0) + 1;
      this.keepAliveCounts.set(ms, n);
      if (n > (this.keepAliveCounts.get(this.typicalKeepAlive) ?? 0)) this.typicalKeepAlive = ms;
    }
    if (ms > this.laneKeepAlive[lane]) this.laneKeepAlive[lane] = ms;
    if (ms > this.maxKeepAlive) this.maxKeepAlive = ms;
  }

  /** A client gave up waiting for PINGRESP: its wait began at its last PINGREQ on that connection. */
  private notePingTimeout(lane: number, connId: number, row: number): void {
    const sent = this.laneSentLists[lane];
    if (sent === undefined) return;
    const rows = sent.view();
    const { t, conn, packetType } = this.cols;
    for (let j = rows.length - 1; j >= 0; j--) {
      const r = rows[j];
      if (r > row || conn[r] !== connId || packetType[r] !== TYPE_PINGREQ) continue;
      this.stories.pingTimeout(lane, t[r], r, t[row], row);
      return;
    }
  }

  /**
   * Like laneFor, for IDs that usually come in lane order: a fleet's activity names its 100 000 lanes
   * in the scenario's order, and the store its clients in the order they connected, the same one. The
   * lane after the last one found is tried first, by one string comparison; a lookup in a map of
   * 100 000 IDs (hashing the new string, then a cache miss) took ~1 µs on the page.
   */
  private laneInOrder(id: string): number {
    const guess = this.nextLaneGuess;
    const lane = guess < this.laneIdList.length && this.laneIdList[guess] === id ? guess : this.laneFor(id);
    this.nextLaneGuess = lane + 1;
    return lane;
  }

  /** The lane of a client ID, added when new. */
  private laneFor(id: string): number {
    const known = this.laneById.get(id);
    if (known !== undefined) return known;
    const lane = this.laneIdList.length;
    this.laneIdList.push(id);
    this.laneById.set(id, lane);
    // Pushed here, lane by lane, so these arrays stay dense (assigning a far index makes a sparse one).
    this.laneRowLists.push(undefined);
    this.laneConnLists.push(undefined);
    this.laneSentLists.push(undefined);
    if (lane >= this.laneKeepAlive.length) {
      const next = new Float64Array(Math.max(16, this.laneKeepAlive.length * 2));
      next.set(this.laneKeepAlive);
      this.laneKeepAlive = next;
    }
    const { key, suffix: num } = groupAndSuffixOf(id, this.lastGroupKey);
    if (!Number.isNaN(num)) this.lastGroupKey = key;
    let g = this.groupByKey.get(key);
    if (g === undefined) {
      g = this.groupList.length;
      this.groupByKey.set(key, g);
      this.groupList.push({ key, index: g, lanes: [], suffix: [], sorted: true });
    }
    const group = this.groupList[g];
    const last = group.lanes.length - 1;
    if (last >= 0 && compareInGroup(this.laneIdList[group.lanes[last]], group.suffix[last], id, num) > 0) {
      group.sorted = false;
      this.unsorted.add(group);
    }
    group.lanes.push(lane);
    group.suffix.push(num);
    this.groupOf[lane] = g;
    return lane;
  }

  private sortGroup(g: MutableGroup): void {
    if (g.sorted) return;
    const ids = this.laneIdList;
    const order = g.lanes.map((_, i) => i);
    order.sort((a, b) => compareInGroup(ids[g.lanes[a]], g.suffix[a], ids[g.lanes[b]], g.suffix[b]));
    g.lanes = order.map((i) => g.lanes[i]);
    g.suffix = order.map((i) => g.suffix[i]);
    g.sorted = true;
  }
}

const EMPTY = new Int32Array(0);
const EMPTY_ROWS = new Uint32Array(0);
const EMPTY_CONNS: readonly number[] = Object.freeze([]);
