// The scenarios whose traces the golden test pins: every preset, plus generated worlds (several
// seeds, both protocol levels, every broker profile and client library, loss and jitter on, every
// fault action) and a synchronised fleet (everyone connecting at t = 0 with wide jitter: a deep wire
// backlog). The generator uses its own small PRNG so the cases never change unless this file does.

import { PRESETS } from '../../src/scenario/presets';
import {
  BROKER_PROFILES,
  CLIENT_LIBRARIES,
  type Action,
  type ClientSpec,
  type ProtocolLevel,
  type Qos,
  type Scenario,
  type ScenarioEvent,
} from '../../src/scenario/types';

export interface GoldenCase {
  name: string;
  scenario: Scenario;
  /** Stop here instead of at the scenario's end (a long fleet: its first minutes only). */
  untilMs?: number;
  /** Only with GOLDEN_FULL=1: too slow for every test run. */
  slow?: boolean;
}

/** mulberry32: the cases' own generator, independent of the simulator's. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let z = Math.imul(s ^ (s >>> 15), 1 | s);
    z = (z + Math.imul(z ^ (z >>> 7), 61 | z)) ^ z;
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** A busy little world: every action at least once, wills, sessions, subscriptions, reconnects. */
function generated(seed: number, protocol: ProtocolLevel): Scenario {
  const r = prng(seed * 2 + protocol);
  const int = (min: number, max: number): number => min + Math.floor(r() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  const qos = (): Qos => pick<Qos>([0, 1, 2]);
  const clients: ClientSpec[] = [];
  const groups = int(3, 5);
  for (let g = 0; g < groups; g++) {
    const id = `g${g}-{n}`;
    const spec: ClientSpec = {
      id,
      count: int(1, 4),
      keepAlive: pick([0, 1, 2, 3, 5, 8, 13, 20]),
      connectAtMs: r() < 0.15 ? null : int(0, 3000),
      connectSpreadMs: int(0, 1500),
      cleanStart: r() < 0.6,
      sessionExpiry: protocol === 5 ? pick([0, 0, 3, 10, 60, 0xffffffff]) : 0,
      will: { topic: `status/{id}`, payload: 'offline', qos: qos(), retain: r() < 0.5 },
      publish: { topic: `data/{id}`, everyMs: int(400, 7000), qos: qos(), retain: r() < 0.2 },
      subscribe: r() < 0.5 ? [{ topic: 'status/#', qos: qos() }, 'data/+'] : [],
    };
    if (protocol === 5 && spec.will !== undefined) spec.will.delay = pick([0, 0, 2, 6]);
    spec.library = pick(CLIENT_LIBRARIES);
    if (r() < 0.8)
      spec.reconnect = { minMs: int(200, 2000), maxMs: int(2000, 9000), jitter: pick([0, 0.5, 1]) };
    clients.push(spec);
  }
  clients.push({ id: 'dash', keepAlive: 15, subscribe: [{ topic: '#', qos: 2 }], cleanStart: false });
  const ids = clients.slice(0, groups).map((c) => c.id.replace('{n}', '1'));
  const durationMs = 45_000;
  const actions: Action[] = [
    'crash',
    'power-off',
    'power-on',
    'link-down',
    'link-up',
    'clone',
    'disconnect',
    'connect',
    'publish',
    'broker-restart',
  ];
  if (protocol === 5) actions.push('disconnect-with-will');
  const events: ScenarioEvent[] = [];
  // Each action twice, at random times on random clients; then some more at random.
  for (const what of [...actions, ...actions, ...Array.from({ length: 8 }, () => pick(actions))]) {
    const atMs = int(0, durationMs);
    if (what === 'broker-restart') events.push({ atMs, do: what, downMs: int(200, 6000) });
    else if (what === 'publish')
      events.push({
        atMs,
        client: pick(ids),
        do: what,
        topic: 'data/x',
        payload: 'p',
        qos: qos(),
        retain: r() < 0.5,
      });
    else events.push({ atMs, client: pick(ids), do: what });
  }
  return {
    scenario: 1,
    name: `generated ${seed} v${protocol}`,
    seed: seed * 7919,
    durationMs,
    protocol,
    broker: {
      profile: BROKER_PROFILES[(seed + protocol) % BROKER_PROFILES.length],
      serverKeepAlive: seed % 3 === 0 ? int(1, 12) : null,
    },
    network: { latencyMs: int(0, 60), jitterMs: int(1, 40), loss: [0, 0.02, 0.08][seed % 3] },
    clients,
    events,
  };
}

/** Sensors all connecting at t = 0 (a power cut coming back): a deep, jittered wire backlog. */
function synchronised(count: number, loss: number): Scenario {
  return {
    scenario: 1,
    name: `synchronised ${count}`,
    seed: 42,
    durationMs: 600_000,
    protocol: 4,
    network: { latencyMs: 27, jitterMs: 22, loss },
    clients: [
      {
        id: 'sensor-{n}',
        count,
        keepAlive: 60,
        will: { topic: 'fleet/{id}/status', payload: 'offline', qos: 1, retain: true },
        publish: { topic: 'fleet/{id}/temp', everyMs: 120_000, qos: 1, offsetSpreadMs: 120_000 },
        reconnect: { minMs: 1_000, maxMs: 30_000, jitter: 0.5 },
      },
      { id: 'dashboard', keepAlive: 60, subscribe: [{ topic: 'fleet/+/status', qos: 1 }] },
    ],
    events: [
      { atMs: 100_000, client: 'sensor-7', do: 'power-off' },
      { atMs: 150_000, client: 'sensor-8', do: 'crash' },
      { atMs: 200_000, client: 'sensor-9', do: 'link-down' },
      { atMs: 320_000, client: 'sensor-9', do: 'link-up' },
      { atMs: 400_000, do: 'broker-restart', downMs: 5_000 },
    ],
  };
}

export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const p of PRESETS) {
    const scenario = structuredClone(p.scenario);
    if (p.name === 'fleet-100k') {
      cases.push({ name: 'preset fleet-100k, first 2 min', scenario, untilMs: 120_000 });
      cases.push({ name: 'preset fleet-100k', scenario: structuredClone(p.scenario), slow: true });
    } else {
      cases.push({ name: `preset ${p.name}`, scenario });
    }
  }
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    for (const protocol of [4, 5] as const) {
      cases.push({ name: `generated seed ${seed} v${protocol}`, scenario: generated(seed, protocol) });
    }
  }
  cases.push({ name: 'synchronised 3k', scenario: synchronised(3_000, 0) });
  cases.push({ name: 'synchronised 3k, lossy', scenario: synchronised(3_000, 0.01) });
  return cases;
}
