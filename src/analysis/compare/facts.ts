// What happened to each client in one trace, in terms two traces of one scenario can be compared on:
// keep-alive timeouts (and how long after the last packet), wills (cause, time, receivers),
// take-overs, CONNACKs (sessions resumed) and queued messages delivered.
//
// A simulated trace says all of it with `timeout`, `will`, `takeover` and `session` events. A live
// trace says what it could see: the probes' own packets and sockets, plus whatever the broker reports
// on its event topics (Mosquitto's log, the embedded broker). So every fact is read the same way from
// both, from the packets where possible, and from events where the packets cannot tell:
//   - a connection's close at the broker: the earliest broker-side `conn` closed, `timeout` or
//     `takeover` event for it; its reason from the most certain of them (a broker's report beats a
//     probe's inference, a specific reason beats "network-error");
//   - a will: a `will` event, or else a PUBLISH of the will's topic and payload reaching a subscriber
//     (Mosquitto does not report wills); its receivers are the clients such a PUBLISH reached;
//   - queued messages: PUBLISHes reaching a resumed session right after its CONNACK, before any
//     message published after the CONNECT could have reached it.
//
// One file because it is one reading of a trace: the collector's per-connection tables and the facts
// drawn from them share their types and their rules of certainty.

import { topicMatches } from '../../scenario/topics';
import type {
  ConnEvent,
  EventSource,
  PacketEvent,
  Reason,
  TakeoverEvent,
  TimeoutEvent,
  TraceEvent,
  TraceHeader,
  WillEvent,
} from '../../trace/types';
import type { Tolerances } from './tolerances';

export interface TraceInput {
  header: TraceHeader;
  events: readonly TraceEvent[];
}

export interface BrokerClose {
  t: number;
  reason: Reason | null;
  /** Where the reason came from: 'sim', a broker report, or the probe's own inference. */
  from: EventSource | 'sim' | null;
}

export interface ConnInfo {
  conn: number;
  client: string;
  connectT: number | null;
  /** When the broker received the CONNECT (its `arrive`), or null (a live trace cannot know it). */
  connectArrive: number | null;
  protocol: 4 | 5 | null;
  keepAlive: number | null;
  serverKeepAlive: number | null;
  /** 5.0: the Session Expiry Interval the CONNECT asked for (0 when absent), and the one the CONNACK granted. */
  requestedExpiry: number | null;
  grantedExpiry: number | null;
  cleanStart: boolean | null;
  willTopic: string | null;
  willPayload: string | null;
  /** Will Delay Interval asked for in CONNECT, seconds. */
  willDelay: number;
  connack: { t: number; arrive: number | null; code: number; sessionPresent: boolean } | null;
  /** Arrival times at the broker of this connection's packets, ascending. */
  c2bArrivals: number[];
  brokerClose: BrokerClose | null;
  /** DISCONNECT packets the broker sent on this connection (lost ones too). */
  disconnects: { t: number; code: number }[];
  /** Reason code of the DISCONNECT the client sent (0 for MQTT 3.1.1), or null. */
  sentDisconnect: number | null;
}

export interface TimeoutFact {
  conn: number;
  t: number;
  /** Keep alive in force, seconds (null: unknown). */
  keepAlive: number | null;
  /** ms from the last packet the broker received to the close (null: unknown). */
  idleMs: number | null;
  /** When the broker accepted the CONNECT (null: unknown): the profile's timers may start there. */
  connectedAt: number | null;
  /** When the broker last received a packet (null: unknown). */
  lastReceived: number | null;
  /** Reason code of a DISCONNECT the broker sent before closing; null: it only closed. */
  disconnectCode: number | null;
}

export interface WillFact {
  t: number;
  conn: number | null;
  cause: Reason | null;
  /** ms from the close of its connection at the broker to the will (null: unknown). */
  lagMs: number | null;
  /** The connection's will asked for a Will Delay Interval. */
  delayedWill: boolean;
  /** Scenario clients it reached (sorted). */
  receivers: string[];
  /** 'event': a `will` event said so; 'delivery': seen only as PUBLISHes reaching subscribers. */
  via: 'event' | 'delivery';
}

