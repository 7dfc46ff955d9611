// Broker reports → trace events on the clients' lanes (conns.ts explains the `conn` numbers), and the
// wills of the page's probes recognised on the page's own subscription.
//
// Nothing is invented: a field the broker did not reveal is left out (Mosquitto's timeout line has no
// keep alive and no last activity; aedes's "disconnect" has no reason). Two conclusions are drawn from
// the page's own knowledge, and marked:
//   - a will received on the subscription with a probe's will topic and payload is that probe's will
//     (`source: "self"`, `observed: "subscription"`), unless the broker reports wills itself;
//   - a probe that was silenced (sent nothing for ≥ 1.5 × K) and whose connection the broker then ended
//     (closed it, or published its will) was timed out by the broker: a `timeout` event with
//     `source: "probe"`, `inferred: true`, `lastActivity` = the probe's last send. Made only for brokers
//     that do not report timeouts themselves (Mosquitto 2.0.11 logs none for WebSocket clients).
import type { ConnEvent, EventSource, Reason, TimeoutEvent, TraceEvent, WillEvent } from '../trace';
import { reasonOfSentDisconnect, silentLongEnoughForTimeout } from './attempt';
import type { ConnRegistry, Lane } from './conns';
import { clipText } from './clip';
import { TRACE_TOPIC_LIMIT } from './packets';
import { BROKER_NAME, BrokerMessageParser, SOURCE_OF } from './parsers';
import type { BrokerReport, ParsedMessage } from './parsers';
import { tracePayload, utf8OrNull } from './payload';
import type { BrokerKind, EmitEvent } from './types';

export interface BrokerEventsDeps {
  registry: ConnRegistry;
  now(): number;
  emit: EmitEvent;
}

type ReportSource = Extract<EventSource, 'mosquitto-log' | 'emqx-event' | 'embedded' | 'live'>;

/**
 * A client ID a broker reports is kept at most this long (clip.ts): an ID may be 65 535 bytes on the
 * wire, and every one a live trace names is held for the whole session.
 */
export const LIVE_CLIENT_ID_LIMIT = 1024;

/** The report with its client ID (and a will's topic) at a length the trace can hold for long. */
function bounded(r: BrokerReport): BrokerReport {
  if (r.clientId.length <= LIVE_CLIENT_ID_LIMIT && (r.kind !== 'will' || r.topic.length <= TRACE_TOPIC_LIMIT))
    return r;
  const clientId = clipText(r.clientId, LIVE_CLIENT_ID_LIMIT);
  return r.kind === 'will'
    ? { ...r, clientId, topic: clipText(r.topic, TRACE_TOPIC_LIMIT) }
    : { ...r, clientId };
}

