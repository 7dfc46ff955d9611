// One row per network connection of the trace (the `conn` number), in typed-array columns: when each
// side saw it open and close, why it closed, the keep alive that governs it, and the rows of those
// events. Connection state bands and deadline bands are derived from this table.

import { nextCapacity, resized } from '../trace/grow';
import { NO_CODE } from '../trace/codes';

/** Connection numbers below this are looked up in an array. */
const DENSE_LIMIT = 1 << 22;

export class ConnTable {
  /** Slots of small non-negative connection numbers (the usual case), and a map for the rest. */
  private dense = new Int32Array(0);
  private readonly slots = new Map<number, number>();
  private n = 0;
  private cap = 0;
  /** The trace's connection number. */
  id = new Int32Array(0);
  /** Client index (into the store's clientIds()). */
  client = new Int32Array(0);
  /** ms; NaN when that side has not reported it. */
  clientOpen = new Float64Array(0);
  clientClose = new Float64Array(0);
  brokerOpen = new Float64Array(0);
  brokerClose = new Float64Array(0);
  /** Keep alive in ms (K × 1000) in force: CONNECT's, or the CONNACK's Server Keep Alive; NaN unknown. */
  keepAliveMs = new Float64Array(0);
  /** Close reasons as indices in REASONS (NO_CODE: not closed or unknown). */
  clientReason = new Uint8Array(0);
  brokerReason = new Uint8Array(0);
  /** 1 once a broker-to-client packet has been seen on the connection (the broker accepted it). */
  brokerSpoke = new Uint8Array(0);
  /** Rows of the first event of the connection and of each side's close (-1: none). */
  firstRow = new Int32Array(0);
  clientOpenRow = new Int32Array(0);
  brokerOpenRow = new Int32Array(0);
  clientCloseRow = new Int32Array(0);
  brokerCloseRow = new Int32Array(0);

  get length(): number {
    return this.n;
  }

  /** The store dropped its oldest `k` rows: shifts the row columns (a dropped row becomes -1). */
  dropRows(k: number): void {
    for (const col of [
      this.firstRow,
      this.clientOpenRow,
      this.brokerOpenRow,
      this.clientCloseRow,
      this.brokerCloseRow,
    ])
      for (let i = 0; i < this.n; i++) col[i] = col[i] < k ? -1 : col[i] - k;
  }

  /** The slot of connection `id`, -1 if unknown. */
  slotOf(id: number): number {
    if (id >= 0 && id < this.dense.length) return this.dense[id];
    return this.slots.get(id) ?? -1;
  }

  /** The slot of connection `id`, created for `client` at `row` when new. */
  ensure(id: number, client: number, row: number): number {
    const s = this.slotOf(id);
    if (s >= 0) return s;
    if (this.n === this.cap) this.grow(nextCapacity(this.cap));
    const i = this.n++;
    if (id >= 0 && id < DENSE_LIMIT) {
      if (id >= this.dense.length) {
        const next = new Int32Array(Math.min(DENSE_LIMIT, Math.max(64, id * 2))).fill(-1);
        next.set(this.dense);
        this.dense = next;
      }
      this.dense[id] = i;
    } else this.slots.set(id, i);
    this.id[i] = id;
    this.client[i] = client;
    this.clientOpen[i] = NaN;
    this.clientClose[i] = NaN;
    this.brokerOpen[i] = NaN;
    this.brokerClose[i] = NaN;
    this.keepAliveMs[i] = NaN;
    this.clientReason[i] = NO_CODE;
    this.brokerReason[i] = NO_CODE;
    this.brokerSpoke[i] = 0;
    this.firstRow[i] = row;
    this.clientOpenRow[i] = -1;
    this.brokerOpenRow[i] = -1;
    this.clientCloseRow[i] = -1;
    this.brokerCloseRow[i] = -1;
    return i;
  }

  private grow(cap: number): void {
    const n = this.n;
    this.id = resized(this.id, cap, n);
    this.client = resized(this.client, cap, n);
    this.clientOpen = resized(this.clientOpen, cap, n);
    this.clientClose = resized(this.clientClose, cap, n);
    this.brokerOpen = resized(this.brokerOpen, cap, n);
    this.brokerClose = resized(this.brokerClose, cap, n);
    this.keepAliveMs = resized(this.keepAliveMs, cap, n);
    this.clientReason = resized(this.clientReason, cap, n);
    this.brokerReason = resized(this.brokerReason, cap, n);
    this.brokerSpoke = resized(this.brokerSpoke, cap, n);
    this.firstRow = resized(this.firstRow, cap, n);
    this.clientOpenRow = resized(this.clientOpenRow, cap, n);
    this.brokerOpenRow = resized(this.brokerOpenRow, cap, n);
    this.clientCloseRow = resized(this.clientCloseRow, cap, n);
    this.brokerCloseRow = resized(this.brokerCloseRow, cap, n);
    this.cap = cap;
  }
}
