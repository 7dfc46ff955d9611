import { describe, expect, it } from 'vitest';
import { PRESETS, getPreset } from '../../src/scenario/presets';
import { loadScenario, parseScenario } from '../../src/scenario/validate';
import type { ResolvedScenario } from '../../src/scenario/types';

const REQUIRED = [
  'basics',
  'crash-vs-power-off',
  'half-open-takeover',
  'client-id-clash',
  'will-delay',
  'persistent-session',
  'reconnect-storm',
  'fleet-10k',
  'fleet-100k',
];

function load(name: string): ResolvedScenario {
  const preset = getPreset(name);
  if (!preset) throw new Error(`no preset ${name}`);
  return loadScenario(preset.scenario);
}

describe('PRESETS', () => {
  it('has every preset the lessons rely on, each name once', () => {
    const names = PRESETS.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(REQUIRED));
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))(
    '%s parses (as JSON too) and resolves',
    (_name, preset) => {
      expect(parseScenario(JSON.parse(JSON.stringify(preset.scenario)))).toEqual(preset.scenario);
      expect(() => loadScenario(preset.scenario)).not.toThrow();
      expect(preset.title).not.toBe('');
      expect(preset.description.length).toBeGreaterThan(20);
      expect(preset.name).toMatch(/^[a-z0-9-]+$/);
    },
  );

  it('keeps the teaching presets short and small', () => {
    for (const p of PRESETS.filter((x) => !x.name.startsWith('fleet-'))) {
      expect(p.scenario.durationMs).toBeLessThanOrEqual(180_000);
      expect(loadScenario(p.scenario).clients.length).toBeLessThanOrEqual(200);
    }
  });

  it('basics: one sensor that must ping, one whose publishes keep it alive, a dashboard on sensors/#', () => {
    const r = load('basics');
    const [quiet, busy, dashboard] = r.clients;
    expect(quiet).toMatchObject({ keepAlive: 10, publish: null });
    expect(busy.keepAlive).toBe(10);
    expect(busy.publish?.everyMs).toBeLessThan(busy.keepAlive * 1000);
    expect(dashboard.subscribe).toEqual([{ topic: 'sensors/#', qos: 0 }]);
    expect(r.durationMs).toBe(60_000);
  });

  it('crash-vs-power-off is the example of docs/scenario-format.md', () => {
    const r = load('crash-vs-power-off');
    expect(r).toMatchObject({
      seed: 7,
      durationMs: 120_000,
      protocol: 4,
      network: { latencyMs: 20, jitterMs: 5, loss: 0 },
    });
    expect(r.clients.map((c) => c.id)).toEqual(['sensor-1', 'sensor-2', 'sensor-3', 'dashboard']);
    expect(r.clients[1].will).toEqual({
      topic: 'sensors/sensor-2/status',
      payload: 'offline',
      qos: 1,
      retain: true,
      delay: 0,
    });
    expect(r.events.map((e) => [e.atMs, e.client, e.do])).toEqual([
      [30_000, 'sensor-1', 'power-off'],
      [30_000, 'sensor-2', 'crash'],
      [45_000, 'sensor-3', 'disconnect'],
    ]);
  });

  it('half-open-takeover powers on again before the broker gives up (1.5 × keep alive)', () => {
    const r = load('half-open-takeover');
    const sensor = r.clients.find((c) => c.will !== null);
    const [off, on] = r.events;
    expect(sensor?.keepAlive).toBe(60);
    expect(sensor?.will?.retain).toBe(true);
    expect([off.do, on.do]).toEqual(['power-off', 'power-on']);
    expect(on.atMs - off.atMs).toBe(20_000);
    expect(on.atMs).toBeLessThan(1.5 * 60_000);
    expect(r.clients.some((c) => c.subscribe.some((s) => s.topic === 'sensors/+/status'))).toBe(true);
  });

  it('client-id-clash clones a client that reconnects', () => {
    const r = load('client-id-clash');
    const clone = r.events.find((e) => e.do === 'clone');
    expect(r.clients.find((c) => c.id === clone?.client)?.reconnect).not.toBeNull();
  });

  it('will-delay: one sensor back within the delay, one that stays away', () => {
    const r = load('will-delay');
    expect(r.protocol).toBe(5);
    const delayed = r.clients.filter((c) => c.will?.delay === 30);
    expect(delayed).toHaveLength(2);
    for (const c of delayed) expect(c).toMatchObject({ sessionExpiry: 120, cleanStart: false });
    const back = r.events.filter((e) => e.do === 'power-on').map((e) => e.client);
    expect(back).toHaveLength(1);
    const crashAt = r.events.find((e) => e.client === back[0] && e.do === 'crash')?.atMs ?? NaN;
    expect(r.events.find((e) => e.do === 'power-on')!.atMs - crashAt).toBeLessThan(30_000);
  });

  it('persistent-session: a QoS 1 subscriber with a lasting session goes away and comes back', () => {
    const r = load('persistent-session');
    const phone = r.clients.find((c) => !c.cleanStart);
    expect(phone).toMatchObject({ sessionExpiry: 3600, protocol: 5 });
    expect(phone?.subscribe[0].qos).toBe(1);
    expect(r.clients.some((c) => c.publish?.qos === 1)).toBe(true);
    expect(r.events.map((e) => [e.client, e.do])).toEqual([
      [phone?.id, 'disconnect'],
      [phone?.id, 'connect'],
    ]);
  });

  it('reconnect-storm: 200 reconnecting clients and a 10 s broker restart at 60 s', () => {
    const r = load('reconnect-storm');
    expect(r.clients).toHaveLength(200);
    for (const c of r.clients) expect(c.reconnect).toEqual({ minMs: 1000, maxMs: 30000, jitter: 0.5 });
    expect(r.events).toEqual([
      expect.objectContaining({ atMs: 60_000, do: 'broker-restart', downMs: 10_000, client: null }),
    ]);
    expect(r.durationMs).toBe(180_000);
  });

  it.each([
    ['fleet-10k', 10_000, 30],
    ['fleet-100k', 100_000, 60],
  ])('%s: %i sensors with keep alive %i s and a dashboard for an hour', (name, count, keepAlive) => {
    const r = load(name);
    const sensors = r.clients.filter((c) => c.id.startsWith('sensor-'));
    expect(sensors).toHaveLength(count);
    expect(r.durationMs).toBe(3_600_000);
    expect(sensors[count - 1]).toMatchObject({ keepAlive, publish: { everyMs: 300_000, qos: 1 } });
    expect(sensors[count - 1].connectAtMs).toBeGreaterThan(59_000);
    expect(sensors[count - 1].will).not.toBeNull();
    expect(sensors[count - 1].reconnect).not.toBeNull();
    expect(new Set(sensors.map((s) => s.publish?.offsetMs)).size).toBeGreaterThan(count / 2);
    expect(r.clients.find((c) => c.id === 'dashboard')?.subscribe).toEqual([
      { topic: 'fleet/+/status', qos: 1 },
    ]);
    expect(new Set(r.events.map((e) => e.do))).toEqual(
      new Set(['power-off', 'crash', 'link-down', 'link-up', 'power-on']),
    );
  });
});

describe('getPreset', () => {
  it('finds a preset by name and returns undefined for an unknown one', () => {
    expect(getPreset('basics')?.title).toBe('Keep alive basics');
    expect(getPreset('nope')).toBeUndefined();
  });
});
