import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INPUTS,
  MIN_SPREAD_MS,
  SCENARIO_SENSOR_CAP,
  calculatorPlan,
  calculatorScenario,
  detectionDelay,
  shuffleMultiplier,
  type KeepAliveInputs,
} from '../../../src/analysis/keepAlive';
import { MAX_DURATION_MS, loadScenario, resolveScenario } from '../../../src/scenario';

const inputs = (over: Partial<KeepAliveInputs> = {}): KeepAliveInputs => ({ ...DEFAULT_INPUTS, ...over });

describe('calculatorScenario', () => {
  it('is a valid scenario of the inputs: keep alive, latency without jitter, profile, MQTT 3.1.1', () => {
    const s = calculatorScenario(inputs({ keepAliveS: 30, latencyMs: 80, profile: 'emqx', fleetSize: 12 }));
    expect(() => loadScenario(JSON.parse(JSON.stringify(s)))).not.toThrow();
    const r = resolveScenario(s);
    expect(r.clients).toHaveLength(12);
    expect(r.clients.every((c) => c.keepAlive === 30 && c.protocol === 4)).toBe(true);
    expect(r.network).toEqual({ latencyMs: 80, jitterMs: 0, loss: 0 });
    expect(r.profile).toBe('emqx');
    expect(r.events.every((e) => e.do === 'power-off')).toBe(true);
    expect(new Set(r.events.map((e) => e.client)).size).toBe(12);
  });

  it(`caps the sensors at ${SCENARIO_SENSOR_CAP} for a big fleet`, () => {
    expect(resolveScenario(calculatorScenario(inputs({ fleetSize: 100_000 }))).clients).toHaveLength(
      SCENARIO_SENSOR_CAP,
    );
  });

  it('publishes at the given interval, or once at boot when the device never publishes', () => {
    const busy = resolveScenario(calculatorScenario(inputs({ publishIntervalS: 15 }))).clients[0];
    expect(busy.publish?.everyMs).toBe(15_000);
    const quiet = calculatorScenario(inputs({ publishIntervalS: null }));
    expect(quiet.clients[0].publish).toMatchObject({ payload: 'online', everyMs: quiet.durationMs });
  });

  it('spreads the sensors over their cycle and powers each off at a different phase', () => {
    const plan = calculatorPlan(inputs({ keepAliveS: 60, fleetSize: 50, latencyMs: 20 }));
    expect(plan.spreadMs).toBe(60_000);
    const phases = plan.sensors.map((s) => ((s.powerOffMs - s.anchorMs) % plan.periodMs) / plan.periodMs);
    expect(new Set(phases.map((p) => Math.floor(p * 50))).size).toBe(50);
    const mean = phases.reduce((a, p) => a + p, 0) / phases.length;
    expect(mean).toBeCloseTo(0.5, 3);
    // Phase is not in step with the sensor's offset (the first half of the sensors does not all die early).
    const early = phases.slice(0, 25).filter((p) => p < 0.5).length;
    expect(early).toBeGreaterThan(5);
    expect(early).toBeLessThan(20);
    expect(calculatorPlan(inputs({ keepAliveS: 2 })).spreadMs).toBe(MIN_SPREAD_MS);
  });

  it('powers sensors off after their timers settle and runs past the last possible detection', () => {
    for (const over of [{ keepAliveS: 60 }, { keepAliveS: 10, publishIntervalS: 2 }, { keepAliveS: 600 }]) {
      const i = inputs(over);
      const plan = calculatorPlan(i);
      const d = detectionDelay(i);
      if (!d.detected) throw new Error('expected a detection');
      for (const s of plan.sensors) {
        expect(s.powerOffMs - s.anchorMs).toBeGreaterThanOrEqual(
          Math.max(2 * plan.periodMs, i.keepAliveS * 1000),
        );
        expect(s.powerOffMs + d.worst * 1000).toBeLessThanOrEqual(plan.durationMs);
      }
    }
  });

  it('fits the longest keep alive and publish interval within the longest run', () => {
    const s = calculatorScenario(
      inputs({ keepAliveS: 65_535, publishIntervalS: 86_400, profile: 'rabbitmq-3.10' }),
    );
    expect(s.durationMs).toBeLessThanOrEqual(MAX_DURATION_MS);
    expect(() => resolveScenario(s)).not.toThrow();
  });

  it('keeps every first publish before K when the publish interval equals K', () => {
    const plan = calculatorPlan(inputs({ keepAliveS: 10, publishIntervalS: 10, latencyMs: 0 }));
    for (const s of plan.sensors) {
      expect(s.anchorMs).toBeGreaterThan(0);
      expect(s.anchorMs).toBeLessThan(10_000);
    }
  });

  it('is the same for the same inputs', () => {
    expect(calculatorScenario(inputs())).toEqual(calculatorScenario(inputs()));
  });

  it('shuffles with a multiplier coprime to the sensor count', () => {
    for (const n of [1, 2, 3, 10, 49, 50]) {
      const m = shuffleMultiplier(n);
      expect(new Set(Array.from({ length: n }, (_, i) => (i * m) % n)).size).toBe(n);
    }
  });
});
