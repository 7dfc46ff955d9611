// The bounded parts of live mode: the event ring's budget, per-frame batching, traffic statistics,
// payload views, packet conversion.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameBatcher, type FrameScheduler } from '../../src/live/batcher';
import { packetDetail, packetTraceEvent } from '../../src/live/packets';
import { formatPayload, hexDump, tracePayload } from '../../src/live/payload';
import { EventRing, estimateBytes } from '../../src/live/ring';
import { TrafficStats, summaryTree, trafficSummary } from '../../src/live/traffic';
import { formatEvent, type TraceEvent } from '../../src/trace';
import { traceEvents } from '../trace/arbitraries';
import type { LiveTraceSink } from '../../src/live/types';

const ev = (t: number): TraceEvent => ({ t, kind: 'fault', target: 'x', fault: 'crash' });

describe('EventRing', () => {
  it('keeps everything within the budget, oldest first', () => {
    const ring = new EventRing({ maxEvents: 100, maxBytes: 1e9 });
    expect(ring.pushMany([ev(1), ev(2), ev(3)])).toBe(0);
    expect([...ring].map((e) => e.t)).toEqual([1, 2, 3]);
    expect(ring.dropped).toBe(0);
  });

  it('drops the oldest in chunks (down to 90 %) and counts them', () => {
    const ring = new EventRing({ maxEvents: 100, maxBytes: 1e9 });
    let dropped = 0;
    for (let i = 0; i < 101; i++) dropped += ring.pushMany([ev(i)]);
    expect(dropped).toBe(11);
    expect(ring.length).toBe(90);
    expect(ring.dropped).toBe(11);
    expect([...ring][0].t).toBe(11);
    for (let i = 101; i < 1000; i++) ring.pushMany([ev(i)]);
    expect(ring.length).toBeLessThanOrEqual(100);
    expect([...ring].at(-1)?.t).toBe(999);
    expect(ring.dropped + ring.length).toBe(1000);
  });

  it('gives back the newest events of any kind line for line after evictions', () => {
    fc.assert(
      fc.property(traceEvents, fc.integer({ min: 1, max: 12 }), (events, maxEvents) => {
        const ring = new EventRing({ maxEvents, maxBytes: 1e9 });
        for (const e of events) ring.pushMany([e]);
        const held = [...ring].map(formatEvent);
        expect(held).toEqual(events.slice(events.length - held.length).map(formatEvent));
        expect(ring.dropped + ring.length).toBe(events.length);
      }),
    );
  });

  it('honours a byte budget and a budget lowered later', () => {
    const size = estimateBytes(ev(0));
    const ring = new EventRing({ maxEvents: 1e6, maxBytes: size * 10 });
    for (let i = 0; i < 50; i++) ring.pushMany([ev(i)]);
    expect(ring.bytes).toBeLessThanOrEqual(size * 10);
    expect(ring.setBudget({ maxEvents: 3, maxBytes: 1e9 })).toBeGreaterThan(0);
    expect([...ring].map((e) => e.t)).toEqual([47, 48, 49]);
  });
});

describe('FrameBatcher', () => {
  it('hands events over once per frame, and at once past maxBatch', () => {
    const frames: (() => void)[] = [];
    const scheduler: FrameScheduler = { request: (cb) => (frames.push(cb), () => undefined) };
    const batches: number[] = [];
    const b = new FrameBatcher((batch) => batches.push(batch.length), scheduler, 5);
    for (let i = 0; i < 3; i++) b.push(ev(i));
    expect(frames.length).toBe(1);
    expect(batches).toEqual([]);
    frames[0]();
    expect(batches).toEqual([3]);
    for (let i = 0; i < 5; i++) b.push(ev(i));
    expect(batches).toEqual([3, 5]);
  });
});

describe('TrafficStats', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('counts per topic, keeps the last value and a bounded history', () => {
    const tr = new TrafficStats({ historyPerTopic: 3 });
    for (let i = 0; i < 5; i++) tr.record('a/b', bytes(String(i)), 0, false, i * 100);
    tr.record('a/c', bytes('x'), 1, true, 600);
    expect(tr.total).toBe(6);
    expect(tr.get('a/b')?.count).toBe(5);
    expect(new TextDecoder().decode(tr.get('a/b')?.last.payload)).toBe('4');
    expect(tr.history('a/b').map((m) => new TextDecoder().decode(m.payload))).toEqual(['2', '3', '4']);
    expect(tr.get('a/c')?.last).toMatchObject({ qos: 1, retain: true });
    const summary = trafficSummary(tr, 1000, 'a/b');
    const tree = summaryTree(summary);
    expect(tree.total).toBe(6);
    expect(tree.children.map((c) => [c.name, c.total])).toEqual([['a', 6]]);
    expect(tree.children[0].children.map((c) => [c.path, c.stats?.count, c.stats?.lastPreview])).toEqual([
      ['a/b', 5, '4'],
      ['a/c', 1, 'x'],
    ]);
    expect(summary.selected?.history.map((m) => m.t)).toEqual([200, 300, 400]);
    expect(summary.selected?.series.length).toBe(60);
  });

  it('rates per second, and the top talkers', () => {
    const tr = new TrafficStats();
    for (let s = 0; s < 10; s++) {
      for (let i = 0; i < 100; i++) tr.record('flood', bytes('x'), 0, false, s * 1000 + i);
      tr.record('calm', bytes('x'), 0, false, s * 1000 + 500);
    }
    expect(tr.rate('flood', 10000, 5)).toBe(100);
    expect(tr.series('calm', 10000, 3)).toEqual([1, 1, 1]);
    expect(tr.topRates(10000, 2).map((r) => r.topic)).toEqual(['flood', 'calm']);
    expect(tr.rate('flood', 70000, 5)).toBe(0);
  });

  it('copies payloads (no view into a receive buffer) and bounds topics', () => {
    const tr = new TrafficStats({ maxTopics: 2 });
    const buf = bytes('hello');
    tr.record('t', buf, 0, false, 0);
    buf[0] = 0;
    expect(new TextDecoder().decode(tr.get('t')?.last.payload)).toBe('hello');
    tr.record('u', buf, 0, false, 0);
    tr.record('v', buf, 0, false, 0);
    expect(tr.topicCount).toBe(2);
    expect(tr.overflow).toBe(1);
    expect(tr.total).toBe(3);
  });
});

