import { describe, expect, it } from 'vitest';
import { compareTraces, formatComparison } from '../../../src/analysis/compare';
import {
  checkPrediction,
  fitMosquittoSweep,
  predictedTimeout,
  type TimeoutHistory,
} from '../../../src/analysis/compare/outcomes';
import type { BrokerProfileName, ClientLibraryName, Scenario } from '../../../src/scenario/types';
import { runToJsonl } from '../../../src/sim/run';
import { parseTrace } from '../../../src/trace/parse';

/** Two sensors (K = 2 and 5) that ping until they lose power at 2.5 s, and one that stays silent. */
function powerLoss(profile: BrokerProfileName, library: ClientLibraryName, seed = 3): Scenario {
  return {
    scenario: 1,
    name: 'power loss',
    seed,
    durationMs: 30_000,
    protocol: 4,
    broker: { profile },
    network: { latencyMs: 5, jitterMs: 0 },
    clients: [
      { id: 'k2', keepAlive: 2, library },
      { id: 'k5', keepAlive: 5, library },
      { id: 'k3', keepAlive: 3, library },
    ],
    events: [
      { atMs: 2_500, client: 'k2', do: 'power-off' },
      { atMs: 2_500, client: 'k5', do: 'power-off' },
      { atMs: 7_100, client: 'k3', do: 'power-off' },
    ],
  };
}

function simulate(s: Scenario) {
  const lines: string[] = [];
  runToJsonl(s, (l) => lines.push(l));
  return parseTrace(lines.join(''));
}

const history = (
  t: number,
  keepAlive: number,
  connectedAt: number,
  lastReceived: number,
): TimeoutHistory => ({
  t,
  keepAlive,
  connectedAt,
  lastReceived,
});

describe('a timeout predicted from its own history', () => {
  it('is RabbitMQ’s third sample for a ping a few ms after a sample, its second for one right on it', () => {
    // Samples every K = 2 s from CONNECT at 5 ms; a ping at 2.008 s is first seen at 4.005 s.
    expect(predictedTimeout('rabbitmq-3.10', history(0, 2, 5, 2_008))).toBe(8_005);
    expect(predictedTimeout('rabbitmq-3.10', history(0, 2, 5, 2_005))).toBe(6_005);
  });

  it('accepts a real time within the tolerance of the prediction and names how far off a wrong one is', () => {
    expect(checkPrediction('ejabberd-23', history(8_030, 5, 5, 5), 50)).toEqual({
      predicted: 8_005,
      ok: true,
    });
    expect(checkPrediction('ejabberd-23', history(7_505, 5, 5, 5), 50)).toEqual({
      predicted: 8_005,
      ok: false,
    });
  });

  it('accepts either side of a rule’s edge when the history is measured within the tolerance of it', () => {
    // The ping landed 3 ms after a sample: the broker may have read it before or after that sample.
    expect(checkPrediction('rabbitmq-3.10', history(6_005, 2, 5, 2_008), 50).ok).toBe(true);
    expect(checkPrediction('rabbitmq-3.10', history(8_005, 2, 5, 2_008), 50).ok).toBe(true);
    // 300 ms after the sample it cannot be the earlier one.
    expect(checkPrediction('rabbitmq-3.10', history(6_005, 2, 5, 2_305), 50).ok).toBe(false);
  });

  it('accepts ActiveMQ closing one K/2 check after its deadline, which always ties with a check, not two', () => {
    // CONNECT at 274 ms, a ping at 2 412 ms: stamped by the check at 3 274 ms, due 3 s later.
    expect(predictedTimeout('activemq-5.17', history(0, 2, 274, 2_412))).toBe(6_274);
    expect(checkPrediction('activemq-5.17', history(6_280, 2, 274, 2_412), 50).ok).toBe(true);
    expect(checkPrediction('activemq-5.17', history(7_277, 2, 274, 2_412), 50)).toEqual({
      predicted: 7_274,
      ok: true,
    });
    expect(checkPrediction('activemq-5.17', history(8_274, 2, 274, 2_412), 50).ok).toBe(false);
    // Rules without such a tie accept no later check.
    expect(checkPrediction('ejabberd-23', history(8_505, 5, 5, 5), 50).ok).toBe(false);
  });
});

