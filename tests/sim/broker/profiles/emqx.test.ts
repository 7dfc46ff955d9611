// The `emqx` row of the broker-profile table.

import { describe, expect, it } from 'vitest';
import { clash, oldClientSees, silence, will } from './cells';

const tick = (k: number): number => Math.min(30_000, Math.max(1000, k * 500));

describe('emqx profile', () => {
  it.each([2, 4, 10, 100])(
    'detects a silent client within [1.5 K, 1.5 K + tick], tick = clamp(K/2, 1 s, 30 s) (K = %i s)',
    (k) => {
      const seen = new Set<number>();
      for (const [i, offAt] of [300, 1700, 2900, 4100, 6500].entries()) {
        const s = silence('emqx', k, { offAt: offAt + 1000 * k, seed: i + 1, jitterMs: 37 });
        expect(s.detection).toBeGreaterThanOrEqual(1500 * k);
        expect(s.detection).toBeLessThanOrEqual(1500 * k + tick(k));
        seen.add(Math.round(s.detection));
        // The timer ticks from the CONNECT.
        expect((s.timeout.t - s.connectedAt) % tick(k)).toBe(0);
      }
      expect(seen.size).toBeGreaterThan(1);
    },
  );

  it('times out at the first tick with the client idle for ⌈1.5 K⌉ s (K = 5 s: at least 8 s, within one tick)', () => {
    for (const offAt of [300, 1200, 2100, 3300]) {
      const s = silence('emqx', 5, { offAt: offAt + 5000, jitterMs: 11 });
      expect(s.detection).toBeGreaterThanOrEqual(8000);
      expect(s.detection).toBeLessThan(8000 + tick(5));
    }
  });

  it('on timeout sends DISCONNECT 0x8D to a 5.0 client, and publishes the will', () => {
    const { trace, timeout } = silence('emqx', 4, { protocol: 5, offAt: 5000 });
    expect(trace.packets({ dir: 'b2c', type: 'DISCONNECT' }).map((p) => [p.t, p.reasonCode])).toEqual([
      [timeout.t, 0x8d],
    ]);
    expect(trace.wills('dev')).toMatchObject([{ t: timeout.t, cause: 'keepalive-timeout' }]);
  });

  it('always publishes a 3.1.1 old will on take-over, even when the session resumes', () => {
    const c = clash('emqx', 4, { cleanStart: false });
    expect(c.trace.sessions('dev').map((e) => e.state)).toEqual(['created', 'resumed']);
    expect(c.trace.wills().map((w) => [w.conn, w.cause])).toEqual([[c.oldConn, 'takeover']]);
  });

  it('publishes a 5.0 old will on take-over unless the new connection resumes (Clean Start 0) and W > 0', () => {
    expect(
      clash('emqx', 5, { cleanStart: false, sessionExpiry: 60, will: will({ delay: 5 }) }).trace.wills(),
    ).toEqual([]);
    expect(clash('emqx', 5, { cleanStart: false, sessionExpiry: 60 }).trace.wills()).toHaveLength(1);
    expect(
      clash('emqx', 5, { cleanStart: true, sessionExpiry: 60, will: will({ delay: 5 }) }).trace.wills(),
    ).toHaveLength(1);
  });

  it('the old 5.0 client gets DISCONNECT 0x8E on take-over', () => {
    expect(oldClientSees(clash('emqx', 5))).toEqual({ disconnect: 0x8e, reason: 'takeover' });
  });
});
