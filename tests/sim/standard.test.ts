// The standard, statement by statement (docs/brokers.md, "What the standard says"), under the `spec`
// profile: one describe per row of the table, each test named with the statement id of its protocol level.

import { describe, expect, it } from 'vitest';
import type { ClientSpec, ProtocolLevel, WillSpec } from '../../src/scenario/types';
import { gaps, only, run, scenario } from './helpers';

interface Level {
  protocol: ProtocolLevel;
  name: string;
}
const V3: Level = { protocol: 4, name: '3.1.1' };
const V5: Level = { protocol: 5, name: '5.0' };
/** Both protocol levels, as `it.each` rows: (name, level). */
const BOTH = [
  [V3.name, V3],
  [V5.name, V5],
] as const;

const statusWill = (id: string, extra: Partial<WillSpec> = {}): WillSpec => ({
  topic: `status/${id}`,
  payload: 'offline',
  qos: 1,
  retain: true,
  ...extra,
});
const dashboard = (qos: 0 | 1 | 2 = 1, connectAtMs = 0): ClientSpec => ({
  id: 'dash',
  keepAlive: 60,
  connectAtMs,
  subscribe: [{ topic: 'status/#', qos }],
});

describe('client must ping', () => {
  const cases = [
    ['[MQTT-3.1.2-23]', V3.name, V3.protocol],
    ['[MQTT-3.1.2-20]', V5.name, V5.protocol],
  ] as const;

  it.each(cases)(
    '%s (%s) an idle client sends PINGREQ exactly K s after its last packet, every K s',
    (_id, _l, protocol) => {
      const trace = run(scenario([{ id: 's', keepAlive: 5 }], { protocol, durationMs: 31_000 }));
      const sent = trace.packets({ client: 's', dir: 'c2b' });
      expect(sent.map((p) => p.type)).toEqual(['CONNECT', ...Array<string>(6).fill('PINGREQ')]);
      expect(gaps(sent.map((p) => p.t))).toEqual(Array<number>(6).fill(5000));
    },
  );

  it.each([
    [
      `[MQTT-3.1.2-23] (3.1.1) any packet sent resets the ping timer: no PINGREQ while publishing within K`,
      4,
    ],
    [`[MQTT-3.1.2-20] (5.0) any packet sent resets the ping timer: no PINGREQ while publishing within K`, 5],
  ] as const)('%s', (_name, protocol) => {
    const trace = run(
      scenario([{ id: 'busy', keepAlive: 5, publish: { topic: 'data/busy', everyMs: 3000 } }], { protocol }),
    );
    expect(trace.packets({ client: 'busy', type: 'PUBLISH' }).length).toBeGreaterThan(15);
    expect(trace.packets({ client: 'busy', type: 'PINGREQ' })).toEqual([]);
  });

  it.each([
    [
      `[MQTT-3.1.2-23] (3.1.1) a client publishing less often than K pings K s after its last packet, never later`,
      4,
    ],
    [
      `[MQTT-3.1.2-20] (5.0) a client publishing less often than K pings K s after its last packet, never later`,
      5,
    ],
  ] as const)('%s', (_name, protocol) => {
    const trace = run(
      scenario([{ id: 'slow', keepAlive: 5, publish: { topic: 'data/slow', everyMs: 7000 } }], { protocol }),
    );
    const sent = trace.packets({ client: 'slow', dir: 'c2b' });
    const pings = sent.filter((p) => p.type === 'PINGREQ');
    expect(pings.length).toBeGreaterThan(5);
    for (const ping of pings) {
      const before = sent[sent.indexOf(ping) - 1];
      expect(ping.t - before.t).toBe(5000);
    }
    expect(Math.max(...gaps(sent.map((p) => p.t)))).toBeLessThanOrEqual(5000);
    // A publish right after a ping: the publishes, not only pings, keep the connection alive.
    expect(sent.some((p, i) => p.type === 'PUBLISH' && i > 0 && sent[i - 1].type === 'PINGREQ')).toBe(true);
  });
});

