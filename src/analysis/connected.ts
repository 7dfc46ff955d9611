// Connected clients over time: the number of connections the broker holds open, as a step series.
// Counted from the broker's own `conn` events (side "broker"), so a half-open connection counts until
// the broker times it out: the overview strip shows the broker's belief, not the devices' reality.
// Pure: reads a trace store's columns (and, for the rare event whose code does not fit a column, the
// event itself).

import { upperBound } from '../base/search';
import { KIND_INDEX, NO_CODE } from '../trace/codes';
import type { TraceStore } from '../trace/store';

const CONN_KIND = KIND_INDEX.get('conn') ?? -1;

export interface ConnectedSeries {
  /** Step times (ms), strictly ascending. */
  readonly t: Float64Array;
  /** count[i] holds from t[i] until t[i + 1] (the last until the end of the trace). */
  readonly count: Uint32Array;
  readonly length: number;
  /** Largest count in the series (0 when empty); changes within one instant count only once settled. */
  readonly max: number;
}

/**
 * Builds the series incrementally: `add(store)` reads the rows appended since the previous call, so a
 * streaming run pays for each row once.
 */
export class ConnectedCounter {
  private readonly open = new Set<number>();
  private next = 0;
  private times = new Float64Array(64);
  private counts = new Uint32Array(64);
  private n = 0;
  private peak = 0;

  /** The store dropped its oldest `k` rows (the series keeps what they said). */
  dropRows(k: number): void {
    this.next = Math.max(0, this.next - k);
  }

  /** Reads rows from the last call's end to `upTo` (the store's current length by default). */
  add(store: TraceStore, upTo = store.length): void {
    const cols = store.columns;
    const { kind, code, conn, t } = cols;
    const end = Math.min(upTo, cols.length);
    for (let i = this.next; i < end; i++) {
      if (kind[i] !== CONN_KIND) continue;
      let broker: boolean;
      let closed: boolean;
      const c = code[i];
      if (c !== NO_CODE) {
        broker = ((c >> 1) & 1) === 1;
        closed = (c & 1) === 1;
      } else {
        const e = store.get(i);
        if (e.kind !== 'conn') continue;
        broker = e.side === 'broker';
        closed = e.state === 'closed';
      }
      if (!broker) continue;
      const id = conn[i];
      const before = this.open.size;
      if (closed) this.open.delete(id);
      else this.open.add(id);
      if (this.open.size !== before) this.step(t[i], this.open.size);
    }
    this.next = end;
  }

  series(): ConnectedSeries {
    const last = this.n > 0 ? this.counts[this.n - 1] : 0;
    return {
      t: this.times.subarray(0, this.n),
      count: this.counts.subarray(0, this.n),
      length: this.n,
      max: Math.max(this.peak, last),
    };
  }

  private step(time: number, count: number): void {
    if (this.n > 0 && this.times[this.n - 1] >= time) {
      // Several changes at one instant: the last one stands.
      this.counts[this.n - 1] = count;
    } else {
      // The previous step is final now (changes at one instant merge into it): count it for the peak.
      if (this.n > 0 && this.counts[this.n - 1] > this.peak) this.peak = this.counts[this.n - 1];
      if (this.n === this.times.length) {
        const t = new Float64Array(this.n * 2);
        t.set(this.times);
        const c = new Uint32Array(this.n * 2);
        c.set(this.counts);
        this.times = t;
        this.counts = c;
      }
      this.times[this.n] = time;
      this.counts[this.n] = count;
      this.n++;
    }
  }
}

/** The broker's open connections over time, for a whole trace. */
export function connectedClients(store: TraceStore): ConnectedSeries {
  const counter = new ConnectedCounter();
  counter.add(store);
  return counter.series();
}

/** The count at time `t` (0 before the first step). */
export function connectedAt(series: ConnectedSeries, t: number): number {
  const i = upperBound(series.t, series.length, t);
  return i === 0 ? 0 : series.count[i - 1];
}
