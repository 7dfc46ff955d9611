// The worker's host for tests: posted messages kept in order, and a wall clock the test drives.

import type { FromWorker } from '../../../src/worker/protocol';
import type { RunnerHost } from '../../../src/worker/runner';

/** A host with a hand-driven clock: timers run when `drain` is called. */
export class FakeHost implements RunnerHost {
  clock = 0;
  /** Wall ms each look at the clock costs (0: work takes no time). */
  msPerLook = 0;
  readonly messages: FromWorker[] = [];
  private timers: { at: number; fn: () => void; live: boolean }[] = [];
  post(message: FromWorker): void {
    // Structured clone, as postMessage would (transfers aside).
    this.messages.push(message);
  }
  now(): number {
    this.clock += this.msPerLook;
    return this.clock;
  }
  later(fn: () => void, ms: number): () => void {
    const timer = { at: this.clock + ms, fn, live: true };
    this.timers.push(timer);
    return () => {
      timer.live = false;
    };
  }
  /** Runs due timers (advancing the clock to each) until none is left before `until`. */
  drain(until = Infinity, maxSteps = 1_000_000): void {
    for (let i = 0; i < maxSteps; i++) {
      this.timers = this.timers.filter((t) => t.live);
      if (this.timers.length === 0) return;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (next.at > until) {
        this.clock = until;
        return;
      }
      this.timers.shift();
      this.clock = Math.max(this.clock, next.at);
      next.fn();
    }
    if (maxSteps === 1_000_000) throw new Error('timers did not settle');
  }
}
