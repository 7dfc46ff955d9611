// Short descriptions of rows for labels next to markers and for the hover tooltip. Built from the
// trace's own strings, they are only ever drawn with fillText (or escaped in SVG), never as HTML.
// Cached per model and row: the events a row stands for never change.

import { formatTime } from '../scales';
import type { TimelineModel } from '../model';

const cache = new WeakMap<TimelineModel, Map<number, string>>();
const MAX_CACHED = 4096;

/** A one-line description of a row, e.g. "PINGREQ sensor-1 → broker" or "timeout sensor-1 (broker, K 10 s)". */
export function describeRow(model: TimelineModel, row: number): string {
  let m = cache.get(model);
  if (m === undefined) {
    m = new Map();
    cache.set(model, m);
  }
  const hit = m.get(row);
  if (hit !== undefined) return hit;
  const text = describe(model, row);
  if (m.size >= MAX_CACHED) m.clear();
  m.set(row, text);
  return text;
}

function describe(model: TimelineModel, row: number): string {
  const e = model.store.get(row);
  switch (e.kind) {
    case 'packet': {
      const arrow = e.dir === 'c2b' ? `${e.client} → broker` : `broker → ${e.client}`;
      const topic = e.topic !== undefined ? ` ${e.topic}` : '';
      const fate = e.arrive === null ? ' (lost)' : ` (${formatTime(e.arrive - e.t)} in flight)`;
      return `${e.type}${topic} ${arrow}${fate}`;
    }
    case 'conn':
      return `${e.client} #${e.conn} ${e.state} at ${e.side} (${e.reason})`;
    case 'timeout':
      return `timeout ${e.client} at ${e.side}: K ${e.keepAlive} s, silent since ${formatTime(e.lastActivity)}`;
    case 'will': {
      const to = e.receivers !== undefined && e.receivers.length > 0 ? ` → ${e.receivers.join(', ')}` : '';
      return `will of ${e.client} on ${e.topic} (${e.cause})${to}`;
    }
    case 'takeover':
      return `takeover ${e.client}: #${e.oldConn} → #${e.newConn}`;
    case 'fault':
      return `${e.fault} ${e.target}`;
    case 'session':
      return `session ${e.state} ${e.client}${e.queued !== undefined ? ` (${e.queued} queued)` : ''}`;
  }
}