export interface TakeoverFact {
  t: number;
  oldConn: number | null;
  newConn: number | null;
  /** Reason code of a DISCONNECT sent to the old connection; null: socket closed only. */
  disconnectCode: number | null;
  /**
   * The new connection came from a scenario action (clone, connect, power-on) just before, so its
   * time is the scenario's; false: it came from a reconnect after a random backoff.
   */
  scripted: boolean;
}

export interface ConnackFact {
  t: number;
  conn: number;
  code: number;
  sessionPresent: boolean;
  /** Messages delivered right after it (resumed sessions only; null otherwise). */
  queued: number | null;
  /** 5.0: the Server Keep Alive it carried, or null. */
  serverKeepAlive: number | null;
  /** 5.0: the Session Expiry Interval it granted when not the one asked for, or null. */
  cappedExpiry: number | null;
}

export interface ClientFacts {
  client: string;
  conns: ConnInfo[];
  timeouts: TimeoutFact[];
  wills: WillFact[];
  takeovers: TakeoverFact[];
  connacks: ConnackFact[];
}

export interface TraceFacts {
  source: 'sim' | 'live';
  clients: Map<string, ClientFacts>;
  /** Time of the last event. */
  endT: number;
}

const BROKER_SOURCES: ReadonlySet<string> = new Set(['mosquitto-log', 'emqx-event', 'embedded']);

/** How much a close reason is worth: broker reports beat inferences, specific reasons beat vague ones. */
function certainty(reason: Reason | null, from: BrokerClose['from']): number {
  if (reason === null) return 0;
  const specific = reason !== 'network-error' ? 2 : 0;
  const byBroker = from === 'sim' || (from !== null && BROKER_SOURCES.has(from)) ? 1 : 0;
  return 1 + specific + byBroker;
}

const DISCONNECT_REASON: Record<number, Reason> = {
  0x8d: 'keepalive-timeout',
  0x8e: 'takeover',
  0x8b: 'server-shutdown',
};

function textPayload(p: PacketEvent['payload']): string | null {
  return typeof p === 'string' ? p : null;
}

/** A will's key: its topic and text payload (binary payloads all read as ""). */
const willKey = (topic: string, payload: string | null): string => `${topic}\u0000${payload ?? ''}`;

/**
 * What is kept of a PUBLISH reaching a client: no payload, no unknown fields. Only those that can
 * matter are kept at all: QoS 1 and 2 (queued deliveries) and those on a will topic seen before.
 */
interface Delivery {
  arrive: number;
  client: string;
  conn: number;
  qos: number;
  retain: boolean;
  dup: boolean;
  /** `willKey` of its topic and payload when its topic is a will's, else null. */
  will: string | null;
}

/** What is kept of a QoS 1 or 2 PUBLISH a client sent. */
interface Sent {
  t: number;
  arrive: number | null;
  client: string;
  topic: string;
}

class Builder {
  readonly conns = new Map<number, ConnInfo>();
  readonly takeoverEvents: TakeoverEvent[] = [];
  readonly timeoutEvents: TimeoutEvent[] = [];
  readonly willEvents: WillEvent[] = [];
  readonly publishes: Delivery[] = [];
  readonly c2bPublishes: Sent[] = [];
  /** Will topics of the CONNECTs read so far (a will is delivered after its CONNECT was sent). */
  private readonly willTopics = new Set<string>();
  /** One copy of each topic string, however many PUBLISHes repeat it. */
  private readonly topicNames = new Map<string, string>();
  /** Topic filters each client subscribed to. */
  readonly filters = new Map<string, Set<string>>();
  /** When each client was told to connect by the scenario (clone, connect, power-on). */
  readonly connectFaults = new Map<string, number[]>();

  conn(conn: number, client: string): ConnInfo {
    let info = this.conns.get(conn);
    if (info === undefined) {
      info = {
        conn,
        client,
        connectT: null,
        connectArrive: null,
        protocol: null,
        keepAlive: null,
        serverKeepAlive: null,
        requestedExpiry: null,
        grantedExpiry: null,
        cleanStart: null,
        willTopic: null,
        willPayload: null,
        willDelay: 0,
        connack: null,
        c2bArrivals: [],
        brokerClose: null,
        disconnects: [],
        sentDisconnect: null,
      };
      this.conns.set(conn, info);
    }
    return info;
  }

