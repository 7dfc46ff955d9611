// The live trace's clock: milliseconds since the trace started, from a monotonic source, so events
// stamped in the order they happen are in non-decreasing `t` order (docs/trace-format.md).
import type { LiveClock } from './types';

export interface ClockSources {
  /** Wall clock, epoch ms (for `startedAt`). Default `Date.now`. */
  wall?: () => number;
  /** Monotonic clock, ms. Default `performance.now`. */
  mono?: () => number;
}

export function createLiveClock(sources: ClockSources = {}): LiveClock {
  const wall = sources.wall ?? (() => Date.now());
  const mono = sources.mono ?? (() => performance.now());
  const startedAtMs = wall();
  const mono0 = mono();
  return {
    startedAt: new Date(startedAtMs).toISOString(),
    startedAtMs,
    // Rounded to µs: enough for a timeline, and keeps exported traces short.
    now: () => Math.max(0, Math.round((mono() - mono0) * 1000) / 1000),
  };
}
