// The `ejabberd-23` row of the second broker-profile table.

import { describe, expect, it } from 'vitest';
import { run, scenario } from '../../helpers';
import { clash, oldClientSees, silence, will } from './cells';

describe('ejabberd-23 profile', () => {
  it.each([
    [1, 2000],
    [2, 3000],
    [3, 5000],
    [5, 8000],
  ])(
    'detects a silent client round(1.5 K) whole seconds after its last packet (K = %i s: %i ms)',
    (k, ms) => {
      for (const offAt of [300, 2 * k * 1000 + 450]) {
        expect(silence('ejabberd-23', k, { offAt, jitterMs: 5 }).detection).toBeCloseTo(ms, 6);
      }
    },
  );

  it('on timeout sends DISCONNECT 0x8D ("Idle connection") to a 5.0 client, then closes, and publishes the will', () => {
    const { trace, timeout } = silence('ejabberd-23', 5, { protocol: 5, offAt: 300 });
    expect(trace.packets({ dir: 'b2c', type: 'DISCONNECT' }).map((p) => [p.t, p.reasonCode])).toEqual([
      [timeout.t, 0x8d],
    ]);
    expect(trace.closes('broker')).toMatchObject([{ t: timeout.t, reason: 'keepalive-timeout' }]);
    expect(trace.wills('dev')).toHaveLength(1);
  });

  it('publishes the old will on take-over in every 3.1.1 case', () => {
    expect(clash('ejabberd-23', 4, { cleanStart: false }).trace.wills()).toHaveLength(1);
    expect(clash('ejabberd-23', 4, { cleanStart: true }).trace.wills()).toHaveLength(1);
  });

  it('publishes a 5.0 old will on take-over unless the session resumes with W > 0; W > 0 with Clean Start 1 at once', () => {
    expect(
      clash('ejabberd-23', 5, {
        cleanStart: false,
        sessionExpiry: 60,
        will: will({ delay: 5 }),
      }).trace.wills(),
    ).toEqual([]);
    expect(clash('ejabberd-23', 5, { cleanStart: false, sessionExpiry: 60 }).trace.wills()).toHaveLength(1);
    const now = clash('ejabberd-23', 5, { cleanStart: true, sessionExpiry: 60, will: will({ delay: 5 }) });
    expect(now.trace.wills()).toMatchObject([{ t: 3010, delayed: 0 }]);
  });

  it('the old 5.0 client gets DISCONNECT 0x8E on take-over', () => {
    expect(oldClientSees(clash('ejabberd-23', 5))).toEqual({ disconnect: 0x8e, reason: 'takeover' });
  });

  it("echoes the client's K as Server Keep Alive in a 5.0 CONNACK", () => {
    const trace = run(scenario([{ id: 'dev', keepAlive: 17 }], { profile: 'ejabberd-23', protocol: 5 }));
    expect(trace.packets({ type: 'CONNACK' })[0].properties?.serverKeepAlive).toBe(17);
  });

  it('caps Session Expiry at 300 s: says so in CONNACK and ends the session 300 s after the close', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 10, cleanStart: false, sessionExpiry: 3600 }], {
        profile: 'ejabberd-23',
        protocol: 5,
        durationMs: 400_000,
        events: [{ atMs: 2000, client: 'dev', do: 'crash' }],
      }),
    );
    expect(trace.packets({ type: 'CONNACK' })[0].properties?.sessionExpiryInterval).toBe(300);
    expect(trace.sessions('dev').filter((e) => e.state === 'expired')).toMatchObject([{ t: 2010 + 300_000 }]);
  });
});
