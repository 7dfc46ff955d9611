// The combined trace for "simulated vs real" on one timeline: prefixed lane IDs, offset connection
// numbers, one time order with the simulated events first at equal times, nothing else changed.
import { describe, expect, it } from 'vitest';
import {
  combineTraces,
  connOffsetFor,
  maxConn,
  relabel,
  REAL_PREFIX,
  SIM_PREFIX,
  type TraceData,
} from '../../../src/realrun/sideBySide/combine';
import { formatEvent } from '../../../src/trace/format';
import type { TraceEvent } from '../../../src/trace/types';
import { validateEvent } from '../../../src/trace/validate';

const sim: TraceData = {
  header: { trace: 1, source: 'sim', scenario: { name: 'x' } },
  events: [
    { t: 0, kind: 'conn', client: 'a', conn: 1, side: 'client', state: 'open', reason: 'connect' },
    { t: 0, kind: 'conn', client: 'd', conn: 2, side: 'client', state: 'open', reason: 'connect' },
    { t: 5, kind: 'packet', dir: 'c2b', client: 'a', conn: 1, type: 'CONNECT', arrive: 25, keepAlive: 2 },
    { t: 3000, kind: 'fault', target: 'a', fault: 'power-off' },
    { t: 3000, kind: 'fault', target: 'broker', fault: 'broker-restart' },
    {
      t: 6000,
      kind: 'will',
      client: 'a',
      conn: 1,
      topic: 'w/a',
      qos: 1,
      retain: false,
      cause: 'keepalive-timeout',
      delayed: 0,
      receivers: ['d'],
    },
    { t: 7000, kind: 'takeover', client: 'a', oldConn: 1, newConn: 3 },
    { t: 7000, kind: 'session', client: 'a', state: 'resumed', queued: 2 },
  ],
};

const real: TraceData = {
  header: { trace: 1, source: 'live', scenario: { name: 'x' }, startedAt: '2026-01-01T00:00:00.000Z' },
  events: [
    {
      t: 0,
      kind: 'conn',
      client: 'a',
      conn: 1,
      side: 'client',
      state: 'open',
      reason: 'connect',
      source: 'probe',
    },
    {
      t: 2.5,
      kind: 'conn',
      client: 'd',
      conn: 2,
      side: 'client',
      state: 'open',
      reason: 'connect',
      source: 'probe',
    },
    { t: 3001, kind: 'fault', target: 'a', fault: 'power-off', source: 'probe' },
    {
      t: 6100,
      kind: 'will',
      client: 'a',
      conn: 1,
      topic: 'w/a',
      qos: 1,
      retain: false,
      cause: 'keepalive-timeout',
      delayed: 0,
      receivers: ['d'],
      source: 'mosquitto-log',
    },
  ],
};

describe('combineTraces', () => {
  const combined = combineTraces(sim, real);

  it('keeps every event once, in non-decreasing time, the simulated one first at equal times', () => {
    expect(combined.events).toHaveLength(sim.events.length + real.events.length);
    for (let i = 1; i < combined.events.length; i++)
      expect(combined.events[i].t).toBeGreaterThanOrEqual(combined.events[i - 1].t);
    const firstThree = combined.events.slice(0, 3).map((e) => ('client' in e ? e.client : null));
    expect(firstThree).toEqual(['sim/a', 'sim/d', 'real/a']);
  });

  it('names lanes sim/<client> and real/<client>; every simulated lane appears before the real ones here', () => {
    const order: string[] = [];
    for (const e of combined.events) {
      const c = 'client' in e ? e.client : e.kind === 'fault' ? e.target : null;
      if (c !== null && c !== 'broker' && !order.includes(c)) order.push(c);
    }
    expect(order).toEqual(['sim/a', 'sim/d', 'real/a', 'real/d']);
  });

  it('offsets the real connection numbers above the simulated ones (take-overs included)', () => {
    expect(maxConn(sim.events)).toBe(3);
    expect(combined.connOffset).toBe(1000);
    const realWill = combined.events.find((e) => e.kind === 'will' && e.source === 'mosquitto-log');
    expect(realWill).toMatchObject({ client: 'real/a', conn: 1001, receivers: ['real/d'] });
    const takeover = combined.events.find((e) => e.kind === 'takeover');
    expect(takeover).toMatchObject({ client: 'sim/a', oldConn: 1, newConn: 3 });
  });

  it('prefixes fault targets but not the broker, and sessions', () => {
    const faults = combined.events.filter((e) => e.kind === 'fault');
    expect(faults.map((f) => (f.kind === 'fault' ? f.target : ''))).toEqual(['sim/a', 'broker', 'real/a']);
    expect(combined.events.find((e) => e.kind === 'session')).toMatchObject({ client: 'sim/a', queued: 2 });
  });

  it('has a live header with the real run start and no scenario (the IDs are the comparison’s)', () => {
    expect(combined.header).toEqual({ trace: 1, source: 'live', startedAt: '2026-01-01T00:00:00.000Z' });
  });

  it('leaves the inputs untouched and writes only valid trace lines', () => {
    expect(sim.events[0]).toMatchObject({ client: 'a', conn: 1 });
    expect(real.events[3]).toMatchObject({ client: 'a', conn: 1, receivers: ['d'] });
    let lastT = 0;
    combined.events.forEach((e, i) => {
      validateEvent(JSON.parse(formatEvent(e)), i + 2, lastT);
      lastT = e.t;
    });
  });
});

describe('connection offsets', () => {
  const conn = (n: number): TraceEvent => ({
    t: 0,
    kind: 'conn',
    client: 'a',
    conn: n,
    side: 'client',
    state: 'open',
    reason: 'connect',
  });

  it('is the first power of ten ≥ 1000 above every simulated number', () => {
    expect(connOffsetFor([])).toBe(1000);
    expect(connOffsetFor([conn(999)])).toBe(1000);
    expect(connOffsetFor([conn(1000)])).toBe(10_000);
    expect(connOffsetFor([conn(123_456)])).toBe(1_000_000);
  });

  it('relabel moves only what names a client or a connection', () => {
    expect(relabel(conn(4), REAL_PREFIX, 1000)).toEqual({ ...conn(1004), client: 'real/a' });
    expect(relabel(conn(4), SIM_PREFIX, 0)).toEqual({ ...conn(4), client: 'sim/a' });
  });
});
