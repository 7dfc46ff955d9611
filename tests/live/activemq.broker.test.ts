// Live mode's broker events against the real ActiveMQ 5.17 (started here on loopback; MQTT over TCP
// only, so a watcher over TCP feeds BrokerEvents as the page's subscription would): its advisories
// still arrive empty, so it is recognised and reports no client.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerEvents } from '../../src/live/brokerEvents';
import { ConnRegistry } from '../../src/live/conns';
import type { TraceEvent } from '../../src/trace';
import { startActivemq } from './support/brokers/activemq';
import type { RunningBroker } from './support/brokers/types';

let activemq: RunningBroker;
const clients: MqttClient[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  activemq = await startActivemq();
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.end(true);
  await activemq?.stop();
});

async function open(clientId: string, keepalive = 30): Promise<MqttClient> {
  const c = await mqtt.connectAsync(activemq.tcpUrl, { clientId, keepalive, reconnectPeriod: 0 });
  clients.push(c);
  c.on('error', () => undefined);
  return c;
}

describe('live mode against ActiveMQ 5.17', () => {
  it('recognises ActiveMQ by its empty advisories and puts no client on the timeline: not reported by ActiveMQ', async () => {
    const events: TraceEvent[] = [];
    const be = new BrokerEvents({ registry: new ConnRegistry(), now: () => 0, emit: (e) => events.push(e) });
    const advisories: number[] = [];
    const watcher = await open('watcher', 60);
    watcher.on('message', (topic, payload) => {
      if (topic === 'ActiveMQ/Advisory/Connection') advisories.push(payload.length);
      be.onMessage(topic, payload);
    });
    await watcher.subscribeAsync('#');
    const a = await open('amq-1');
    await a.endAsync();
    const b = await open('amq-2');
    b.end(true);
    await sleep(1000);
    expect(advisories.length).toBeGreaterThanOrEqual(4);
    expect(advisories.every((n) => n === 0)).toBe(true);
    expect(be.kind).toBe('activemq');
    expect(events).toEqual([]);
  }, 20_000);
});