const samePayload = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export class BrokerEvents {
  /** The broker kind, detected from what arrived (the embedded broker's topics win over aedes's). */
  kind: BrokerKind = 'unknown';
  brokerId: string | undefined;
  private readonly parser = new BrokerMessageParser();
  private readonly embeddedIds = new Set<string>();
  private readonly kindListeners = new Set<(kind: BrokerKind) => void>();

  constructor(private readonly deps: BrokerEventsDeps) {}

  onKind(listener: (kind: BrokerKind) => void): () => void {
    this.kindListeners.add(listener);
    return () => this.kindListeners.delete(listener);
  }

  /** The broker reports keep-alive timeouts of WebSocket clients itself. */
  reportsTimeouts(): boolean {
    return this.kind === 'embedded' || this.kind === 'emqx';
  }

  /** The broker reports the wills it publishes itself. */
  reportsWills(): boolean {
    return this.kind === 'embedded';
  }

  /** Every message the page's connection receives. */
  onMessage(topic: string, payload: Uint8Array): void {
    if (BrokerMessageParser.isEventTopic(topic)) {
      const text = utf8OrNull(payload);
      if (text !== null) {
        const parsed = this.parser.parse(topic, text);
        if (parsed) this.apply(parsed);
      }
    }
    this.observeWill(topic, payload);
  }

  /** Applies one parsed message (exposed for tests that feed fixtures). */
  apply(parsed: ParsedMessage): void {
    if (parsed.broker === 'embedded' && parsed.brokerId) this.embeddedIds.add(parsed.brokerId);
    // The embedded broker runs on aedes: its plain aedes topics repeat what its own topics say.
    if (parsed.broker === 'aedes' && parsed.brokerId && this.embeddedIds.has(parsed.brokerId)) return;
    // RabbitMQ's log and ActiveMQ's advisories come on topics any client may publish on: once a broker
    // has spoken on topics of its own, such a message is some client's, not that broker's.
    if (BrokerMessageParser.doubtful(parsed, this.kind)) return;
    this.detect(parsed);
    const source = SOURCE_OF[parsed.broker];
    const broker = BROKER_NAME[parsed.broker];
    for (const r of parsed.reports) this.report(bounded(r), source, broker);
  }

  private detect(parsed: ParsedMessage): void {
    const next = parsed.broker;
    if (this.kind === next || this.kind === 'embedded') return;
    if (this.kind !== 'unknown' && next === 'aedes') return;
    this.kind = next;
    this.brokerId = parsed.brokerId;
    for (const l of this.kindListeners) l(next);
  }

  private report(r: BrokerReport, source: ReportSource, broker: string): void {
    const { registry } = this.deps;
    const t = this.deps.now();
    const extra: Record<string, unknown> = {};
    if (r.brokerTime !== undefined) extra.brokerTime = r.brokerTime;
    if (r.brokerReason !== undefined) extra.brokerReason = r.brokerReason;
    switch (r.kind) {
      case 'connected': {
        const lane = registry.forBrokerOpen(r.clientId, r.brokerConn);
        if (lane.brokerOpen) return;
        lane.brokerOpen = true;
        if (r.keepAlive !== undefined) lane.keepAlive = r.keepAlive;
        if (r.protocol === 4 || r.protocol === 5) lane.protocol = r.protocol;
        if (r.cleanStart !== undefined) lane.cleanStart = r.cleanStart;
        if (r.transport !== undefined) lane.transport = r.transport;
        if (r.keepAlive !== undefined) extra.keepAlive = r.keepAlive;
        if (r.protocol !== undefined) extra.protocol = r.protocol;
        if (r.cleanStart !== undefined) extra.cleanStart = r.cleanStart;
        if (r.transport !== undefined) extra.transport = r.transport;
        this.conn(t, lane, 'open', 'connect', source, extra);
        return;
      }
      case 'timeout': {
        const lane = registry.currentOrUnseen(r.clientId, r.brokerConn);
        if (lane.brokerClosed) return;
        if (!lane.timeoutSeen) {
          lane.timeoutSeen = true;
          // The keep alive of this report, else of the connect the broker reported; the last activity
          // only when the broker said how long the client was silent. What it did not say stays out,
          // and `broker` names who did not say it ("not reported by Mosquitto").
          const keepAlive = r.keepAlive ?? lane.keepAlive;
          const since = r.idleMs !== undefined ? t - r.idleMs : undefined;
          const e = {
            t,
            kind: 'timeout',
            client: lane.client,
            conn: lane.conn,
            side: 'broker',
            ...(keepAlive !== undefined ? { keepAlive } : {}),
            ...(since !== undefined && since >= 0 ? { lastActivity: since } : {}),
            // Silent since before this trace began: the trace cannot hold that time, only the silence.
            ...(since !== undefined && since < 0 ? { silentMs: r.idleMs } : {}),
            source,
            broker,
            ...(lane.unseen ? { connUnseen: true } : {}),
            ...extra,
          };
          this.deps.emit(e as TimeoutEvent);
        }
        this.close(t, lane, 'keepalive-timeout', source, extra);
        return;
      }
      case 'takeover': {
        const open = registry.lanesOf(r.clientId).filter((l) => l.brokerOpen && !l.brokerClosed);
        const old =
          registry.byBroker(r.brokerConn) ??
          (open.length > 0 ? open[0] : registry.currentOrUnseen(r.clientId));
        const newer = open.length >= 2 && r.newBrokerConn === undefined ? open[open.length - 1] : undefined;
        const next = newer ?? registry.takeoverTarget(r.clientId, old, r.newBrokerConn);
        this.deps.emit({
          t,
          kind: 'takeover',
          client: r.clientId,
          oldConn: old.conn,
          newConn: next.conn,
          source,
          ...extra,
        } as TraceEvent);
        // Mosquitto logs a taken-over WebSocket connection's close afterwards ("closed its connection").
        if (source === 'mosquitto-log' && old.transport === 'websockets') old.closeLinePending = true;
        this.close(t, old, 'takeover', source, extra);
        return;
      }
      case 'disconnected': {
        let lane: Lane | undefined = registry.byBroker(r.brokerConn);
        if (!lane) {
          const pending = registry.lanesOf(r.clientId).find((l) => l.closeLinePending);
          if (pending && source === 'mosquitto-log' && r.reason === undefined) {
            pending.closeLinePending = false;
            return;
          }
          lane = registry.currentOrUnseen(r.clientId);
        }
        if (lane.brokerClosed) return;
        let reason = r.reason;
        if (reason === 'client-disconnect' && lane.disconnectSent === 4) reason = 'disconnect-with-will';
        if (reason === undefined && r.brokerReason === 'closed its connection') {
          // Mosquitto's words for a socket closed without DISCONNECT; a silenced probe's was a timeout.
          reason = this.inferTimeout(lane) ? 'keepalive-timeout' : 'network-error';
        }
        if (reason === undefined && lane.local !== null && lane.disconnectSent !== undefined) {
          reason = reasonOfSentDisconnect(lane.disconnectSent);
        }
        this.close(t, lane, reason, source, extra);
        return;
      }
      case 'will': {
        const lane = registry.byBroker(r.brokerConn) ?? registry.currentOrUnseen(r.clientId);
        lane.willSeen = true;
        const e: Record<string, unknown> = {
          t,
          kind: 'will',
          client: lane.client,
          conn: lane.conn,
          topic: r.topic,
          qos: r.qos,
          retain: r.retain,
        };
        if (r.cause !== undefined) e.cause = r.cause;
        e.delayed = r.delayed ?? 0;
        if (lane.will && lane.will.topic === r.topic) e.payload = lane.will.payload;
        e.source = source;
        if (r.payloadBytes !== undefined) e.payloadBytes = r.payloadBytes;
        Object.assign(e, extra);
        this.deps.emit(e as unknown as WillEvent);
        return;
      }
      case 'session-expired': {
        const list = registry.lanesOf(r.clientId);
        if (list.length > 0) list[list.length - 1].sessionExpiredAt = t;
        this.deps.emit({
          t,
          kind: 'session',
          client: r.clientId,
          state: 'expired',
          source,
          ...extra,
        } as TraceEvent);
        return;
      }
    }
  }

  private conn(
    t: number,
    lane: Lane,
    state: 'open' | 'closed',
    reason: Reason | undefined,
    source: ReportSource,
    extra: Record<string, unknown>,
  ): void {
    const e: Record<string, unknown> = {
      t,
      kind: 'conn',
      client: lane.client,
      conn: lane.conn,
      side: 'broker',
      state,
    };
    if (reason !== undefined) e.reason = reason;
    e.source = source;
    if (lane.unseen) e.connUnseen = true;
    Object.assign(e, extra);
    this.deps.emit(e as unknown as ConnEvent);
  }

  private close(
    t: number,
    lane: Lane,
    reason: Reason | undefined,
    source: ReportSource,
    extra: Record<string, unknown>,
  ): void {
    if (lane.brokerClosed) return;
    lane.brokerClosed = true;
    if (reason !== undefined && (lane.closeReason === undefined || lane.closeReason === 'network-error'))
      lane.closeReason = reason;
    lane.closedAt ??= t;
    this.conn(t, lane, 'closed', reason, source, extra);
  }

  /**
   * Concludes a keep-alive timeout for a silenced probe whose connection the broker ended (see the
   * file comment); emits it once. True when the lane's close was (now or before) a timeout.
   */
  inferTimeout(lane: Lane): boolean {
    if (lane.timeoutSeen) return true;
    if (lane.local !== 'probe' || !lane.silenced || this.reportsTimeouts()) return false;
    const k = lane.keepAlive ?? 0;
    const last = lane.lastSent;
    const t = this.deps.now();
    if (last === undefined || !silentLongEnoughForTimeout(t - last, k)) return false;
    lane.timeoutSeen = true;
    lane.closeReason = 'keepalive-timeout';
    this.deps.emit({
      t,
      kind: 'timeout',
      client: lane.client,
      conn: lane.conn,
      side: 'broker',
      keepAlive: k,
      lastActivity: last,
      source: 'probe',
      inferred: true,
    } as TimeoutEvent);
    return true;
  }

  /**
   * The broker took this connection over: it said so, or a newer connection with the same client ID
   * is open while this one was not ended by this side [MQTT-3.1.4-3]. Silenced or powered off, its
   * socket stays open at the broker; a crash or a DISCONNECT of its own closes it, and the broker saw
   * that first.
   */
  private takenOver(lane: Lane): boolean {
    if (lane.closeReason === 'takeover') return true;
    const endedHere = lane.closeReason !== undefined && lane.silenced !== true;
    if (lane.brokerClosed || endedHere) return false;
    return this.deps.registry
      .lanesOf(lane.client)
      .some((l) => l.conn > lane.conn && l.local !== null && (l.localOpen || l.brokerOpen));
  }

  /** A probe's will arriving on the page's subscription (see the file comment). */
  private observeWill(topic: string, payload: Uint8Array): void {
    if (this.reportsWills()) return;
    const { registry } = this.deps;
    let best: Lane | undefined;
    let bestPayload: unknown;
    // Only the page's own probes have wills it knows: never a walk over every lane a broker reported.
    for (const lane of registry.locals()) {
      const will = lane.will;
      if (lane.local !== 'probe' || !will || lane.willSeen || will.topic !== topic) continue;
      if (lane.disconnectSent === 0) continue; // a normal DISCONNECT discards the will
      if (bestPayload === undefined) bestPayload = tracePayload(payload);
      if (!samePayload(will.payload, bestPayload)) continue;
      const closed = lane.brokerClosed || !lane.localOpen;
      const bestClosed = best !== undefined && (best.brokerClosed || !best.localOpen);
      if (!best || (closed && !bestClosed)) best = lane;
    }
    if (!best || !best.will) return;
    const lane = best;
    const will = best.will;
    lane.willSeen = true;
    // A take-over wins over what this side saw last (a crash or power-off of its own: `network-error`)
    // and over a silence long enough for a timeout: the broker ended it because of the newer one.
    const takenOver = this.takenOver(lane);
    if (!takenOver) this.inferTimeout(lane);
    const t = this.deps.now();
    let cause: Reason | undefined = takenOver ? 'takeover' : lane.closeReason;
    if (
      lane.sessionExpiredAt !== undefined &&
      (lane.closedAt === undefined || lane.sessionExpiredAt >= lane.closedAt)
    )
      cause = 'session-expired';
    const e: Record<string, unknown> = {
      t,
      kind: 'will',
      client: lane.client,
      conn: lane.conn,
      topic: will.topic,
      qos: will.qos,
      retain: will.retain,
    };
    if (cause !== undefined) e.cause = cause;
    if (will.delay === 0) e.delayed = 0;
    else if (lane.closedAt !== undefined) e.delayed = Math.round((t - lane.closedAt) / 100) / 10;
    e.payload = will.payload;
    e.source = 'self';
    e.observed = 'subscription';
    this.deps.emit(e as unknown as WillEvent);
  }
}
