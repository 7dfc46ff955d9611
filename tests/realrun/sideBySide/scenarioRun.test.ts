// "Run this scenario against the broker" without the page: the same orchestration the live panel uses
// (src/realrun/sideBySide/scenarioRun.ts), here over Node's connector to the embedded aedes broker on
// loopback — the real trace, the simulated one with the aedes profile, their comparison and the combined
// trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../src/embedded-broker';
import {
  checkScenarioRun,
  profileForBroker,
  runScenarioAgainstBroker,
  truncateScenario,
} from '../../../src/realrun/sideBySide/scenarioRun';
import { nodeConnector } from '../../../src/realrun/nodeConnector';
import { parseTarget } from '../../../src/realrun/target';
import { getPreset } from '../../../src/scenario/presets';
import type { Scenario } from '../../../src/scenario/types';

let broker: EmbeddedBroker;

beforeAll(async () => {
  broker = await startEmbeddedBroker({ mqttPort: null, wsPort: 0, log: () => {} });
});
afterAll(async () => {
  await broker?.close();
});

const tiny = (p: string): Scenario => ({
  scenario: 1,
  name: `${p} crash vs power-off`,
  seed: 5,
  durationMs: 8000,
  protocol: 4,
  broker: { profile: 'aedes' },
  network: { latencyMs: 5 },
  clients: [
    { id: `${p}-1`, keepAlive: 2, will: { topic: `${p}/will/{id}`, payload: 'gone', qos: 1 } },
    { id: `${p}-2`, keepAlive: 2, will: { topic: `${p}/will/{id}`, payload: 'gone', qos: 1 } },
    { id: `${p}-dash`, keepAlive: 30, subscribe: [{ topic: `${p}/will/#`, qos: 1 }] },
  ],
  events: [
    { atMs: 1500, client: `${p}-1`, do: 'power-off' },
    { atMs: 1500, client: `${p}-2`, do: 'crash' },
  ],
});

describe('checks in the page', () => {
  it('picks the profile from the broker kind, the standard when the broker is not recognised', () => {
    expect(profileForBroker('mosquitto')).toBe('mosquitto-2.0');
    expect(profileForBroker('embedded')).toBe('aedes');
    expect(profileForBroker('aedes')).toBe('aedes');
    expect(profileForBroker('rabbitmq')).toBe('rabbitmq-3.10');
    expect(profileForBroker('activemq')).toBe('activemq-5.17');
    expect(profileForBroker('emqx')).toBe('emqx');
    expect(profileForBroker('unknown')).toBe('spec');
  });

  it('asks to confirm fleets and long runs, refuses broker restarts', () => {
    const fleet = checkScenarioRun(getPreset('fleet-10k')!.scenario);
    expect(fleet.refused).toBeNull();
    expect(fleet.confirm.join('; ')).toMatch(/runs 3600 s in real time.*opens 10001 real connections/);
    expect(checkScenarioRun(tiny('x'))).toEqual({ refused: null, confirm: [] });
    const restart = { ...tiny('x'), events: [{ atMs: 1000, do: 'broker-restart', downMs: 500 }] };
    expect(checkScenarioRun(restart as Scenario).refused).toMatch(/restarts the broker at 1 s/);
  });

  it('refuses to start an unconfirmed long run', async () => {
    await expect(
      runScenarioAgainstBroker({
        scenario: getPreset('fleet-10k')!.scenario,
        connector: nodeConnector(parseTarget(broker.wsUrl!)),
        profile: 'aedes',
        confirmed: false,
      }),
    ).rejects.toThrow(/^Confirm first: it runs 3600 s/);
  });

  it('cuts a cancelled scenario at the time reached', () => {
    const cut = truncateScenario(tiny('x'), 1200.7);
    expect(cut.durationMs).toBe(1200);
    expect(cut.events).toEqual([]);
  });
});

describe('a run against the embedded broker', () => {
  it('records the real trace, simulates with the aedes profile, and they agree', async () => {
    let progress = 0;
    const result = await runScenarioAgainstBroker({
      scenario: tiny('srun'),
      connector: nodeConnector(parseTarget(broker.wsUrl!)),
      profile: 'aedes',
      confirmed: false,
      onProgress: (p) => (progress = p.events),
    });
    expect(result.aborted).toBe(false);
    expect(progress).toBe(result.real.events.length);
    expect(result.real.header.source).toBe('live');
    expect(result.sim.header.source).toBe('sim');
    expect((result.sim.header.scenario as Scenario).broker?.profile).toBe('aedes');
    expect(result.comparison.rows.length).toBeGreaterThan(5);
    expect(result.comparison.rows.filter((r) => !r.ok)).toEqual([]);
    expect(result.profile).toBe('aedes');
    const lanes = new Set(result.combined.events.flatMap((e) => ('client' in e ? [e.client] : [])));
    expect([...lanes].filter((c) => c.startsWith('sim/')).sort()).toEqual([
      'sim/srun-1',
      'sim/srun-2',
      'sim/srun-dash',
    ]);
    expect([...lanes].filter((c) => c.startsWith('real/')).sort()).toEqual([
      'real/srun-1',
      'real/srun-2',
      'real/srun-dash',
    ]);
  }, 30_000);

  it('a cancelled run compares only the part that ran', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1000);
    const result = await runScenarioAgainstBroker({
      scenario: tiny('scut'),
      connector: nodeConnector(parseTarget(broker.wsUrl!)),
      profile: 'aedes',
      confirmed: false,
      signal: controller.signal,
    });
    expect(result.aborted).toBe(true);
    expect(result.ranMs).toBeLessThan(2000);
    expect(result.compared.durationMs).toBe(Math.floor(result.ranMs));
    expect(result.compared.events).toEqual([]);
    expect(result.comparison.rows.find((r) => r.aspect === 'scenario')).toBeUndefined();
    expect(Math.max(...result.sim.events.map((e) => e.t))).toBeLessThanOrEqual(result.ranMs);
  }, 30_000);
});
