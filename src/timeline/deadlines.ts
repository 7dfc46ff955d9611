// Keep-alive deadline bands, restarting at each packet so the viewer sees a deadline run out:
//   client  the client's K window: from each packet it sends, K later it must have sent another
//           (MQTT-3.1.2-23: it sends PINGREQ if it has nothing else to say)
//   broker  the broker's 1.5 × K deadline: from each packet it receives from the client; when it
//           passes in silence the broker closes the connection (MQTT-3.1.2-24)
// A band ends at the next restart, at its deadline, or when that side closes the connection. Bands
// are derived for one lane and a time window when a level-of-detail tile is built, never per frame.

import type { TimelineModel } from './model';
import { lowerBound } from '../base/search';

export const BAND_CLIENT = 0;
export const BAND_BROKER = 1;
/** The broker allows one and a half times the keep alive. */
export const BROKER_GRACE = 1.5;

/** Bands in typed arrays, reused. */
export class BandList {
  start: Float64Array = new Float64Array(16);
  end: Float64Array = new Float64Array(16);
  deadline: Float64Array = new Float64Array(16);
  /** BAND_CLIENT or BAND_BROKER. */
  kind: Uint8Array = new Uint8Array(16);
  /** 1: the deadline passed with no restart (for the broker: the keep-alive timeout). */
  expired: Uint8Array = new Uint8Array(16);
  /** The row whose send (client) or arrival (broker) started the band. */
  row: Int32Array = new Int32Array(16);
  length = 0;

  push(start: number, end: number, deadline: number, kind: number, expired: boolean, row: number): number {
    if (this.length === this.start.length) this.grow();
    const i = this.length++;
    this.start[i] = start;
    this.end[i] = end;
    this.deadline[i] = deadline;
    this.kind[i] = kind;
    this.expired[i] = expired ? 1 : 0;
    this.row[i] = row;
    return i;
  }

  /** Shrinks the arrays to the length (for bands kept in a cache). */
  trimmed(): BandList {
    const b = new BandList();
    const n = this.length;
    b.start = this.start.slice(0, n);
    b.end = this.end.slice(0, n);
    b.deadline = this.deadline.slice(0, n);
    b.kind = this.kind.slice(0, n);
    b.expired = this.expired.slice(0, n);
    b.row = this.row.slice(0, n);
    b.length = n;
    return b;
  }

  private grow(): void {
    const cap = this.start.length * 2;
    const f = (a: Float64Array): Float64Array => {
      const x = new Float64Array(cap);
      x.set(a);
      return x;
    };
    this.start = f(this.start);
    this.end = f(this.end);
    this.deadline = f(this.deadline);
    const k = new Uint8Array(cap);
    k.set(this.kind);
    this.kind = k;
    const e = new Uint8Array(cap);
    e.set(this.expired);
    this.expired = e;
    const r = new Int32Array(cap);
    r.set(this.row);
    this.row = r;
  }
}

interface Pending {
  slot: number;
  keepAliveMs: number;
  /** Current band start (NaN: none yet) and the row that started it. */
  cStart: number;
  cRow: number;
  bStart: number;
  bRow: number;
  /** Index of the last band emitted for merging (-1: none). */
  cLast: number;
  bLast: number;
}

/**
 * Appends to `out` the deadline bands of `lane` overlapping [t0, t1), merging bands narrower than
 * `mergeMs` (a pixel at the tile's resolution) into their neighbours so a tile holds at most a few
 * bands per pixel. Returns `out`.
 */
export function laneDeadlineBands(
  model: TimelineModel,
  lane: number,
  t0: number,
  t1: number,
  mergeMs: number,
  out: BandList,
): BandList {
  const maxK = model.laneKeepAliveMs(lane);
  if (!(maxK > 0)) return out;
  const cols = model.columns;
  const { t, arrive, conn } = cols;
  // Only what the client sends restarts its K window and the broker's 1.5 × K (MQTT-3.1.2-23/24).
  const rows = model.laneSentRows(lane);
  const n = rows.length;
  const table = model.connections;
  const lookBack = maxK * BROKER_GRACE + model.maxFlightMs;
  const now = model.lastTime;
  const pending: Pending[] = [];

  const emit = (p: Pending, kindCode: number, start: number, next: number, row: number): void => {
    const grace = kindCode === BAND_BROKER ? BROKER_GRACE : 1;
    const deadline = start + p.keepAliveMs * grace;
    const close = kindCode === BAND_BROKER ? table.brokerClose[p.slot] : table.clientClose[p.slot];
    let end = Math.min(next, deadline);
    if (close < end) end = Math.max(start, close);
    // The deadline passed with nothing: only known once the trace has reached it.
    const expired = next > deadline && deadline <= now && !(close < deadline);
    if (end <= t0 || start >= t1) return;
    const lastIdx = kindCode === BAND_BROKER ? p.bLast : p.cLast;
    if (lastIdx >= 0 && start - out.start[lastIdx] < mergeMs && out.end[lastIdx] >= start - mergeMs) {
      // Narrower than a pixel: extend the previous band instead of adding one.
      out.end[lastIdx] = end;
      out.deadline[lastIdx] = deadline;
      out.expired[lastIdx] = expired ? 1 : 0;
      out.row[lastIdx] = row;
      return;
    }
    const idx = out.push(start, end, deadline, kindCode, expired, row);
    if (kindCode === BAND_BROKER) p.bLast = idx;
    else p.cLast = idx;
  };

  const pendingOf = (slot: number): Pending | null => {
    for (const p of pending) if (p.slot === slot) return p;
    const k = table.keepAliveMs[slot];
    if (!(k > 0)) return null;
    const p: Pending = {
      slot,
      keepAliveMs: k,
      cStart: NaN,
      cRow: -1,
      bStart: NaN,
      bRow: -1,
      cLast: -1,
      bLast: -1,
    };
    pending.push(p);
    return p;
  };

  let i = lowerBound(t, n, t0 - lookBack, rows);
  for (; i < n; i++) {
    const row = rows[i];
    if (t[row] >= t1) break;
    const slot = table.slotOf(conn[row]);
    if (slot < 0) continue;
    const p = pendingOf(slot);
    if (p === null) continue;
    if (!Number.isNaN(p.cStart)) emit(p, BAND_CLIENT, p.cStart, t[row], p.cRow);
    p.cStart = t[row];
    p.cRow = row;
    const a = arrive[row];
    if (a === a) {
      if (!Number.isNaN(p.bStart)) emit(p, BAND_BROKER, p.bStart, a, p.bRow);
      p.bStart = a;
      p.bRow = row;
    }
  }
  // The open bands: look ahead for each one's next restart (bounded by its deadline).
  for (const p of pending) {
    let cNext = Infinity;
    let bNext = Infinity;
    const cLimit = p.cStart + p.keepAliveMs;
    const bLimit = p.bStart + p.keepAliveMs * BROKER_GRACE;
    for (let j = i; j < n; j++) {
      const row = rows[j];
      const tj = t[row];
      const needC = cNext === Infinity && !(tj > cLimit);
      const needB = bNext === Infinity && !(tj > bLimit);
      if (!needC && !needB) break;
      if (table.slotOf(conn[row]) !== p.slot) continue;
      if (needC) cNext = tj;
      const a = arrive[row];
      if (needB && a === a) bNext = a;
    }
    if (!Number.isNaN(p.cStart)) emit(p, BAND_CLIENT, p.cStart, cNext, p.cRow);
    if (!Number.isNaN(p.bStart)) emit(p, BAND_BROKER, p.bStart, bNext, p.bRow);
  }
  return out;
}