  closeAt(info: ConnInfo, t: number, reason: Reason | null, from: BrokerClose['from']): void {
    const prev = info.brokerClose;
    if (prev === null) {
      info.brokerClose = { t, reason, from };
      return;
    }
    const time = Math.min(prev.t, t);
    const better = certainty(reason, from) > certainty(prev.reason, prev.from);
    info.brokerClose = better ? { t: time, reason, from } : { ...prev, t: time };
  }

  packet(e: PacketEvent): void {
    const info = this.conn(e.conn, e.client);
    if (e.dir === 'c2b') {
      if (e.arrive !== null) info.c2bArrivals.push(e.arrive);
      switch (e.type) {
        case 'CONNECT':
          info.connectT = e.t;
          // A probe stamps its CONNECT's arrival with the send time, marked unknown.
          info.connectArrive = (e as { arriveUnknown?: boolean }).arriveUnknown === true ? null : e.arrive;
          info.protocol = e.protocol ?? info.protocol;
          info.keepAlive = e.keepAlive ?? info.keepAlive;
          info.cleanStart = e.cleanStart ?? info.cleanStart;
          if (e.protocol === 5) info.requestedExpiry = e.properties?.sessionExpiryInterval ?? 0;
          if (e.will) {
            this.willTopics.add(e.will.topic);
            info.willTopic = e.will.topic;
            info.willPayload = textPayload(e.will.payload);
            info.willDelay = e.properties?.willDelayInterval ?? e.will.delay ?? 0;
          }
          break;
        case 'SUBSCRIBE': {
          let set = this.filters.get(e.client);
          if (!set) this.filters.set(e.client, (set = new Set()));
          for (const s of e.subscriptions ?? []) set.add(s.topic);
          break;
        }
        case 'PUBLISH':
          if ((e.qos ?? 0) > 0)
            this.c2bPublishes.push({
              t: e.t,
              arrive: e.arrive,
              client: e.client,
              topic: this.topic(e.topic),
            });
          break;
        case 'DISCONNECT':
          if (e.arrive !== null) info.sentDisconnect = e.reasonCode ?? 0;
          break;
        default:
          break;
      }
      return;
    }
    switch (e.type) {
      case 'CONNACK':
        if (info.connack === null) {
          info.connack = {
            t: e.t,
            arrive: e.arrive,
            code: e.reasonCode ?? 0,
            sessionPresent: e.sessionPresent === true,
          };
          const ska = e.properties?.serverKeepAlive;
          if (typeof ska === 'number') info.serverKeepAlive = ska;
          const granted = e.properties?.sessionExpiryInterval;
          if (typeof granted === 'number') info.grantedExpiry = granted;
        }
        break;
      case 'DISCONNECT': {
        const code = e.reasonCode ?? 0;
        info.disconnects.push({ t: e.t, code });
        const reason = DISCONNECT_REASON[code];
        if (reason !== undefined) this.closeAt(info, e.t, reason, e.source ?? 'sim');
        break;
      }
      case 'PUBLISH': {
        const topic = e.topic ?? '';
        const will = this.willTopics.has(topic) ? willKey(topic, textPayload(e.payload)) : null;
        const qos = e.qos ?? 0;
        if (e.arrive === null || (qos === 0 && will === null)) break;
        this.publishes.push({
          arrive: e.arrive,
          client: e.client,
          conn: e.conn,
          qos,
          retain: e.retain === true,
          dup: e.dup === true,
          will,
        });
        break;
      }
      default:
        break;
    }
  }

  private topic(name: string | undefined): string {
    const topic = name ?? '';
    let kept = this.topicNames.get(topic);
    if (kept === undefined) this.topicNames.set(topic, (kept = topic));
    return kept;
  }

  connEvent(e: ConnEvent): void {
    const info = this.conn(e.conn, e.client);
    if (e.side === 'broker' && e.state === 'closed') this.closeAt(info, e.t, e.reason, e.source ?? 'sim');
  }
}

