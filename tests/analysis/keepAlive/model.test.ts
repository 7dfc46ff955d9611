import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INPUTS,
  delayCurves,
  detectionDelay,
  idleWindow,
  inputProblems,
  keepAliveSamples,
  keepAliveTraffic,
  sendCycle,
  trafficCurve,
  type KeepAliveInputs,
} from '../../../src/analysis/keepAlive';
import { BROKER_PROFILES } from '../../../src/scenario/types';

const inputs = (over: Partial<KeepAliveInputs> = {}): KeepAliveInputs => ({ ...DEFAULT_INPUTS, ...over });

describe('send cycle', () => {
  it('a device that never publishes pings every K', () => {
    const c = sendCycle(60, 0);
    expect(c).toMatchObject({ rhythm: 'pings', periodMs: 60_000, longestGapMs: 60_000, pingsPerPeriod: 1 });
    expect(c.meanSinceLastMs).toBe(30_000);
  });

  it('publishing at least every K leaves nothing to ping for [MQTT-3.1.2-23]', () => {
    for (const p of [1_000, 30_000, 60_000]) {
      const c = sendCycle(60, p);
      expect(c.rhythm).toBe('publishes');
      expect(c.pingsPerPeriod).toBe(0);
      expect(c.longestGapMs).toBe(p);
    }
  });

  it('publishing less often than K pings K after each publish until the next one', () => {
    // K = 10 s, P = 25 s: ping, ping, then the publish 5 s later.
    const c = sendCycle(10, 25_000);
    expect(c.gapsMs).toEqual([10_000, 10_000, 5_000]);
    expect(c.pingsPerPeriod).toBe(2);
    expect(c.meanSinceLastMs).toBe(((100 + 100 + 25) / 50) * 1000);
    // A publish every 2 K: one ping in between (the one due with the publish is not sent).
    expect(sendCycle(60, 120_000).pingsPerPeriod).toBe(1);
  });

  it('keep alive off without publishes sends nothing', () => {
    expect(sendCycle(0, 0)).toMatchObject({ rhythm: 'silent', pingsPerPeriod: 0, periodMs: Infinity });
  });
});

describe('detection delay', () => {
  it('for the standard is 1.5 K after the last packet, plus latency, minus the time since it', () => {
    const d = detectionDelay(inputs({ keepAliveS: 60, latencyMs: 50, profile: 'spec' }));
    expect(d).toMatchObject({ detected: true, best: 30.05, mean: 60.05, worst: 90.05 });
  });

  it('for Mosquitto adds its whole-second threshold and 6 s sweep', () => {
    const d = detectionDelay(inputs({ keepAliveS: 60, latencyMs: 50, profile: 'mosquitto-2.0' }));
    if (!d.detected) throw new Error('expected a detection');
    expect(d.best).toBeCloseTo(30.05, 9);
    expect(d.mean).toBeCloseTo(63.05, 9);
    expect(d.worst).toBeCloseTo(96.05, 9);
    expect(d.idle).toMatchObject({ loOpen: true, basis: 'phase', text: '(90, 96] s' });
  });

  it('for RabbitMQ spans 2 K to 3 K of silence', () => {
    const d = detectionDelay(inputs({ keepAliveS: 10, latencyMs: 0, profile: 'rabbitmq-3.10' }));
    expect(d).toMatchObject({ detected: true, best: 10, mean: 20, worst: 30 });
  });

  it('for ActiveMQ averages 1.75 K of silence though the window reaches 3 K', () => {
    const w = idleWindow('activemq-5.17', 10);
    expect(w).toMatchObject({ loMs: 15_000, hiMs: 30_000, meanMs: 17_500, basis: 'phase' });
  });

  it('shrinks with publishes more often than K: the best case loses one publish interval', () => {
    const d = detectionDelay(inputs({ keepAliveS: 10, publishIntervalS: 4, latencyMs: 0, profile: 'spec' }));
    expect(d).toMatchObject({ detected: true, best: 11, mean: 13, worst: 15 });
  });

  it('with publishes less often than K weights each gap by its length', () => {
    const d = detectionDelay(inputs({ keepAliveS: 10, publishIntervalS: 25, latencyMs: 0, profile: 'spec' }));
    // E[time since last packet] = (10² + 10² + 5²) / (2 × 25) = 4.5 s.
    expect(d).toMatchObject({ detected: true, best: 5, mean: 10.5, worst: 15 });
  });

  it('never happens with keep alive 0, whatever the profile [MQTT-3.1.2-24]', () => {
    for (const profile of BROKER_PROFILES) {
      const d = detectionDelay(inputs({ keepAliveS: 0, profile }));
      expect(d.detected).toBe(false);
      expect(d).not.toHaveProperty('mean');
    }
  });

  it('orders best ≤ mean ≤ worst for every profile and keep alive', () => {
    for (const profile of BROKER_PROFILES)
      for (const keepAliveS of [1, 2, 5, 7, 60, 3600])
        for (const publishIntervalS of [null, 3, 90]) {
          const d = detectionDelay(inputs({ keepAliveS, publishIntervalS, profile }));
          if (!d.detected) throw new Error('expected a detection');
          expect(d.best).toBeGreaterThanOrEqual(0);
          expect(d.best).toBeLessThanOrEqual(d.mean);
          expect(d.mean).toBeLessThanOrEqual(d.worst);
        }
  });
});