describe('broker timeout', () => {
  const levels = [
    ['[MQTT-3.1.2-24]', V3.name, V3],
    ['[MQTT-3.1.2-22]', V5.name, V5],
  ] as const;

  it.each(levels)(
    '%s (%s) broker closes after 1.5 x keep alive of silence, measured from the last packet received',
    (_id, _l, level) => {
      const trace = run(
        scenario([{ id: 's', keepAlive: 4, will: statusWill('s') }, dashboard()], {
          protocol: level.protocol,
          latencyMs: 30,
          events: [{ atMs: 9000, client: 's', do: 'power-off' }],
        }),
      );
      const [conn] = trace.connIds('s');
      const timeout = trace.brokerTimeout('s');
      // The last PINGREQ was sent at 8000 and arrived at 8030: that arrival is the last activity.
      expect(timeout.lastActivity).toBe(8030);
      expect(timeout.lastActivity).toBe(trace.lastArrivalAtBroker(conn, timeout.t));
      expect(timeout.t).toBe(8030 + 6000);
      expect(timeout.keepAlive).toBe(4);
      const close = only(trace.closes('broker', 's'), 'broker closes');
      expect(close).toMatchObject({ t: timeout.t, reason: 'keepalive-timeout', conn });
      // "as if the network failed": the will goes out.
      expect(only(trace.wills('s'), 'wills')).toMatchObject({ t: timeout.t, cause: 'keepalive-timeout' });
    },
  );

  it('[MQTT-3.1.2-24] (3.1.1) on timeout the broker just closes the connection (no DISCONNECT in 3.1.1)', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 4 }], { events: [{ atMs: 1000, client: 's', do: 'power-off' }] }),
    );
    expect(trace.brokerTimeout('s').t).toBe(10 + 6000);
    expect(trace.packets({ client: 's', dir: 'b2c', type: 'DISCONNECT' })).toEqual([]);
  });

  it('[MQTT-3.1.2-22] (5.0) on timeout the broker sends DISCONNECT 0x8D, then closes', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 4 }], {
        protocol: 5,
        events: [{ atMs: 1000, client: 's', do: 'power-off' }],
      }),
    );
    const timeout = trace.brokerTimeout('s');
    expect(timeout.t).toBe(10 + 6000);
    const disconnect = only(trace.packets({ client: 's', dir: 'b2c', type: 'DISCONNECT' }), 'DISCONNECT');
    expect(disconnect).toMatchObject({ t: timeout.t, reasonCode: 0x8d });
    // Nobody is listening any more: the device has no power.
    expect(disconnect.arrive).toBeNull();
  });

  it.each(levels)('%s (%s) a packet lost on the way does not count as activity', (_id, _l, level) => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 4 }], {
        protocol: level.protocol,
        events: [{ atMs: 5000, client: 's', do: 'link-down' }],
      }),
    );
    const lost = trace.packets({ client: 's', type: 'PINGREQ' }).filter((p) => p.arrive === null);
    expect(lost.length).toBeGreaterThan(0);
    // The ping sent at 4000 arrived at 4010; the one at 8000 was lost.
    expect(trace.brokerTimeout('s')).toMatchObject({ lastActivity: 4010, t: 4010 + 6000 });
  });

  it.each(levels)(
    '%s (%s) K = 0 turns keep alive off: a silent client is never timed out',
    (_id, _l, level) => {
      const trace = run(
        scenario([{ id: 's', keepAlive: 0, will: statusWill('s') }], {
          protocol: level.protocol,
          durationMs: 600_000,
          events: [{ atMs: 1000, client: 's', do: 'power-off' }],
        }),
      );
      expect(trace.timeouts()).toEqual([]);
      expect(trace.packets({ client: 's', type: 'PINGREQ' })).toEqual([]);
      expect(trace.closes('broker')).toEqual([]);
      expect(trace.wills()).toEqual([]);
    },
  );
});

describe('PINGRESP', () => {
  it.each(BOTH)(
    '[MQTT-3.12.4-1] (%s) the broker answers every PINGREQ with a PINGRESP as it arrives',
    (_name, level) => {
      const trace = run(
        scenario(
          [
            { id: 'a', keepAlive: 3 },
            { id: 'b', keepAlive: 7 },
          ],
          { protocol: level.protocol, jitterMs: 8 },
        ),
      );
      // A ping still on its way when the run ends was never received.
      const pings = trace.packets({ type: 'PINGREQ' }).filter((p) => p.arrive === null || p.arrive <= 60_000);
      expect(pings.length).toBeGreaterThan(20);
      for (const ping of pings) {
        const answers = trace
          .packets({ conn: ping.conn, type: 'PINGRESP' })
          .filter((r) => ping.arrive !== null && r.t === ping.arrive);
        expect(answers.length).toBe(ping.arrive === null ? 0 : 1);
      }
      expect(trace.packets({ type: 'PINGRESP' }).length).toBe(pings.filter((p) => p.arrive !== null).length);
    },
  );

  it.each(BOTH)(
    '[MQTT-3.12.4-1] (%s) a client that gets no PINGRESP closes ⌈K×1000/2⌉ ms after its PINGREQ (mqtt.js) and reconnects',
    (_name, level) => {
      const trace = run(
        scenario([{ id: 's', keepAlive: 5, reconnect: { minMs: 1000, maxMs: 1000 } }], {
          protocol: level.protocol,
          durationMs: 20_000,
          events: [
            { atMs: 6000, client: 's', do: 'link-down' },
            { atMs: 12_000, client: 's', do: 'link-up' },
          ],
        }),
      );
      const [first, second] = trace.connIds('s');
      const lostPing = trace.packets({ conn: first, type: 'PINGREQ' }).find((p) => p.arrive === null);
      expect(lostPing?.t).toBe(10_000);
      const timeout = only(trace.timeouts('client', 's'), 'client timeouts');
      // The PINGRESP to the ping at 5000 arrived at 5020: the client's last activity.
      expect(timeout).toMatchObject({ t: 10_000 + 2500, conn: first, keepAlive: 5, lastActivity: 5020 });
      expect(
        only(
          trace.closes('client', 's').filter((c) => c.conn === first),
          'client close',
        ),
      ).toMatchObject({
        t: 12_500,
        reason: 'ping-timeout',
      });
      // It comes back after its backoff, on a new connection that the broker accepts.
      expect(trace.conns({ conn: second, side: 'client', state: 'open' })[0].t).toBe(13_500);
      expect(trace.packets({ conn: second, type: 'CONNACK' })[0].arrive).not.toBeNull();
    },
  );
});

