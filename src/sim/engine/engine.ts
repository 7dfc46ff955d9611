// The discrete-event engine: a clock and an event queue. Events are small integers (a kind and two
// arguments) so the queue stays in typed arrays; what a kind means is the world's business, which
// receives each event through `EventHandler`. The clock only moves forward, jumping to each event.

import { EventQueue } from './eventQueue';

export interface EventHandler {
  handle(kind: number, a: number, b: number): void;
}

export class Engine {
  private readonly queue = new EventQueue();
  private clock = 0;
  private processed = 0;

  constructor(private readonly handler: EventHandler) {}

  get now(): number {
    return this.clock;
  }

  /** Events handled so far. */
  get eventCount(): number {
    return this.processed;
  }

  get pending(): number {
    return this.queue.size;
  }

  nextTime(): number {
    return this.queue.peekTime();
  }

  /**
   * Schedules an event; a time in the past runs at the current time (the clock never goes back), and
   * one at Infinity never runs (a timer that is off), so it is not queued. `kind` is below 32 and `a`
   * in 0 … 2^27 − 1 (kinds.ts); `b` is any int32.
   */
  schedule(at: number, kind: number, a = 0, b = 0): void {
    if (at === Infinity) return;
    this.queue.push(at < this.clock ? this.clock : at, kind, a, b);
  }

  /** Handles the next event; false when there is none. */
  step(): boolean {
    const q = this.queue;
    if (!q.pop()) return false;
    this.clock = q.poppedTime;
    this.processed++;
    this.handler.handle(q.poppedKind, q.poppedA, q.poppedB);
    return true;
  }

  /** Handles every event at or before `until`, then sets the clock to `until`. */
  runUntil(until: number): void {
    const q = this.queue;
    const handler = this.handler;
    while (q.popUntil(until)) {
      this.clock = q.poppedTime;
      this.processed++;
      handler.handle(q.poppedKind, q.poppedA, q.poppedB);
    }
    if (until > this.clock && until !== Infinity) this.clock = until;
  }
}
