// The simulated network between the broker and every client: one latency, jitter and loss for all
// links (from the scenario), TCP ordering per connection and direction, and per-device link state.
// Every random draw comes from the run's seeded generator, in the order packets are sent.

import type { Random } from '../engine/random';

export interface NetworkSettings {
  latencyMs: number;
  jitterMs: number;
  loss: number;
}

/** Arrival times are kept to the microsecond: readable traces, and no float noise in the output. */
function roundMicros(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export class Network {
  readonly latencyMs: number;
  private readonly jitterMs: number;
  private readonly loss: number;

  constructor(
    settings: NetworkSettings,
    private readonly random: Random,
  ) {
    this.latencyMs = settings.latencyMs;
    this.jitterMs = settings.jitterMs;
    this.loss = settings.loss;
  }

  /**
   * When a packet sent now arrives, or NaN when it is lost. `previousArrival` is the last arrival on
   * the same connection and direction: TCP delivers in order, so jitter never reorders
   * (docs/scenario-format.md).
   */
  packetArrival(now: number, previousArrival: number): number {
    // A perfect network draws nothing: no loss or jitter, no call into the generator.
    const loss = this.loss;
    if (loss > 0 && this.random.next() < loss) return NaN;
    const jitterMs = this.jitterMs;
    const delay = jitterMs > 0 ? this.latencyMs + jitterMs * this.random.next() : this.latencyMs;
    const arrival = roundMicros(now + delay);
    return arrival > previousArrival ? arrival : previousArrival;
  }

  /** A FIN or RST: TCP retransmits it, so only a dead link loses it; it never overtakes data. */
  closeArrival(now: number, previousArrival: number): number {
    const arrival = roundMicros(now + this.latencyMs);
    return arrival > previousArrival ? arrival : previousArrival;
  }
}