describe('Server Keep Alive (5.0 only)', () => {
  it('[MQTT-3.1.2-21] [MQTT-3.2.2-21] (5.0) the client uses the Server Keep Alive of the CONNACK instead of its K: it pings every S s', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 20 }], { protocol: 5, serverKeepAlive: 3, durationMs: 16_000 }),
    );
    const connack = only(trace.packets({ client: 's', type: 'CONNACK' }), 'CONNACK');
    expect(connack.properties?.serverKeepAlive).toBe(3);
    const pings = trace.packets({ client: 's', type: 'PINGREQ' }).map((p) => p.t);
    expect(pings).toEqual([3000, 6000, 9000, 12_000, 15_000]);
  });

  it("[MQTT-3.1.2-22] (5.0) with a Server Keep Alive S the broker times out after 1.5 x S, not 1.5 x the client's K", () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 20 }], {
        protocol: 5,
        serverKeepAlive: 3,
        events: [{ atMs: 1000, client: 's', do: 'power-off' }],
      }),
    );
    expect(trace.brokerTimeout('s')).toMatchObject({ keepAlive: 3, lastActivity: 10, t: 10 + 4500 });
  });

  it('[MQTT-3.2.2-21] (5.0) a Server Keep Alive of 0 turns keep alive off on both sides', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 5 }], { protocol: 5, serverKeepAlive: 0, durationMs: 30_000 }),
    );
    expect(only(trace.packets({ type: 'CONNACK' }), 'CONNACK').properties?.serverKeepAlive).toBe(0);
    expect(trace.packets({ type: 'PINGREQ' })).toEqual([]);
    expect(trace.timeouts()).toEqual([]);
  });

  it("[MQTT-3.2.2-22] (5.0) without a Server Keep Alive in the CONNACK the broker uses the client's K", () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 4 }], {
        protocol: 5,
        events: [{ atMs: 1000, client: 's', do: 'power-off' }],
      }),
    );
    expect(only(trace.packets({ type: 'CONNACK' }), 'CONNACK').properties?.serverKeepAlive).toBeUndefined();
    expect(trace.brokerTimeout('s')).toMatchObject({ keepAlive: 4, t: 10 + 6000 });
  });

  it("(3.1.1) has no Server Keep Alive: a configured one is not sent and the client's K stays in force", () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 4 }], {
        serverKeepAlive: 30,
        events: [{ atMs: 1000, client: 's', do: 'power-off' }],
      }),
    );
    expect(only(trace.packets({ type: 'CONNACK' }), 'CONNACK').properties).toBeUndefined();
    expect(trace.brokerTimeout('s')).toMatchObject({ keepAlive: 4, t: 10 + 6000 });
  });
});

