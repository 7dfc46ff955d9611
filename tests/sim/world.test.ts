// Every scenario action (docs/scenario-format.md, "Actions"), as the trace shows it.

import { describe, expect, it } from 'vitest';
import type { ClientSpec } from '../../src/scenario/types';
import { gaps, only, run, scenario } from './helpers';

const statusWill = { topic: 'status/dev', payload: 'offline', qos: 1 as const, retain: false };
const watcher: ClientSpec = { id: 'watch', keepAlive: 60, subscribe: ['status/#', 'data/#'] };

describe('scenario actions', () => {
  it('every action is recorded as a fault event with its target', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 10 }], {
        protocol: 5,
        events: [
          { atMs: 1000, client: 'dev', do: 'publish', topic: 'data/x', payload: 'p' },
          { atMs: 2000, client: 'dev', do: 'link-down' },
          { atMs: 3000, client: 'dev', do: 'link-up' },
          { atMs: 4000, do: 'broker-restart', downMs: 500 },
        ],
      }),
    );
    expect(trace.faults().map((f) => [f.t, f.target, f.fault])).toEqual([
      [1000, 'dev', 'publish'],
      [2000, 'dev', 'link-down'],
      [3000, 'dev', 'link-up'],
      [4000, 'broker', 'broker-restart'],
    ]);
  });

  it('connect: a client with connectAtMs null stays offline until a connect action opens a connection', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 10, connectAtMs: null }], {
        events: [{ atMs: 7000, client: 'dev', do: 'connect' }],
      }),
    );
    const connect = only(trace.packets({ client: 'dev', type: 'CONNECT' }), 'CONNECT');
    expect(connect).toMatchObject({ t: 7000, arrive: 7010, keepAlive: 10, cleanStart: true });
    expect(trace.conns({ client: 'dev', side: 'broker', state: 'open' })).toMatchObject([{ t: 7010 }]);
    expect(trace.packets({ client: 'dev', type: 'CONNACK' })).toMatchObject([
      { reasonCode: 0, arrive: 7020 },
    ]);
  });

  it('disconnect: DISCONNECT, both ends close, no will, and no reconnect even with reconnect set', () => {
    const trace = run(
      scenario(
        [{ id: 'dev', keepAlive: 10, will: statusWill, reconnect: { minMs: 100, maxMs: 100 } }, watcher],
        {
          events: [{ atMs: 5000, client: 'dev', do: 'disconnect' }],
        },
      ),
    );
    expect(trace.packets({ client: 'dev', dir: 'c2b' }).at(-1)).toMatchObject({
      type: 'DISCONNECT',
      t: 5000,
    });
    expect(trace.closes('client', 'dev')).toMatchObject([{ t: 5000, reason: 'client-disconnect' }]);
    expect(trace.closes('broker', 'dev')).toMatchObject([{ t: 5010, reason: 'client-disconnect' }]);
    expect(trace.wills()).toEqual([]);
    expect(trace.packets({ client: 'dev', type: 'CONNECT' })).toHaveLength(1);
  });

  it('disconnect-with-will: MQTT 5 DISCONNECT 0x04, and the will is published', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 10, will: statusWill }, watcher], {
        protocol: 5,
        events: [{ atMs: 5000, client: 'dev', do: 'disconnect-with-will' }],
      }),
    );
    expect(trace.packets({ client: 'dev', type: 'DISCONNECT' })).toMatchObject([{ t: 5000, reasonCode: 4 }]);
    expect(trace.wills('dev')).toMatchObject([
      { t: 5010, cause: 'disconnect-with-will', receivers: ['watch'] },
    ]);
  });

  it('crash: the OS closes the socket, the broker hears it one latency later and publishes the will; no reconnect', () => {
    const trace = run(
      scenario(
        [{ id: 'dev', keepAlive: 10, will: statusWill, reconnect: { minMs: 100, maxMs: 100 } }, watcher],
        {
          latencyMs: 40,
          events: [{ atMs: 5000, client: 'dev', do: 'crash' }],
        },
      ),
    );
    expect(trace.closes('client', 'dev')).toMatchObject([{ t: 5000, reason: 'network-error' }]);
    expect(trace.closes('broker', 'dev')).toMatchObject([{ t: 5040, reason: 'network-error' }]);
    expect(trace.wills('dev')).toMatchObject([{ t: 5040, cause: 'network-error' }]);
    // The process is dead: nothing is sent any more.
    expect(trace.packets({ client: 'dev', dir: 'c2b' }).filter((p) => p.t >= 5000)).toEqual([]);
  });

  it('power-off: nothing reaches the broker, which keeps the half-open connection until keep alive runs out', () => {
    const trace = run(
      scenario(
        [
          { id: 'dev', keepAlive: 10, will: statusWill, subscribe: ['data/#'] },
          { id: 'pub', keepAlive: 60 },
        ],
        {
          events: [
            { atMs: 12_000, client: 'dev', do: 'power-off' },
            { atMs: 15_000, client: 'pub', do: 'publish', topic: 'data/x', payload: 'lost' },
          ],
        },
      ),
    );
    expect(trace.closes('client', 'dev')).toMatchObject([{ t: 12_000 }]);
    // The broker still forwards to the device; the packet goes nowhere.
    expect(trace.packets({ client: 'dev', type: 'PUBLISH' })).toMatchObject([{ t: 15_010, arrive: null }]);
    // The last ping (sent at 10 020, K after the SUBSCRIBE) arrived at 10 030: the broker waits 15 s from there.
    const close = only(trace.closes('broker', 'dev'), 'broker close');
    expect(close).toMatchObject({ t: 25_030, reason: 'keepalive-timeout' });
    expect(trace.wills('dev')).toMatchObject([{ t: 25_030, cause: 'keepalive-timeout' }]);
  });

  it('power-on: the device boots and connects with the same client ID, taking over the half-open connection', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 60, will: statusWill }], {
        events: [
          { atMs: 5000, client: 'dev', do: 'power-off' },
          { atMs: 20_000, client: 'dev', do: 'power-on' },
        ],
      }),
    );
    const [oldConn, newConn] = trace.connIds('dev');
    expect(trace.packets({ conn: newConn, type: 'CONNECT' })).toMatchObject([{ t: 20_000 }]);
    expect(trace.takeovers('dev')).toMatchObject([{ t: 20_010, oldConn, newConn }]);
    expect(trace.closes('broker', 'dev')).toMatchObject([{ t: 20_010, conn: oldConn, reason: 'takeover' }]);
    expect(trace.wills('dev')).toMatchObject([{ t: 20_010, conn: oldConn, cause: 'takeover' }]);
  });

  it('link-down / link-up: packets are lost both ways while both sockets stay open, then flow again', () => {
    const trace = run(
      scenario(
        [
          { id: 'dev', keepAlive: 60, subscribe: ['data/in'] },
          { id: 'pub', keepAlive: 60 },
        ],
        {
          events: [
            { atMs: 5000, client: 'dev', do: 'link-down' },
            { atMs: 8000, client: 'pub', do: 'publish', topic: 'data/in', payload: 'to-dev' },
            { atMs: 9000, client: 'dev', do: 'publish', topic: 'data/out', payload: 'from-dev' },
            { atMs: 15_000, client: 'dev', do: 'link-up' },
            { atMs: 16_000, client: 'pub', do: 'publish', topic: 'data/in', payload: 'again' },
            { atMs: 17_000, client: 'dev', do: 'publish', topic: 'data/out', payload: 'back' },
          ],
        },
      ),
    );
    const [conn] = trace.connIds('dev');
    expect(
      trace.packets({ client: 'dev', type: 'PUBLISH' }).map((p) => [p.payload, p.conn, p.arrive !== null]),
    ).toEqual([
      ['to-dev', conn, false],
      ['from-dev', conn, false],
      ['again', conn, true],
      ['back', conn, true],
    ]);
    expect(trace.conns({ client: 'dev', state: 'closed' })).toEqual([]);
    expect(trace.connIds('dev')).toHaveLength(1);
  });

  it('link-down longer than keep alive: the client gives up on PINGRESP and the broker times it out, each on its own', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 4, will: statusWill }], {
        events: [
          { atMs: 5000, client: 'dev', do: 'link-down' },
          { atMs: 30_000, client: 'dev', do: 'link-up' },
        ],
      }),
    );
    expect(trace.timeouts('client', 'dev')).toMatchObject([{ t: 8000 + 2000 }]);
    expect(trace.closes('client', 'dev')).toMatchObject([{ t: 10_000, reason: 'ping-timeout' }]);
    // The client's FIN is lost too: the broker finds out by keep alive.
    expect(trace.closes('broker', 'dev')).toMatchObject([{ t: 4010 + 6000, reason: 'keepalive-timeout' }]);
  });

  it('clone: two devices with one client ID kick each other out again and again when both reconnect', () => {
    const trace = run(
      scenario([{ id: 'meter', keepAlive: 20, reconnect: { minMs: 500, maxMs: 500 } }], {
        protocol: 5,
        durationMs: 10_000,
        events: [{ atMs: 2000, client: 'meter', do: 'clone' }],
      }),
    );
    const takeovers = trace.takeovers('meter');
    expect(takeovers.length).toBeGreaterThanOrEqual(5);
    expect(takeovers[0].t).toBe(2010);
    for (let i = 1; i < takeovers.length; i++) {
      // Ping-pong: the connection that took over is the next one taken over.
      expect(takeovers[i].oldConn).toBe(takeovers[i - 1].newConn);
    }
    const kicked = trace.packets({ client: 'meter', type: 'DISCONNECT' });
    expect(kicked.length).toBe(takeovers.length);
    expect(kicked.every((p) => p.reasonCode === 0x8e && p.dir === 'b2c')).toBe(true);
  });

  it('clone without reconnect: the original is kicked out once and the clone keeps the ID', () => {
    const trace = run(
      scenario([{ id: 'meter', keepAlive: 20 }], { events: [{ atMs: 2000, client: 'meter', do: 'clone' }] }),
    );
    const [original, clone] = trace.connIds('meter');
    expect(trace.takeovers()).toMatchObject([{ oldConn: original, newConn: clone }]);
    expect(trace.conns({ conn: clone, state: 'closed' })).toEqual([]);
  });

  const storm = (jitter: number) =>
    run(
      scenario(
        [
          {
            id: 'dev-{n}',
            count: 20,
            keepAlive: 30,
            reconnect: { minMs: 1000, maxMs: 8000, jitter },
            connectSpreadMs: 500,
          },
        ],
        { durationMs: 40_000, events: [{ atMs: 5000, do: 'broker-restart', downMs: 3000 }] },
      ),
    );

  it('broker-restart: every connection closes at once; clients come back after backoff once the broker is up', () => {
    const trace = storm(0.5);
    const ids = Array.from({ length: 20 }, (_, i) => `dev-${i + 1}`);
    const shutdown = trace.closes('broker');
    expect(shutdown).toHaveLength(20);
    expect(shutdown.every((c) => c.t === 5000 && c.reason === 'server-shutdown')).toBe(true);
    expect(
      trace
        .closes('client')
        .filter((c) => c.t === 5010)
        .map((c) => c.reason),
    ).toEqual(Array<string>(20).fill('network-error'));
    // Nobody gets in while the broker is down: those CONNECTs are refused.
    const early = trace
      .packets({ type: 'CONNECT' })
      .filter((p) => p.t > 5000 && p.arrive !== null && p.arrive < 8000);
    expect(early).toEqual([]);
    expect(trace.packets({ type: 'CONNECT' }).some((p) => p.t > 5000 && p.arrive === null)).toBe(true);
    // Every client is back, on a new connection the broker accepted after it came up.
    for (const id of ids) {
      const opens = trace.conns({ client: id, side: 'broker', state: 'open' });
      expect(opens.at(-1)?.t).toBeGreaterThanOrEqual(8000);
    }
  });

  it('broker-restart: a reconnect storm is spread by jitter; without jitter everyone comes back at one instant', () => {
    const firstRetry = (jitter: number): number[] =>
      storm(jitter)
        .packets({ type: 'CONNECT' })
        .filter((p) => p.t > 5000)
        .slice(0, 20)
        .map((p) => p.t);
    expect(new Set(firstRetry(0))).toEqual(new Set([5010 + 1000]));
    const spread = firstRetry(0.5);
    expect(new Set(spread).size).toBeGreaterThan(10);
    expect(Math.min(...spread)).toBeGreaterThanOrEqual(5010 + 500);
    expect(Math.max(...spread)).toBeLessThanOrEqual(5010 + 1000);
  });

  it('broker-restart: the broker comes back empty (no persistence): sessions and retained messages are gone', () => {
    const trace = run(
      scenario(
        [
          {
            id: 'keeper',
            keepAlive: 30,
            cleanStart: false,
            subscribe: [{ topic: 'q/#', qos: 1 }],
            reconnect: { minMs: 4000, maxMs: 4000 },
          },
          { id: 'late', keepAlive: 30, connectAtMs: 20_000, subscribe: ['r/#'] },
          { id: 'pub', keepAlive: 30, connectAtMs: 1000 },
        ],
        {
          events: [
            { atMs: 2000, client: 'pub', do: 'publish', topic: 'r/kept', payload: 'retained', retain: true },
            { atMs: 5000, do: 'broker-restart', downMs: 1000 },
          ],
        },
      ),
    );
    expect(trace.sessions('keeper').map((e) => e.state)).toEqual(['created', 'created']);
    expect(trace.packets({ client: 'keeper', type: 'CONNACK' }).map((p) => p.sessionPresent)).toEqual([
      false,
      false,
    ]);
    expect(trace.packets({ client: 'late', type: 'PUBLISH' })).toEqual([]);
  });

  it('publish: the client publishes topic, payload, QoS and retain now; subscribers get it', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 30 }, watcher], {
        events: [
          {
            atMs: 4000,
            client: 'dev',
            do: 'publish',
            topic: 'data/t',
            payload: '21.5',
            qos: 1,
            retain: true,
          },
        ],
      }),
    );
    expect(trace.packets({ client: 'dev', type: 'PUBLISH' })).toMatchObject([
      { t: 4000, dir: 'c2b', topic: 'data/t', payload: '21.5', qos: 1, retain: true },
    ]);
    expect(trace.packets({ client: 'dev', type: 'PUBACK' })).toMatchObject([{ t: 4010, dir: 'b2c' }]);
    // Forwarded to a live subscription with retain 0 [MQTT-3.3.1-9], at the subscription's QoS 0.
    expect(trace.packets({ client: 'watch', type: 'PUBLISH' })).toMatchObject([
      { t: 4010, topic: 'data/t', payload: '21.5', qos: 0, retain: false },
    ]);
  });

  it('periodic publishes: every everyMs while connected, the first after offsetMs', () => {
    const trace = run(
      scenario(
        [{ id: 'dev', keepAlive: 30, publish: { topic: 'data/{id}', everyMs: 2000, offsetMs: 500 } }],
        {
          durationMs: 10_000,
        },
      ),
    );
    const times = trace.packets({ client: 'dev', type: 'PUBLISH' }).map((p) => p.t);
    expect(times[0]).toBe(20 + 500);
    expect(gaps(times)).toEqual(Array<number>(times.length - 1).fill(2000));
    expect(trace.packets({ client: 'dev', type: 'PUBLISH' })[0].topic).toBe('data/dev');
  });

  it('a client that gets no CONNACK within K seconds gives up on that connection and retries after its backoff', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 5, connectAtMs: 100, reconnect: { minMs: 1000, maxMs: 1000 } }], {
        durationMs: 20_000,
        events: [
          { atMs: 0, client: 'dev', do: 'link-down' },
          { atMs: 9000, client: 'dev', do: 'link-up' },
        ],
      }),
    );
    expect(trace.closes('client', 'dev').map((c) => [c.t, c.reason])).toEqual([
      [5100, 'network-error'],
      [11_100, 'network-error'],
    ]);
    // The third attempt, after the link is back, succeeds.
    expect(trace.packets({ client: 'dev', type: 'CONNECT' }).map((p) => p.t)).toEqual([100, 6100, 12_100]);
    expect(trace.packets({ client: 'dev', type: 'CONNACK' })).toHaveLength(1);
  });
});
