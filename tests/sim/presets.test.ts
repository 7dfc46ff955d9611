// Every preset runs and tells its story (src/scenario/presets.ts). The fleets run with a CountingSink;
// fleet-100k only through its first minute (all sensors connected): its whole hour is `npm run bench`'s job.

import { describe, expect, it } from 'vitest';
import { getPreset, PRESETS } from '../../src/scenario/presets';
import type { Scenario } from '../../src/scenario/types';
import { startRun } from '../../src/sim/run';
import { CountingSink } from '../../src/trace/counters';
import { run, type Trace } from './helpers';

function preset(name: string): Scenario {
  const p = getPreset(name);
  if (p === undefined) throw new Error(`no preset ${name}`);
  return structuredClone(p.scenario);
}

const small = PRESETS.filter((p) => !p.name.startsWith('fleet-')).map((p) => p.name);
const traces = new Map<string, Trace>();
const trace = (name: string): Trace => {
  let t = traces.get(name);
  if (t === undefined) {
    t = run(preset(name));
    traces.set(name, t);
  }
  return t;
};

describe('presets', () => {
  it.each(small)('%s runs to its end with events in time order', (name) => {
    const t = trace(name);
    expect(t.events.length).toBeGreaterThan(10);
    for (let i = 1; i < t.events.length; i++) expect(t.events[i].t).toBeGreaterThanOrEqual(t.events[i - 1].t);
    expect(t.events.at(-1)?.t).toBeLessThanOrEqual(preset(name).durationMs);
  });

  it('basics: the quiet sensor pings every 10 s, the busy one never needs to, nobody times out', () => {
    const t = trace('basics');
    const pings = t.packets({ client: 'sensor-quiet', type: 'PINGREQ' }).map((p) => p.t);
    expect(pings).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(t.packets({ client: 'sensor-busy', type: 'PINGREQ' })).toEqual([]);
    expect(t.packets({ client: 'sensor-busy', type: 'PUBLISH' }).length).toBeGreaterThan(10);
    expect(t.timeouts()).toEqual([]);
    expect(t.closes('broker')).toEqual([]);
  });

  it('crash-vs-power-off: the crash gives a will at once, the power loss after 1.5 x K, the polite one none', () => {
    const t = trace('crash-vs-power-off');
    const crash = t.wills('sensor-2');
    expect(crash).toMatchObject([{ cause: 'network-error' }]);
    expect(crash[0].t).toBeGreaterThan(30_000);
    expect(crash[0].t).toBeLessThan(30_100);
    const silent = t.brokerTimeout('sensor-1');
    expect(silent.t - silent.lastActivity).toBeCloseTo(15_000, 6);
    expect(t.wills('sensor-1')).toMatchObject([{ t: silent.t, cause: 'keepalive-timeout' }]);
    expect(t.wills('sensor-3')).toEqual([]);
    expect(t.closes('broker', 'sensor-3')).toMatchObject([{ reason: 'client-disconnect' }]);
    expect(t.wills().every((w) => w.receivers?.includes('dashboard'))).toBe(true);
  });

  it('half-open-takeover: power returns before keep alive runs out; the new connection takes over and the will goes out', () => {
    const t = trace('half-open-takeover');
    expect(t.timeouts()).toEqual([]);
    const [takeover] = t.takeovers('sensor-1');
    expect(takeover.t).toBeGreaterThan(35_000);
    expect(takeover.t).toBeLessThan(35_100);
    expect(t.wills('sensor-1')).toMatchObject([{ t: takeover.t, cause: 'takeover', conn: takeover.oldConn }]);
  });

  it('client-id-clash: the two meters take the ID from each other again and again, and the will flaps', () => {
    const t = trace('client-id-clash');
    const takeovers = t.takeovers('meter-7');
    expect(takeovers.length).toBeGreaterThanOrEqual(4);
    expect(t.packets({ client: 'meter-7', type: 'DISCONNECT' }).every((p) => p.reasonCode === 0x8e)).toBe(
      true,
    );
    expect(t.wills('meter-7').length).toBe(takeovers.length);
    expect(t.packets({ client: 'dashboard', type: 'PUBLISH' }).length).toBe(takeovers.length);
  });

  it('will-delay: the sensor back within the delay has no will; the one that stays away has it 30 s later', () => {
    const t = trace('will-delay');
    expect(t.wills('sensor-back')).toEqual([]);
    expect(t.sessions('sensor-back').map((e) => e.state)).toEqual(['created', 'resumed']);
    const close = t.closes('broker', 'sensor-gone')[0];
    expect(t.wills('sensor-gone')).toMatchObject([{ t: close.t + 30_000, delayed: 30 }]);
  });

  it('persistent-session: alerts published while the phone is away reach it when it comes back', () => {
    const t = trace('persistent-session');
    const resumed = t.sessions('phone').find((e) => e.state === 'resumed');
    expect(resumed?.queued).toBeGreaterThanOrEqual(4);
    const [, back] = t.connIds('phone');
    const delivered = t.packets({ conn: back, type: 'PUBLISH' });
    expect(delivered.length).toBeGreaterThanOrEqual(resumed?.queued ?? Infinity);
    expect(delivered.every((p) => p.qos === 1 && p.payload === 'door open')).toBe(true);
  });

  it('reconnect-storm: all 200 devices lose the broker at 60 s and all are back after it returns', () => {
    const t = trace('reconnect-storm');
    const shutdown = t.closes('broker').filter((c) => c.reason === 'server-shutdown');
    expect(shutdown).toHaveLength(200);
    expect(shutdown.every((c) => c.t === 60_000)).toBe(true);
    const back = new Set(
      t
        .conns({ side: 'broker', state: 'open' })
        .filter((c) => c.t >= 70_000)
        .map((c) => c.client),
    );
    expect(back.size).toBe(200);
  });

  it('fleet-10k: a whole hour with a CountingSink: every sensor connects, pings, and the faults give timeouts and wills', () => {
    const counts = new CountingSink();
    const sim = startRun(preset('fleet-10k'), counts);
    sim.runToEnd();
    const s = counts.summary();
    expect(sim.now).toBe(3_600_000);
    expect(s.packetsByType.CONNECT).toBeGreaterThanOrEqual(10_001);
    expect(s.packetsByType.CONNACK).toBeGreaterThanOrEqual(10_001);
    // K = 30 s for an hour: about 120 pings per sensor, minus the publishes that stood in for them.
    expect(s.packetsByType.PINGREQ).toBeGreaterThan(10_000 * 100);
    expect(s.packetsByType.PINGRESP).toBeGreaterThan(s.packetsByType.PINGREQ - 100);
    expect(s.packetsByType.PUBLISH).toBeGreaterThan(10_000 * 11);
    expect(s.faults).toBe(8);
    // sensor-17 and sensor-256 lose power, sensor-99 its network: the broker times all three out.
    expect(s.timeouts.broker).toBeGreaterThanOrEqual(3);
    // ... and their wills go out, as does sensor-42's when it crashes.
    expect(s.wills).toBeGreaterThanOrEqual(4);
    expect(s.sessions.created).toBeGreaterThanOrEqual(10_001);
  });

  it('fleet-100k: its first minute with a CountingSink connects all 100 000 sensors and the dashboard', () => {
    const counts = new CountingSink();
    const sim = startRun(preset('fleet-100k'), counts);
    sim.runUntil(61_000);
    const s = counts.summary();
    expect(s.packetsByType.CONNECT).toBeGreaterThanOrEqual(100_001);
    expect(s.packetsByType.CONNACK).toBe(s.packetsByType.CONNECT);
    expect(s.sessions.created).toBe(100_001);
    expect(s.packetsLost).toBe(0);
  });
});
