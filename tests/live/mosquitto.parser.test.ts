// Mosquitto's log lines, from the real Mosquitto 2.0.11 (tests/fixtures/mosquitto-2.0.11, captured by
// its capture.ts) and from the line formats listed in docs/brokers.md.
import { describe, expect, it } from 'vitest';
import { BrokerEvents } from '../../src/live/brokerEvents';
import { ConnRegistry } from '../../src/live/conns';
import { MosquittoLogParser, splitTimestamp } from '../../src/live/parsers/mosquitto';
import type { TraceEvent } from '../../src/trace';
import { readFixture } from './support/fixtures';

const dir = 'mosquitto-2.0.11/';

describe('Mosquitto log lines', () => {
  const parser = new MosquittoLogParser();

  it('reads "New client connected" with protocol, clean start and keep alive, epoch timestamp', () => {
    expect(
      parser.parseLine('1700000000: New client connected from 127.0.0.1:56268 as ka-1 (p2, c1, k2).', 'N'),
    ).toEqual([
      {
        kind: 'connected',
        clientId: 'ka-1',
        address: '127.0.0.1:56268',
        protocol: 4,
        cleanStart: true,
        keepAlive: 2,
        transport: 'websockets',
        brokerTime: 1700000000000,
      },
    ]);
  });

  it('tells TCP from WebSockets by the "New connection from" line before', () => {
    const p = new MosquittoLogParser();
    expect(p.parseLine('1: New connection from 127.0.0.1:5 on port 1883.', 'N')).toEqual([]);
    expect(p.parseLine('1: New client connected from 127.0.0.1:5 as a (p5, c0, k60).', 'N')[0]).toMatchObject(
      {
        transport: 'tcp',
        protocol: 5,
        cleanStart: false,
        keepAlive: 60,
      },
    );
  });

  it('reads a user name when there is one, and client IDs with spaces', () => {
    expect(
      parser.parseLine("1700000000: New client connected from ::1:1 as my id (p2, c1, k10, u'bob').", 'N')[0],
    ).toMatchObject({
      clientId: 'my id',
      username: 'bob',
      address: '::1:1',
    });
  });

  it.each([
    ['Client ka-1 has exceeded timeout, disconnecting.', 'N', { kind: 'timeout', clientId: 'ka-1' }],
    ['Client to-1 already connected, closing old connection.', 'E', { kind: 'takeover', clientId: 'to-1' }],
    [
      'Client x closed its connection.',
      'N',
      { kind: 'disconnected', clientId: 'x', brokerReason: 'closed its connection' },
    ],
    [
      'Client x disconnected.',
      'N',
      { kind: 'disconnected', clientId: 'x', reason: 'client-disconnect', brokerReason: 'disconnected' },
    ],
    ['Expiring client x due to timeout.', 'N', { kind: 'session-expired', clientId: 'x' }],
  ])('reads %s (level %s)', (line, level, report) => {
    expect(parser.parseLine(`1700000000: ${line}`, level)).toEqual([
      { ...report, brokerTime: 1700000000000 },
    ]);
  });

  it('reads custom timestamps (log_timestamp_format) and lines without one', () => {
    expect(
      parser.parseLine('2026-11-25T13:46:38: Client ts-1 has exceeded timeout, disconnecting.', 'N'),
    ).toEqual([{ kind: 'timeout', clientId: 'ts-1', brokerTime: Date.parse('2026-11-25T13:46:38') }]);
    expect(parser.parseLine('[Nov 25 13:46:38] x: Client ts-1 disconnected.', 'N')).toEqual([
      { kind: 'disconnected', clientId: 'ts-1', reason: 'client-disconnect', brokerReason: 'disconnected' },
    ]);
    expect(parser.parseLine('Client a disconnected.', 'N')[0]).toMatchObject({ clientId: 'a' });
    // The whole line first (no timestamp), then split at the first ": " only.
    expect(splitTimestamp('12: x: y').map((s) => s.message)).toEqual(['12: x: y', 'x: y']);
  });

  it('ignores the lines of no interest', () => {
    expect(parser.parseLine('1795614193: watcher 0 $SYS/broker/log/#', 'M/subscribe')).toEqual([]);
    expect(parser.parseLine('1795614192: mosquitto version 2.0.11 running', 'I')).toEqual([]);
    expect(parser.parse('other/topic', 'Client x disconnected.')).toBeNull();
  });
});