/** The keep alive in force on a connection, seconds. */
export function keepAliveOf(info: ConnInfo): number | null {
  return info.serverKeepAlive ?? info.keepAlive;
}

/**
 * When the broker received the CONNECT, where its timers start: its arrival when the trace knows it
 * (a simulation); else one latency after it was sent. Not the CONNACK's: RabbitMQ and ActiveMQ
 * start their timers on the CONNECT even when a burst delays their CONNACK by 100–250 ms (measured).
 */
function acceptedAt(info: ConnInfo, tol: Tolerances): number | null {
  if (info.connectArrive !== null) return info.connectArrive;
  return info.connectT === null ? null : info.connectT + tol.latencyMs;
}

/** The last arrival at the broker on `info` at or before `t`, or null. */
function lastArrivalBefore(info: ConnInfo, t: number): number | null {
  const a = info.c2bArrivals;
  let found: number | null = null;
  for (let i = 0; i < a.length && a[i] <= t; i++) found = a[i];
  return found;
}

/** Reads a trace's events one at a time, so a trace file of any size streams through; then its facts. */
export class FactsCollector {
  private readonly b = new Builder();
  private endT = 0;

  add(e: TraceEvent): void {
    const b = this.b;
    this.endT = e.t;
    switch (e.kind) {
      case 'packet':
        b.packet(e);
        break;
      case 'conn':
        b.connEvent(e);
        break;
      case 'timeout':
        if (e.side === 'broker') {
          b.timeoutEvents.push(e);
          b.closeAt(b.conn(e.conn, e.client), e.t, 'keepalive-timeout', e.source ?? 'sim');
        }
        break;
      case 'takeover':
        b.takeoverEvents.push(e);
        b.closeAt(b.conn(e.oldConn, e.client), e.t, 'takeover', e.source ?? 'sim');
        break;
      case 'will':
        b.willEvents.push(e);
        break;
      case 'fault':
        if (e.fault === 'clone' || e.fault === 'connect' || e.fault === 'power-on') {
          const list = b.connectFaults.get(e.target) ?? [];
          list.push(e.t);
          b.connectFaults.set(e.target, list);
        }
        break;
      default:
        break;
    }
  }

  /** The facts of everything added (once: reading them settles what was collected). */
  facts(source: TraceHeader['source'], tol: Tolerances, clientIds: ReadonlySet<string> | null): TraceFacts {
    return factsOf(this.b, source, this.endT, tol, clientIds);
  }
}

export function extractFacts(
  trace: TraceInput,
  tol: Tolerances,
  clientIds: ReadonlySet<string> | null,
): TraceFacts {
  const collector = new FactsCollector();
  for (const e of trace.events) collector.add(e);
  return collector.facts(trace.header.source, tol, clientIds);
}

