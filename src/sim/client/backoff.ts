// Reconnect backoff: doubling from minMs up to maxMs, shortened by a random fraction up to `jitter`
// so that a fleet that lost its broker at one instant does not come back at one instant.

import type { Random } from '../engine/random';

export function reconnectDelay(
  reconnect: { minMs: number; maxMs: number; jitter: number },
  attempt: number,
  random: Random,
): number {
  const base = Math.min(reconnect.maxMs, reconnect.minMs * 2 ** Math.min(attempt, 30));
  const delay = reconnect.jitter > 0 ? base * (1 - reconnect.jitter * random.next()) : base;
  return Math.round(delay);
}
