// The `spec` row of the broker-profile table: the standard applied exactly.

import { describe, expect, it } from 'vitest';
import { clash, oldClientSees, silence, will } from './cells';

describe('spec profile', () => {
  it.each([1, 2, 5, 7, 60])(
    'detects a silent client exactly 1.5 x K after its last packet (K = %i s)',
    (k) => {
      for (const offAt of [500, 2 * k * 1000 + 300]) {
        const s = silence('spec', k, { offAt, jitterMs: 7, seed: k });
        expect(s.detection).toBeCloseTo(1500 * k, 6);
      }
    },
  );

  it('on timeout sends DISCONNECT 0x8D to a 5.0 client, then closes, and publishes the will', () => {
    const { trace, timeout } = silence('spec', 4, { protocol: 5, offAt: 5000 });
    const disconnect = trace.packets({ client: 'dev', dir: 'b2c', type: 'DISCONNECT' });
    expect(disconnect.map((p) => [p.t, p.reasonCode])).toEqual([[timeout.t, 0x8d]]);
    expect(trace.closes('broker')[0]).toMatchObject({ t: timeout.t, reason: 'keepalive-timeout' });
    expect(trace.wills('dev')).toHaveLength(1);
  });

  it('on timeout just closes a 3.1.1 client, and publishes the will', () => {
    const { trace, timeout } = silence('spec', 4, { offAt: 5000 });
    expect(trace.packets({ dir: 'b2c', type: 'DISCONNECT' })).toEqual([]);
    expect(trace.closes('broker')[0]).toMatchObject({ t: timeout.t, reason: 'keepalive-timeout' });
    expect(trace.wills('dev')).toHaveLength(1);
  });

  it('publishes the old will on take-over per the standard: 3.1.1 always', () => {
    const c = clash('spec', 4, { cleanStart: false });
    expect(c.trace.wills('dev').map((w) => [w.conn, w.cause])).toEqual([[c.oldConn, 'takeover']]);
  });

  it('publishes the old will on take-over per the standard: 5.0 unless the session resumes and W > 0', () => {
    expect(
      clash('spec', 5, { cleanStart: false, sessionExpiry: 60, will: will({ delay: 5 }) }).trace.wills(),
    ).toEqual([]);
    expect(
      clash('spec', 5, { cleanStart: true, sessionExpiry: 60, will: will({ delay: 5 }) }).trace.wills(),
    ).toHaveLength(1);
    expect(clash('spec', 5, { cleanStart: false, sessionExpiry: 60 }).trace.wills()).toHaveLength(1);
  });

  it('the old client sees DISCONNECT 0x8E (5.0) or its socket closed (3.1.1) on take-over', () => {
    expect(oldClientSees(clash('spec', 5))).toEqual({ disconnect: 0x8e, reason: 'takeover' });
    expect(oldClientSees(clash('spec', 4))).toEqual({ disconnect: null, reason: 'network-error' });
  });
});
