// resolveScenario: a parsed scenario with every default filled in, every client group expanded, and
// the checks that need the expanded clients: unique client IDs and events naming real clients.

import type {
  ProtocolLevel,
  ResolvedClient,
  ResolvedEvent,
  ResolvedScenario,
  Scenario,
  ScenarioEvent,
} from './types';
import { expandGroup } from './expand';
import { Issues, ROOT_PATH, indexPath, keyPath } from './issues';

export const DEFAULT_PROTOCOL: ProtocolLevel = 4;

/** Expects a scenario that passed `parseScenario`; throws `ScenarioError` for clashes it finds. */
export function resolveScenario(s: Scenario): ResolvedScenario {
  const issues = new Issues();
  const protocol = s.protocol ?? DEFAULT_PROTOCOL;
  const clients: ResolvedClient[] = [];
  /** Client ID → index of the group that made it. */
  const groupOf = new Map<string, number>();
  const groupProtocol: ProtocolLevel[] = [];
  const clientsPath = keyPath(ROOT_PATH, 'clients');

  s.clients.forEach((spec, g) => {
    const path = indexPath(clientsPath, g);
    groupProtocol.push(spec.protocol ?? protocol);
    const first = clients.length;
    expandGroup(spec, path, protocol, issues, clients);
    let reported = false;
    for (let i = first; i < clients.length; i++) {
      const id = clients[i].id;
      const other = groupOf.get(id);
      if (other === undefined) groupOf.set(id, g);
      else if (!reported) {
        reported = true;
        // {n} numbering is injective, so the other maker is always an earlier group.
        issues.reject(
          keyPath(path, 'id'),
          `must make unique client IDs, but ${JSON.stringify(id)} is also made by ${indexPath(clientsPath, other)} (model a client-ID clash with the "clone" action)`,
          spec.id,
        );
      }
    }
  });

  const eventsPath = keyPath(ROOT_PATH, 'events');
  const events = (s.events ?? []).map((e, i) => {
    const path = indexPath(eventsPath, i);
    const g = e.client === undefined ? undefined : groupOf.get(e.client);
    if (e.do !== 'broker-restart') {
      if (e.client === undefined) issues.add(keyPath(path, 'client'), 'is required (a client ID)');
      else if (g === undefined) issues.reject(keyPath(path, 'client'), 'no client with that ID', e.client);
      else if (e.do === 'disconnect-with-will' && groupProtocol[g] !== 5) {
        issues.reject(
          keyPath(path, 'do'),
          `needs MQTT 5, but client ${JSON.stringify(e.client)} uses protocol 4`,
          e.do,
        );
      }
    }
    return resolveEvent(e);
  });
  // Array.prototype.sort is stable: ties keep the order written.
  events.sort((a, b) => a.atMs - b.atMs);

  issues.throwIfAny();
  return {
    name: s.name,
    seed: s.seed,
    durationMs: s.durationMs,
    protocol,
    profile: s.broker?.profile ?? 'spec',
    serverKeepAlive: s.broker?.serverKeepAlive ?? null,
    network: {
      latencyMs: s.network?.latencyMs ?? 0,
      jitterMs: s.network?.jitterMs ?? 0,
      loss: s.network?.loss ?? 0,
    },
    clients,
    events,
  };
}

function resolveEvent(e: ScenarioEvent): ResolvedEvent {
  return {
    atMs: e.atMs,
    client: e.do === 'broker-restart' ? null : (e.client ?? null),
    do: e.do,
    downMs: e.downMs ?? 0,
    topic: e.topic ?? '',
    payload: e.payload ?? '',
    qos: e.qos ?? 0,
    retain: e.retain ?? false,
  };
}