describe('will published', () => {
  it.each(BOTH)(
    '[MQTT-3.1.2-8] (%s) a crash (socket closed without DISCONNECT) publishes the will as it was given',
    (_name, level) => {
      const trace = run(
        scenario([{ id: 's', keepAlive: 10, will: statusWill('s') }, dashboard(1)], {
          protocol: level.protocol,
          events: [{ atMs: 2000, client: 's', do: 'crash' }],
        }),
      );
      const [conn] = trace.connIds('s');
      expect(only(trace.closes('client', 's'), 'client close')).toMatchObject({
        t: 2000,
        reason: 'network-error',
      });
      expect(only(trace.closes('broker', 's'), 'broker close')).toMatchObject({
        t: 2010,
        reason: 'network-error',
      });
      expect(only(trace.wills('s'), 'wills')).toMatchObject({
        t: 2010,
        conn,
        topic: 'status/s',
        payload: 'offline',
        qos: 1,
        retain: true,
        cause: 'network-error',
        delayed: 0,
        receivers: ['dash'],
      });
      const delivered = only(trace.packets({ client: 'dash', type: 'PUBLISH' }), 'will delivery');
      expect(delivered).toMatchObject({ t: 2010, topic: 'status/s', payload: 'offline', qos: 1 });
    },
  );

  it.each(BOTH)('[MQTT-3.1.2-8] (%s) a keep-alive timeout publishes the will', (_name, level) => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 2, will: statusWill('s') }], {
        protocol: level.protocol,
        events: [{ atMs: 1000, client: 's', do: 'power-off' }],
      }),
    );
    expect(only(trace.wills('s'), 'wills')).toMatchObject({ t: 10 + 3000, cause: 'keepalive-timeout' });
  });

  it.each(BOTH)(
    '[MQTT-3.1.2-8] (%s) a server-initiated close (take-over) publishes the will',
    (_name, level) => {
      const trace = run(
        scenario([{ id: 's', keepAlive: 30, will: statusWill('s') }], {
          protocol: level.protocol,
          events: [
            { atMs: 2000, client: 's', do: 'power-off' },
            { atMs: 5000, client: 's', do: 'power-on' },
          ],
        }),
      );
      const [oldConn] = trace.connIds('s');
      expect(only(trace.wills('s'), 'wills')).toMatchObject({ t: 5010, conn: oldConn, cause: 'takeover' });
    },
  );

  it('[MQTT-3.1.2-8] (5.0) a CONNECT the broker refuses (aedes: protocol error) stores no will, so none is published', () => {
    // Under `spec` no accepted connection is ever closed for a protocol error; a refused CONNECT is the one
    // protocol error the simulation has, and the standard stores a will only "if the Connect request is accepted".
    const trace = run(
      scenario([{ id: 's', keepAlive: 10, will: statusWill('s') }], { protocol: 5, profile: 'aedes' }),
    );
    expect(only(trace.closes('broker', 's'), 'broker close').reason).toBe('protocol-error');
    expect(trace.wills()).toEqual([]);
  });

  it.each(BOTH)(
    '[MQTT-3.1.2-8] (%s) Will QoS 2 reaches a QoS 2 subscriber at QoS 2 (full handshake)',
    (_name, level) => {
      const trace = run(
        scenario(
          [{ id: 's', keepAlive: 10, will: statusWill('s', { qos: 2, retain: false }) }, dashboard(2)],
          {
            protocol: level.protocol,
            events: [{ atMs: 2000, client: 's', do: 'crash' }],
          },
        ),
      );
      expect(only(trace.wills('s'), 'wills')).toMatchObject({ qos: 2, retain: false });
      expect(only(trace.packets({ client: 'dash', type: 'PUBLISH' }), 'PUBLISH')).toMatchObject({
        qos: 2,
        retain: false,
      });
      expect(
        trace
          .packets({ client: 'dash' })
          .map((p) => p.type)
          .slice(-4),
      ).toEqual(['PUBLISH', 'PUBREC', 'PUBREL', 'PUBCOMP']);
    },
  );

  it.each(BOTH)(
    '[MQTT-3.1.2-8] (%s) a retained will reaches a subscriber that arrives later, with retain 1',
    (_name, level) => {
      const trace = run(
        scenario(
          [{ id: 's', keepAlive: 10, will: statusWill('s', { qos: 1, retain: true }) }, dashboard(1, 20_000)],
          {
            protocol: level.protocol,
            events: [{ atMs: 2000, client: 's', do: 'crash' }],
          },
        ),
      );
      expect(only(trace.wills('s'), 'wills')).toMatchObject({ t: 2010, retain: true, receivers: [] });
      const late = only(trace.packets({ client: 'dash', type: 'PUBLISH' }), 'retained will');
      expect(late.t).toBeGreaterThan(20_000);
      expect(late).toMatchObject({ topic: 'status/s', payload: 'offline', retain: true, qos: 1 });
    },
  );

  it.each(BOTH)(
    '[MQTT-3.1.2-8] (%s) a will without Will Retain is not kept for later subscribers',
    (_name, level) => {
      const trace = run(
        scenario(
          [{ id: 's', keepAlive: 10, will: statusWill('s', { retain: false }) }, dashboard(1, 20_000)],
          {
            protocol: level.protocol,
            events: [{ atMs: 2000, client: 's', do: 'crash' }],
          },
        ),
      );
      expect(trace.wills('s')).toHaveLength(1);
      expect(trace.packets({ client: 'dash', type: 'PUBLISH' })).toEqual([]);
    },
  );
});

describe('will discarded', () => {
  it('[MQTT-3.14.4-3] (3.1.1) DISCONNECT deletes the will: a normal close publishes nothing', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 10, will: statusWill('s') }, dashboard()], {
        events: [{ atMs: 2000, client: 's', do: 'disconnect' }],
      }),
    );
    expect(only(trace.packets({ client: 's', type: 'DISCONNECT' }), 'DISCONNECT')).toMatchObject({
      t: 2000,
      dir: 'c2b',
    });
    expect(only(trace.closes('broker', 's'), 'broker close')).toMatchObject({
      t: 2010,
      reason: 'client-disconnect',
    });
    expect(trace.wills()).toEqual([]);
    expect(trace.packets({ client: 'dash', type: 'PUBLISH' })).toEqual([]);
  });

  it('[MQTT-3.14.4-3] (5.0) DISCONNECT with reason 0x00 deletes the will', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 10, will: statusWill('s') }], {
        protocol: 5,
        events: [{ atMs: 2000, client: 's', do: 'disconnect' }],
      }),
    );
    expect(only(trace.packets({ client: 's', type: 'DISCONNECT' }), 'DISCONNECT').reasonCode).toBe(0x00);
    expect(only(trace.closes('broker', 's'), 'broker close').reason).toBe('client-disconnect');
    expect(trace.wills()).toEqual([]);
  });

  it('[MQTT-3.14.4-3] (5.0) DISCONNECT with reason 0x04 "Disconnect with Will Message" keeps it: published', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 10, will: statusWill('s') }, dashboard()], {
        protocol: 5,
        events: [{ atMs: 2000, client: 's', do: 'disconnect-with-will' }],
      }),
    );
    expect(only(trace.packets({ client: 's', type: 'DISCONNECT' }), 'DISCONNECT').reasonCode).toBe(0x04);
    expect(only(trace.closes('broker', 's'), 'broker close')).toMatchObject({
      reason: 'disconnect-with-will',
    });
    expect(only(trace.wills('s'), 'wills')).toMatchObject({
      t: 2010,
      cause: 'disconnect-with-will',
      delayed: 0,
    });
    expect(trace.packets({ client: 'dash', type: 'PUBLISH' })).toHaveLength(1);
  });
});

