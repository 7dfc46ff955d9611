// Descriptions of rows: a one-line description for the hover tooltip and the screen-reader
// announcement, and a short label drawn beside a mark on the canvas. Built from the trace's own strings,
// they are only ever drawn with fillText (or escaped in SVG), never as HTML. Cached per model and row:
// the events a row stands for never change.

import { notReportedBy, silenceOf } from '../../analysis/explain/deadlines';
import { formatSecondsBrief, formatTime } from '../../base/format';
import type { TimelineModel } from '../model';

const MAX_CACHED = 4096;

function cached(
  cache: WeakMap<TimelineModel, Map<number, string>>,
  make: (model: TimelineModel, row: number) => string,
): (model: TimelineModel, row: number) => string {
  return (model, row) => {
    let m = cache.get(model);
    if (m === undefined) {
      m = new Map();
      cache.set(model, m);
    }
    const hit = m.get(row);
    if (hit !== undefined) return hit;
    const text = make(model, row);
    if (m.size >= MAX_CACHED) m.clear();
    m.set(row, text);
    return text;
  };
}

/** A one-line description of a row, e.g. "PINGREQ sensor-1 → broker" or "timeout sensor-1 (broker, K 10 s)". */
export const describeRow = cached(new WeakMap(), describe);

/**
 * The label drawn beside a row's mark: what it is, in as few words as say why it matters
 * ("PINGREQ", "CONNACK · session present", "timeout · silent 15 s", "will → dashboard").
 */
export const rowLabel = cached(new WeakMap(), label);

function hex(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

function label(model: TimelineModel, row: number): string {
  const e = model.store.get(row);
  switch (e.kind) {
    case 'packet': {
      if (e.arrive === null) return `${e.type} lost`;
      if (e.type === 'CONNECT')
        return typeof e.keepAlive === 'number' ? `CONNECT · K ${e.keepAlive} s` : 'CONNECT';
      if (e.type === 'CONNACK') {
        if (typeof e.reasonCode === 'number' && e.reasonCode !== 0) return `CONNACK ${hex(e.reasonCode)}`;
        return e.sessionPresent === true ? 'CONNACK · session present' : 'CONNACK';
      }
      if (e.type === 'DISCONNECT' && typeof e.reasonCode === 'number' && e.reasonCode !== 0)
        return `DISCONNECT ${hex(e.reasonCode)}`;
      if (e.type === 'PUBLISH' && e.qos !== undefined && e.qos > 0) return `PUBLISH QoS ${e.qos}`;
      return e.type;
    }
    case 'conn':
      return `${e.state} (${e.reason})`;
    case 'timeout': {
      if (e.side !== 'broker') return 'no PINGRESP · client gives up';
      const silence = silenceOf(e);
      return silence !== null ? `timeout · silent ${formatSecondsBrief(silence)}` : 'timeout';
    }
    case 'will': {
      const to = e.receivers !== undefined && e.receivers.length > 0 ? ` → ${e.receivers.join(', ')}` : '';
      return e.delayed > 0 ? `will (${e.delayed} s delay)${to}` : `will${to}`;
    }
    case 'takeover':
      return 'take-over: the new connection wins';
    case 'fault':
      // A live reconnect says which retry it is and how long it waited: the waits doubling show.
      return e.fault === 'connect' && e.attempt !== undefined && e.backoffMs !== undefined
        ? `reconnect ${e.attempt} · after ${formatSecondsBrief(e.backoffMs)}`
        : e.fault;
    case 'session':
      if (e.state === 'resumed')
        return e.queued !== undefined && e.queued > 0
          ? `session resumed · ${e.queued} queued`
          : 'session resumed';
      return `session ${e.state}`;
  }
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
    case 'timeout': {
      // A live broker may not say the keep alive or the last activity: never "K undefined s", and
      // the broker that did not say it is named.
      const k = Number.isFinite(e.keepAlive) ? `K ${e.keepAlive} s` : `K ${notReportedBy(e)}`;
      const silence = silenceOf(e);
      const since = Number.isFinite(e.lastActivity)
        ? `silent since ${formatTime(e.lastActivity)}`
        : silence !== null
          ? `silent ${formatTime(silence)}`
          : `last activity ${notReportedBy(e)}`;
      return `timeout ${e.client} at ${e.side}: ${k}, ${since}`;
    }
    case 'will': {
      const to = e.receivers !== undefined && e.receivers.length > 0 ? ` → ${e.receivers.join(', ')}` : '';
      return `will of ${e.client} on ${e.topic} (${e.cause})${to}`;
    }
    case 'takeover':
      return `takeover ${e.client}: #${e.oldConn} → #${e.newConn}`;
    case 'fault':
      return e.fault === 'connect' && e.attempt !== undefined && e.backoffMs !== undefined
        ? `reconnect ${e.target}: attempt ${e.attempt} after a backoff of ${formatTime(e.backoffMs)}`
        : `${e.fault} ${e.target}`;
    case 'session':
      return `session ${e.state} ${e.client}${e.queued !== undefined ? ` (${e.queued} queued)` : ''}`;
  }
}
