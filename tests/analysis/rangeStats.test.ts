import { describe, expect, it } from 'vitest';
import { StatsAccumulator, packetsByTypeName, rangeStats } from '../../src/analysis/rangeStats';
import { getPreset } from '../../src/scenario';
import { startRun } from '../../src/sim/run';
import { CountingSink, TraceStore, teeSink } from '../../src/trace';
import { runPreset } from './helpers';

describe('rangeStats', () => {
  it('over everything equals the run totals (and the counting sink)', () => {
    for (const name of ['crash-vs-power-off', 'client-id-clash', 'persistent-session']) {
      const scenario = structuredClone(getPreset(name)!.scenario);
      const store = new TraceStore();
      const totals = new StatsAccumulator(scenario.protocol ?? 4);
      const counts = new CountingSink();
      startRun(scenario, teeSink(store, totals, counts)).runToEnd();
      const all = rangeStats(store, { t0: 0, t1: Infinity, lanes: [...store.clientIds(), 'broker'] });
      expect(all).toEqual(totals.snapshot());
      const c = counts.summary();
      expect(all.events).toBe(c.events);
      expect(all.packets).toBe(c.byKind.packet);
      expect(all.lost).toBe(c.packetsLost);
      expect(all.brokerTimeouts).toBe(c.timeouts.broker);
      expect(all.wills).toBe(c.wills);
      expect(all.takeovers).toBe(c.takeovers);
      expect(all.faults).toBe(c.faults);
    }
  });

  it('counts one lane in a window: sensor-1 pings every 10 s in basics', () => {
    const { store, header } = runPreset('basics');
    const s = rangeStats(store, { t0: 5_000, t1: 35_000, lanes: ['sensor-quiet'] }, header);
    expect(packetsByTypeName(s)).toEqual([
      { type: 'PINGREQ', count: 3 },
      { type: 'PINGRESP', count: 3 },
    ]);
    expect(s.bytes).toBe(12);
    expect(s.wills).toBe(0);
  });

  it('counts the timeout, the will and the fault of a power-off in their lane', () => {
    const { store, header } = runPreset('crash-vs-power-off');
    const s = rangeStats(store, { t0: 29_000, t1: 50_000, lanes: ['sensor-1'] }, header);
    expect(s.brokerTimeouts).toBe(1);
    expect(s.wills).toBe(1);
    expect(s.faults).toBe(1);
    const none = rangeStats(store, { t0: 50_000, t1: 29_000, lanes: [] }, header);
    expect(none.events).toBe(0);
  });
});