describe('will delay (5.0 only)', () => {
  const delayed = (cleanStart: boolean, sessionExpiry: number, delay: number): ClientSpec => ({
    id: 's',
    keepAlive: 10,
    cleanStart,
    sessionExpiry,
    connectAtMs: 0,
    will: statusWill('s', { delay }),
  });

  it('[MQTT-3.1.3-9] (5.0) the will goes out W s after the close', () => {
    const trace = run(
      scenario([delayed(true, 60, 5), dashboard()], {
        protocol: 5,
        events: [{ atMs: 2000, client: 's', do: 'crash' }],
      }),
    );
    const connect = only(trace.packets({ client: 's', type: 'CONNECT' }), 'CONNECT');
    expect(connect.properties?.willDelayInterval).toBe(5);
    expect(only(trace.wills('s'), 'wills')).toMatchObject({
      t: 2010 + 5000,
      delayed: 5,
      cause: 'network-error',
    });
    expect(trace.packets({ client: 'dash', type: 'PUBLISH' })[0].t).toBe(7010);
  });

  it('[MQTT-3.1.3-9] (5.0) a Clean Start 0 reconnect within W resumes the session and cancels the will', () => {
    const trace = run(
      scenario([delayed(false, 60, 10), dashboard()], {
        protocol: 5,
        events: [
          { atMs: 2000, client: 's', do: 'crash' },
          { atMs: 5000, client: 's', do: 'connect' },
        ],
      }),
    );
    expect(trace.sessions('s').map((e) => e.state)).toEqual(['created', 'resumed']);
    expect(trace.wills()).toEqual([]);
    expect(trace.packets({ client: 'dash', type: 'PUBLISH' })).toEqual([]);
  });

  it('[MQTT-3.1.3-9] (5.0) a Clean Start 1 reconnect within W ends the session, so the will goes out at once', () => {
    const trace = run(
      scenario([delayed(true, 60, 10)], {
        protocol: 5,
        events: [
          { atMs: 2000, client: 's', do: 'crash' },
          { atMs: 5000, client: 's', do: 'connect' },
        ],
      }),
    );
    expect(only(trace.wills('s'), 'wills')).toMatchObject({ t: 5010, delayed: 0, cause: 'network-error' });
    const [oldConn] = trace.connIds('s');
    expect(trace.wills('s')[0].conn).toBe(oldConn);
    // The will comes before the new session.
    const events = trace.events.filter((e) => e.t === 5010 && (e.kind === 'will' || e.kind === 'session'));
    expect(events.map((e) => e.kind)).toEqual(['will', 'session']);
  });

  it('[MQTT-3.1.3-9] (5.0) a session that ends before W (Session Expiry < W) publishes the will when it ends', () => {
    const trace = run(
      scenario([delayed(false, 3, 10)], { protocol: 5, events: [{ atMs: 2000, client: 's', do: 'crash' }] }),
    );
    expect(only(trace.wills('s'), 'wills')).toMatchObject({ t: 2010 + 3000, delayed: 3 });
    expect(
      only(
        trace.sessions('s').filter((e) => e.state === 'expired'),
        'expiry',
      ).t,
    ).toBe(5010);
  });

  it('[MQTT-3.1.3-9] (5.0) Session Expiry 0 ends the session at the close: a delayed will goes out at once', () => {
    const trace = run(
      scenario([delayed(true, 0, 10)], { protocol: 5, events: [{ atMs: 2000, client: 's', do: 'crash' }] }),
    );
    expect(only(trace.wills('s'), 'wills')).toMatchObject({ t: 2010, delayed: 0 });
  });
});

