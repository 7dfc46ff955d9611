// The size of a run, estimated from the scenario as written: groups are never expanded, so a
// scenario of a million clients costs as little to size as one of three. Validation refuses a run
// estimated above MAX_RUN_EVENTS (parseSize.ts); the app shows the estimate before a big run.
//
// The estimate is the steady state: every client connects once and then, per second, sends what its
// keep alive and its publishing make it send, and receives what its subscriptions match. Faults add a
// fixed cost per scripted action; reconnect storms after a fault are not foreseen.

import { BIG_RUN_EVENTS } from './limits';
import { topicMatches } from './topics';
import { ID_PLACEHOLDER, NUMBER_PLACEHOLDER } from './template';
import { DEFAULT_CLIENT_LIBRARY, type ClientSpec, type Scenario } from './types';

export interface ScenarioSize {
  /** Clients after every group is expanded. */
  clients: number;
  /** Trace events the run is expected to make. */
  events: number;
  /** Each group's part of `events`, in the order of `clients` (the rest comes from `events`). */
  byGroup: number[];
  /** About the size of the run's JSON Lines trace, bytes. */
  traceBytes: number;
  /** Big enough that the app should show the estimate and ask before running it. */
  big: boolean;
}

/** Packets of one PUBLISH exchange at QoS 0, 1, 2 (PUBLISH; +PUBACK; +PUBREC, PUBREL, PUBCOMP). */
const PACKETS_PER_QOS = [1, 2, 4];
/** A connection opening: conn events, CONNECT, CONNACK, session, SUBSCRIBE, SUBACK. */
const CONNECT_EVENTS = 6;
/** One scripted action: its fault, a close, a will, a reconnect. */
const ACTION_EVENTS = 12;
/** One trace line, bytes, on average (the presets' traces: 110 to 190). */
const BYTES_PER_EVENT = 160;
/** Beyond this many (publishing group × subscription) pairs, every subscription is taken to match. */
const MAX_MATCH_PAIRS = 1_000_000;

const fill = (text: string, placeholder: string, value: string): string =>
  text.replaceAll(placeholder, value);

/** The first client's ID of a group: `{n}` is 1. */
const firstId = (c: ClientSpec): string => fill(c.id, NUMBER_PLACEHOLDER, '1');

/** How long each client of the group is connected, ms (offline ones may connect any time: all of it). */
function connectedMs(s: Scenario, c: ClientSpec): number {
  const at = c.connectAtMs ?? 0;
  return Math.max(0, s.durationMs - at);
}

/** Publishes each client of the group makes. */
function publishesOf(s: Scenario, c: ClientSpec): number {
  return c.publish === undefined ? 0 : connectedMs(s, c) / c.publish.everyMs;
}

/** Keep alive in force, seconds: a v5 Server Keep Alive overrides the client's. */
function keepAliveOf(s: Scenario, c: ClientSpec): number {
  const v5 = (c.protocol ?? s.protocol ?? 4) === 5;
  const server = s.broker?.serverKeepAlive;
  return v5 && server !== undefined && server !== null ? server : c.keepAlive;
}

/** Events one client of the group makes on its own: connect, publishes, pings. */
function ownEvents(s: Scenario, c: ClientSpec): number {
  const live = connectedMs(s, c);
  const publishes = publishesOf(s, c);
  let events = CONNECT_EVENTS + publishes * PACKETS_PER_QOS[c.publish?.qos ?? 0];
  const kMs = keepAliveOf(s, c) * 1000;
  // A client pings only in the gaps its other packets leave ([MQTT-3.1.2-23] / [MQTT-3.1.2-20]);
  // except that mqtt.js and Paho, publishing at QoS 0, hear nothing back and ping every K regardless.
  const library = c.library ?? DEFAULT_CLIENT_LIBRARY;
  const pingsRegardless = library !== 'spec' && (c.publish?.qos ?? 0) === 0;
  if (kMs > 0 && pingsRegardless) {
    events += (live / kMs) * 2;
  } else if (kMs > 0 && !(c.publish !== undefined && c.publish.everyMs <= kMs)) {
    events += Math.max(0, live / kMs - publishes) * 2; // PINGREQ and PINGRESP
  }
  return events;
}

/** Deliveries each group receives from every publishing group's messages. */
function deliveries(s: Scenario): number[] {
  const out = s.clients.map(() => 0);
  const publishers = s.clients.filter((c) => c.publish !== undefined);
  const filters = s.clients.reduce((n, c) => n + (c.subscribe?.length ?? 0), 0);
  const matchAll = publishers.length * filters > MAX_MATCH_PAIRS;
  s.clients.forEach((sub, g) => {
    const subs = sub.subscribe ?? [];
    if (subs.length === 0) return;
    const subCount = sub.count ?? 1;
    for (const pub of publishers) {
      const publish = pub.publish!;
      const pubCount = pub.count ?? 1;
      let perSubscriber = 0;
      for (const entry of subs) {
        const filter = typeof entry === 'string' ? entry : entry.topic;
        // A filter with {id} is each subscriber's own: it matches about one client of the other group.
        const own = filter.includes(ID_PLACEHOLDER);
        const id = own ? firstId(sub) : firstId(pub);
        const matches =
          matchAll || topicMatches(fill(filter, ID_PLACEHOLDER, id), fill(publish.topic, ID_PLACEHOLDER, id));
        if (!matches) continue;
        perSubscriber = Math.max(perSubscriber, own ? Math.min(1, pubCount / subCount) : pubCount);
      }
      out[g] += subCount * perSubscriber * publishesOf(s, pub) * PACKETS_PER_QOS[publish.qos ?? 0];
    }
  });
  return out;
}

/** The run's estimated size. Expects a scenario that passed the format checks (parse.ts). */
export function estimateScenarioSize(s: Scenario): ScenarioSize {
  const clients = s.clients.reduce((n, c) => n + (c.count ?? 1), 0);
  const received = deliveries(s);
  const byGroup = s.clients.map((c, g) => (c.count ?? 1) * ownEvents(s, c) + received[g]);
  let scripted = 0;
  for (const e of s.events ?? [])
    scripted += e.do === 'broker-restart' ? clients * ACTION_EVENTS : ACTION_EVENTS;
  const events = Math.round(byGroup.reduce((a, b) => a + b, 0) + scripted);
  return { clients, events, byGroup, traceBytes: events * BYTES_PER_EVENT, big: events > BIG_RUN_EVENTS };
}