describe('one Mosquitto sweep phase for a whole trace', () => {
  it('fits the timeouts of a simulated Mosquitto run, whatever its drawn phase', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const c = compareTraces(
        simulate(powerLoss('mosquitto-2.0', 'mqttjs-5', seed)),
        simulate(powerLoss('mosquitto-2.0', 'mqttjs-5', seed + 10)),
      );
      const sweep = c.rows.find((r) => r.aspect === 'keep-alive sweep');
      expect(sweep, formatComparison(c)).toMatchObject({
        ok: true,
        a: expect.stringMatching(/^one phase fits 3 timeouts/),
      });
    }
  });

  it('refuses timeouts that sit at two phases of the sweep', () => {
    // Both silent since 0.005 s with K = 2: due after 4 s; one dropped at 6 s, the other at 9 s.
    expect(fitMosquittoSweep([history(6_000, 2, 5, 5), history(9_000, 2, 5, 5)], 50).ok).toBe(false);
    expect(fitMosquittoSweep([history(6_000, 2, 5, 5), history(12_000, 5, 5, 3_000)], 50).ok).toBe(true);
  });

  it('lets a sweep run up to 100 ms after its whole second, not more', () => {
    expect(fitMosquittoSweep([history(6_000, 2, 5, 5), history(12_090, 5, 5, 3_000)], 0).ok).toBe(true);
    expect(fitMosquittoSweep([history(6_000, 2, 5, 5), history(12_300, 5, 5, 3_000)], 50).ok).toBe(false);
  });
});

describe('a wrong profile or a wrong client library makes compare fail', () => {
  const failing = (a: Scenario, b: Scenario, profile?: BrokerProfileName) => {
    const c = compareTraces(simulate(a), simulate(b), profile ? { profile } : {});
    return { bad: c.rows.filter((r) => !r.ok), table: formatComparison(c) };
  };

  it('rabbitmq-3.10 with clients that ping K after CONNECT against mqtt.js’s K after CONNACK: 2 K vs 3 K', () => {
    const { bad, table } = failing(
      powerLoss('rabbitmq-3.10', 'spec'),
      powerLoss('rabbitmq-3.10', 'mqttjs-5'),
    );
    const k2 = bad.find((r) => r.client === 'k2' && r.aspect.includes('timeout #1'));
    expect(k2?.note, table).toMatch(/closed 4\.00 s vs (5\.99|6\.0\d) s after the last packet/);
  });

  it('spec against RabbitMQ’s and ejabberd’s own rules', () => {
    for (const real of ['rabbitmq-3.10', 'ejabberd-23', 'activemq-5.17'] as const) {
      const { bad, table } = failing(powerLoss('spec', 'mqttjs-5'), powerLoss(real, 'mqttjs-5'), 'spec');
      expect(
        bad.some((r) => r.note.includes('b: spec predicts')),
        `${real}\n${table}`,
      ).toBe(true);
    }
  });

  it('mosquitto-2.0 against ejabberd’s and ActiveMQ’s timeouts: no single sweep phase', () => {
    for (const real of ['ejabberd-23', 'activemq-5.17'] as const) {
      const { bad, table } = failing(
        powerLoss('mosquitto-2.0', 'mqttjs-5'),
        powerLoss(real, 'mqttjs-5'),
        'mosquitto-2.0',
      );
      expect(bad.find((r) => r.aspect === 'keep-alive sweep')?.b, `${real}\n${table}`).toMatch(/^no/);
    }
  });

  it('passes the same profile and library on both sides', () => {
    for (const p of ['rabbitmq-3.10', 'ejabberd-23', 'activemq-5.17', 'aedes', 'spec'] as const) {
      const { bad, table } = failing(powerLoss(p, 'mqttjs-5', 1), powerLoss(p, 'mqttjs-5', 2));
      expect(bad, `${p}\n${table}`).toEqual([]);
    }
  });
});
