// Live mode against the real RabbitMQ 3.10 (started here on loopback, once: it boots in ~15 s): its
// log published to `amq.rabbitmq.log` at level info and bound to `amq.topic`, the page's connection over
// Web MQTT subscribed to `#`, other clients over TCP. What the captured fixtures cannot show: the page's
// own session reading the log as it arrives, and RabbitMQ refusing a client's forged log line.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/trace';
import { startRabbitmq } from './support/brokers/rabbitmq';
import type { RunningBroker } from './support/brokers/types';
import { bindLogExchange, logDefinitions, logExchangeConf } from './support/rabbitmqLog';
import { nodeSession, selfOptions, waitForEvent } from './support/session';

let rabbit: RunningBroker;
const { session, trace } = nodeSession();
const clients: MqttClient[] = [];

function open(clientId: string, options: IClientOptions = {}): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(rabbit.tcpUrl, {
      clientId,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...options,
    });
    clients.push(c);
    c.on('error', () => undefined);
    c.once('connect', () => resolve(c));
    c.once('close', () => reject(new Error(`${clientId}: closed before CONNACK`)));
  });
}

beforeAll(async () => {
  rabbit = await startRabbitmq({ extra: logExchangeConf('info'), definitions: logDefinitions() });
  await bindLogExchange(rabbit);
  await session.connect(selfOptions(`${rabbit.wsUrl}`, 'lab-r1'));
}, 90_000);

afterAll(async () => {
  for (const c of clients) c.end(true);
  await session.dispose().catch(() => undefined);
  await rabbit?.stop();
}, 30_000);

const of = (client: string) =>
  trace.events.filter((e) => e.kind !== 'packet' && 'client' in e && e.client === client);

describe('live mode against RabbitMQ 3.10 with its log on MQTT', () => {
  it('puts another client on the timeline, times it out with the broker named, and shows its take-over', async () => {
    const silent = await open('rb-silent', { keepalive: 2 });
    silent.keepaliveManager?.destroy();
    await waitForEvent(trace, (e) => e.kind === 'conn' && e.client === 'rb-silent', 3000, 'log: accepting');
    expect(session.brokerEvents.kind).toBe('rabbitmq');
    const first = await open('rb-twin', { keepalive: 30 });
    await open('rb-twin', { keepalive: 30 });
    await waitForEvent(
      trace,
      (e) => e.kind === 'takeover' && e.client === 'rb-twin',
      3000,
      'log: duplicate id',
    );
    const timeout = (await waitForEvent(
      trace,
      (e) => e.kind === 'timeout' && e.client === 'rb-silent',
      12_000,
      'log: keepalive timeout',
    )) as Extract<TraceEvent, { kind: 'timeout' }>;
    expect(timeout).toMatchObject({
      side: 'broker',
      source: 'live',
      broker: 'RabbitMQ',
      brokerReason: 'keepalive timeout',
    });
    // Level info says neither: both are "not reported by RabbitMQ".
    expect(timeout).not.toHaveProperty('keepAlive');
    expect(timeout).not.toHaveProperty('lastActivity');
    session.flush();
    expect(of('rb-silent').map((e) => (e.kind === 'conn' ? `${e.state} ${e.reason}` : e.kind))).toEqual([
      'open connect',
      'timeout',
      'closed keepalive-timeout',
    ]);
    const twin = of('rb-twin').map((e) => (e.kind === 'conn' ? `${e.state} ${e.conn} ${e.reason}` : e.kind));
    expect(twin.filter((s) => s.startsWith('open'))).toHaveLength(2);
    expect(twin).toContain('takeover');
    first.end(true);
  }, 30_000);

  it('refuses a client that spells a log line on `info`, and the line names nobody', async () => {
    const forger = await open('rb-forger');
    forger.publish(
      'info',
      '2026-12-07 07:00:00.000000+00:00 [info] <0.9.0> accepting MQTT connection <0.9.0> (127.0.0.1:1 -> 127.0.0.1:2, client id: victim-42)\n',
    );
    await waitForEvent(
      trace,
      (e) => e.kind === 'conn' && e.client === 'rb-forger' && e.state === 'closed' && e.side === 'broker',
      5000,
      "the forger's connection closed by RabbitMQ",
    );
    expect(of('victim-42')).toEqual([]);
  }, 10_000);
});
