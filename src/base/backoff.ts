// Reconnect backoff, one law for every client the lab runs: the simulated ones (src/sim), the real
// ones a scenario plays against a broker (src/realrun) and live mode's own connection (src/live).
// Doubling from minMs up to maxMs, shortened by a random fraction up to `jitter` so that a fleet that
// lost its broker at one instant does not come back at one instant.

export interface Backoff {
  /** The first retry waits this long, ms; each failed retry doubles it … */
  minMs: number;
  /** … up to this, ms. */
  maxMs: number;
  /** 0..1: the delay is drawn from [b × (1 − jitter), b]. */
  jitter: number;
}

/** A source of uniform numbers in [0, 1): the simulation's seeded PRNG, or Math.random wrapped. */
export interface UnitRandom {
  next(): number;
}

/** The delay before retry number `attempt` (0 for the first retry after a loss), ms. */
export function reconnectDelay(reconnect: Backoff, attempt: number, random: UnitRandom): number {
  const base = Math.min(reconnect.maxMs, reconnect.minMs * 2 ** Math.min(attempt, 30));
  const delay = reconnect.jitter > 0 ? base * (1 - reconnect.jitter * random.next()) : base;
  return Math.round(delay);
}
