// The traffic filter: what a topic text and a payload text match, the traffic view's summary under it
// (topics, kept messages, rate series), and the timeline following it (TimelineFilter between the
// session's record and the page's trace: matching messages and the context of their clients only,
// drops counted right, the record sent again when the filter changes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilter, topicFilterMatches } from '../../src/live/filter';
import { EventRing } from '../../src/live/ring';
import { TimelineFilter } from '../../src/live/timelineFilter';
import { TrafficStats } from '../../src/live/traffic';
import { RATE_SECONDS, trafficSummary } from '../../src/live/trafficSummary';
import type { LiveTraceSink } from '../../src/live/types';
import { topicMatches } from '../../src/scenario/topics';
import type { TraceEvent, TraceHeader } from '../../src/trace';

const enc = new TextEncoder();

describe('compileFilter', () => {
  it('matches a topic by text it contains, ignoring case, or by an MQTT filter when it has a wildcard', () => {
    const text = compileFilter({ topic: 'TEMP', payload: '' });
    expect(text.on).toBe(true);
    expect(text.topic('sensors/1/temperature')).toBe(true);
    expect(text.topic('sensors/1/humidity')).toBe(false);
    const filter = compileFilter({ topic: 'sensors/+/temperature', payload: '' });
    expect(filter.topic('sensors/1/temperature')).toBe(true);
    expect(filter.topic('sensors/1/2/temperature')).toBe(false);
    expect(filter.topic('x/sensors/1/temperature')).toBe(false);
    const all = compileFilter({ topic: '#', payload: '' });
    expect(all.topic('a/b')).toBe(true);
    expect(all.topic('$SYS/broker/uptime')).toBe(false);
  });

  it('matches payloads by text they contain, in bytes or in text', () => {
    const f = compileFilter({ topic: '', payload: 'Open' });
    expect(f.payloadBytes(enc.encode('door OPEN'))).toBe(true);
    expect(f.payloadBytes(enc.encode('closed'))).toBe(false);
    expect(f.payloadText('is open')).toBe(true);
    expect(compileFilter(null).on).toBe(false);
    expect(compileFilter({ topic: '', payload: '' }).payloadBytes(enc.encode('x'))).toBe(true);
  });

  it('matches MQTT filters as the scenario package does (one rule, two copies across the layers)', () => {
    const level = fc.constantFrom('a', 'b', '$x', '', 'c d');
    const topic = fc.array(level, { minLength: 1, maxLength: 4 }).map((l) => l.join('/'));
    const filter = fc
      .array(fc.constantFrom('a', 'b', '+', '', '$x'), { minLength: 1, maxLength: 4 })
      .chain((l) => fc.boolean().map((hash) => (hash ? [...l, '#'] : l).join('/')));
    fc.assert(
      fc.property(filter, topic, (f, t) => {
        expect(topicFilterMatches(f, t)).toBe(topicMatches(f, t));
      }),
    );
  });
});