describe('keep-alive traffic', () => {
  it('a device pinging every 60 s costs 1440 exchanges of 84 bytes a day', () => {
    const t = keepAliveTraffic(inputs({ keepAliveS: 60, fleetSize: 1000, overheadBytes: 40 }));
    expect(t.pingsPerDevicePerDay).toBe(1440);
    expect(t.bytesPerExchange).toBe(84);
    expect(t.bytesPerDevicePerDay).toBe(120_960);
    expect(t.bytesPerFleetPerDay).toBe(120_960_000);
    // 1000 devices × 2 packets / 60 s.
    expect(t.brokerPacketsPerS).toBeCloseTo(33.333, 3);
  });

  it('follows the TCP/IP overhead per packet', () => {
    expect(keepAliveTraffic(inputs({ keepAliveS: 60, overheadBytes: 52 })).bytesPerDevicePerDay).toBe(
      1440 * 2 * 54,
    );
    expect(keepAliveTraffic(inputs({ keepAliveS: 60, overheadBytes: 0 })).bytesPerDevicePerDay).toBe(
      1440 * 4,
    );
  });

  it('publishing faster than K removes every ping', () => {
    const t = keepAliveTraffic(inputs({ keepAliveS: 60, publishIntervalS: 30, fleetSize: 1000 }));
    expect(t).toMatchObject({ pingsPerDevicePerDay: 0, bytesPerFleetPerDay: 0, brokerPacketsPerS: 0 });
  });

  it('publishing every 90 s with K = 60 s leaves one ping per publish', () => {
    const t = keepAliveTraffic(inputs({ keepAliveS: 60, publishIntervalS: 90, fleetSize: 10 }));
    expect(t.pingsPerDevicePerDay).toBe(960);
    expect(t.bytesPerDevicePerDay).toBe(960 * 84);
    expect(t.brokerPacketsPerS).toBeCloseTo((2 * 960 * 10) / 86_400, 12);
  });

  it('is nothing with keep alive 0', () => {
    expect(keepAliveTraffic(inputs({ keepAliveS: 0 })).bytesPerDevicePerDay).toBe(0);
  });
});

describe('curves', () => {
  it('sample whole keep-alive values from 5 to 600 s, with the current one', () => {
    const ks = keepAliveSamples(47);
    expect(ks[0]).toBe(5);
    expect(ks[ks.length - 1]).toBe(600);
    expect(ks).toContain(47);
    expect(ks.every((k, i) => Number.isInteger(k) && (i === 0 || k > ks[i - 1]))).toBe(true);
    expect(keepAliveSamples(3600).at(-1)).toBe(3600);
    expect(keepAliveSamples(2)[0]).toBe(2);
  });

  it('give every profile its own delay curve that agrees with the single figures', () => {
    const ks = [5, 60, 600];
    const curves = delayCurves(inputs(), ks);
    expect(curves.map((c) => c.profile)).toEqual([...BROKER_PROFILES]);
    for (const c of curves)
      c.points.forEach((p, i) => {
        const d = detectionDelay({ ...inputs(), keepAliveS: ks[i], profile: c.profile });
        expect(d).toMatchObject({ best: p.best, mean: p.mean, worst: p.worst });
      });
  });

  it('traffic falls as 1 / K and stops where publishes take over', () => {
    const pts = trafficCurve(inputs({ publishIntervalS: 100 }), [10, 50, 100, 200]);
    expect(pts[0].bytesPerDevicePerDay).toBeGreaterThan(pts[1].bytesPerDevicePerDay);
    expect(pts[2].bytesPerDevicePerDay).toBe(0);
    expect(pts[3].brokerPacketsPerS).toBe(0);
  });
});

describe('input checks', () => {
  it('accept the defaults', () => {
    expect(inputProblems(DEFAULT_INPUTS)).toEqual([]);
  });

  it('name the field of each problem', () => {
    const problems = inputProblems(
      inputs({ keepAliveS: 70_000, fleetSize: 0, publishIntervalS: -1, latencyMs: 1.5, overheadBytes: -2 }),
    );
    expect(problems.map((p) => p.field)).toEqual([
      'keepAliveS',
      'fleetSize',
      'publishIntervalS',
      'latencyMs',
      'overheadBytes',
    ]);
    expect(problems[0].message).toMatch(/^Keep alive \(s\): must be a whole number/);
  });

  it('refuse a round trip longer than the half keep alive a client waits for PINGRESP', () => {
    expect(inputProblems(inputs({ keepAliveS: 2, latencyMs: 499 }))).toEqual([]);
    const [p] = inputProblems(inputs({ keepAliveS: 2, latencyMs: 500 }));
    expect(p.field).toBe('latencyMs');
    expect(p.message).toContain('at most 499 ms');
  });
});
