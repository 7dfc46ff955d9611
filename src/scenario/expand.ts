// Expands one client group into its clients: `{n}` numbering, `{id}` filling, defaults, and the MQTT 5
// fields forced off under MQTT 3.1.1. Linear in the group's size.

import { DEFAULT_CLIENT_LIBRARY } from './types';
import type {
  ClientSpec,
  ProtocolLevel,
  PublishSpec,
  Qos,
  ResolvedClient,
  ResolvedPublish,
  ResolvedWill,
  WillSpec,
} from './types';
import { ID_PLACEHOLDER, NUMBER_PLACEHOLDER, filler, type Fill } from './template';
import { type Issues, indexPath, keyPath } from './issues';
import { topicFilterProblem, topicNameProblem } from './topics';

/** Whether a client ID has characters that can break a topic once `{id}` is filled in. */
function breaksTopics(id: string): boolean {
  return id.includes('+') || id.includes('#') || id.includes('\u0000');
}

/** The client at `index` (0-based) of `count` starts `floor(index × spread / count)` ms after the group. */
export function spreadOffset(index: number, count: number, spreadMs: number): number {
  return spreadMs > 0 ? Math.floor((index * spreadMs) / count) : 0;
}

interface Templates {
  willTopic: Fill;
  willPayload: Fill;
  publishTopic: Fill;
  publishPayload: Fill | null;
  filters: { topic: Fill; qos: Qos; templated: boolean; suffix: string }[];
}

function templates(spec: ClientSpec): Templates {
  const byId = (text: string): Fill => filler(text, ID_PLACEHOLDER);
  return {
    willTopic: byId(spec.will?.topic ?? ''),
    willPayload: byId(spec.will?.payload ?? ''),
    publishTopic: byId(spec.publish?.topic ?? ''),
    publishPayload: spec.publish?.payload === undefined ? null : byId(spec.publish.payload),
    filters: (spec.subscribe ?? []).map((entry) => {
      const text = typeof entry === 'string' ? entry : entry.topic;
      return {
        topic: byId(text),
        qos: typeof entry === 'string' ? 0 : (entry.qos ?? 0),
        templated: text.includes(ID_PLACEHOLDER),
        suffix: typeof entry === 'string' ? '' : '.topic',
      };
    }),
  };
}

/** Appends the group's clients to `out`; reports (once per group and field) topics broken by `{id}`. */
export function expandGroup(
  spec: ClientSpec,
  path: string,
  scenarioProtocol: ProtocolLevel,
  issues: Issues,
  out: ResolvedClient[],
): void {
  const count = spec.count ?? 1;
  const protocol = spec.protocol ?? scenarioProtocol;
  const v5 = protocol === 5;
  const idOf = filler(spec.id, NUMBER_PLACEHOLDER);
  const connectAtMs = spec.connectAtMs === undefined ? 0 : spec.connectAtMs;
  const connectSpreadMs = spec.connectSpreadMs ?? 0;
  const sessionExpiry = v5 ? (spec.sessionExpiry ?? 0) : 0;
  const t = templates(spec);
  // [MQTT-3.1.2-22] Under 3.1.1 a CONNECT with a Password must have a User Name (5.0 allows it alone).
  if (!v5 && spec.password !== undefined && spec.username === undefined)
    issues.add(keyPath(path, 'password'), 'needs a username under protocol 4 (MQTT 3.1.1)');
  const reported = new Set<string>();
  const recheck = (
    at: string,
    id: string,
    value: string,
    problem: (topic: string) => string | null,
  ): void => {
    const found = reported.has(at) ? null : problem(value);
    if (found === null) return;
    reported.add(at);
    issues.reject(at, `${found} once {id} is ${JSON.stringify(id)}`, value);
  };

  for (let k = 0; k < count; k++) {
    const id = idOf(String(k + 1));
    const client: ResolvedClient = {
      id,
      keepAlive: spec.keepAlive,
      connectAtMs: connectAtMs === null ? null : connectAtMs + spreadOffset(k, count, connectSpreadMs),
      cleanStart: spec.cleanStart ?? true,
      sessionExpiry,
      protocol,
      library: spec.library ?? DEFAULT_CLIENT_LIBRARY,
      transport: spec.transport ?? 'tcp',
      username: spec.username ?? null,
      password: spec.password ?? null,
      will: spec.will ? resolveWill(spec.will, t, id, v5) : null,
      publish: spec.publish ? resolvePublish(spec.publish, t, id, k, count) : null,
      subscribe: t.filters.map((f) => ({ topic: f.topic(id), qos: f.qos })),
      reconnect: spec.reconnect
        ? { minMs: spec.reconnect.minMs, maxMs: spec.reconnect.maxMs, jitter: spec.reconnect.jitter ?? 0 }
        : null,
    };
    // Only an unusual ID (or the group's first, for length) can break a topic that was valid as written.
    if (k === 0 || breaksTopics(id)) {
      if (client.will && spec.will?.topic.includes(ID_PLACEHOLDER)) {
        recheck(keyPath(keyPath(path, 'will'), 'topic'), id, client.will.topic, topicNameProblem);
      }
      if (client.publish && spec.publish?.topic.includes(ID_PLACEHOLDER)) {
        recheck(keyPath(keyPath(path, 'publish'), 'topic'), id, client.publish.topic, topicNameProblem);
      }
      t.filters.forEach((f, i) => {
        if (!f.templated) return;
        const at = indexPath(keyPath(path, 'subscribe'), i) + f.suffix;
        recheck(at, id, client.subscribe[i].topic, topicFilterProblem);
      });
    }
    out.push(client);
  }
}

function resolveWill(will: WillSpec, t: Templates, id: string, v5: boolean): ResolvedWill {
  return {
    topic: t.willTopic(id),
    payload: t.willPayload(id),
    qos: will.qos ?? 0,
    retain: will.retain ?? false,
    delay: v5 ? (will.delay ?? 0) : 0,
  };
}

function resolvePublish(
  publish: PublishSpec,
  t: Templates,
  id: string,
  index: number,
  count: number,
): ResolvedPublish {
  return {
    topic: t.publishTopic(id),
    everyMs: publish.everyMs,
    qos: publish.qos ?? 0,
    retain: publish.retain ?? false,
    payload: t.publishPayload === null ? null : t.publishPayload(id),
    offsetMs: (publish.offsetMs ?? publish.everyMs) + spreadOffset(index, count, publish.offsetSpreadMs ?? 0),
  };
}