describe('trafficSummary under a filter', () => {
  function stats(): TrafficStats {
    const s = new TrafficStats();
    for (let i = 0; i < 30; i++) {
      s.record(`sensors/${i % 3}/temperature`, enc.encode(JSON.stringify({ t: 20 + i })), 0, false, i * 1000);
      s.record('alerts/door', enc.encode(i % 2 === 0 ? 'open' : 'closed'), 1, true, i * 1000 + 500);
    }
    return s;
  }

  it('lists the matching topics only, and the selected topic’s matching messages', () => {
    const s = stats();
    const all = trafficSummary(s, 30_000, null);
    expect(all.topics.map((t) => t.topic).sort()).toEqual([
      'alerts/door',
      'sensors/0/temperature',
      'sensors/1/temperature',
      'sensors/2/temperature',
    ]);
    const sensors = trafficSummary(
      s,
      30_000,
      'alerts/door',
      compileFilter({ topic: 'sensors/#', payload: '' }),
    );
    expect(sensors.topics.map((t) => t.topic)).not.toContain('alerts/door');
    expect(sensors.topics).toHaveLength(3);
    expect(sensors.selected).toBeNull(); // the selected topic does not match
    const open = trafficSummary(s, 30_000, 'alerts/door', compileFilter({ topic: 'door', payload: 'open' }));
    expect(open.topics.map((t) => t.topic)).toEqual(['alerts/door']);
    expect(open.selected?.kept).toBe(30);
    expect(open.selected?.history).toHaveLength(15);
    expect(new Set(open.selected?.history.map((m) => new TextDecoder().decode(m.payload)))).toEqual(
      new Set(['open']),
    );
    expect(open.filter).toEqual({ topic: 'door', payload: 'open' });
  });

  it('gives the busiest matching topics’ per-second counts over the last minute', () => {
    const s = stats();
    const summary = trafficSummary(s, 30_000, null, compileFilter({ topic: 'temperature', payload: '' }));
    expect(summary.series.map((x) => x.topic).sort()).toEqual([
      'sensors/0/temperature',
      'sensors/1/temperature',
      'sensors/2/temperature',
    ]);
    for (const x of summary.series) {
      expect(x.counts).toHaveLength(RATE_SECONDS);
      expect(x.counts.reduce((a, b) => a + b, 0)).toBe(10);
    }
    expect(summary.seriesEnd).toBe(30_000);
  });
});

// ---------------------------------------------------------------------------------------------------

const header: TraceHeader = { trace: 1, source: 'live' };

class Collect implements LiveTraceSink {
  events: TraceEvent[] = [];
  begins = 0;
  begin(): void {
    this.begins++;
    this.events = [];
  }
  append(events: TraceEvent[]): void {
    this.events.push(...events);
  }
  dropOldest(count: number): void {
    this.events.splice(0, count);
  }
}

let t = 0;
const publish = (client: string, conn: number, topic: string, payload: string, extra = {}): TraceEvent => ({
  t: t++,
  kind: 'packet',
  dir: 'b2c',
  client,
  conn,
  type: 'PUBLISH',
  arrive: t,
  topic,
  payload,
  qos: 0,
  retain: false,
  ...extra,
});
const packet = (client: string, conn: number, type: 'PINGREQ' | 'PUBACK', extra = {}): TraceEvent =>
  ({ t: t++, kind: 'packet', dir: 'c2b', client, conn, type, arrive: t, ...extra }) as TraceEvent;
const open = (client: string, conn: number): TraceEvent => ({
  t: t++,
  kind: 'conn',
  client,
  conn,
  side: 'client',
  state: 'open',
  reason: 'connect',
});
const will = (client: string, conn: number, topic: string): TraceEvent => ({
  t: t++,
  kind: 'will',
  client,
  conn,
  topic,
  qos: 1,
  retain: false,
  cause: 'network-error',
  delayed: 0,
  payload: 'offline',
});

/** A session's record through a TimelineFilter into a page's trace, with the ring it mirrors. */
function setup() {
  const page = new Collect();
  const ring = new EventRing({ maxEvents: 1e6, maxBytes: 1e9 });
  let widened = 0;
  const filter = new TimelineFilter(page, () => widened++);
  filter.begin(header);
  const push = (events: TraceEvent[]): void => {
    const dropped = ring.pushMany(events);
    filter.append(events);
    if (dropped > 0) filter.dropOldest(dropped);
  };
  return { page, ring, filter, push, widened: () => widened };
}