/** Feeds a captured fixture through the broker-event mapper, as the page's subscription would. */
function replay(name: string, prepare?: (registry: ConnRegistry) => void): TraceEvent[] {
  const events: TraceEvent[] = [];
  const registry = new ConnRegistry();
  prepare?.(registry);
  let now = 0;
  const be = new BrokerEvents({ registry, now: () => now, emit: (e) => events.push(e) });
  for (const m of readFixture(dir + name).messages) {
    now = m.ms;
    be.onMessage(m.topic, new TextEncoder().encode(m.payload));
  }
  expect(be.kind).toBe('mosquitto');
  return events;
}

describe('the real Mosquitto 2.0.11 output → trace events', () => {
  it('connect and disconnect', () => {
    expect(replay('connect-disconnect.jsonl')).toEqual([
      expect.objectContaining({
        kind: 'conn',
        client: 'ka-1',
        conn: 1,
        side: 'broker',
        state: 'open',
        reason: 'connect',
        keepAlive: 2,
        protocol: 4,
        cleanStart: true,
        transport: 'tcp',
        source: 'mosquitto-log',
      }),
      expect.objectContaining({
        kind: 'conn',
        client: 'ka-1',
        conn: 1,
        state: 'closed',
        reason: 'client-disconnect',
        source: 'mosquitto-log',
      }),
    ]);
  });

  it('a silent TCP client: the timeout line, no last activity invented', () => {
    const events = replay('silence-tcp.jsonl');
    const timeout = events.find((e) => e.kind === 'timeout');
    expect(timeout).toEqual({
      t: expect.any(Number),
      kind: 'timeout',
      client: 'ka-1',
      conn: 1,
      side: 'broker',
      keepAlive: 2,
      source: 'mosquitto-log',
      broker: 'Mosquitto',
      brokerTime: expect.any(Number),
    });
    expect(events.find((e) => e.kind === 'conn' && e.state === 'closed')).toMatchObject({
      reason: 'keepalive-timeout',
    });
    // Not a probe of this page: its will is only application traffic.
    expect(events.some((e) => e.kind === 'will')).toBe(false);
  });

  it('a silent WebSocket client: 2.0.11 only says "closed its connection"', () => {
    const events = replay('silence-ws.jsonl');
    expect(events.some((e) => e.kind === 'timeout')).toBe(false);
    expect(events.find((e) => e.kind === 'conn' && e.state === 'closed')).toMatchObject({
      client: 'ka-ws',
      reason: 'network-error',
      brokerReason: 'closed its connection',
    });
  });

  it('the same, for a silenced probe of this page: timeout inferred, will recognised', () => {
    const events = replay('silence-ws.jsonl', (registry) => {
      registry.open('ka-ws', 'probe', {
        localOpen: true,
        keepAlive: 2,
        lastSent: 380,
        silenced: true,
        will: { topic: 'ka/will/ka-ws', payload: 'ka-ws offline', qos: 1, retain: false, delay: 0 },
      });
    });
    const kinds = events.map((e) => `${e.kind}${e.kind === 'conn' ? ' ' + e.state : ''}`);
    expect(kinds).toEqual(['conn open', 'timeout', 'conn closed', 'will']);
    expect(events[0]).toMatchObject({ conn: 1 }); // the probe's own lane
    expect(events[1]).toMatchObject({
      kind: 'timeout',
      conn: 1,
      keepAlive: 2,
      lastActivity: 380,
      source: 'probe',
      inferred: true,
    });
    expect(events[2]).toMatchObject({ reason: 'keepalive-timeout', source: 'mosquitto-log' });
    expect(events[3]).toMatchObject({
      kind: 'will',
      conn: 1,
      topic: 'ka/will/ka-ws',
      qos: 1,
      retain: false,
      cause: 'keepalive-timeout',
      delayed: 0,
      payload: 'ka-ws offline',
      source: 'self',
    });
  });

  it.each(['takeover-tcp.jsonl', 'takeover-ws.jsonl'])('a take-over (%s)', (name) => {
    const events = replay(name);
    const client = name.includes('ws') ? 'to-ws' : 'to-1';
    const summary = events.map((e) =>
      e.kind === 'takeover'
        ? `takeover ${e.oldConn}->${e.newConn}`
        : e.kind === 'conn'
          ? `${e.state} ${e.conn} ${e.reason}`
          : e.kind,
    );
    // The WebSocket's late "closed its connection" for the old connection is not taken for the new one.
    expect(summary).toEqual([
      'open 1 connect',
      'takeover 1->2',
      'closed 1 takeover',
      'open 2 connect',
      'closed 2 client-disconnect',
    ]);
    expect(events.every((e) => !('client' in e) || e.client === client)).toBe(true);
  });

  it('a crash, a session expiring with its will, DISCONNECT with will', () => {
    expect(replay('crash-tcp.jsonl').map((e) => (e.kind === 'conn' ? e.reason : e.kind))).toEqual([
      'connect',
      'network-error',
    ]);
    const expiry = replay('v5-session-expiry.jsonl');
    expect(expiry.map((e) => (e.kind === 'conn' ? e.reason : e.kind))).toEqual([
      'connect',
      'network-error',
      'session',
    ]);
    expect(expiry[0]).toMatchObject({ protocol: 5, cleanStart: false, keepAlive: 20 });
    expect(expiry[2]).toMatchObject({
      kind: 'session',
      client: 'exp-1',
      state: 'expired',
      source: 'mosquitto-log',
    });
    const dw = replay('v5-disconnect-with-will.jsonl', (registry) => {
      registry.open('dw-1', 'probe', {
        localOpen: true,
        keepAlive: 5,
        disconnectSent: 4,
        will: { topic: 'ka/will/dw-1', payload: 'dw-1 offline', qos: 1, retain: false, delay: 0 },
      });
    });
    expect(dw.map((e) => (e.kind === 'conn' ? e.reason : e.kind))).toEqual([
      'connect',
      'disconnect-with-will',
      'will',
    ]);
    expect(dw[2]).toMatchObject({ cause: 'disconnect-with-will' });
  });

  it('a probe whose session expired: the will cause is session-expired', () => {
    const events = replay('v5-session-expiry.jsonl', (registry) => {
      registry.open('exp-1', 'probe', {
        localOpen: false,
        keepAlive: 20,
        will: { topic: 'ka/will/exp-1', payload: 'exp-1 offline', qos: 1, retain: false, delay: 30 },
      });
    });
    const will = events.find((e) => e.kind === 'will');
    expect(will).toMatchObject({ cause: 'session-expired', delayed: 2.2 });
  });

  it("no debug line reaches the log topics: a client's will, PINGREQs and PUBLISHes are not reported by Mosquitto", () => {
    const { messages } = readFixture(dir + 'will-pings-publish.jsonl');
    expect(messages.some((m) => m.topic === '$SYS/broker/log/D')).toBe(false);
    expect(messages.some((m) => /Will message|Received P|Sending P/.test(m.payload))).toBe(false);
    const events = replay('will-pings-publish.jsonl');
    expect(events.map((e) => (e.kind === 'conn' ? `${e.state} ${e.reason}` : e.kind))).toEqual([
      'open connect',
      'closed network-error',
    ]);
    expect(events[0]).toMatchObject({ client: 'wp-1', keepAlive: 1 });
  });

  it('custom timestamps from the real broker', () => {
    const events = replay('custom-timestamp.jsonl');
    expect(events.map((e) => `${e.kind} ${'client' in e ? e.client : ''}`)).toEqual([
      'conn ts-1',
      'conn ts-2',
      'conn ts-2',
      'timeout ts-1',
      'conn ts-1',
    ]);
    expect(events[0]).toMatchObject({ brokerTime: Date.parse('2026-11-25T13:46:33') });
  });
});
