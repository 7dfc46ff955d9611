// Shared test helpers: a valid scenario to break, and the issue lines a call produces.

import { ScenarioError } from '../../src/scenario/errors';
import type { Scenario } from '../../src/scenario/types';

/** A valid scenario that touches every field, fresh on each call. */
export function fullScenario(): Scenario {
  return {
    scenario: 1,
    name: 'Everything',
    description: 'uses every field',
    seed: 42,
    durationMs: 60_000,
    protocol: 5,
    broker: { profile: 'spec', serverKeepAlive: null },
    network: { latencyMs: 20, jitterMs: 5, loss: 0.01 },
    clients: [
      {
        id: 'sensor-{n}',
        count: 3,
        keepAlive: 10,
        connectAtMs: 0,
        connectSpreadMs: 300,
        cleanStart: false,
        sessionExpiry: 60,
        will: { topic: 'sensors/{id}/status', payload: 'offline', qos: 1, retain: true, delay: 5 },
        publish: {
          topic: 'sensors/{id}/temp',
          everyMs: 4000,
          qos: 1,
          retain: false,
          payload: 'hi',
          offsetMs: 10,
        },
        subscribe: ['cmd/{id}/#', { topic: 'all/+', qos: 2 }],
        reconnect: { minMs: 1000, maxMs: 8000, jitter: 0.5 },
        protocol: 5,
      },
      { id: 'dashboard', keepAlive: 60, subscribe: ['sensors/+/status'] },
    ],
    events: [
      { atMs: 10_000, client: 'sensor-1', do: 'crash' },
      { atMs: 20_000, do: 'broker-restart', downMs: 5000 },
      {
        atMs: 30_000,
        client: 'dashboard',
        do: 'publish',
        topic: 'cmd/sensor-2/reset',
        payload: 'now',
        qos: 1,
        retain: false,
      },
    ],
  };
}

/** The smallest valid scenario. */
export function minimalScenario(): Scenario {
  return { scenario: 1, name: 'Minimal', seed: 1, durationMs: 1000, clients: [{ id: 'c', keepAlive: 10 }] };
}

type Key = string | number;

/** A deep copy of `value` with the field at `path` set (or deleted, for undefined). */
export function withField(value: unknown, path: Key[], next: unknown): unknown {
  const copy = structuredClone(value) as Record<Key, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<Key, unknown>;
  const last = path[path.length - 1];
  if (next === undefined) delete node[last];
  else node[last] = next;
  return copy;
}

/** The formatted issue lines `run` throws as a ScenarioError; [] when it does not throw. */
export function issueLines(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ScenarioError) return err.message.split('\n');
    throw err;
  }
  return [];
}