function factsOf(
  b: Builder,
  source: TraceHeader['source'],
  endT: number,
  tol: Tolerances,
  clientIds: ReadonlySet<string> | null,
): TraceFacts {
  for (const info of b.conns.values()) {
    info.c2bArrivals.sort((x, y) => x - y);
    // A broker log may say only "disconnected": the packet says whether it was 0x04, with will.
    const close = info.brokerClose;
    if (close !== null && info.sentDisconnect === 0x04 && close.reason === 'client-disconnect') {
      info.brokerClose = { ...close, reason: 'disconnect-with-will' };
    }
  }

  const wanted = (id: string): boolean => clientIds === null || clientIds.has(id);
  const clients = new Map<string, ClientFacts>();
  const facts = (id: string): ClientFacts => {
    let f = clients.get(id);
    if (!f) {
      f = { client: id, conns: [], timeouts: [], wills: [], takeovers: [], connacks: [] };
      clients.set(id, f);
    }
    return f;
  };
  if (clientIds !== null) for (const id of clientIds) facts(id);
  for (const info of b.conns.values()) if (wanted(info.client)) facts(info.client).conns.push(info);

  // Keep-alive timeouts: one per connection the broker closed for that reason.
  for (const f of clients.values()) {
    for (const info of f.conns) {
      const close = info.brokerClose;
      if (close === null || close.reason !== 'keepalive-timeout') continue;
      const events = b.timeoutEvents.filter((e) => e.conn === info.conn);
      // The broker's own measure of the silence when it gave one (the simulator, the embedded
      // broker's idle time): no network or timer jitter of the observer in it.
      const measured = events.find((e) => e.source === undefined || BROKER_SOURCES.has(e.source));
      let idleMs: number | null;
      let lastReceived: number | null;
      if (measured !== undefined && typeof measured.lastActivity === 'number') {
        idleMs = measured.t - measured.lastActivity;
        lastReceived = measured.lastActivity;
      } else {
        lastReceived = lastArrivalBefore(info, close.t) ?? events[0]?.lastActivity ?? null;
        idleMs = lastReceived === null ? null : close.t - lastReceived;
      }
      const sent = info.disconnects.find((d) => d.t >= close.t - tol.slackMs && d.t <= close.t + tol.slackMs);
      f.timeouts.push({
        conn: info.conn,
        t: close.t,
        keepAlive: keepAliveOf(info) ?? events[0]?.keepAlive ?? null,
        idleMs,
        connectedAt: acceptedAt(info, tol),
        lastReceived,
        disconnectCode: sent?.code ?? null,
      });
    }
    f.timeouts.sort((x, y) => x.t - y.t);
  }

  // Take-overs: `takeover` events, and closes whose reason is a take-over without one.
  for (const f of clients.values()) {
    const seen = new Set<number>();
    const add = (t: number, oldConn: number | null, newConn: number | null): void => {
      if (oldConn !== null) {
        if (seen.has(oldConn)) return;
        seen.add(oldConn);
      }
      const old = oldConn === null ? undefined : b.conns.get(oldConn);
      const sent = old?.disconnects.find((d) => d.t >= t - tol.slackMs && d.t <= t + tol.slackMs);
      const scripted = (b.connectFaults.get(f.client) ?? []).some((at) => at <= t && t - at <= tol.slackMs);
      f.takeovers.push({ t, oldConn, newConn, disconnectCode: sent?.code ?? null, scripted });
    };
    for (const e of b.takeoverEvents) if (e.client === f.client) add(e.t, e.oldConn, e.newConn);
    for (const info of f.conns) {
      if (info.brokerClose?.reason !== 'takeover' || seen.has(info.conn)) continue;
      // The connection that took over: the client ID's next CONNECT at or before the close.
      const next = f.conns
        .filter(
          (c) =>
            c.conn !== info.conn && c.connectT !== null && c.connectT <= info.brokerClose!.t + tol.slackMs,
        )
        .sort((x, y) => (y.connectT ?? 0) - (x.connectT ?? 0))[0];
      add(info.brokerClose.t, info.conn, next?.conn ?? null);
    }
    f.takeovers.sort((x, y) => x.t - y.t);
  }

  // CONNACKs and queued messages.
  for (const f of clients.values()) {
    const filters = [...(b.filters.get(f.client) ?? [])];
    for (const info of f.conns) {
      const ack = info.connack;
      if (ack === null) continue;
      let queued: number | null = null;
      if (ack.code === 0 && ack.sessionPresent && ack.arrive !== null) {
        const connectT = info.connectT ?? ack.t;
        const later = b.c2bPublishes.find(
          (p) => p.t >= connectT && p.client !== f.client && filters.some((fl) => topicMatches(fl, p.topic)),
        );
        const until = Math.min(
          ack.arrive + tol.burstMs,
          later === undefined ? Infinity : (later.arrive ?? later.t),
        );
        queued = b.publishes.filter(
          (p) => p.conn === info.conn && p.qos > 0 && p.arrive >= ack.arrive! && p.arrive <= until,
        ).length;
      }
      f.connacks.push({
        t: ack.t,
        conn: info.conn,
        code: ack.code,
        sessionPresent: ack.sessionPresent,
        queued,
        serverKeepAlive: info.serverKeepAlive,
        cappedExpiry:
          info.grantedExpiry !== null && info.grantedExpiry !== info.requestedExpiry
            ? info.grantedExpiry
            : null,
      });
    }
    f.connacks.sort((x, y) => x.t - y.t);
  }

  extractWills(b, clients, tol, wanted);
  return { source, clients, endT };
}