describe('take-over', () => {
  const cases = [
    ['[MQTT-3.1.4-2]', V3.name, V3],
    ['[MQTT-3.1.4-3]', V5.name, V5],
  ] as const;

  it.each(cases)(
    '%s (%s) a CONNECT with a connected client ID closes the existing connection',
    (_id, _l, level) => {
      const trace = run(
        scenario([{ id: 'm', keepAlive: 20 }], {
          protocol: level.protocol,
          events: [{ atMs: 3000, client: 'm', do: 'clone' }],
        }),
      );
      const [oldConn, newConn] = trace.connIds('m');
      expect(only(trace.takeovers('m'), 'take-overs')).toMatchObject({ t: 3010, oldConn, newConn });
      expect(only(trace.closes('broker', 'm'), 'broker close')).toMatchObject({
        t: 3010,
        conn: oldConn,
        reason: 'takeover',
      });
      // The new connection is accepted and stays.
      expect(trace.packets({ conn: newConn, type: 'CONNACK' })[0].reasonCode).toBe(0);
      expect(trace.packets({ conn: newConn, type: 'PINGREQ' }).length).toBeGreaterThan(0);
    },
  );

  it('[MQTT-3.1.4-2] (3.1.1) the old client sees its socket closed, no DISCONNECT', () => {
    const trace = run(
      scenario([{ id: 'm', keepAlive: 20 }], { events: [{ atMs: 3000, client: 'm', do: 'clone' }] }),
    );
    const [oldConn] = trace.connIds('m');
    expect(trace.packets({ conn: oldConn, dir: 'b2c', type: 'DISCONNECT' })).toEqual([]);
    expect(trace.closes('client', 'm').find((c) => c.conn === oldConn)).toMatchObject({
      t: 3020,
      reason: 'network-error',
    });
  });

  it('[MQTT-3.1.4-3] (5.0) the old client gets DISCONNECT 0x8E "Session taken over" first', () => {
    const trace = run(
      scenario([{ id: 'm', keepAlive: 20 }], {
        protocol: 5,
        events: [{ atMs: 3000, client: 'm', do: 'clone' }],
      }),
    );
    const [oldConn] = trace.connIds('m');
    const disconnect = only(trace.packets({ conn: oldConn, dir: 'b2c', type: 'DISCONNECT' }), 'DISCONNECT');
    expect(disconnect).toMatchObject({ t: 3010, arrive: 3020, reasonCode: 0x8e });
    expect(trace.closes('client', 'm').find((c) => c.conn === oldConn)).toMatchObject({
      t: 3020,
      reason: 'takeover',
    });
  });

  it("[MQTT-3.1.4-2] (3.1.1) the old connection's will is published on take-over", () => {
    const trace = run(
      scenario([{ id: 'm', keepAlive: 20, cleanStart: false, will: statusWill('m') }], {
        events: [{ atMs: 3000, client: 'm', do: 'clone' }],
      }),
    );
    const [oldConn] = trace.connIds('m');
    expect(only(trace.wills('m'), 'wills')).toMatchObject({ t: 3010, conn: oldConn, cause: 'takeover' });
  });

  it.each([
    ['W = 0: published', { cleanStart: false, sessionExpiry: 60, delay: 0 }, 1],
    [
      'W > 0 and the new connection resumes (Clean Start 0): not published',
      { cleanStart: false, sessionExpiry: 60, delay: 10 },
      0,
    ],
    [
      'W > 0 and Clean Start 1 (the session ends): published at once',
      { cleanStart: true, sessionExpiry: 60, delay: 10 },
      1,
    ],
    [
      'W > 0 and Session Expiry 0 (the old session ends): published at once',
      { cleanStart: false, sessionExpiry: 0, delay: 10 },
      1,
    ],
  ] as const)(
    '[MQTT-3.1.4-3] (5.0) the old will on take-over follows the will rules: %s',
    (_name, c, wills) => {
      const trace = run(
        scenario(
          [
            {
              id: 'm',
              keepAlive: 20,
              cleanStart: c.cleanStart,
              sessionExpiry: c.sessionExpiry,
              will: statusWill('m', { delay: c.delay }),
            },
          ],
          { protocol: 5, events: [{ atMs: 3000, client: 'm', do: 'clone' }] },
        ),
      );
      const published = trace.wills('m');
      expect(published).toHaveLength(wills);
      if (wills === 1) expect(published[0]).toMatchObject({ t: 3010, cause: 'takeover', delayed: 0 });
      const expected = c.cleanStart || c.sessionExpiry === 0 ? 'created' : 'resumed';
      expect(trace.sessions('m').map((e) => e.state)).toEqual(['created', expected]);
    },
  );
});