describe('TimelineFilter', () => {
  it('passes everything on while no filter is on', () => {
    const { page, push } = setup();
    const events = [open('self', 1), publish('self', 1, 'a', 'x'), packet('self', 1, 'PINGREQ')];
    push(events);
    expect(page.events).toEqual(events);
  });

  it('keeps the matching messages and their clients’ lanes, and leaves the other lanes out', () => {
    const { page, ring, filter, push } = setup();
    push([
      open('self', 1),
      open('probe-a', 2),
      open('probe-b', 3),
      publish('self', 1, 'sensors/1/temp', '21'),
      publish('self', 1, 'alerts/door', 'open'),
      packet('self', 1, 'PINGREQ'),
      will('probe-a', 2, 'probes/a/status'),
      will('probe-b', 3, 'probes/b/status'),
    ]);
    filter.setFilter({ topic: 'probes/a/#', payload: '' }, ring);
    expect(page.begins).toBe(2);
    // probe-a's will matches: its lane keeps its connection; self has no matching message at all.
    expect(page.events.map((e) => `${e.kind}:${'client' in e ? e.client : ''}`)).toEqual([
      'conn:probe-a',
      'will:probe-a',
    ]);
    expect(filter.stats()).toEqual({ on: true, shownClients: 1, totalClients: 3 });
    filter.setFilter({ topic: 'sensors', payload: '' }, ring);
    expect(page.events.map((e) => (e.kind === 'packet' ? `${e.type}:${e.topic ?? ''}` : e.kind))).toEqual([
      'conn',
      'PUBLISH:sensors/1/temp',
      'PINGREQ:',
    ]);
    // Off again: the whole record.
    filter.setFilter(null, ring);
    expect(page.events).toHaveLength(ring.length);
  });

  it('passes the acknowledgements of matching PUBLISHes only', () => {
    const { page, ring, filter, push } = setup();
    filter.setFilter({ topic: 'keep', payload: '' }, ring);
    push([
      open('self', 1),
      publish('self', 1, 'keep', 'x', { qos: 1, messageId: 7 }),
      publish('self', 1, 'drop', 'y', { qos: 1, messageId: 8 }),
      packet('self', 1, 'PUBACK', { messageId: 8 }),
      packet('self', 1, 'PUBACK', { messageId: 7 }),
    ]);
    // Streaming: self's open went by before self matched, so it waits for the record to be sent again.
    expect(page.events.map((e) => (e.kind === 'packet' ? `${e.type}:${e.messageId}` : e.kind))).toEqual([
      'PUBLISH:7',
      'PUBACK:7',
    ]);
  });

  it('asks to send the record again when a client matches for the first time', () => {
    const { filter, ring, push, widened } = setup();
    filter.setFilter({ topic: 'x', payload: '' }, ring);
    push([open('self', 1), publish('self', 1, 'y', '1')]);
    expect(widened()).toBe(0);
    push([publish('self', 1, 'x', '1')]);
    expect(widened()).toBe(1);
    push([publish('self', 1, 'x', '2')]);
    expect(widened()).toBe(1);
  });

  it('drops from the page exactly the dropped events that had passed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.constantFrom('hit', 'miss')), { maxLength: 60 }),
        fc.integer({ min: 2, max: 20 }),
        (items, maxEvents) => {
          const page = new Collect();
          const ring = new EventRing({ maxEvents, maxBytes: 1e9 });
          const filter = new TimelineFilter(page);
          filter.begin(header);
          filter.setFilter({ topic: 'hit', payload: '' }, ring);
          for (const [client, topic] of items) {
            const batch = [publish(client, client === 'a' ? 1 : 2, topic, '')];
            const dropped = ring.pushMany(batch);
            filter.append(batch);
            if (dropped > 0) filter.dropOldest(dropped);
          }
          // The page holds what passed of what the ring holds, whatever was dropped on the way.
          const again = new Collect();
          const fresh = new TimelineFilter(again);
          fresh.begin(header);
          fresh.setFilter({ topic: 'hit', payload: '' }, ring);
          const key = (e: TraceEvent): string => `${e.t}`;
          expect(page.events.map(key)).toEqual(
            again.events.filter((e) => e.kind === 'packet' && e.topic === 'hit').map(key),
          );
        },
      ),
    );
  });
});