/** Deliveries of a resumed session's stored messages, which are not fresh publications. */
function isSessionDelivery(p: Delivery, info: ConnInfo | undefined, tol: Tolerances): boolean {
  if (p.dup) return true;
  const ack = info?.connack;
  return ack != null && ack.sessionPresent && ack.arrive !== null && p.arrive <= ack.arrive + tol.burstMs;
}

function extractWills(
  b: Builder,
  clients: Map<string, ClientFacts>,
  tol: Tolerances,
  wanted: (id: string) => boolean,
): void {
  // Whose will is a given topic and payload? (Several clients may share one: the latest closed wins.)
  const owners = new Map<string, ConnInfo[]>();
  for (const info of b.conns.values()) {
    if (info.willTopic === null) continue;
    const key = willKey(info.willTopic, info.willPayload);
    let list = owners.get(key);
    if (!list) owners.set(key, (list = []));
    list.push(info);
  }
  const ownerOf = (p: Delivery): string | null => {
    const list = p.will === null ? undefined : owners.get(p.will);
    if (!list || list.length === 0) return null;
    const closedBefore = list
      .filter((c) => c.brokerClose !== null && c.brokerClose.t <= p.arrive)
      .sort((x, y) => y.brokerClose!.t - x.brokerClose!.t);
    return (closedBefore[0] ?? list[0]).client;
  };

  // Fresh deliveries of will messages, by owner, clustered into publications.
  const clusters = new Map<string, { t: number; receivers: Set<string>; used: boolean }[]>();
  for (const p of b.publishes) {
    if (p.retain || isSessionDelivery(p, b.conns.get(p.conn), tol)) continue;
    const owner = ownerOf(p);
    if (owner === null) continue;
    let list = clusters.get(owner);
    if (!list) clusters.set(owner, (list = []));
    const last = list[list.length - 1];
    if (last !== undefined && p.arrive - last.t <= tol.clusterMs) last.receivers.add(p.client);
    else list.push({ t: p.arrive, receivers: new Set([p.client]), used: false });
  }

  const closeOf = (info: ConnInfo | undefined): BrokerClose | null => info?.brokerClose ?? null;
  const receiversOf = (set: Set<string> | undefined): string[] => [...(set ?? [])].filter(wanted).sort();

  for (const e of b.willEvents) {
    if (!wanted(e.client)) continue;
    const f = clients.get(e.client);
    if (!f) continue;
    const list = clusters.get(e.client) ?? [];
    const cluster = list.find((c) => !c.used && c.t >= e.t - tol.clusterMs && c.t <= e.t + tol.clusterMs);
    if (cluster) cluster.used = true;
    const info = b.conns.get(e.conn);
    const close = closeOf(info);
    f.wills.push({
      t: e.t,
      conn: e.conn,
      cause: e.cause,
      lagMs: close === null ? null : e.t - close.t,
      delayedWill: (info?.willDelay ?? 0) > 0 || e.delayed > 0,
      receivers: receiversOf(cluster?.receivers),
      via: 'event',
    });
  }
  for (const [owner, list] of clusters) {
    const f = clients.get(owner);
    if (!f) continue;
    for (const c of list) {
      if (c.used) continue;
      // Its connection: the owner's latest one closed at the broker before the will arrived.
      const info = f.conns
        .filter((x) => x.willTopic !== null && x.brokerClose !== null && x.brokerClose.t <= c.t + tol.slackMs)
        .sort((x, y) => y.brokerClose!.t - x.brokerClose!.t)[0];
      const close = closeOf(info);
      f.wills.push({
        t: c.t,
        conn: info?.conn ?? null,
        cause: close?.reason ?? null,
        lagMs: close === null ? null : c.t - close.t,
        delayedWill: (info?.willDelay ?? 0) > 0,
        receivers: receiversOf(c.receivers),
        via: 'delivery',
      });
    }
  }
  for (const f of clients.values()) f.wills.sort((x, y) => x.t - y.t);
}