describe('payloads and packets', () => {
  it('views a payload as text, pretty JSON or hex; the trace keeps text or base64', () => {
    const json = new TextEncoder().encode('{"a":1}');
    expect(formatPayload(json, 'json')).toBe('{\n  "a": 1\n}');
    expect(formatPayload(json, 'text')).toBe('{"a":1}');
    expect(formatPayload(new TextEncoder().encode('x'), 'json')).toBe('(not JSON) x');
    expect(hexDump(new Uint8Array([0, 255, 16]))).toBe('000000  00 ff 10');
    expect(tracePayload(new Uint8Array([0xff, 0xfe]))).toEqual({ base64: '//4=' });
    expect(tracePayload(json)).toBe('{"a":1}');
  });

  it('turns mqtt-packet objects into trace fields, never the credentials', () => {
    const connect = packetDetail({
      cmd: 'connect',
      clientId: 'c',
      protocolVersion: 5,
      clean: false,
      keepalive: 10,
      username: 'u',
      password: Buffer.from('p'),
      will: {
        topic: 'w',
        payload: Buffer.from('bye'),
        qos: 1,
        retain: true,
        properties: { willDelayInterval: 5 },
      },
      properties: { sessionExpiryInterval: 60 },
    });
    expect(connect).toEqual({
      keepAlive: 10,
      cleanStart: false,
      protocol: 5,
      will: { topic: 'w', payload: 'bye', qos: 1, retain: true },
      properties: { sessionExpiryInterval: 60, willDelayInterval: 5 },
    });
    const e = packetTraceEvent(
      { cmd: 'connack', returnCode: 0, sessionPresent: false },
      5,
      'b2c',
      'c',
      3,
      5,
      { source: 'self' },
    );
    expect(e).toEqual({
      t: 5,
      kind: 'packet',
      dir: 'b2c',
      client: 'c',
      conn: 3,
      type: 'CONNACK',
      arrive: 5,
      reasonCode: 0,
      sessionPresent: false,
      source: 'self',
    });
    const big = packetDetail({
      cmd: 'publish',
      topic: 't',
      qos: 0,
      retain: false,
      dup: false,
      payload: Buffer.alloc(20000, 97),
    });
    expect(big).toMatchObject({ payloadBytes: 20000, payloadTruncated: true });
    expect((big.payload as string).length).toBe(16384);
  });
});

describe("LiveSession budget → the page's trace", () => {
  const frames: (() => void)[] = [];
  const scheduler: FrameScheduler = { request: (cb) => (frames.push(cb), () => undefined) };
  const runFrames = (): void => {
    while (frames.length > 0) frames.shift()!();
  };

  it('drops the oldest in the trace too (dropOldest), the dropped count visible', async () => {
    const { LiveSession } = await import('../../src/live/session');
    let held: TraceEvent[] = [];
    const trace: LiveTraceSink = {
      begin: () => void (held = []),
      append: (e) => void held.push(...e),
      dropOldest: (n) => void (held = held.slice(n)),
    };
    const session = new LiveSession({ scheduler, budget: { maxEvents: 100, maxBytes: 1e9 }, trace });
    for (let i = 0; i < 250; i++) session.emit(ev(i));
    runFrames();
    expect(held.map((e) => e.t)).toEqual([...session.ring].map((e) => e.t));
    expect(session.getSnapshot().dropped).toBe(250 - session.ring.length);
    await session.dispose();
  });

  it('drops the oldest in the trace too when the budget is lowered', async () => {
    const { LiveSession } = await import('../../src/live/session');
    let held: TraceEvent[] = [];
    const session = new LiveSession({
      scheduler,
      budget: { maxEvents: 100, maxBytes: 1e9 },
      trace: {
        begin: () => void (held = []),
        append: (e) => void held.push(...e),
        dropOldest: (n) => void (held = held.slice(n)),
      },
    });
    for (let i = 0; i < 80; i++) session.emit(ev(i));
    runFrames();
    session.setBudget({ maxEvents: 30, maxBytes: 1e9 });
    expect(held.map((e) => e.t)).toEqual([...session.ring].map((e) => e.t));
    expect(held).toHaveLength(30);
    expect(held[0].t).toBe(ev(50).t);
    await session.dispose();
  });
});
