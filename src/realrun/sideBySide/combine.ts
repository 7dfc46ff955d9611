// One trace for the page's timeline out of a simulated and a real trace of one scenario: every lane ID
// prefixed (`sim/<client>`, `real/<client>`), the real trace's connection numbers offset so both sets
// stay unique, the events merged in time order (the simulated one first at equal times, so that at the
// start the simulated lanes come first: the timeline orders lanes by first appearance). Nothing else is
// changed: each event is the one its trace had. Pure.
import type { TraceEvent, TraceHeader } from '../../trace/types';

export interface TraceData {
  header: TraceHeader;
  events: readonly TraceEvent[];
}

export const SIM_PREFIX = 'sim/';
export const REAL_PREFIX = 'real/';

export interface CombinedTrace extends TraceData {
  events: TraceEvent[];
  /** Added to every `conn` of the real trace. */
  connOffset: number;
}

/** The largest connection number in a trace (0 when none). */
export function maxConn(events: readonly TraceEvent[]): number {
  let max = 0;
  for (const e of events) {
    if ('conn' in e) max = Math.max(max, e.conn);
    else if (e.kind === 'takeover') max = Math.max(max, e.oldConn, e.newConn);
  }
  return max;
}

/** A round offset above every simulated connection number (1000, 10 000, …), so real ones read easily. */
export function connOffsetFor(simEvents: readonly TraceEvent[]): number {
  let offset = 1000;
  while (offset <= maxConn(simEvents)) offset *= 10;
  return offset;
}

/** A copy of `e` with its client IDs prefixed and its connection numbers moved by `offset`. */
export function relabel(e: TraceEvent, prefix: string, offset: number): TraceEvent {
  const c = structuredClone(e);
  switch (c.kind) {
    case 'fault':
      if (c.target !== 'broker') c.target = prefix + c.target;
      return c;
    case 'takeover':
      c.client = prefix + c.client;
      c.oldConn += offset;
      c.newConn += offset;
      return c;
    case 'session':
      c.client = prefix + c.client;
      return c;
    case 'will':
      c.client = prefix + c.client;
      c.conn += offset;
      if (c.receivers) c.receivers = c.receivers.map((r) => prefix + r);
      return c;
    default:
      c.client = prefix + c.client;
      c.conn += offset;
      return c;
  }
}

export function combineTraces(sim: TraceData, real: TraceData): CombinedTrace {
  const offset = connOffsetFor(sim.events);
  const a = sim.events;
  const b = real.events;
  const events: TraceEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].t <= b[j].t)) events.push(relabel(a[i++], SIM_PREFIX, 0));
    else events.push(relabel(b[j++], REAL_PREFIX, offset));
  }
  const header: TraceHeader = { trace: 1, source: 'live' };
  if (real.header.startedAt !== undefined) header.startedAt = real.header.startedAt;
  return { header, events, connOffset: offset };
}
