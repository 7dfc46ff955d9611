// The live session's record: a ring buffer of trace events within a budget (events and estimated
// bytes). When it is full the oldest events go, in chunks (down to 90 % of the budget) so that whoever
// mirrors the ring (the page's trace) trims rarely; `dropped` counts them, for the view to show.
import type { TraceEvent } from '../trace';

export interface Budget {
  maxEvents: number;
  maxBytes: number;
}

export const DEFAULT_BUDGET: Budget = { maxEvents: 1_000_000, maxBytes: 200 * 1024 * 1024 };

/** Fraction of the budget kept after an eviction. */
const KEEP_AFTER_EVICTION = 0.9;

/** A rough heap size of one event: object overhead plus its strings (UTF-16). */
export function estimateBytes(e: TraceEvent): number {
  let bytes = 160 + e.kind.length * 2;
  const r = e as unknown as Record<string, unknown>;
  if (typeof r.client === 'string') bytes += r.client.length * 2;
  if (typeof r.topic === 'string') bytes += r.topic.length * 2;
  const p = r.payload;
  if (typeof p === 'string') bytes += p.length * 2;
  else if (p && typeof p === 'object' && typeof (p as { base64?: unknown }).base64 === 'string')
    bytes += (p as { base64: string }).base64.length * 2 + 32;
  if (r.properties || r.will || r.subscriptions) bytes += 256;
  return bytes;
}

export class EventRing {
  private events: (TraceEvent | undefined)[] = [];
  private sizes = new Float64Array(0);
  private head = 0;
  private count = 0;
  private bytesHeld = 0;
  /** Events dropped (oldest first) since the ring was created or cleared. */
  dropped = 0;

  constructor(private budget: Budget = DEFAULT_BUDGET) {}

  get length(): number {
    return this.count;
  }

  get bytes(): number {
    return this.bytesHeld;
  }

  get limits(): Budget {
    return this.budget;
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
      if (this.count === this.events.length) this.grow();
      const i = (this.head + this.count) % this.events.length;
      const size = estimateBytes(e);
      this.events[i] = e;
      this.sizes[i] = size;
      this.count++;
      this.bytesHeld += size;
      if (this.count > this.budget.maxEvents || this.bytesHeld > this.budget.maxBytes)
        dropped += this.evictIfOver(false);
    }
    return dropped;
  }

  private grow(): void {
    const cap = this.events.length;
    const next = Math.min(Math.max(1024, cap * 2), this.budget.maxEvents + 1);
    const events = new Array<TraceEvent | undefined>(Math.max(next, cap + 1));
    const sizes = new Float64Array(events.length);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) % cap;
      events[k] = this.events[i];
      sizes[k] = this.sizes[i];
    }
    this.events = events;
    this.sizes = sizes;
    this.head = 0;
  }

  /** Drops the oldest events down to 90 % of the budget (to the budget itself when `exact`). */
  private evictIfOver(exact: boolean): number {
    if (this.count <= this.budget.maxEvents && this.bytesHeld <= this.budget.maxBytes) return 0;
    const f = exact ? 1 : KEEP_AFTER_EVICTION;
    const maxEvents = Math.floor(this.budget.maxEvents * f);
    const maxBytes = this.budget.maxBytes * f;
    let n = 0;
    const cap = this.events.length;
    while (this.count > 0 && (this.count > maxEvents || this.bytesHeld > maxBytes)) {
      this.bytesHeld -= this.sizes[this.head];
      this.events[this.head] = undefined;
      this.head = (this.head + 1) % cap;
      this.count--;
      n++;
    }
    this.dropped += n;
    return n;
  }

  /** Oldest first. */
  *[Symbol.iterator](): IterableIterator<TraceEvent> {
    const cap = this.events.length;
    for (let k = 0; k < this.count; k++) yield this.events[(this.head + k) % cap] as TraceEvent;
  }

  toArray(): TraceEvent[] {
    return [...this];
  }

  clear(): void {
    this.events = [];
    this.sizes = new Float64Array(0);
    this.head = 0;
    this.count = 0;
    this.bytesHeld = 0;
    this.dropped = 0;
  }
}
