// The calculator against the simulator: for every broker profile, a run of calculatorScenario
// measures detection delays that fall inside the calculated bounds, and a mean close to the
// calculated one. The scenario has no jitter, so every packet arrives exactly `latencyMs` after it
// is sent and the bounds already hold the latency: the slack only absorbs floating-point rounding.

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INPUTS,
  calculatorScenario,
  detectionDelay,
  keepAliveTraffic,
  measureKeepAlive,
  type KeepAliveInputs,
  type MeasuredKeepAlive,
} from '../../../src/analysis/keepAlive';
import type { Scenario } from '../../../src/scenario/types';
import { BROKER_PROFILES } from '../../../src/scenario/types';
import { startRun } from '../../../src/sim/run';
import { TraceStore } from '../../../src/trace/store';

/** Seconds of slack on each bound (rounding only: the run has no jitter). */
const SLACK_S = 0.001;

function simulate(inputs: KeepAliveInputs): { store: TraceStore; scenario: Scenario; m: MeasuredKeepAlive } {
  const scenario = calculatorScenario(inputs);
  const store = new TraceStore();
  startRun(scenario, store).runToEnd();
  return {
    store,
    scenario,
    m: measureKeepAlive(store, scenario, {
      fleetSize: inputs.fleetSize,
      overheadBytes: inputs.overheadBytes,
    }),
  };
}

const SITUATIONS: { name: string; over: Partial<KeepAliveInputs> }[] = [
  { name: 'a quiet device pinging every 60 s', over: { keepAliveS: 60, latencyMs: 50 } },
  { name: 'a device publishing every 4 s with K = 10 s', over: { keepAliveS: 10, publishIntervalS: 4 } },
  { name: 'a device publishing every 25 s with K = 10 s', over: { keepAliveS: 10, publishIntervalS: 25 } },
  { name: 'a short keep alive over a slow link', over: { keepAliveS: 7, latencyMs: 300 } },
];

describe.each(BROKER_PROFILES)('the %s profile', (profile) => {
  it.each(SITUATIONS)('measures detection within the calculated bounds for $name', ({ over }) => {
    const inputs: KeepAliveInputs = { ...DEFAULT_INPUTS, fleetSize: 50, ...over, profile };
    const d = detectionDelay(inputs);
    if (!d.detected) throw new Error('expected a detection');
    const { m } = simulate(inputs);
    expect(m.detection.samples).toHaveLength(50);
    expect(m.detection.undetected).toBe(0);
    for (const s of m.detection.samples) {
      expect(s).toBeGreaterThanOrEqual(d.best - SLACK_S);
      expect(s).toBeLessThanOrEqual(d.worst + SLACK_S);
    }
    // A timer per connection gives the mean to the millisecond; a periodic check (or HiveMQ's 100 ms
    // batches) makes it depend on how the 50 sensors' packets line up with it: within a tenth of the
    // window then.
    const width = (d.idle.hiMs - d.idle.loMs) / 1000;
    const tolerance = 0.005 + 0.1 * width;
    expect(Math.abs((m.detection.mean ?? NaN) - d.mean)).toBeLessThanOrEqual(tolerance);
    // The sensors die at spread phases of their cycle, so the run sees a spread, not one value.
    const spread = (m.detection.worst ?? 0) - (m.detection.best ?? 0);
    expect(spread).toBeGreaterThan((0.5 * d.cycle.longestGapMs) / 1000);
  });
});

describe('a simulated fleet', () => {
  it('sends exactly the calculated keep-alive bytes and packets per second', () => {
    for (const over of [
      { keepAliveS: 60 },
      { keepAliveS: 10, publishIntervalS: 25 },
      { keepAliveS: 2, overheadBytes: 52 },
    ]) {
      const inputs: KeepAliveInputs = { ...DEFAULT_INPUTS, fleetSize: 2000, ...over };
      const t = keepAliveTraffic(inputs);
      const { m } = simulate(inputs);
      expect(t.bytesPerDevicePerDay).toBeGreaterThan(0);
      expect(m.pingBytesPerDevicePerDay).toBeCloseTo(t.bytesPerDevicePerDay, 6);
      expect(m.pingBytesPerFleetPerDay).toBeCloseTo(t.bytesPerFleetPerDay, 3);
      expect(m.brokerPacketsPerS).toBeCloseTo(t.brokerPacketsPerS, 9);
    }
  });

  it('publishing faster than K sends no PINGREQ at all', () => {
    for (const publishIntervalS of [4, 10]) {
      const inputs: KeepAliveInputs = { ...DEFAULT_INPUTS, keepAliveS: 10, publishIntervalS, latencyMs: 0 };
      const { store, m } = simulate(inputs);
      const pings = [...store].filter((e) => e.kind === 'packet' && e.type === 'PINGREQ');
      expect(pings).toEqual([]);
      expect(m.pingBytesPerDevicePerDay).toBe(0);
      expect(m.brokerPacketsPerS).toBe(0);
      expect(m.observedDeviceS).toBeGreaterThan(0);
    }
  });

  it('with keep alive 0 never detects a device that lost power', () => {
    for (const profile of BROKER_PROFILES) {
      const inputs: KeepAliveInputs = { ...DEFAULT_INPUTS, keepAliveS: 0, fleetSize: 5, profile };
      const { store, m } = simulate(inputs);
      expect(m.detection).toMatchObject({ samples: [], best: null, mean: null, worst: null, undetected: 5 });
      expect([...store].some((e) => e.kind === 'timeout' || e.kind === 'will')).toBe(false);
    }
  });
});
