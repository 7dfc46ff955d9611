// Live mode against the real Mosquitto 2.0.11 (started here on loopback, `log_dest topic`): the
// page's connection and probes over WebSockets, Mosquitto's log lines parsed as they arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/trace';
import { startMosquitto, type RunningMosquitto } from './support/mosquitto';
import { nodeSession, probeOptions, selfOptions, waitForEvent } from './support/session';

let mosquitto: RunningMosquitto;
const sessions: { dispose(): Promise<void> }[] = [];

beforeAll(async () => {
  mosquitto = await startMosquitto();
});

afterAll(async () => {
  for (const s of sessions) await s.dispose().catch(() => undefined);
  await mosquitto?.stop();
});

function started() {
  const made = nodeSession();
  sessions.push(made.session);
  return made;
}

describe('live mode against Mosquitto 2.0.11', () => {
  it('a probe with K = 2 s silenced: Mosquitto drops it, the timeout is concluded and the will arrives (3–10 s)', async () => {
    const { session, trace } = started();
    await session.connect({ ...selfOptions(mosquitto.wsUrl, 'lab-m1'), protocol: 5 });
    const probe = await session.startProbe(probeOptions(mosquitto.wsUrl, 'ka-probe', { keepAlive: 2 }));
    const conn = probe.client.lane!.conn;
    const opened = await waitForEvent(
      trace,
      (e) => e.kind === 'conn' && e.side === 'broker' && e.client === 'ka-probe',
      2000,
      'log: connected',
    );
    expect(opened).toMatchObject({
      conn,
      keepAlive: 2,
      protocol: 4,
      transport: 'websockets',
      source: 'mosquitto-log',
    });
    expect(session.brokerEvents.kind).toBe('mosquitto');
    const silencedAt = session.clock.now();
    await session.probeAction(probe.key, 'silence');
    const timeout = (await waitForEvent(
      trace,
      (e) => e.kind === 'timeout' && e.client === 'ka-probe',
      11000,
      'timeout',
    )) as Extract<TraceEvent, { kind: 'timeout' }>;
    const will = await waitForEvent(trace, (e) => e.kind === 'will' && e.client === 'ka-probe', 2000, 'will');
    expect(timeout).toMatchObject({ conn, side: 'broker', keepAlive: 2, source: 'probe', inferred: true });
    expect(timeout.t - silencedAt).toBeGreaterThanOrEqual(3000);
    expect(timeout.t - silencedAt).toBeLessThanOrEqual(10000);
    expect(will).toMatchObject({
      conn,
      topic: 'ka/will/ka-probe',
      qos: 1,
      cause: 'keepalive-timeout',
      delayed: 0,
      source: 'self',
    });
    expect(will.t - silencedAt).toBeLessThanOrEqual(10000);
    const closed = await waitForEvent(
      trace,
      (e) => e.kind === 'conn' && e.side === 'broker' && e.state === 'closed' && e.client === 'ka-probe',
      2000,
      'log: closed',
    );
    expect(closed).toMatchObject({
      conn,
      reason: 'keepalive-timeout',
      brokerReason: 'closed its connection',
      source: 'mosquitto-log',
    });
  });

  it("a clone: Mosquitto reports the take-over on the two probes' lanes", async () => {
    const { session, trace } = started();
    await session.connect(selfOptions(mosquitto.wsUrl, 'lab-m2'));
    const first = await session.startProbe(probeOptions(mosquitto.wsUrl, 'to-probe', { keepAlive: 30 }));
    await waitForEvent(
      trace,
      (e) => e.kind === 'conn' && e.side === 'broker' && e.client === 'to-probe',
      2000,
      'log: connected',
    );
    const clone = (await session.probeAction(first.key, 'clone')) as Awaited<
      ReturnType<typeof session.startProbe>
    >;
    const takeover = await waitForEvent(
      trace,
      (e) => e.kind === 'takeover' && e.client === 'to-probe',
      3000,
      'takeover',
    );
    expect(takeover).toMatchObject({
      oldConn: first.client.lane!.conn,
      newConn: clone.client.lane!.conn,
      source: 'mosquitto-log',
    });
    // The old connection's will (v3, clean): received on the subscription, cause take-over.
    const will = await waitForEvent(trace, (e) => e.kind === 'will' && e.client === 'to-probe', 3000, 'will');
    expect(will).toMatchObject({ conn: first.client.lane!.conn, cause: 'takeover', source: 'self' });
    // Mosquitto's late "closed its connection" for the old WebSocket does not close the new lane.
    await new Promise((r) => setTimeout(r, 500));
    session.flush();
    const newLaneClosed = trace.events.some(
      (e) =>
        e.kind === 'conn' &&
        e.side === 'broker' &&
        e.state === 'closed' &&
        e.conn === clone.client.lane!.conn,
    );
    expect(newLaneClosed).toBe(false);
  });
});
