// The `rabbitmq-3.10` row of the second broker-profile table.

import { describe, expect, it } from 'vitest';
import { BROKER_PROFILES, CLIENT_TRANSPORTS } from '../../../../src/scenario/types';
import { createProfile } from '../../../../src/sim/broker/profiles';
import { Random } from '../../../../src/sim/engine/random';
import { run, scenario } from '../../helpers';
import { clash, oldClientSees, silence, will } from './cells';

describe('rabbitmq-3.10 profile', () => {
  it.each([
    [2, 6000],
    [5, 15_000],
  ])('detects a client silent since CONNECT exactly 3 K later (K = %i s: %i ms, as measured)', (k, ms) => {
    expect(silence('rabbitmq-3.10', k, { offAt: 300, jitterMs: 4 }).detection).toBeCloseTo(ms, 6);
  });

  it('detects a client 2 K to 3 K after its last byte when it fell silent later', () => {
    for (const k of [2, 5]) {
      for (const offAt of [k * 1000 + 50, 3 * k * 1000 + 700]) {
        const d = silence('rabbitmq-3.10', k, { offAt, jitterMs: 21, seed: offAt }).detection;
        expect(d).toBeGreaterThanOrEqual(2000 * k);
        expect(d).toBeLessThanOrEqual(3000 * k);
      }
    }
  });

  it('on timeout closes the socket and publishes the will', () => {
    const { trace, timeout } = silence('rabbitmq-3.10', 2, { offAt: 300 });
    expect(trace.packets({ dir: 'b2c', type: 'DISCONNECT' })).toEqual([]);
    expect(trace.wills('dev')).toMatchObject([{ t: timeout.t, cause: 'keepalive-timeout' }]);
  });

  it('never publishes the old will on take-over over TCP, even for a clean session', () => {
    const c = clash('rabbitmq-3.10', 4, { cleanStart: true });
    expect(c.trace.takeovers()).toHaveLength(1);
    expect(c.trace.wills()).toEqual([]);
    // It is not kept for later either: nothing at all when the new connection goes away too.
    const later = run(
      scenario([{ id: 'dev', keepAlive: 20, will: will() }], {
        profile: 'rabbitmq-3.10',
        events: [
          { atMs: 1000, client: 'dev', do: 'power-off' },
          { atMs: 2000, client: 'dev', do: 'power-on' },
        ],
      }),
    );
    expect(later.takeovers()).toHaveLength(1);
    expect(later.wills()).toEqual([]);
  });

  it('the old client sees its socket closed on take-over', () => {
    expect(oldClientSees(clash('rabbitmq-3.10', 4))).toEqual({ disconnect: null, reason: 'network-error' });
  });

  it('gives a 5.0 CONNECT no CONNACK and closes it: MQTT 3.1/3.1.1 only', () => {
    const trace = run(scenario([{ id: 'dev', keepAlive: 10 }], { profile: 'rabbitmq-3.10', protocol: 5 }));
    expect(trace.packets({ type: 'CONNACK' })).toEqual([]);
    expect(trace.closes('broker')).toMatchObject([{ t: 10, reason: 'protocol-error' }]);
    expect(trace.closes('client')).toMatchObject([{ t: 20, reason: 'network-error' }]);
  });

  it('answers session present 1 on resume only when the stored session has a QoS 1 or 2 subscription, as measured', () => {
    const clients = [
      { id: 'bare', keepAlive: 10, cleanStart: false },
      { id: 'qos0', keepAlive: 10, cleanStart: false, subscribe: [{ topic: 'a/#', qos: 0 as const }] },
      { id: 'qos1', keepAlive: 10, cleanStart: false, subscribe: [{ topic: 'b/#', qos: 1 as const }] },
      { id: 'qos2', keepAlive: 10, cleanStart: false, subscribe: [{ topic: 'c/#', qos: 2 as const }] },
      {
        id: 'mixed',
        keepAlive: 10,
        cleanStart: false,
        subscribe: [
          { topic: 'd/#', qos: 0 as const },
          { topic: 'e/#', qos: 1 as const },
        ],
      },
    ];
    const events = clients.flatMap((c) => [
      { atMs: 2000, client: c.id, do: 'disconnect' as const },
      { atMs: 4000, client: c.id, do: 'connect' as const },
    ]);
    const trace = run(scenario(clients, { profile: 'rabbitmq-3.10', durationMs: 6000, events }));
    const present = (client: string) =>
      trace
        .packets({ type: 'CONNACK' })
        .filter((p) => p.client === client)
        .map((p) => p.sessionPresent);
    for (const c of clients) expect(trace.sessions(c.id).map((e) => e.state)).toEqual(['created', 'resumed']);
    expect(present('bare')).toEqual([false, false]);
    expect(present('qos0')).toEqual([false, false]);
    expect(present('qos1')).toEqual([false, true]);
    expect(present('qos2')).toEqual([false, true]);
    expect(present('mixed')).toEqual([false, true]);
    // A client told "no session" subscribes again; one told "present" does not.
    const subscribes = (client: string) =>
      trace.packets({ type: 'SUBSCRIBE' }).filter((p) => p.client === client);
    expect(subscribes('qos0')).toHaveLength(2);
    expect(subscribes('qos1')).toHaveLength(1);
  });

  it('publishes the will after a normal DISCONNECT over Web MQTT (ws), and not over TCP, as measured', () => {
    const trace = run(
      scenario(
        [
          { id: 'tcp-dev', keepAlive: 10, will: will({ topic: 'status/tcp' }) },
          { id: 'ws-dev', keepAlive: 10, transport: 'ws', will: will({ topic: 'status/ws' }) },
          { id: 'dash', keepAlive: 10, subscribe: ['status/#'] },
        ],
        {
          profile: 'rabbitmq-3.10',
          durationMs: 5000,
          events: [
            { atMs: 2000, client: 'tcp-dev', do: 'disconnect' },
            { atMs: 2000, client: 'ws-dev', do: 'disconnect' },
          ],
        },
      ),
    );
    expect(trace.wills('tcp-dev')).toEqual([]);
    expect(trace.wills('ws-dev')).toMatchObject([
      { topic: 'status/ws', cause: 'client-disconnect', delayed: 0, receivers: ['dash'] },
    ]);
    expect(trace.closes('broker').filter((c) => c.client === 'ws-dev')).toMatchObject([
      { reason: 'client-disconnect' },
    ]);
  });

  it('publishes the old will on take-over over Web MQTT (ws), clean or persistent session, as measured', () => {
    for (const cleanStart of [true, false]) {
      const trace = run(
        scenario(
          [
            { id: 'ws-dev', keepAlive: 10, cleanStart, transport: 'ws', will: will({ topic: 'status/ws' }) },
            { id: 'dash', keepAlive: 10, subscribe: ['status/#'] },
          ],
          {
            profile: 'rabbitmq-3.10',
            durationMs: 5000,
            events: [{ atMs: 2000, client: 'ws-dev', do: 'clone' }],
          },
        ),
      );
      const [takeover] = trace.takeovers();
      expect(takeover).toBeDefined();
      expect(trace.wills('ws-dev')).toMatchObject([
        { t: takeover.t, topic: 'status/ws', cause: 'takeover', receivers: ['dash'] },
      ]);
    }
  });

  it('is the only profile that keeps the will after a normal DISCONNECT, and only over ws', () => {
    const keeps = BROKER_PROFILES.flatMap((name) =>
      CLIENT_TRANSPORTS.filter((t) => createProfile(name, new Random(1)).willOnNormalDisconnect(t)).map(
        (t) => `${name} over ${t}`,
      ),
    );
    expect(keeps).toEqual(['rabbitmq-3.10 over ws']);
  });
});
