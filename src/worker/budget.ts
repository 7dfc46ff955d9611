// Memory policy for huge runs: estimate a run's trace events before it starts and, above the budget,
// choose the lanes whose packets the page gets (the others show as activity heat only).

import type { ResolvedScenario } from '../scenario/types';
import { KEPT_LANES } from './protocol';

const PACKETS_PER_QOS = [1, 2, 4];

/** A rough count of the trace events a run will produce (pings, publishes, connects). */
export function estimateEvents(s: ResolvedScenario): number {
  let total = 0;
  for (const c of s.clients) {
    const start = c.connectAtMs ?? s.durationMs;
    const live = Math.max(0, s.durationMs - start);
    if (c.connectAtMs !== null) total += 6; // conn opens, CONNECT, CONNACK, session, SUBSCRIBE/SUBACK
    let publishes = 0;
    if (c.publish !== null && c.publish.everyMs > 0) {
      publishes = live / c.publish.everyMs;
      total += publishes * PACKETS_PER_QOS[c.publish.qos];
    }
    if (c.keepAlive > 0) {
      const kMs = c.keepAlive * 1000;
      const quietGaps = c.publish !== null && c.publish.everyMs <= kMs ? 0 : live / kMs - publishes;
      total += Math.max(0, quietGaps) * 2;
    }
  }
  return Math.round(total + s.events.length * 4);
}

/**
 * The lanes a sampled run keeps: the first `limit` clients, every client an event names, and clients
 * that subscribe (observers such as a dashboard, at most `limit` more).
 */
export function keptLanes(s: ResolvedScenario, limit = KEPT_LANES): Set<string> {
  const kept = new Set<string>();
  for (const c of s.clients.slice(0, limit)) kept.add(c.id);
  for (const e of s.events) if (e.client !== null) kept.add(e.client);
  let observers = 0;
  for (const c of s.clients) {
    if (observers >= limit) break;
    if (c.subscribe.length > 0 && !kept.has(c.id)) {
      kept.add(c.id);
      observers++;
    }
  }
  return kept;
}
