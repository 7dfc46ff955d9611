// Client behaviour beyond the standard's statements (those are in tests/sim/standard.test.ts):
// reconnect backoff, and what a client does with each way its connection can end.

import { describe, expect, it } from 'vitest';
import { gaps, run, scenario } from '../helpers';

/** The link is down from the start: every attempt waits K = 2 s for a CONNACK that never comes. */
const unreachable = (jitter: number, seed = 1) =>
  run(
    scenario(
      [{ id: 'dev', keepAlive: 2, connectAtMs: 100, reconnect: { minMs: 1000, maxMs: 4000, jitter } }],
      {
        seed,
        durationMs: 40_000,
        events: [{ atMs: 0, client: 'dev', do: 'link-down' }],
      },
    ),
  );

describe('client reconnect backoff', () => {
  it('doubles from minMs up to maxMs', () => {
    const attempts = unreachable(0)
      .packets({ type: 'CONNECT' })
      .map((p) => p.t);
    // Each gap is the 2 s CONNACK wait plus the backoff: 1, 2, 4, then 4 s (the maximum).
    expect(gaps(attempts).slice(0, 6)).toEqual([3000, 4000, 6000, 6000, 6000, 6000]);
  });

  it('shortens each backoff by a random part of up to `jitter`, drawn from the seed', () => {
    const backoffs = (seed: number) =>
      gaps(
        unreachable(0.5, seed)
          .packets({ type: 'CONNECT' })
          .map((p) => p.t),
      ).map((g) => g - 2000);
    const base = [1000, 2000, 4000, 4000, 4000];
    const a = backoffs(1);
    a.slice(0, base.length).forEach((b, i) => {
      expect(b).toBeGreaterThanOrEqual(base[i] * 0.5);
      expect(b).toBeLessThanOrEqual(base[i]);
    });
    expect(backoffs(1)).toEqual(a);
    expect(backoffs(2)).not.toEqual(a);
  });

  it('starts again from minMs after a successful connection', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 2, connectAtMs: 100, reconnect: { minMs: 1000, maxMs: 8000 } }], {
        durationMs: 60_000,
        events: [
          { atMs: 0, client: 'dev', do: 'link-down' },
          { atMs: 10_000, client: 'dev', do: 'link-up' },
          { atMs: 20_000, client: 'dev', do: 'link-down' },
          { atMs: 40_000, client: 'dev', do: 'link-up' },
        ],
      }),
    );
    const pingTimeout = trace.closes('client').find((c) => c.reason === 'ping-timeout');
    expect(pingTimeout).toBeDefined();
    const next = trace.packets({ type: 'CONNECT' }).find((p) => p.t > (pingTimeout?.t ?? Infinity));
    expect((next?.t ?? 0) - (pingTimeout?.t ?? 0)).toBe(1000);
  });

  it('comes back after its backoff when the broker closes its connection', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 30, reconnect: { minMs: 700, maxMs: 700 } }], {
        protocol: 5,
        durationMs: 5000,
        events: [{ atMs: 1000, do: 'broker-restart', downMs: 100 }],
      }),
    );
    expect(trace.closes('client')).toMatchObject([{ t: 1010, reason: 'network-error' }]);
    expect(trace.packets({ type: 'CONNECT' }).map((p) => p.t)).toEqual([0, 1710]);
  });

  it('does not reconnect without a reconnect setting', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 30 }], {
        events: [{ atMs: 1000, do: 'broker-restart', downMs: 100 }],
      }),
    );
    expect(trace.packets({ type: 'CONNECT' })).toHaveLength(1);
  });
});

describe('client reactions to the broker', () => {
  it('a live 5.0 client that the broker times out gets DISCONNECT 0x8D and closes with reason keepalive-timeout', () => {
    // Its publish at 6 s is lost in a short outage, so the broker last heard of it at 10 ms (the
    // CONNECT) and gives up at 15 010, before the standard's client pings at 16 000 (K after the
    // publish it sent; mqtt.js would ping at 10 020, K after the CONNACK).
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 10, library: 'spec' }], {
        protocol: 5,
        durationMs: 20_000,
        events: [
          { atMs: 5900, client: 'dev', do: 'link-down' },
          { atMs: 6000, client: 'dev', do: 'publish', topic: 'd/x', payload: 'lost' },
          { atMs: 6100, client: 'dev', do: 'link-up' },
        ],
      }),
    );
    expect(trace.brokerTimeout('dev')).toMatchObject({ t: 15_010, lastActivity: 10 });
    expect(trace.packets({ type: 'DISCONNECT' })).toMatchObject([
      { t: 15_010, arrive: 15_020, reasonCode: 0x8d },
    ]);
    expect(trace.closes('client')).toMatchObject([{ t: 15_020, reason: 'keepalive-timeout' }]);
    expect(trace.packets({ type: 'PINGREQ' })).toEqual([]);
  });
});
