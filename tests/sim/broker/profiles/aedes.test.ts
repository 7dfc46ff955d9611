// The `aedes` row of the broker-profile table.

import { describe, expect, it } from 'vitest';
import { run, scenario } from '../../helpers';
import { clash, oldClientSees, silence, will } from './cells';

describe('aedes profile', () => {
  it.each([1, 2, 5, 30])(
    'detects a silent client exactly K x 1500 + 1 ms after its last packet (K = %i s)',
    (k) => {
      for (const offAt of [300, 2 * k * 1000 + 100]) {
        expect(silence('aedes', k, { offAt, jitterMs: 9 }).detection).toBeCloseTo(k * 1500 + 1, 6);
      }
    },
  );

  it('on timeout closes the socket and publishes the will', () => {
    const { trace, timeout } = silence('aedes', 2, { offAt: 2500 });
    expect(trace.packets({ dir: 'b2c', type: 'DISCONNECT' })).toEqual([]);
    expect(trace.closes('broker')).toMatchObject([{ t: timeout.t, reason: 'keepalive-timeout' }]);
    expect(trace.wills('dev')).toMatchObject([{ t: timeout.t, cause: 'keepalive-timeout' }]);
  });

  it('always publishes the old will on take-over, even when the session resumes', () => {
    const c = clash('aedes', 4, { cleanStart: false });
    expect(c.trace.sessions('dev').map((e) => e.state)).toEqual(['created', 'resumed']);
    expect(c.trace.wills()).toMatchObject([{ conn: c.oldConn, cause: 'takeover' }]);
  });

  it('the old client sees its socket destroyed on take-over', () => {
    expect(oldClientSees(clash('aedes', 4))).toEqual({ disconnect: null, reason: 'network-error' });
  });

  it('refuses a 5.0 CONNECT (CONNACK return code 1, then close): MQTT 3.1.1 only', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 10, will: will() }], { profile: 'aedes', protocol: 5 }),
    );
    expect(trace.packets({ type: 'CONNACK' }).map((p) => p.reasonCode)).toEqual([1]);
    expect(trace.closes('broker')).toMatchObject([{ reason: 'protocol-error' }]);
    expect(trace.closes('client')).toMatchObject([{ reason: 'protocol-error' }]);
    expect(trace.sessions()).toEqual([]);
    expect(trace.wills()).toEqual([]);
  });

  it('answers session present 1 on resume only when the stored session has subscriptions', () => {
    const events = [
      { atMs: 5000, client: 'bare', do: 'disconnect' as const },
      { atMs: 5000, client: 'subscriber', do: 'disconnect' as const },
      { atMs: 10_000, client: 'bare', do: 'connect' as const },
      { atMs: 10_000, client: 'subscriber', do: 'connect' as const },
    ];
    const trace = run(
      scenario(
        [
          { id: 'bare', keepAlive: 10, cleanStart: false },
          { id: 'subscriber', keepAlive: 10, cleanStart: false, subscribe: ['alerts/#'] },
        ],
        { profile: 'aedes', durationMs: 15_000, events },
      ),
    );
    const present = (client: string) =>
      trace
        .packets({ type: 'CONNACK' })
        .filter((p) => p.client === client)
        .map((p) => p.sessionPresent);
    expect(trace.sessions('bare').map((e) => e.state)).toEqual(['created', 'resumed']);
    expect(present('bare')).toEqual([false, false]);
    expect(present('subscriber')).toEqual([false, true]);
  });
});
