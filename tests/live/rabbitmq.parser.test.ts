// RabbitMQ's log events on MQTT topics, from the real RabbitMQ 3.10.8 (tests/fixtures/rabbitmq-3.10,
// captured by its capture.ts at levels info and debug).
import { describe, expect, it } from 'vitest';
import { BrokerEvents } from '../../src/live/brokerEvents';
import { ConnRegistry } from '../../src/live/conns';
import { RabbitmqLogParser, splitLogEvent } from '../../src/live/parsers/rabbitmq';
import type { TraceEvent } from '../../src/trace';
import { readFixture } from './support/fixtures';

const dir = 'rabbitmq-3.10/';
const H = '2026-12-07 06:58:05.292616+00:00';

describe('RabbitMQ log events', () => {
  it('reads an accepted MQTT connection: its client ID, address and process, with the broker time', () => {
    const p = new RabbitmqLogParser();
    expect(
      p.parseEvent(
        'info',
        `${H} [info] <0.775.0> accepting MQTT connection <0.775.0> (127.0.0.1:44302 -> 127.0.0.1:46573, client id: ka-1)\n`,
      ),
    ).toEqual([
      {
        kind: 'connected',
        clientId: 'ka-1',
        brokerConn: 'rabbitmq <0.775.0>',
        address: '127.0.0.1:44302',
        transport: 'tcp',
        brokerTime: Date.parse('2026-12-07T06:58:05.292+00:00'),
      },
    ]);
  });

  it('joins the lines of one event, each after the same header, and reads nothing from a mixed one', () => {
    expect(splitLogEvent(`${H} [error] <0.1.0> a\n${H} [error] <0.1.0>   b\n`)).toMatchObject({
      level: 'error',
      pid: '<0.1.0>',
      message: 'a\n  b',
    });
    expect(splitLogEvent(`${H} [error] <0.1.0> a\n${H} [error] <0.2.0> b\n`)).toBeNull();
    expect(splitLogEvent(`${H} [error] <0.1.0> a`)).toBeNull();
  });

  it('reads an event only on the topic of its own level', () => {
    const line = `${H} [info] <0.7.0> accepting MQTT connection <0.7.0> (a:1 -> b:2, client id: c)\n`;
    expect(new RabbitmqLogParser().parse('warning', line)).toBeNull();
    expect(new RabbitmqLogParser().parse('ka/data', line)).toBeNull();
    expect(new RabbitmqLogParser().parse('info', 'hello')).toBeNull();
  });
});

/** Feeds a captured fixture through the broker-event mapper, as the page's subscription would. */
function replay(name: string): TraceEvent[] {
  const events: TraceEvent[] = [];
  let now = 0;
  const be = new BrokerEvents({ registry: new ConnRegistry(), now: () => now, emit: (e) => events.push(e) });
  for (const m of readFixture(dir + name).messages) {
    now = m.ms;
    be.onMessage(m.topic, new TextEncoder().encode(m.payload));
  }
  expect(be.kind).toBe('rabbitmq');
  return events;
}

const summary = (events: TraceEvent[]): string[] =>
  events.map((e) =>
    e.kind === 'takeover'
      ? `${e.client} takeover ${e.oldConn}->${e.newConn}`
      : e.kind === 'conn'
        ? `${e.client} ${e.state} ${e.conn} ${e.reason ?? '(no reason)'}`
        : `${'client' in e ? e.client : ''} ${e.kind}`,
  );

