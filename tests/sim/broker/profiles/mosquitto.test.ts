// The `mosquitto-2.0` row of the broker-profile table, and the Mosquitto 2.0.11 extras measured on the
// Debian package (docs/brokers.md).

import { describe, expect, it } from 'vitest';
import { run, scenario } from '../../helpers';
import { clash, oldClientSees, silence, will } from './cells';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

describe('mosquitto-2.0 profile', () => {
  it('detects a client silent for K = 2 s in (3, 9] s, at a point that depends on the seed (sweep phase)', () => {
    const detections = SEEDS.map((seed) => silence('mosquitto-2.0', 2, { offAt: 2500, seed }).detection);
    for (const d of detections) {
      expect(d).toBeGreaterThan(3000);
      expect(d).toBeLessThanOrEqual(9000);
    }
    expect(new Set(detections).size).toBeGreaterThan(3);
  });

  it('detects a client silent for K = 5 s in (7, 13] s (measured 7.8 to 10.4 s)', () => {
    for (const seed of SEEDS) {
      const d = silence('mosquitto-2.0', 5, { offAt: 6000, seed, jitterMs: 3 }).detection;
      expect(d).toBeGreaterThan(7000);
      expect(d).toBeLessThanOrEqual(13_000 + 3);
    }
  });

  it('drops silent clients only on its sweep, every 6 s: two timeouts are a multiple of 6 s apart', () => {
    for (const seed of [1, 2, 3]) {
      const trace = run(
        scenario(
          [
            { id: 'a', keepAlive: 2 },
            { id: 'b', keepAlive: 7 },
          ],
          {
            profile: 'mosquitto-2.0',
            seed,
            events: [
              { atMs: 1000, client: 'a', do: 'power-off' },
              { atMs: 9000, client: 'b', do: 'power-off' },
            ],
          },
        ),
      );
      const gap = trace.brokerTimeout('b').t - trace.brokerTimeout('a').t;
      expect(gap).toBeGreaterThan(0);
      expect(gap % 6000).toBe(0);
    }
  });

  it('on timeout closes the socket only, also for a 5.0 client (no 0x8D), and publishes the will', () => {
    const { trace, timeout } = silence('mosquitto-2.0', 2, { protocol: 5, offAt: 2500 });
    expect(trace.packets({ dir: 'b2c', type: 'DISCONNECT' })).toEqual([]);
    expect(trace.closes('broker')[0]).toMatchObject({ t: timeout.t, reason: 'keepalive-timeout' });
    expect(trace.wills('dev')).toMatchObject([{ t: timeout.t, cause: 'keepalive-timeout' }]);
  });

  it('publishes the old will on take-over when the old session ends (3.1.1 clean session 1)', () => {
    const c = clash('mosquitto-2.0', 4, { cleanStart: true });
    expect(c.trace.wills().map((w) => [w.conn, w.cause])).toEqual([[c.oldConn, 'takeover']]);
  });

  it('drops the old will on take-over when the 3.1.1 session resumes (clean session 0)', () => {
    const c = clash('mosquitto-2.0', 4, { cleanStart: false });
    expect(c.trace.takeovers()).toHaveLength(1);
    expect(c.trace.wills()).toEqual([]);
  });

  it('publishes the old will on take-over when the old 5.0 session ends (Session Expiry 0) or the new one has Clean Start 1', () => {
    expect(clash('mosquitto-2.0', 5, { cleanStart: false, sessionExpiry: 0 }).trace.wills()).toHaveLength(1);
    expect(clash('mosquitto-2.0', 5, { cleanStart: true, sessionExpiry: 60 }).trace.wills()).toHaveLength(1);
  });

  it('drops the old will on take-over when the 5.0 session resumes, even with no will delay', () => {
    expect(clash('mosquitto-2.0', 5, { cleanStart: false, sessionExpiry: 60 }).trace.wills()).toEqual([]);
  });

  it('always drops an old will with a delay on take-over, even with Clean Start 1 or Session Expiry 0', () => {
    const delayed = will({ delay: 5 });
    expect(
      clash('mosquitto-2.0', 5, { cleanStart: true, sessionExpiry: 60, will: delayed }).trace.wills(),
    ).toEqual([]);
    const ended = clash('mosquitto-2.0', 5, { cleanStart: true, sessionExpiry: 0, will: delayed });
    // Not later either: the will is gone.
    expect(ended.trace.wills()).toEqual([]);
  });

  it('the old client sees its socket closed on take-over, no DISCONNECT 0x8E (that came in 2.0.15)', () => {
    expect(oldClientSees(clash('mosquitto-2.0', 5))).toEqual({ disconnect: null, reason: 'network-error' });
    expect(oldClientSees(clash('mosquitto-2.0', 4))).toEqual({ disconnect: null, reason: 'network-error' });
  });

  it('does not shorten the will delay for Session Expiry 0 (W = 3 s, S = 0: will 3 s after the close)', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 10, sessionExpiry: 0, will: will({ delay: 3 }) }], {
        profile: 'mosquitto-2.0',
        protocol: 5,
        events: [{ atMs: 2000, client: 'dev', do: 'crash' }],
      }),
    );
    expect(trace.wills('dev')).toMatchObject([{ t: 2010 + 3000, delayed: 3, cause: 'network-error' }]);
  });

  it('publishes a delayed will when the session expires first (S = 2 s, W = 30 s: "Expiring client")', () => {
    const trace = run(
      scenario(
        [{ id: 'dev', keepAlive: 20, cleanStart: false, sessionExpiry: 2, will: will({ delay: 30 }) }],
        {
          profile: 'mosquitto-2.0',
          protocol: 5,
          events: [{ atMs: 2000, client: 'dev', do: 'crash' }],
        },
      ),
    );
    expect(trace.wills('dev')).toMatchObject([{ t: 2010 + 2000 }]);
    expect(trace.sessions('dev').filter((e) => e.state === 'expired')).toMatchObject([{ t: 4010 }]);
  });

  it('publishes the will at once on DISCONNECT 0x04', () => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: 5, will: will() }], {
        profile: 'mosquitto-2.0',
        protocol: 5,
        events: [{ atMs: 2000, client: 'dev', do: 'disconnect-with-will' }],
      }),
    );
    const arrived = trace.packets({ type: 'DISCONNECT' })[0].arrive;
    expect(trace.wills('dev')).toMatchObject([{ t: arrived, cause: 'disconnect-with-will', delayed: 0 }]);
  });

  it('answers a 5.0 CONNECT with K = 0 with Server Keep Alive 65535, which the client then uses', () => {
    const trace = run(scenario([{ id: 'dev', keepAlive: 0 }], { profile: 'mosquitto-2.0', protocol: 5 }));
    expect(trace.packets({ type: 'CONNACK' })[0].properties?.serverKeepAlive).toBe(65535);
    expect(trace.packets({ type: 'PINGREQ' })).toEqual([]);
  });

  it('queues QoS 1 and 2 messages for an offline session, but not QoS 0', () => {
    const trace = run(
      scenario(
        [
          {
            id: 'sub',
            keepAlive: 30,
            cleanStart: false,
            sessionExpiry: 600,
            subscribe: [{ topic: 'a/#', qos: 2 }],
          },
          { id: 'pub', keepAlive: 30 },
        ],
        {
          profile: 'mosquitto-2.0',
          protocol: 5,
          events: [
            { atMs: 2000, client: 'sub', do: 'disconnect' },
            { atMs: 3000, client: 'pub', do: 'publish', topic: 'a/0', payload: 'zero', qos: 0 },
            { atMs: 3000, client: 'pub', do: 'publish', topic: 'a/1', payload: 'one', qos: 1 },
            { atMs: 3000, client: 'pub', do: 'publish', topic: 'a/2', payload: 'two', qos: 2 },
            { atMs: 6000, client: 'sub', do: 'connect' },
          ],
        },
      ),
    );
    expect(trace.packets({ client: 'sub', type: 'PUBLISH' }).map((p) => p.payload)).toEqual(['one', 'two']);
  });
});
