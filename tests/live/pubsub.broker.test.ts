// The page's own client as an everyday MQTT client, against real brokers: subscriptions added and
// removed while connected (the traffic follows), publishing (QoS, retain, MQTT 5 properties, No Local),
// and the traffic filter that the traffic view and the timeline follow. The embedded aedes broker
// (MQTT 3.1.1) and the real Mosquitto 2.0.11 (MQTT 5), both on loopback; other clients are mqtt.js.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import type { LiveSession } from '../../src/live/session';
import type { TraceEvent } from '../../src/trace';
import { startMosquitto, type RunningMosquitto } from './support/mosquitto';
import { nodeSession, selfOptions, waitForEvent, type Collected } from './support/session';

let broker: EmbeddedBroker;
let mosquitto: RunningMosquitto;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  broker = await startEmbeddedBroker({ wsPort: 0, mqttPort: 0, log: () => undefined });
  mosquitto = await startMosquitto();
});

afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  await broker?.close();
  await mosquitto?.stop();
});

function started(): { session: LiveSession; trace: Collected } {
  const made = nodeSession();
  cleanup.push(() => made.session.dispose());
  return made;
}

async function client(url: string, options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...options });
  cleanup.push(() => c.endAsync(true));
  return c;
}

/** Waits until `check` holds (every 25 ms), or fails saying `what`. */
async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const count = (session: LiveSession, topic: string): number => session.traffic.get(topic)?.count ?? 0;
const packets = (trace: Collected, type: string): Extract<TraceEvent, { kind: 'packet' }>[] =>
  trace.events.filter(
    (e): e is Extract<TraceEvent, { kind: 'packet' }> => e.kind === 'packet' && e.type === type,
  );

describe('subscriptions and publishing on the embedded broker', () => {
  it('adds and removes subscriptions while connected, and the traffic follows', async () => {
    const { session, trace } = started();
    await session.connect(selfOptions(broker.wsUrl!, 'lab-subs'), [{ filter: 'lab/a/#', qos: 1 }]);
    expect(session.getSnapshot().subscriptions.find((s) => s.filter === 'lab/a/#')).toMatchObject({
      status: 'granted',
      code: 1,
    });
    const publisher = await client(broker.mqttUrl!, { clientId: 'lab-subs-pub' });
    const burst = async (): Promise<void> => {
      await publisher.publishAsync('lab/a/x', 'a');
      await publisher.publishAsync('lab/b/y', 'b');
    };
    await burst();
    await until(() => count(session, 'lab/a/x') === 1, 'lab/a/x counted');
    expect(count(session, 'lab/b/y')).toBe(0);

    await session.addSubscription({ filter: 'lab/b/#', qos: 0 });
    await burst();
    await until(() => count(session, 'lab/b/y') === 1, 'lab/b/y counted once subscribed');
    await until(() => count(session, 'lab/a/x') === 2, 'lab/a/x still counted');

    await session.removeSubscription('lab/a/#');
    await burst();
    await until(() => count(session, 'lab/b/y') === 2, 'lab/b/y still counted');
    await new Promise((r) => setTimeout(r, 200));
    expect(count(session, 'lab/a/x')).toBe(2);
    session.flush();
    expect(packets(trace, 'SUBSCRIBE').map((p) => p.subscriptions?.map((s) => s.topic))).toEqual(
      expect.arrayContaining([['lab/b/#']]),
    );
    expect(
      packets(trace, 'UNSUBSCRIBE').map((p) => (p as { unsubscriptions?: string[] }).unsubscriptions),
    ).toEqual([['lab/a/#']]);
    expect(
      session
        .getSnapshot()
        .subscriptions.filter((s) => !s.internal)
        .map((s) => s.filter),
    ).toEqual(['lab/b/#']);
  });

  it('publishes at QoS 1 with retain: another client gets it, the timeline has the PUBLISH and its PUBACK', async () => {
    const { session, trace } = started();
    await session.connect(selfOptions(broker.wsUrl!, 'lab-pub'), [{ filter: 'lab/pub/#', qos: 1 }]);
    const receiver = await client(broker.mqttUrl!, { clientId: 'lab-pub-sub' });
    const got: { topic: string; payload: string; qos: number }[] = [];
    receiver.on('message', (topic, payload, p) =>
      got.push({ topic, payload: payload.toString(), qos: p.qos }),
    );
    await receiver.subscribeAsync('lab/pub/#', { qos: 1 });
    const payload = new Uint8Array([0x7b, 0x22, 0x76, 0x22, 0x3a, 0x31, 0x7d]); // {"v":1}
    await session.publish({ topic: 'lab/pub/json', payload, qos: 1, retain: true });
    await until(() => got.length === 1, 'the other client received it');
    expect(got[0]).toEqual({ topic: 'lab/pub/json', payload: '{"v":1}', qos: 1 });
    // Back on the page's own subscription too, and on the timeline as the page's own packets.
    await until(() => count(session, 'lab/pub/json') === 1, 'the page received it back');
    session.flush();
    const sent = packets(trace, 'PUBLISH').find((p) => p.dir === 'c2b');
    expect(sent).toMatchObject({
      client: 'lab-pub',
      topic: 'lab/pub/json',
      qos: 1,
      retain: true,
      payload: '{"v":1}',
    });
    expect(packets(trace, 'PUBACK').some((p) => p.dir === 'b2c' && p.messageId === sent?.messageId)).toBe(
      true,
    );
    // Retained: a new subscriber gets it at once.
    const late = await client(broker.mqttUrl!, { clientId: 'lab-pub-late' });
    const retained = new Promise<boolean>((resolve) =>
      late.on('message', (_t, _p, pk) => resolve(pk.retain)),
    );
    await late.subscribeAsync('lab/pub/json');
    await expect(retained).resolves.toBe(true);
    await expect(
      session.publish({ topic: 'x', payload: new Uint8Array(), qos: 0, retain: false }).then(() => 'ok'),
    ).resolves.toBe('ok');
  });

  it('a traffic filter: the summary and the page’s timeline hold the matching messages only', async () => {
    const { session, trace } = started();
    await session.connect(selfOptions(broker.wsUrl!, 'lab-filter'), [{ filter: 'lab/f/#', qos: 0 }]);
    const publisher = await client(broker.mqttUrl!, { clientId: 'lab-filter-pub' });
    for (const [topic, payload] of [
      ['lab/f/temp', '21'],
      ['lab/f/door', 'open'],
      ['lab/f/door', 'closed'],
    ])
      await publisher.publishAsync(topic, payload);
    await until(
      () => count(session, 'lab/f/door') === 2 && count(session, 'lab/f/temp') === 1,
      'three messages',
    );
    session.setFilter({ topic: 'door', payload: 'open' });
    const summary = session.trafficSummary('lab/f/door');
    expect(summary.topics.map((t) => t.topic)).toEqual(['lab/f/door']);
    expect(summary.selected?.history.map((m) => new TextDecoder().decode(m.payload))).toEqual(['open']);
    // The page's trace was sent again, filtered: the matching PUBLISH and the page's own connection.
    const publishes = packets(trace, 'PUBLISH');
    expect(publishes.map((p) => p.payload)).toEqual(['open']);
    expect(trace.events.some((e) => e.kind === 'conn' && e.client === 'lab-filter')).toBe(true);
    // New messages follow the filter as they come.
    await publisher.publishAsync('lab/f/door', 'open again');
    await publisher.publishAsync('lab/f/temp', '22');
    await until(
      () => count(session, 'lab/f/door') === 3 && count(session, 'lab/f/temp') === 2,
      'two more messages',
    );
    session.flush();
    expect(packets(trace, 'PUBLISH').map((p) => p.payload)).toEqual(['open', 'open again']);
    session.setFilter(null);
    // Off: the whole record again (the broker's own event messages included).
    expect(packets(trace, 'PUBLISH').filter((p) => p.topic?.startsWith('lab/f/'))).toHaveLength(5);
  });
});

