// The live session's record: the newest trace events within a budget (events and estimated bytes),
// kept in a columnar TraceStore like the page's trace (a flood of PUBLISHes costs a few dozen bytes an
// event, no object each). When it is full the oldest events go, in chunks (down to 90 % of the budget)
// so that whoever mirrors the ring (the page's trace) trims rarely; `dropped` counts them, for the view
// to show.
import type { TraceEvent } from '../trace';
import { nextCapacity, resized } from '../trace/grow';
import { TraceStore } from '../trace/store';

export interface Budget {
  maxEvents: number;
  maxBytes: number;
}

export const DEFAULT_BUDGET: Budget = { maxEvents: 1_000_000, maxBytes: 200 * 1024 * 1024 };

/** Fraction of the budget kept after an eviction. */
const KEEP_AFTER_EVICTION = 0.9;

/** A row of the store's columns and of a compact detail's, with room to grow (capacity doubles). */
const ROW_BYTES = 96;
/** An event or detail the store keeps as an object (see TraceStore). */
const OBJECT_BYTES = 256;

/**
 * The rough memory one event costs in a TraceStore: its row, its texts (UTF-16), and an object when
 * it is not a plain packet (CONNECT's will, SUBSCRIBE's list, properties, any non-packet event).
 */
export function estimateBytes(e: TraceEvent): number {
  let bytes = ROW_BYTES;
  const r = e as unknown as Record<string, unknown>;
  if (typeof r.topic === 'string') bytes += r.topic.length * 2;
  const p = r.payload;
  if (typeof p === 'string') bytes += p.length * 2;
  else if (p && typeof p === 'object' && typeof (p as { base64?: unknown }).base64 === 'string')
    bytes += (p as { base64: string }).base64.length * 2;
  if (e.kind !== 'packet' || r.properties || r.will || r.subscriptions) bytes += OBJECT_BYTES;
  return bytes;
}

export class EventRing {
  private store = new TraceStore();
  /** Bytes held beside the ring (the traffic view's topics and histories) that share its byte budget. */
  private reserved = 0;
  /** Estimated bytes of each held event, by row. */
  private sizes = new Float64Array(0);
  private bytesHeld = 0;
  /** Events dropped (oldest first) since the ring was created or cleared. */
  dropped = 0;

  constructor(private budget: Budget = DEFAULT_BUDGET) {}

  get length(): number {
    return this.store.length;
  }

  get bytes(): number {
    return this.bytesHeld;
  }

  get limits(): Budget {
    return this.budget;
  }

  /** Counts `bytes` held elsewhere against the byte budget from the next push on. */
  setReserve(bytes: number): void {
    this.reserved = Math.max(0, bytes);
  }

  /** Changes the budget; returns how many events that dropped. */
  setBudget(budget: Budget): number {
    this.budget = {
      maxEvents: Math.max(1, Math.floor(budget.maxEvents)),
      maxBytes: Math.max(1, budget.maxBytes),
    };
    return this.evictIfOver(true);
  }

  /** Adds events in order; returns how many old events were dropped to make room. */
  pushMany(batch: readonly TraceEvent[]): number {
    let dropped = 0;
    for (const e of batch) {
      const row = this.store.length;
      if (row === this.sizes.length) this.sizes = resized(this.sizes, nextCapacity(row), row);
      this.store.append(e);
      const size = estimateBytes(e);
      this.sizes[row] = size;
      this.bytesHeld += size;
      if (row + 1 > this.budget.maxEvents || this.bytesHeld + this.reserved > this.budget.maxBytes)
        dropped += this.evictIfOver(false);
    }
    return dropped;
  }

  /** Drops the oldest events down to 90 % of the budget (to the budget itself when `exact`). */
  private evictIfOver(exact: boolean): number {
    const n = this.store.length;
    if (n <= this.budget.maxEvents && this.bytesHeld + this.reserved <= this.budget.maxBytes) return 0;
    const f = exact ? 1 : KEEP_AFTER_EVICTION;
    const maxEvents = Math.floor(this.budget.maxEvents * f);
    const maxBytes = this.budget.maxBytes * f - this.reserved;
    let k = 0;
    while (k < n && (n - k > maxEvents || this.bytesHeld > maxBytes)) this.bytesHeld -= this.sizes[k++];
    this.store.dropOldest(k);
    this.sizes.copyWithin(0, k, n);
    this.dropped += k;
    return k;
  }

  /** Oldest first. */
  [Symbol.iterator](): IterableIterator<TraceEvent> {
    return this.store[Symbol.iterator]();
  }
}
