// The `hivemq` row of the broker-profile table.

import { describe, expect, it } from 'vitest';
import { run, scenario } from '../../helpers';
import { clash, oldClientSees, silence, will } from './cells';

describe('hivemq profile', () => {
  it.each([
    [1, 1000],
    [3, 4000],
    [5, 7000],
    [60, 90_000],
  ])(
    'detects a silent client ⌊1.5 K⌋ s after its last packet, in a 100 ms batch (K = %i s: %i ms)',
    (k, timer) => {
      for (const [i, offAt] of [450, 1330, 2710].entries()) {
        const s = silence('hivemq', k, { offAt: offAt + k * 1000, seed: i, jitterMs: 13 });
        expect(s.detection).toBeGreaterThanOrEqual(timer);
        expect(s.detection).toBeLessThan(timer + 100);
        expect(s.timeout.t % 100).toBe(0);
      }
    },
  );

  it('on timeout sends DISCONNECT 0x8D to a 5.0 client, and publishes the will', () => {
    const { trace, timeout } = silence('hivemq', 4, { protocol: 5, offAt: 5000 });
    expect(trace.packets({ dir: 'b2c', type: 'DISCONNECT' }).map((p) => p.reasonCode)).toEqual([0x8d]);
    expect(trace.wills('dev')).toMatchObject([{ t: timeout.t }]);
  });

  const crash = (sessionExpiry: number, delay: number, cleanStart = true) =>
    run(
      scenario([{ id: 'dev', keepAlive: 10, cleanStart, sessionExpiry, will: will({ delay }) }], {
        profile: 'hivemq',
        protocol: 5,
        events: [{ atMs: 2000, client: 'dev', do: 'crash' }],
      }),
    );

  it('publishes a will at once when W = 0 or Session Expiry = 0', () => {
    expect(crash(60, 0).wills()).toMatchObject([{ t: 2010, delayed: 0 }]);
    expect(crash(0, 10).wills()).toMatchObject([{ t: 2010, delayed: 0 }]);
  });

  it('otherwise holds the will for min(W, Session Expiry)', () => {
    expect(crash(60, 3).wills()).toMatchObject([{ t: 5010, delayed: 3 }]);
    expect(crash(4, 10, false).wills()).toMatchObject([{ t: 6010, delayed: 4 }]);
  });

  it('on take-over publishes the old will now for Clean Start 1 and cancels it for Clean Start 0 (W > 0)', () => {
    const now = clash('hivemq', 5, { cleanStart: true, sessionExpiry: 60, will: will({ delay: 10 }) });
    expect(now.trace.wills()).toMatchObject([{ t: 3010, conn: now.oldConn, cause: 'takeover' }]);
    expect(
      clash('hivemq', 5, { cleanStart: false, sessionExpiry: 60, will: will({ delay: 10 }) }).trace.wills(),
    ).toEqual([]);
  });

  it('the old 5.0 client gets DISCONNECT 0x8E on take-over', () => {
    expect(oldClientSees(clash('hivemq', 5))).toEqual({ disconnect: 0x8e, reason: 'takeover' });
  });
});