describe('the real RabbitMQ 3.10.8 log (level info) → trace events', () => {
  it('connect and DISCONNECT over TCP', () => {
    const events = replay('connect-disconnect.jsonl');
    expect(summary(events)).toEqual(['ka-1 open 1 connect', 'ka-1 closed 1 client-disconnect']);
    expect(events[0]).toMatchObject({ transport: 'tcp', source: 'live' });
    expect(events[0]).not.toHaveProperty('keepAlive');
  });

  it('a crash: the peer closed the TCP connection', () => {
    expect(replay('crash-tcp.jsonl').at(-1)).toMatchObject({
      kind: 'conn',
      client: 'cr-1',
      state: 'closed',
      reason: 'network-error',
      brokerReason: 'peer closed TCP connection',
    });
  });

  it('a keep-alive timeout names the client by its connection process, with no keep alive at level info', () => {
    const events = replay('silence-tcp.jsonl');
    expect(summary(events)).toEqual([
      'ka-s open 1 connect',
      'ka-s timeout',
      'ka-s closed 1 keepalive-timeout',
    ]);
    expect(events[1]).toMatchObject({ kind: 'timeout', conn: 1, side: 'broker', broker: 'RabbitMQ' });
    expect(events[1]).not.toHaveProperty('keepAlive');
    expect(events[1]).not.toHaveProperty('lastActivity');
  });

  it('a take-over, logged by the old connection after the new one was accepted', () => {
    expect(summary(replay('takeover-tcp.jsonl'))).toEqual([
      'to-1 open 1 connect',
      'to-1 open 2 connect',
      'to-1 takeover 1->2',
      'to-1 closed 1 takeover',
      'to-1 closed 2 client-disconnect',
    ]);
  });

  it('Web MQTT connections name no client ID at level info: none is put on the timeline', () => {
    for (const name of ['ws-connect-disconnect.jsonl', 'ws-takeover.jsonl', 'ws-silence.jsonl'])
      expect(replay(name)).toEqual([]);
  });
});

describe('the real RabbitMQ 3.10.8 log (level debug) → trace events', () => {
  it('the CONNECT line gives keep alive, clean session and protocol; a timeout carries the keep alive', () => {
    const events = replay('debug-silence-tcp.jsonl');
    expect(events[0]).toMatchObject({
      kind: 'conn',
      client: 'ka-s',
      keepAlive: 2,
      cleanStart: true,
      protocol: 4,
    });
    expect(events[1]).toMatchObject({ kind: 'timeout', client: 'ka-s', keepAlive: 2, broker: 'RabbitMQ' });
    expect(events[1]).not.toHaveProperty('lastActivity');
  });

  it('names Web MQTT clients and tells their DISCONNECT from a crash', () => {
    expect(summary(replay('debug-ws-connect-disconnect.jsonl'))).toEqual([
      'ws-1 open 1 connect',
      'ws-1 closed 1 client-disconnect',
      'ws-2 open 2 connect',
      'ws-2 closed 2 (no reason)',
    ]);
  });

  it('Web MQTT take-over and timeout', () => {
    expect(summary(replay('debug-ws-takeover.jsonl'))).toEqual([
      'to-ws open 1 connect',
      'to-ws open 2 connect',
      'to-ws takeover 1->2',
      'to-ws closed 1 takeover',
      'to-ws closed 2 client-disconnect',
    ]);
    const silence = replay('debug-ws-silence.jsonl');
    expect(summary(silence)).toEqual([
      'ka-ws open 1 connect',
      'ka-ws timeout',
      'ka-ws closed 1 keepalive-timeout',
    ]);
    expect(silence[1]).toMatchObject({ keepAlive: 2, brokerReason: 'keepalive timeout' });
  });
});

describe('RabbitMQ log lines spelled by clients (captured from RabbitMQ 3.10.8)', () => {
  it.each(['forgery.jsonl', 'debug-forgery.jsonl'])(
    'puts no client on the timeline that did not connect, and names the spellers whole (%s)',
    (name) => {
      const events = replay(name);
      const clients = new Set(events.map((e) => ('client' in e ? e.client : '')));
      expect(clients.has('victim-42')).toBe(false);
      expect([...clients].sort()).toEqual(
        [
          'x, client id: victim-42',
          'victim-42)\n2026-12-07 07:00:00.000000+00:00 [error] <0.1.0> closing MQTT connection "127.0.0.1:1 -> 127.0.0.1:2" (keepalive timeout)',
          'forger',
          'honest',
        ].sort(),
      );
      expect(events.some((e) => e.kind === 'timeout')).toBe(false);
      // The refused publish on `info` ended the forger's connection.
      expect(
        events.filter((e) => e.kind === 'conn' && e.client === 'forger').map((e) => e.kind),
      ).toHaveLength(2);
    },
  );
});
