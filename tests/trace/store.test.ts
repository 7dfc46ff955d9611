import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeConnCode, NO_CODE } from '../../src/trace/codes';
import { formatEvent, formatTrace, formatTraceChunks } from '../../src/trace/format';
import { detailOf } from '../../src/trace/packetEvent';
import { TraceStore } from '../../src/trace/store';
import { PACKET_TYPES } from '../../src/trace/types';
import type { PacketDetail, TraceEvent } from '../../src/trace/types';
import { traceEvents } from './arbitraries';

/** Writes `e` the way a simulation would: positional packets, objects for the rest. */
function write(store: TraceStore, e: TraceEvent): void {
  if (e.kind === 'packet') store.packet(e.t, e.dir, e.client, e.conn, e.type, e.arrive, detailOf(e));
  else store.event(e);
}

describe('TraceStore', () => {
  it('gives back every event written through packet() and event(), line for line', () => {
    fc.assert(
      fc.property(traceEvents, (events) => {
        const store = new TraceStore();
        for (const e of events) write(store, e);
        expect(store.length).toBe(events.length);
        events.forEach((e, i) => expect(formatEvent(store.get(i))).toBe(formatEvent(e)));
      }),
    );
  });

  it('peek gives the same event as get without copying what it stores, so readers share it', () => {
    fc.assert(
      fc.property(traceEvents, (events) => {
        const store = new TraceStore();
        for (const e of events) write(store, e);
        events.forEach((_, i) => expect(formatEvent(store.peek(i))).toBe(formatEvent(store.get(i))));
      }),
    );
    const store = new TraceStore();
    store.event({ t: 1, kind: 'session', client: 'a', state: 'resumed', queued: 2 });
    expect(store.peek(0)).toBe(store.peek(0));
    expect(store.get(0)).not.toBe(store.peek(0));
  });

  it('files a packet under the type code its producer gives, the type name unread', () => {
    const store = new TraceStore();
    store.packet(0, 'c2b', 'a', 1, 'PINGREQ', 2, null, PACKET_TYPES.indexOf('PINGRESP'));
    expect(store.get(0)).toMatchObject({ type: 'PINGRESP' });
  });

  it('gives back every event written through append(), line for line', () => {
    fc.assert(
      fc.property(traceEvents, (events) => {
        const store = new TraceStore();
        for (const e of events) store.append(e);
        expect([...store].map(formatEvent)).toEqual(events.map(formatEvent));
        expect(store.toJsonl({ trace: 1, source: 'sim' })).toBe(
          formatTrace({ trace: 1, source: 'sim' }, events),
        );
      }),
    );
  });

  it('after dropping its oldest rows (between appends) holds exactly the newest events, line for line', () => {
    fc.assert(
      fc.property(
        traceEvents,
        fc.array(fc.tuple(fc.nat(20), fc.nat(20)), { maxLength: 6 }),
        (events, steps) => {
          const store = new TraceStore();
          let held: TraceEvent[] = [];
          let next = 0;
          let dropped = 0;
          for (const [add, drop] of [...steps, [events.length, 0] as [number, number]]) {
            for (const e of events.slice(next, next + add)) {
              write(store, e);
              held.push(e);
            }
            next = Math.min(events.length, next + add);
            store.dropOldest(drop);
            dropped += Math.min(drop, held.length);
            held = held.slice(drop);
          }
          expect(store.dropped).toBe(dropped);
          expect([...store].map(formatEvent)).toEqual(held.map(formatEvent));
        },
      ),
    );
  });

  it('keeps a payload shared with a dropped row on the same topic', () => {
    const store = new TraceStore();
    for (let i = 0; i < 4; i++) store.packet(i, 'c2b', 'a', 1, 'PUBLISH', i, { topic: 's', payload: 'same' });
    store.packet(4, 'c2b', 'a', 1, 'PUBLISH', 4, { topic: 's', payload: 'new' });
    store.dropOldest(3);
    store.packet(5, 'c2b', 'a', 1, 'PUBLISH', 5, { topic: 's', payload: 'new' });
    expect([...store].map((e) => (e.kind === 'packet' ? e.payload : undefined))).toEqual([
      'same',
      'new',
      'new',
    ]);
    expect(store.columns.t).toEqual(new Float64Array([3, 4, 5]));
  });

  it('materialises a compact PUBLISH as an object equal to the one written', () => {
    const store = new TraceStore();
    const detail: PacketDetail = {
      topic: 's/1',
      qos: 1,
      retain: false,
      payload: { base64: 'AAE=' },
      messageId: 7,
    };
    store.packet(5, 'c2b', 'sensor-1', 3, 'PUBLISH', null, detail);
    expect(store.get(0)).toEqual({
      t: 5,
      kind: 'packet',
      dir: 'c2b',
      client: 'sensor-1',
      conn: 3,
      type: 'PUBLISH',
      arrive: null,
      ...detail,
    });
  });

  it('keeps a flood of live PUBLISHes (source, sentUnknown) with no object per event', () => {
    const store = new TraceStore();
    const live = (i: number): TraceEvent =>
      ({
        t: i,
        kind: 'packet',
        dir: 'b2c',
        client: 'keepalive-lab-1',
        conn: 1,
        type: 'PUBLISH',
        arrive: i,
        topic: 'bench/flood',
        qos: 0,
        retain: false,
        payload: `m${i}`,
        source: 'self',
        sentUnknown: true,
      }) as TraceEvent;
    const before = store.memoryBytes();
    for (let i = 0; i < 10_000; i++) store.append(live(i));
    expect(store.get(1234)).toEqual(live(1234));
    // Columns at capacity are ~100 bytes a row; an object per event would add 256 bytes each.
    expect(store.memoryBytes() - before).toBeLessThan(10_000 * 150);
  });

  it("keeps a simulation's conn and session events in its columns, without an object each", () => {
    const store = new TraceStore();
    const before = store.memoryBytes();
    const events: TraceEvent[] = [];
    for (let i = 0; i < 10_000; i++) {
      events.push({
        t: i,
        kind: 'conn',
        client: `s-${i}`,
        conn: i + 1,
        side: 'broker',
        state: 'open',
        reason: 'connect',
      });
      events.push({ t: i, kind: 'session', client: `s-${i}`, state: 'created' });
    }
    for (const e of events) store.event(e as Exclude<TraceEvent, { kind: 'packet' }>);
    events.forEach((e, i) => expect(formatEvent(store.get(i))).toBe(formatEvent(e)));
    expect(store.columns.conn[1]).toBe(-1);
    // Columns at capacity are ~100 bytes a row (and the client IDs); an object per event would add 256.
    expect(store.memoryBytes() - before).toBeLessThan(20_000 * 150);
    // Dropping rows keeps the objects of the other rows in step.
    store.event({ t: 20_000, kind: 'session', client: 'x', state: 'resumed', queued: 3 });
    store.dropOldest(5);
    expect(store.get(store.length - 1)).toEqual({
      t: 20_000,
      kind: 'session',
      client: 'x',
      state: 'resumed',
      queued: 3,
    });
    expect(formatEvent(store.get(0))).toBe(formatEvent(events[5]));
  });

  it('keeps each payload of a topic, whether it repeats the last one or not', () => {
    const store = new TraceStore();
    const payloads = ['on', 'on', 'off', 'on', { base64: 'on' }, 'on', ''];
    payloads.forEach((payload, i) => store.packet(i, 'c2b', 'a', 1, 'PUBLISH', i, { topic: 's', payload }));
    store.packet(9, 'c2b', 'a', 1, 'PUBLISH', 9, { payload: 'no topic' });
    store.trim();
    expect([...store].map((e) => (e.kind === 'packet' ? e.payload : undefined))).toEqual([
      ...payloads,
      'no topic',
    ]);
  });

  it('is not affected when the caller later changes a detail or event it wrote', () => {
    const store = new TraceStore();
    const detail: PacketDetail = { keepAlive: 10, will: { topic: 'w', payload: 'x', qos: 0, retain: false } };
    store.packet(0, 'c2b', 'a', 1, 'CONNECT', 20, detail);
    const will: TraceEvent = {
      t: 1,
      kind: 'will',
      client: 'a',
      conn: 1,
      topic: 'w',
      qos: 0,
      retain: false,
      cause: 'takeover',
      delayed: 0,
      receivers: ['b'],
    };
    store.event(will);
    detail.will!.topic = 'changed';
    will.receivers!.push('c');
    expect(store.get(0)).toMatchObject({ will: { topic: 'w' } });
    expect(store.get(1)).toMatchObject({ receivers: ['b'] });
  });

  it('exposes columns the timeline can draw from without objects', () => {
    const store = new TraceStore();
    store.packet(1, 'b2c', 'b', 4, 'PINGRESP', null, null);
    store.event({
      t: 2,
      kind: 'conn',
      client: 'a',
      conn: 5,
      side: 'broker',
      state: 'closed',
      reason: 'keepalive-timeout',
    });
    store.event({ t: 3, kind: 'fault', target: 'broker', fault: 'broker-restart' });
    store.event({ t: 4, kind: 'takeover', client: 'a', oldConn: 5, newConn: 6 });
    const c = store.columns;
    expect(c.length).toBe(4);
    expect([...c.t]).toEqual([1, 2, 3, 4]);
    expect([...c.kind]).toEqual([0, 1, 5, 4]);
    expect(store.clientIds()).toEqual(['b', 'a']);
    expect([...c.client]).toEqual([0, 1, -1, 1]);
    expect([...c.conn]).toEqual([4, 5, -1, 6]);
    expect(c.packetType[0]).toBe(PACKET_TYPES.indexOf('PINGRESP'));
    expect(c.dir[0]).toBe(1);
    expect(c.dir[1]).toBe(NO_CODE);
    expect(Number.isNaN(c.arrive[0])).toBe(true);
    expect(decodeConnCode(c.code[1])).toEqual({
      state: 'closed',
      side: 'broker',
      reason: 'keepalive-timeout',
    });
    expect(store.kind(1)).toBe('conn');
    expect(store.t(2)).toBe(3);
    expect(store.clientIndex(2)).toBe(-1);
  });

  it('reserves room for a run at once: filling it allocates nothing more, and what it held stays', () => {
    const store = new TraceStore();
    store.packet(1, 'c2b', 'a', 1, 'PINGREQ', 2, null);
    store.reserve(10_000);
    const reserved = store.memoryBytes();
    for (let i = 1; i < 10_000; i++) store.packet(1 + i, 'c2b', 'a', 1, 'PINGREQ', 2 + i, null);
    expect(store.memoryBytes()).toBe(reserved);
    expect(store.length).toBe(10_000);
    expect(store.t(0)).toBe(1);
    expect(store.t(9_999)).toBe(10_000);
    // Past the reservation it grows as before.
    store.packet(20_000, 'c2b', 'a', 1, 'PINGREQ', 20_001, null);
    expect(store.memoryBytes()).toBeGreaterThan(reserved);
    expect(store.length).toBe(10_001);
  });

  it('refuses an index outside the store', () => {
    const store = new TraceStore();
    store.packet(0, 'c2b', 'a', 1, 'PINGREQ', 1, null);
    expect(() => store.get(1)).toThrow(RangeError);
    expect(() => store.t(-1)).toThrow(RangeError);
  });

  it('streams the same text in chunks as toJsonl writes whole', () => {
    const store = new TraceStore();
    for (let i = 0; i < 25; i++)
      store.packet(i, 'c2b', `c${i % 3}`, i, 'PUBLISH', i + 1, { topic: 't', payload: String(i) });
    const header = { trace: 1, source: 'sim' } as const;
    const chunks = [...formatTraceChunks(header, store, 7)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(store.toJsonl(header));
  });

  it('keeps 2.4 M packets of 10 000 clients in well under 300 MB, with no object per event', () => {
    const clients = Array.from({ length: 10_000 }, (_, i) => `sensor-${i}`);
    const topics = clients.map((c) => `sensors/${c}/temp`);
    const payloads = Array.from({ length: 100 }, (_, i) => (15 + i / 10).toFixed(1));
    const n = 2_400_000;
    const store = new TraceStore();
    for (let i = 0; i < n; i++) {
      const k = i % 10_000;
      const t = i * 1.5;
      switch (i % 4) {
        case 0:
          store.packet(t, 'c2b', clients[k], k, 'PINGREQ', t + 20, null);
          break;
        case 1:
          store.packet(t, 'b2c', clients[k], k, 'PINGRESP', i % 97 === 0 ? null : t + 20, null);
          break;
        default:
          store.packet(t, 'c2b', clients[k], k, 'PUBLISH', t + 20, {
            topic: topics[k],
            qos: 0,
            retain: false,
            payload: payloads[i % 100],
          });
      }
    }
    expect(store.length).toBe(n);
    // 32 bytes a row plus 16 per compact detail, at doubled capacity: about 150 MB.
    expect(store.memoryBytes()).toBeLessThan(170e6);
    store.trim();
    expect(store.memoryBytes()).toBeLessThan(110e6);
    expect(store.get(n - 1)).toEqual({
      t: (n - 1) * 1.5,
      kind: 'packet',
      dir: 'c2b',
      client: clients[(n - 1) % 10_000],
      conn: (n - 1) % 10_000,
      type: 'PUBLISH',
      arrive: (n - 1) * 1.5 + 20,
      topic: topics[(n - 1) % 10_000],
      qos: 0,
      retain: false,
      payload: payloads[(n - 1) % 100],
    });
    expect(store.get(97 * 5)).toMatchObject({ type: 'PINGRESP', arrive: null });
  });
});