describe('sessions', () => {
  const subscriber = (cleanStart: boolean, sessionExpiry = 0): ClientSpec => ({
    id: 'sub',
    keepAlive: 30,
    cleanStart,
    sessionExpiry,
    subscribe: [{ topic: 'alerts/#', qos: 2 }],
  });
  const publisher: ClientSpec = { id: 'pub', keepAlive: 30 };
  /** sub goes away at 2 s and comes back at 10 s; pub publishes QoS 0, 1 and 2 in between. */
  const offlineEvents = (away: 'crash' | 'disconnect' = 'crash') => [
    { atMs: 2000, client: 'sub', do: away } as const,
    { atMs: 4000, client: 'pub', do: 'publish', topic: 'alerts/a', payload: 'q0', qos: 0 } as const,
    { atMs: 4100, client: 'pub', do: 'publish', topic: 'alerts/b', payload: 'q1', qos: 1 } as const,
    { atMs: 4200, client: 'pub', do: 'publish', topic: 'alerts/c', payload: 'q2', qos: 2 } as const,
    { atMs: 10_000, client: 'sub', do: 'connect' } as const,
  ];

  it('[MQTT-3.1.2-4] (3.1.1) clean session 0 resumes the session: session present 1, subscriptions kept', () => {
    const trace = run(scenario([subscriber(false), publisher], { events: offlineEvents() }));
    const [, second] = trace.connIds('sub');
    expect(trace.sessions('sub').map((e) => e.state)).toEqual(['created', 'resumed']);
    expect(only(trace.packets({ conn: second, type: 'CONNACK' }), 'CONNACK').sessionPresent).toBe(true);
    // The client does not subscribe again: the broker kept its subscription.
    expect(trace.packets({ conn: second, type: 'SUBSCRIBE' })).toEqual([]);
  });

  it('[MQTT-3.1.2-5] (5.0) Clean Start 0 with an existing session resumes it: session present 1, subscriptions kept', () => {
    const trace = run(
      scenario([subscriber(false, 600), publisher], { protocol: 5, events: offlineEvents() }),
    );
    const [, second] = trace.connIds('sub');
    expect(trace.sessions('sub').map((e) => e.state)).toEqual(['created', 'resumed']);
    expect(only(trace.packets({ conn: second, type: 'CONNACK' }), 'CONNACK').sessionPresent).toBe(true);
    expect(trace.packets({ conn: second, type: 'SUBSCRIBE' })).toEqual([]);
  });

  it('[MQTT-3.1.2-6] (3.1.1) clean session 1 starts a new session each time: nothing kept from before', () => {
    const trace = run(scenario([subscriber(true), publisher], { events: offlineEvents() }));
    const [, second] = trace.connIds('sub');
    expect(trace.sessions('sub').map((e) => e.state)).toEqual(['created', 'created']);
    expect(only(trace.packets({ conn: second, type: 'CONNACK' }), 'CONNACK').sessionPresent).toBe(false);
    expect(trace.packets({ client: 'sub', type: 'PUBLISH' })).toEqual([]);
  });

  it('[MQTT-3.1.2-4] (5.0) Clean Start 1 discards a session that has not expired yet', () => {
    const trace = run(scenario([subscriber(true, 600), publisher], { protocol: 5, events: offlineEvents() }));
    const [, second] = trace.connIds('sub');
    expect(trace.sessions('sub').map((e) => e.state)).toEqual(['created', 'created']);
    expect(only(trace.packets({ conn: second, type: 'CONNACK' }), 'CONNACK').sessionPresent).toBe(false);
    expect(trace.packets({ client: 'sub', type: 'PUBLISH' })).toEqual([]);
  });

  it('[MQTT-3.1.2-23] (5.0) Session Expiry 0 ends the session at the close even with Clean Start 0', () => {
    const trace = run(scenario([subscriber(false, 0), publisher], { protocol: 5, events: offlineEvents() }));
    expect(trace.sessions('sub').map((e) => e.state)).toEqual(['created', 'created']);
    expect(trace.packets({ client: 'sub', type: 'PUBLISH' })).toEqual([]);
  });

  it('[MQTT-3.1.2-23] (5.0) a session is kept for Session Expiry seconds after the close, then discarded', () => {
    const trace = run(
      scenario([subscriber(false, 5), publisher], {
        protocol: 5,
        events: [
          { atMs: 2000, client: 'sub', do: 'crash' },
          { atMs: 20_000, client: 'sub', do: 'connect' },
        ],
      }),
    );
    const expired = trace.sessions('sub').filter((e) => e.state === 'expired');
    expect(only(expired, 'expiry').t).toBe(2010 + 5000);
    expect(trace.sessions('sub').map((e) => e.state)).toEqual(['created', 'expired', 'created']);
  });

  it('[MQTT-4.1.0-1] (5.0) a session is never discarded while its connection is open, however short its expiry', () => {
    const trace = run(scenario([subscriber(false, 1)], { protocol: 5, durationMs: 30_000 }));
    expect(trace.sessions('sub').map((e) => e.state)).toEqual(['created']);
    expect(trace.closes('broker')).toEqual([]);
  });

  it('[MQTT-3.1.2-23] (5.0) Session Expiry 0xFFFFFFFF never expires: resumed after ten minutes away', () => {
    const trace = run(
      scenario([subscriber(false, 0xffffffff), publisher], {
        protocol: 5,
        durationMs: 700_000,
        events: [
          { atMs: 2000, client: 'sub', do: 'crash' },
          { atMs: 650_000, client: 'sub', do: 'connect' },
        ],
      }),
    );
    expect(trace.sessions('sub').map((e) => e.state)).toEqual(['created', 'resumed']);
  });

  it.each(BOTH)(
    '[MQTT-3.1.2-5] [MQTT-4.5.0-1] (%s) QoS 1 and 2 messages are queued while offline and delivered on resume; QoS 0 are not',
    (_name, level) => {
      const trace = run(
        scenario([subscriber(false, 600), publisher], {
          protocol: level.protocol,
          events: offlineEvents('disconnect'),
        }),
      );
      const [, second] = trace.connIds('sub');
      expect(
        only(
          trace.sessions('sub').filter((e) => e.state === 'resumed'),
          'resume',
        ).queued,
      ).toBe(2);
      const delivered = trace.packets({ conn: second, type: 'PUBLISH' });
      expect(delivered.map((p) => [p.payload, p.qos])).toEqual([
        ['q1', 1],
        ['q2', 2],
      ]);
      expect(delivered.every((p) => p.t === 10_010)).toBe(true);
    },
  );

  it.each(BOTH)(
    '[MQTT-4.4.0-1] (%s) an unacknowledged QoS 1 message is sent again on resume, same id, DUP set',
    (_name, level) => {
      // sub crashes while the broker's PUBLISH is on its way: it never arrives, so it is never acknowledged.
      const trace = run(
        scenario(
          [
            {
              id: 'sub',
              keepAlive: 30,
              cleanStart: false,
              sessionExpiry: 600,
              subscribe: [{ topic: 'alerts/#', qos: 1 }],
            },
            publisher,
          ],
          {
            protocol: level.protocol,
            latencyMs: 100,
            events: [
              { atMs: 5000, client: 'pub', do: 'publish', topic: 'alerts/x', payload: 'fire', qos: 1 },
              { atMs: 5150, client: 'sub', do: 'crash' },
              { atMs: 8000, client: 'sub', do: 'connect' },
            ],
          },
        ),
      );
      const [first, second] = trace.connIds('sub');
      const lost = only(trace.packets({ conn: first, type: 'PUBLISH' }), 'first delivery');
      expect(lost).toMatchObject({ t: 5100, arrive: null, qos: 1 });
      expect(lost.dup).toBeUndefined();
      expect(
        only(
          trace.sessions('sub').filter((e) => e.state === 'resumed'),
          'resume',
        ).queued,
      ).toBe(1);
      const again = only(trace.packets({ conn: second, type: 'PUBLISH' }), 'redelivery');
      expect(again).toMatchObject({ payload: 'fire', qos: 1, dup: true, messageId: lost.messageId });
      expect(again.arrive).not.toBeNull();
      expect(trace.packets({ conn: second, type: 'PUBACK' })).toHaveLength(1);
    },
  );
});

