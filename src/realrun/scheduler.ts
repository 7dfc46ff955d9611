// Real-time timers on the run's clock, all cancelled together when the run ends. `at` takes a trace
// time (a scenario's `atMs`), `after` a wall duration: the run's clock turns one into the other.

import type { TraceMs } from '../base/time';

export class Scheduler {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(private readonly now: () => TraceMs) {}

  /** Runs `fn` at trace time `t` (ms), or at once if that has passed. Returns a cancel function. */
  at(t: TraceMs, fn: () => void): () => void {
    return this.after(t - this.now(), fn);
  }

  /** Runs `fn` after `ms`. Returns a cancel function. */
  after(ms: number, fn: () => void): () => void {
    if (this.stopped) return () => {};
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (!this.stopped) fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
