import { describe, expect, it } from 'vitest';
import { CountingSink } from '../../src/trace/counters';
import type { TraceEvent } from '../../src/trace/types';

const EVENTS: TraceEvent[] = [
  { t: 0, kind: 'packet', dir: 'c2b', client: 'a', conn: 1, type: 'CONNECT', arrive: 10 },
  { t: 0, kind: 'conn', client: 'a', conn: 1, side: 'client', state: 'open', reason: 'connect' },
  { t: 10, kind: 'session', client: 'a', state: 'created' },
  { t: 10, kind: 'packet', dir: 'b2c', client: 'a', conn: 1, type: 'CONNACK', arrive: 20 },
  { t: 30, kind: 'packet', dir: 'c2b', client: 'a', conn: 1, type: 'PINGREQ', arrive: null },
  { t: 31, kind: 'packet', dir: 'c2b', client: 'a', conn: 1, type: 'PINGREQ', arrive: 40 },
  { t: 50, kind: 'fault', target: 'a', fault: 'power-off' },
  { t: 90, kind: 'timeout', client: 'a', conn: 1, side: 'broker', keepAlive: 60, lastActivity: 40 },
  { t: 90, kind: 'conn', client: 'a', conn: 1, side: 'broker', state: 'closed', reason: 'keepalive-timeout' },
  {
    t: 90,
    kind: 'will',
    client: 'a',
    conn: 1,
    topic: 's',
    qos: 0,
    retain: false,
    cause: 'keepalive-timeout',
    delayed: 0,
  },
  { t: 95, kind: 'takeover', client: 'a', oldConn: 1, newConn: 2 },
];

describe('CountingSink', () => {
  it('counts events by kind, packets by type and loss, and every outcome', () => {
    const sink = new CountingSink();
    for (const e of EVENTS) sink.append(e);
    const s = sink.summary();
    expect(s.events).toBe(11);
    expect(s.byKind).toEqual({ packet: 4, conn: 2, timeout: 1, will: 1, takeover: 1, fault: 1, session: 1 });
    expect(s.packetsByType.PINGREQ).toBe(2);
    expect(s.packetsByType.CONNECT).toBe(1);
    expect(s.packetsByType.PUBLISH).toBe(0);
    expect(s.packetsLost).toBe(1);
    expect(s.connsOpened).toBe(1);
    expect(s.connsClosed).toBe(1);
    expect(s.closesByReason['keepalive-timeout']).toBe(1);
    expect(s.closesByReason.takeover).toBe(0);
    expect(s.timeouts).toEqual({ client: 0, broker: 1 });
    expect(s.wills).toBe(1);
    expect(s.takeovers).toBe(1);
    expect(s.faults).toBe(1);
    expect(s.sessions).toEqual({ created: 1, resumed: 0, expired: 0 });
  });

  it('says it does not want packet details', () => {
    expect(new CountingSink().wantsDetail).toBe(false);
  });

  it('returns a plain summary that later counting does not change', () => {
    const sink = new CountingSink();
    const before = sink.summary();
    sink.packet(0, 'c2b', 'a', 1, 'PINGREQ', 1, null);
    expect(before.events).toBe(0);
    expect(JSON.parse(JSON.stringify(before))).toEqual(before);
  });
});
