// Real mqtt.js over real WebSockets against the embedded aedes broker: the page's own packets, the
// broker's event topics parsed, probe actions and the broker's reactions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import { parseTrace } from '../../src/trace';
import type { TraceEvent } from '../../src/trace';
import { nodeSession, probeOptions, selfOptions, waitForEvent } from './support/session';

let broker: EmbeddedBroker;
const sessions: { dispose(): Promise<void> }[] = [];

beforeAll(async () => {
  broker = await startEmbeddedBroker({ wsPort: 0, mqttPort: 0, log: () => undefined });
});

afterAll(async () => {
  for (const s of sessions) await s.dispose().catch(() => undefined);
  await broker?.close();
});

function started() {
  const made = nodeSession();
  sessions.push(made.session);
  return made;
}

const isPacket = (type: string, dir: string) => (e: TraceEvent) =>
  e.kind === 'packet' && e.type === type && e.dir === dir;

describe('live mode against the embedded broker', () => {
  it('traces its own packets, PINGREQ/PINGRESP included, with K = 1 s', async () => {
    const { session, trace } = started();
    await session.connect({ ...selfOptions(broker.wsUrl!, 'self-ping'), keepAlive: 1 });
    await waitForEvent(trace, isPacket('PINGRESP', 'b2c'), 4000, 'PINGRESP');
    session.flush();
    const own = trace.events.filter((e) => e.kind === 'packet' && e.client === 'self-ping');
    const types = own.map((e) => (e.kind === 'packet' ? `${e.dir} ${e.type}` : ''));
    expect(types.slice(0, 4)).toEqual(['c2b CONNECT', 'b2c CONNACK', 'c2b SUBSCRIBE', 'b2c SUBACK']);
    expect(types).toContain('c2b PINGREQ');
    const ping = own.find((e) => e.kind === 'packet' && e.type === 'PINGREQ');
    const pong = own.find((e) => e.kind === 'packet' && e.type === 'PINGRESP');
    expect(ping).toMatchObject({
      source: 'self',
      arriveUnknown: true,
      conn: own[0].kind === 'packet' ? own[0].conn : -1,
    });
    expect(ping && ping.kind === 'packet' && ping.arrive).toBe(ping?.t);
    expect(pong).toMatchObject({ source: 'self', sentUnknown: true });
    expect((pong as unknown as { rttMs: number }).rttMs).toBeGreaterThanOrEqual(0);
    // The first PINGREQ goes out about K after the last packet sent.
    expect(ping!.t).toBeGreaterThan(own[2].t + 900);
    expect(session.brokerEvents.kind).toBe('embedded');
    // Events are in time order and the trace parses.
    const text = session.exportTrace();
    const parsed = parseTrace(text);
    expect(parsed.header).toMatchObject({ trace: 1, source: 'live' });
    expect(typeof parsed.header.startedAt).toBe('string');
  });

  it('a silenced probe is timed out by aedes (embedded timeout topic) and its will arrives', async () => {
    const { session, trace } = started();
    await session.connect(selfOptions(broker.wsUrl!, 'self-silence'));
    const probe = await session.startProbe(probeOptions(broker.wsUrl!, 'probe-silent', { keepAlive: 1 }));
    const conn = probe.client.lane!.conn;
    await waitForEvent(
      trace,
      (e) => e.kind === 'conn' && e.side === 'broker' && e.client === 'probe-silent',
      2000,
      'connected report',
    );
    const silencedAt = session.clock.now();
    await session.probeAction(probe.key, 'silence');
    const timeout = await waitForEvent(
      trace,
      (e) => e.kind === 'timeout' && e.client === 'probe-silent',
      4000,
      'timeout',
    );
    expect(timeout).toMatchObject({
      kind: 'timeout',
      side: 'broker',
      conn,
      keepAlive: 1,
      source: 'embedded',
    });
    const t = timeout as Extract<TraceEvent, { kind: 'timeout' }>;
    // aedes: K × 1500 + 1 ms after the last packet it received.
    expect(t.t - t.lastActivity).toBeGreaterThanOrEqual(1400);
    expect(t.t - silencedAt).toBeGreaterThanOrEqual(1000);
    const will = await waitForEvent(
      trace,
      (e) => e.kind === 'will' && e.client === 'probe-silent',
      2000,
      'will',
    );
    expect(will).toMatchObject({
      conn,
      topic: 'ka/will/probe-silent',
      qos: 1,
      retain: false,
      cause: 'keepalive-timeout',
      delayed: 0,
      source: 'embedded',
    });
    // The will also arrived through the subscription, as application traffic.
    await waitForEvent(
      trace,
      (e) => e.kind === 'packet' && e.dir === 'b2c' && e.topic === 'ka/will/probe-silent',
      2000,
      'will message',
    );
    expect(session.traffic.get('ka/will/probe-silent')?.count).toBe(1);
    const closed = await waitForEvent(
      trace,
      (e) => e.kind === 'conn' && e.side === 'broker' && e.state === 'closed' && e.client === 'probe-silent',
      2000,
      'close',
    );
    expect(closed).toMatchObject({ conn, reason: 'keepalive-timeout', source: 'embedded' });
    // The probe itself sent nothing after the silence.
    const sentAfter = trace.events.filter(
      (e) => e.kind === 'packet' && e.client === 'probe-silent' && e.dir === 'c2b' && e.t > silencedAt,
    );
    expect(sentAfter).toEqual([]);
    expect(
      trace.events.some((e) => e.kind === 'fault' && e.target === 'probe-silent' && e.fault === 'power-off'),
    ).toBe(true);
  });

  it('a clone takes the client ID over (embedded takeover topic)', async () => {
    const { session, trace } = started();
    await session.connect(selfOptions(broker.wsUrl!, 'self-clone'));
    const first = await session.startProbe(probeOptions(broker.wsUrl!, 'probe-twin', { keepAlive: 30 }));
    await waitForEvent(
      trace,
      (e) => e.kind === 'conn' && e.side === 'broker' && e.client === 'probe-twin',
      2000,
      'connected report',
    );
    const clone = (await session.probeAction(first.key, 'clone')) as Awaited<
      ReturnType<typeof session.startProbe>
    >;
    const takeover = await waitForEvent(
      trace,
      (e) => e.kind === 'takeover' && e.client === 'probe-twin',
      3000,
      'takeover',
    );
    expect(takeover).toMatchObject({
      oldConn: first.client.lane!.conn,
      newConn: clone.client.lane!.conn,
      source: 'embedded',
    });
    const will = await waitForEvent(
      trace,
      (e) => e.kind === 'will' && e.client === 'probe-twin',
      2000,
      'will',
    );
    expect(will).toMatchObject({ conn: first.client.lane!.conn, cause: 'takeover' });
    await waitForEvent(
      trace,
      (e) =>
        e.kind === 'conn' &&
        e.side === 'client' &&
        e.state === 'closed' &&
        e.conn === first.client.lane!.conn,
      2000,
      'old closed',
    );
  });

  it('crash and disconnect give network-error and client-disconnect', async () => {
    const { session, trace } = started();
    await session.connect(selfOptions(broker.wsUrl!, 'self-crash'));
    const a = await session.startProbe(probeOptions(broker.wsUrl!, 'probe-crash', { keepAlive: 30 }));
    const b = await session.startProbe(probeOptions(broker.wsUrl!, 'probe-bye', { keepAlive: 30 }));
    await session.probeAction(a.key, 'crash');
    await session.probeAction(b.key, 'disconnect');
    const crashed = await waitForEvent(
      trace,
      (e) => e.kind === 'conn' && e.side === 'broker' && e.state === 'closed' && e.client === 'probe-crash',
      2000,
      'crash close',
    );
    expect(crashed).toMatchObject({ reason: 'network-error' });
    await waitForEvent(trace, (e) => e.kind === 'will' && e.client === 'probe-crash', 2000, 'crash will');
    const bye = await waitForEvent(
      trace,
      (e) => e.kind === 'conn' && e.side === 'broker' && e.state === 'closed' && e.client === 'probe-bye',
      2000,
      'bye close',
    );
    expect(bye).toMatchObject({ reason: 'client-disconnect' });
    await new Promise((r) => setTimeout(r, 200));
    expect(trace.events.some((e) => e.kind === 'will' && e.client === 'probe-bye')).toBe(false);
  });
});