describe('reason codes (5.0 DISCONNECT)', () => {
  it('(5.0) 0x00: a normal DISCONNECT from the client', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 10 }], {
        protocol: 5,
        events: [{ atMs: 1000, client: 's', do: 'disconnect' }],
      }),
    );
    expect(only(trace.packets({ type: 'DISCONNECT' }), 'DISCONNECT')).toMatchObject({
      dir: 'c2b',
      reasonCode: 0x00,
    });
    expect(trace.closes('broker')[0].reason).toBe('client-disconnect');
  });

  it('(5.0) 0x04: DISCONNECT with Will Message from the client', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 10, will: statusWill('s') }], {
        protocol: 5,
        events: [{ atMs: 1000, client: 's', do: 'disconnect-with-will' }],
      }),
    );
    expect(only(trace.packets({ type: 'DISCONNECT' }), 'DISCONNECT')).toMatchObject({
      dir: 'c2b',
      reasonCode: 0x04,
    });
    expect(trace.closes('client')[0].reason).toBe('disconnect-with-will');
  });

  it('(5.0) 0x8D: keep alive timeout, sent by the broker', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 2 }], {
        protocol: 5,
        events: [{ atMs: 500, client: 's', do: 'power-off' }],
      }),
    );
    expect(only(trace.packets({ type: 'DISCONNECT' }), 'DISCONNECT')).toMatchObject({
      dir: 'b2c',
      reasonCode: 0x8d,
    });
  });

  it('(5.0) 0x8E: session taken over, sent by the broker; the old client closes with reason takeover', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 10 }], {
        protocol: 5,
        events: [{ atMs: 1000, client: 's', do: 'clone' }],
      }),
    );
    expect(only(trace.packets({ type: 'DISCONNECT' }), 'DISCONNECT')).toMatchObject({
      dir: 'b2c',
      reasonCode: 0x8e,
    });
    expect(trace.closes('client')[0].reason).toBe('takeover');
  });

  it('(5.0) 0x8B is not sent: a broker restart closes every socket without a DISCONNECT (reason server-shutdown)', () => {
    const trace = run(
      scenario([{ id: 's', keepAlive: 10 }], {
        protocol: 5,
        events: [{ atMs: 1000, do: 'broker-restart', downMs: 2000 }],
      }),
    );
    expect(trace.packets({ type: 'DISCONNECT' })).toEqual([]);
    expect(only(trace.closes('broker'), 'broker close')).toMatchObject({
      t: 1000,
      reason: 'server-shutdown',
    });
    expect(only(trace.closes('client'), 'client close')).toMatchObject({ t: 1010, reason: 'network-error' });
  });
});
