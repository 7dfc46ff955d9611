// The fleet view's series over a trace store, kept up to date incrementally: `update()` reads only the
// rows appended since the previous call (in slices of at most `maxRows`, so a caller with a frame
// budget can stop between them), and the cost of a whole run is one pass over its rows. It holds, in
// typed arrays: packets per time bucket and type (every packet the page holds), timeouts, wills and
// take-overs per bucket, the broker's detection delays (timeout − last packet received), and the
// broker's connected clients (analysis/connected). A sampled run's page holds only some lanes'
// packets: its packet counts come from the worker instead (LaneActivity.types); its non-packet events
// are all here.

import { ConnectedCounter, type ConnectedSeries } from '../connected';
import { KIND_INDEX, NO_CODE, SIDE_INDEX } from '../../trace/codes';
import type { TraceStore } from '../../trace/store';
import { PACKET_TYPE_COUNT, fleetBucketMs } from './buckets';
import { BucketGrid, type GridView } from './grid';
import { AttentionList, type AttentionClient } from './attention';

/** Columns after the packet types: the rare events, in this order. */
export const EVENT_BROKER_TIMEOUT = 0;
export const EVENT_CLIENT_TIMEOUT = 1;
export const EVENT_WILL = 2;
export const EVENT_TAKEOVER = 3;
const EVENT_COLS = 4;

const K_PACKET = KIND_INDEX.get('packet') ?? 0;
const K_TIMEOUT = KIND_INDEX.get('timeout') ?? 2;
const K_WILL = KIND_INDEX.get('will') ?? 3;
const K_TAKEOVER = KIND_INDEX.get('takeover') ?? 4;
const SIDE_BROKER = SIDE_INDEX.get('broker') ?? 1;
const TYPES = PACKET_TYPE_COUNT;

/** The planned length when a trace does not say (a live trace grows from its first minute). */
const DEFAULT_DURATION_MS = 60_000;

export interface FleetTotals {
  /** Packets held by the store (a sampled run's page: the kept lanes' only). */
  readonly packets: number;
  readonly brokerTimeouts: number;
  readonly clientTimeouts: number;
  readonly wills: number;
  readonly takeovers: number;
}

export class FleetSeries {
  private readonly grid: BucketGrid;
  private readonly connectedCounter = new ConnectedCounter();
  private next = 0;
  private seenDropped = 0;
  private delayMs = new Float64Array(16);
  private delayN = 0;
  private versionN = 0;
  private lastT = -Infinity;
  private packetsN = 0;
  private readonly eventTotals = new Float64Array(EVENT_COLS);
  private readonly attentionList = new AttentionList();

  /** `durationMs`: the run's planned length, which sets the bucket width (the grid grows past it). */
  constructor(durationMs?: number | null) {
    const planned =
      durationMs !== undefined && durationMs !== null && durationMs > 0 ? durationMs : DEFAULT_DURATION_MS;
    const bucketMs = fleetBucketMs(planned);
    this.grid = new BucketGrid(TYPES + EVENT_COLS, bucketMs, Math.ceil(planned / bucketMs) + 1);
  }

  /** Bumps whenever rows were read: derived caches go stale. */
  get version(): number {
    return this.versionN;
  }

  /** Latest event time read (−Infinity before any). */
  get lastTime(): number {
    return this.lastT;
  }

  /** Rows of the store not read yet. */
  pendingRows(store: TraceStore): number {
    const unseenDrops = store.dropped - this.seenDropped;
    return store.length - Math.max(0, this.next - unseenDrops);
  }

  /** Reads at most `maxRows` of the rows appended since the last call; returns how many it read. */
  update(store: TraceStore, maxRows = Infinity): number {
    if (store.dropped !== this.seenDropped) {
      // A bounded live trace forgot its oldest rows: indices shift; what they said stays counted.
      const k = store.dropped - this.seenDropped;
      this.seenDropped = store.dropped;
      this.next = Math.max(0, this.next - k);
      this.connectedCounter.dropRows(k);
    }
    const cols = store.columns;
    const from = this.next;
    const end = Math.min(cols.length, from + Math.max(0, maxRows));
    if (end <= from) return 0;
    const { t, kind, packetType, code } = cols;
    const grid = this.grid;
    const stride = grid.cols;
    let lastT = this.lastT;
    let packets = 0;
    for (let i = from; i < end; i++) {
      const ti = t[i];
      if (ti > lastT) lastT = ti;
      const k = kind[i];
      let col: number;
      if (k === K_PACKET) {
        const type = packetType[i];
        if (type >= TYPES) continue;
        col = type;
        packets++;
      } else if (k === K_TIMEOUT) {
        const side = code[i] === NO_CODE ? this.sideOf(store, i) : code[i];
        const broker = side === SIDE_BROKER;
        col = TYPES + (broker ? EVENT_BROKER_TIMEOUT : EVENT_CLIENT_TIMEOUT);
        if (broker) this.readDelay(store, i, ti);
      } else if (k === K_WILL) col = TYPES + EVENT_WILL;
      else if (k === K_TAKEOVER) col = TYPES + EVENT_TAKEOVER;
      else continue;
      const b = grid.bucketOf(ti);
      // Read after bucketOf: growing replaces the array.
      grid.counts[b * stride + col]++;
      if (col >= TYPES) this.eventTotals[col - TYPES]++;
    }
    this.packetsN += packets;
    this.lastT = lastT;
    this.attentionList.read(store, from, end);
    this.next = end;
    this.connectedCounter.add(store, end);
    this.versionN++;
    return end - from;
  }

  /** Packets per bucket and type: view columns are type codes. */
  packetCounts(): GridView {
    return this.grid.view(0);
  }

  /** Timeouts, wills and take-overs per bucket: view columns are the EVENT_* constants. */
  eventCounts(): GridView {
    return this.grid.view(TYPES);
  }

  /** Broker-side open connections over time. */
  connected(): ConnectedSeries {
    return this.connectedCounter.series();
  }

  /** Detection delays (ms) of the broker's keep-alive timeouts, in trace order. */
  delays(): Float64Array {
    return this.delayMs.subarray(0, this.delayN);
  }

  /** Clients with a fault, timeout, will, take-over or reconnect, in the order they first had one. */
  attention(store: TraceStore): AttentionClient[] {
    return this.attentionList.list(store);
  }

  /** Bumps when a client needs attention for a new reason. */
  get attentionVersion(): number {
    return this.attentionList.version;
  }

  totals(): FleetTotals {
    const e = this.eventTotals;
    return {
      packets: this.packetsN,
      brokerTimeouts: e[EVENT_BROKER_TIMEOUT],
      clientTimeouts: e[EVENT_CLIENT_TIMEOUT],
      wills: e[EVENT_WILL],
      takeovers: e[EVENT_TAKEOVER],
    };
  }

  private sideOf(store: TraceStore, row: number): number {
    const e = store.get(row);
    return e.kind === 'timeout' && e.side === 'broker' ? SIDE_BROKER : -1;
  }

  /** The broker's detection delay: from the last packet it received to its timeout (rare rows: read whole). */
  private readDelay(store: TraceStore, row: number, t: number): void {
    const e = store.get(row);
    if (e.kind !== 'timeout' || typeof e.lastActivity !== 'number' || !Number.isFinite(e.lastActivity))
      return;
    if (this.delayN === this.delayMs.length) {
      const next = new Float64Array(this.delayN * 2);
      next.set(this.delayMs);
      this.delayMs = next;
    }
    this.delayMs[this.delayN++] = t - e.lastActivity;
  }
}
