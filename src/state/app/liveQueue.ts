// Live events waiting for the next frame, and the running totals of those applied.

import { StatsAccumulator, type Stats } from '../../analysis/rangeStats';
import type { TraceStore } from '../../trace/store';
import type { TraceEvent } from '../../trace/types';

/** Live events appended between clock checks. */
const LIVE_CHUNK = 1024;

export class LiveQueue {
  private events: TraceEvent[] = [];
  private totals = new StatsAccumulator();

  /** A new live trace: nothing waiting, totals from zero. */
  reset(): void {
    this.events = [];
    this.totals = new StatsAccumulator();
  }

  push(events: readonly TraceEvent[]): void {
    for (const e of events) this.events.push(e);
  }

  /** Drops the `count` oldest events not applied yet. */
  dropOldest(count: number): void {
    this.events = this.events.slice(count);
  }

  get waiting(): boolean {
    return this.events.length > 0;
  }

  /** Appends waiting events to `store` until `overBudget` says stop; the totals after them. */
  apply(store: TraceStore, overBudget: () => boolean): Stats {
    let i = 0;
    for (; i < this.events.length; i++) {
      const e = this.events[i];
      store.append(e);
      this.totals.append(e);
      if (i % LIVE_CHUNK === LIVE_CHUNK - 1 && overBudget()) {
        i++;
        break;
      }
    }
    this.events = this.events.slice(i);
    return this.totals.snapshot();
  }
}
