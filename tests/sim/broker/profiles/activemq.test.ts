// The `activemq-5.17` row of the second broker-profile table.

import { describe, expect, it } from 'vitest';
import { run, scenario } from '../../helpers';
import { clash, oldClientSees, silence } from './cells';

describe('activemq-5.17 profile', () => {
  it.each([
    [2, 5000],
    [5, 12_500],
  ])('detects a client silent since CONNECT 2.5 K later (K = %i s: %i ms, as measured)', (k, ms) => {
    expect(silence('activemq-5.17', k, { offAt: 300, jitterMs: 6 }).detection).toBeCloseTo(ms, 6);
  });

  it('detects a client 1.5 K to 2 K after its last byte once its first check has passed', () => {
    const seen = new Set<number>();
    for (const k of [2, 4]) {
      for (const offAt of [2 * k * 1000 + 10, 3 * k * 1000 + 333, 5 * k * 1000 + 900]) {
        const d = silence('activemq-5.17', k, { offAt, jitterMs: 400, seed: offAt }).detection;
        expect(d).toBeGreaterThanOrEqual(1500 * k);
        expect(d).toBeLessThanOrEqual(2000 * k);
        seen.add(d / k);
      }
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('on timeout closes the socket and publishes the will', () => {
    const { trace, timeout } = silence('activemq-5.17', 2, { offAt: 300 });
    expect(trace.packets({ dir: 'b2c', type: 'DISCONNECT' })).toEqual([]);
    expect(trace.wills('dev')).toMatchObject([{ t: timeout.t, cause: 'keepalive-timeout' }]);
  });

  it('never publishes the old will on take-over', () => {
    const c = clash('activemq-5.17', 4, { cleanStart: true });
    expect(c.trace.takeovers()).toHaveLength(1);
    expect(c.trace.wills()).toEqual([]);
  });

  it('the old client sees its socket closed on take-over', () => {
    expect(oldClientSees(clash('activemq-5.17', 4))).toEqual({ disconnect: null, reason: 'network-error' });
  });

  it('refuses a bare 5.0 CONNECT with CONNACK 1: MQTT 3.1.1 only', () => {
    const trace = run(scenario([{ id: 'dev', keepAlive: 10 }], { profile: 'activemq-5.17', protocol: 5 }));
    expect(trace.packets({ type: 'CONNACK' }).map((p) => p.reasonCode)).toEqual([1]);
    expect(trace.closes('client')).toMatchObject([{ reason: 'protocol-error' }]);
  });

  it.each([
    ['a will', { will: { topic: 'w/dev', payload: 'off', qos: 1 as const } }],
    ['a Session Expiry Interval', { cleanStart: false, sessionExpiry: 60 }],
  ])(
    'closes a 5.0 CONNECT with %s without any CONNACK (it misreads the bytes, as measured)',
    (_what, extra) => {
      const trace = run(
        scenario([{ id: 'dev', keepAlive: 10, ...extra }], {
          profile: 'activemq-5.17',
          protocol: 5,
          durationMs: 1000,
        }),
      );
      expect(trace.packets({ type: 'CONNACK' })).toEqual([]);
      expect(trace.closes('broker')[0]).toMatchObject({ reason: 'protocol-error' });
      expect(trace.closes('client')[0]).toMatchObject({ reason: 'network-error' });
    },
  );

  it('answers session present 0 even when the session resumes (so the client subscribes again)', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 10, cleanStart: false, subscribe: ['a/#'] }], {
        profile: 'activemq-5.17',
        events: [
          { atMs: 2000, client: 'dev', do: 'disconnect' },
          { atMs: 4000, client: 'dev', do: 'connect' },
        ],
      }),
    );
    expect(trace.sessions('dev').map((e) => e.state)).toEqual(['created', 'resumed']);
    expect(trace.packets({ type: 'CONNACK' }).map((p) => p.sessionPresent)).toEqual([false, false]);
    expect(trace.packets({ type: 'SUBSCRIBE' })).toHaveLength(2);
  });
});