describe('MQTT 5 against Mosquitto 2.0.11', () => {
  it('publishes with message expiry, content type and user properties; No Local keeps its own messages away', async () => {
    const { session, trace } = started();
    await session.connect(
      {
        ...selfOptions(mosquitto.wsUrl, 'lab-v5'),
        protocol: 5,
        sessionExpiry: 60,
        userProperties: { site: 'e2e' },
      },
      [
        { filter: 'lab/nl/#', qos: 1, noLocal: true },
        { filter: 'lab/v5/#', qos: 1 },
      ],
    );
    session.flush();
    const connect = packets(trace, 'CONNECT')[0];
    expect(connect.properties).toMatchObject({ sessionExpiryInterval: 60, userProperties: { site: 'e2e' } });
    const receiver = await client(mosquitto.tcpUrl, { clientId: 'lab-v5-sub', protocolVersion: 5 });
    const got: { topic: string; properties: unknown }[] = [];
    receiver.on('message', (topic, _p, pk) => got.push({ topic, properties: pk.properties }));
    await receiver.subscribeAsync('lab/v5/#', { qos: 1 });
    await session.publish({
      topic: 'lab/v5/props',
      payload: new TextEncoder().encode('{"t":1}'),
      qos: 1,
      retain: false,
      messageExpiry: 120,
      contentType: 'application/json',
      userProperties: { a: ['1', '2'] },
    });
    await until(() => got.length === 1, 'the other client received it');
    expect(got[0].properties).toMatchObject({
      contentType: 'application/json',
      userProperties: { a: ['1', '2'] },
    });
    expect(
      (got[0].properties as { messageExpiryInterval: number }).messageExpiryInterval,
    ).toBeLessThanOrEqual(120);
    // lab/v5/# has no No Local: the page gets its own message back; lab/nl/# has it: it does not.
    await until(() => count(session, 'lab/v5/props') === 1, 'own message back on lab/v5/#');
    await session.publish({ topic: 'lab/nl/own', payload: new Uint8Array([1]), qos: 1, retain: false });
    await receiver.publishAsync('lab/nl/other', 'x', { qos: 1 });
    await until(() => count(session, 'lab/nl/other') === 1, 'another client’s message on lab/nl/#');
    await new Promise((r) => setTimeout(r, 300));
    expect(count(session, 'lab/nl/own')).toBe(0);
    await waitForEvent(
      trace,
      (e) => e.kind === 'packet' && e.type === 'PUBLISH' && e.topic === 'lab/nl/own',
      1000,
    );
  });
});
