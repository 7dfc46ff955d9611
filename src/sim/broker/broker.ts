// The simulated broker: accepts connections, answers PINGREQ, detects silent clients by its
// profile's keep-alive rule, publishes wills, resolves take-overs, and keeps sessions, retained
// messages and subscriptions. What differs between real brokers lives in the profile; the rules
// here are the standard's, cited where they apply. Connections are rows of the run's table
// (connections.ts), addressed by id.
// One file because it is one event handler: accepting, the keep-alive deadline, take-over, wills and
// sessions all read and write the same connection and session rows, in the order the engine gives.

import type { ClientTransport, Qos, ResolvedWill } from '../../scenario/types';
import type { PacketDetail, Reason } from '../../trace/types';
import type { Engine } from '../engine/engine';
import { BROKER_CLOSED, BROKER_OPEN, type Connections } from '../connections';
import { BROKER_UP, KEEPALIVE_DUE, SESSION_EXPIRY_DUE, WILL_DUE } from '../kinds';
import type { Wire } from '../network/wire';
import {
  CONNACK,
  CONNECT,
  DISCONNECT,
  PINGREQ,
  PINGRESP,
  PUBACK,
  PUBCOMP,
  PUBLISH,
  PUBREC,
  PUBREL,
  SUBACK,
  SUBSCRIBE,
  UNSUBACK,
  UNSUBSCRIBE,
} from '../packets';
import type { Transport } from '../transport';
import type { BrokerProfile } from './profiles';
import { Session, type Message, type Subscriber } from './session';
import { topicMatches } from '../../scenario/topics';
import { TopicTree } from './topicTree';

/** A Session Expiry Interval of 0xFFFFFFFF means the session never expires [MQTT-3.1.2-23]. */
const NEVER_EXPIRES = 0xffffffff;

export class Broker {
  up = true;
  private sessions = new Map<string, Session>();
  private sessionsByIndex: (Session | null)[] = [];
  private readonly subscriptions = new TopicTree<Session>();
  private retained = new Map<string, Message>();
  /** Connections whose broker end is open, in the order they were accepted. */
  private readonly open = new Set<number>();
  /** Reused per routed message: the best QoS per matching session. */
  private readonly matched = new Map<Session, Qos>();

  constructor(
    private readonly engine: Engine,
    private readonly transport: Transport,
    private readonly wire: Wire,
    private readonly conns: Connections,
    private readonly profile: BrokerProfile,
    private readonly configuredServerKeepAlive: number | null,
    /** Client IDs whose transport is WebSocket (clones share their client's); the others use TCP. */
    private readonly webSocketClients: ReadonlySet<string> = NO_CLIENTS,
  ) {}

  /** A packet reached the broker on a connection whose broker end is not closed. */
  receive(conn: number, ticket: number): void {
    this.conns.brokerLastReceived[conn] = this.engine.now;
    const wire = this.wire;
    switch (wire.type(ticket)) {
      case CONNECT:
        this.accept(conn, wire.detail(ticket) as PacketDetail);
        return;
      case PINGREQ:
        // [MQTT-3.12.4-1] The server answers every PINGREQ.
        this.transport.toClient(conn, PINGRESP, 0, null);
        return;
      case PUBLISH:
        this.receivePublish(conn, wire.detail(ticket) as PacketDetail, wire.messageId(ticket));
        return;
      case PUBREL:
        this.transport.toClient(conn, PUBCOMP, wire.messageId(ticket), null);
        return;
      case PUBREC:
        this.transport.toClient(conn, PUBREL, wire.messageId(ticket), null);
        return;
      case PUBACK:
      case PUBCOMP:
        this.conns.session[conn]?.acknowledged(wire.messageId(ticket));
        return;
      case SUBSCRIBE:
        this.subscribe(conn, wire.detail(ticket) as PacketDetail, wire.messageId(ticket));
        return;
      case UNSUBSCRIBE:
        this.unsubscribe(conn, wire.detail(ticket) as PacketDetail, wire.messageId(ticket));
        return;
      case DISCONNECT: {
        // [MQTT-3.14.4-3] A normal DISCONNECT deletes the will (unless the profile's broker keeps it over
        // this client's transport); 5.0 reason 0x04 keeps it.
        const withWill = this.conns.protocol[conn] === 5 && wire.detail(ticket)?.reasonCode === 0x04;
        if (!withWill && !this.profile.willOnNormalDisconnect(this.transportOf(conn)))
          this.conns.will[conn] = null;
        this.close(conn, withWill ? 'disconnect-with-will' : 'client-disconnect');
        return;
      }
      default:
        return;
    }
  }

  /** The client's end of the socket closed and the broker heard it. */
  peerClosed(conn: number): void {
    if (this.conns.brokerEnd[conn] === BROKER_OPEN) this.close(conn, 'network-error');
  }

  /** The keep-alive timer of a connection fired; it re-arms itself while packets keep coming. */
  keepAliveDue(conn: number): void {
    const conns = this.conns;
    conns.brokerTimerArmed[conn] = 0;
    if (conns.brokerEnd[conn] !== BROKER_OPEN) return;
    const now = this.engine.now;
    const deadline = this.profile.keepAliveDeadline(
      conns.brokerKeepAlive[conn],
      conns.brokerConnectedAt[conn],
      conns.brokerLastReceived[conn],
    );
    if (deadline > now) {
      this.armKeepAlive(conn, deadline);
      return;
    }
    // [MQTT-3.1.2-24] / [MQTT-3.1.2-22]: silence for 1.5 × K (as the profile measures it) closes the
    // connection as if the network failed, so the will is published.
    this.wire.event({
      t: now,
      kind: 'timeout',
      client: conns.clientId[conn],
      conn,
      side: 'broker',
      keepAlive: conns.brokerKeepAlive[conn],
      lastActivity: conns.brokerLastReceived[conn],
    });
    const code = this.profile.timeoutReasonCode(conns.protocol[conn] === 5 ? 5 : 4);
    if (code !== null) this.transport.toClient(conn, DISCONNECT, 0, { reasonCode: code });
    this.close(conn, 'keepalive-timeout');
  }

  willDue(sessionIndex: number, generation: number): void {
    const session = this.sessionsByIndex[sessionIndex];
    if (session == null || session.generation !== generation || session.pendingWill === null) return;
    const pending = session.pendingWill;
    session.pendingWill = null;
    this.publishWill(session.clientId, pending.conn, pending.will, pending.cause, pending.delayed);
  }

  sessionExpiryDue(sessionIndex: number, generation: number): void {
    const session = this.sessionsByIndex[sessionIndex];
    if (session == null || session.generation !== generation || session.conn !== 0) return;
    // [MQTT-3.1.3-9] A will still waiting goes out when its session ends.
    const pending = session.pendingWill;
    if (pending !== null) {
      session.pendingWill = null;
      this.publishWill(session.clientId, pending.conn, pending.will, pending.cause, pending.delayed);
    }
    if (session.expiry > 0) {
      this.wire.event({ t: this.engine.now, kind: 'session', client: session.clientId, state: 'expired' });
    }
    this.discard(session);
  }

  /**
   * The broker process restarts: every socket closes at once, and with no persistence it comes back
   * with no sessions, subscriptions or retained messages (as Mosquitto with `persistence false`).
   */
  restart(downMs: number): void {
    const now = this.engine.now;
    const conns = this.conns;
    this.up = false;
    for (const conn of this.open) {
      conns.brokerEnd[conn] = BROKER_CLOSED;
      this.wire.event({
        t: now,
        kind: 'conn',
        client: conns.clientId[conn],
        conn,
        side: 'broker',
        state: 'closed',
        reason: 'server-shutdown',
      });
      this.transport.closeFromBroker(conn);
    }
    this.open.clear();
    for (const session of this.sessions.values()) session.generation++;
    this.sessions = new Map();
    // Keep the indexes growing: a will or expiry timer of a lost session (still in the queue) must not
    // find a new session at its index. Reusing index 0 expired a later session of another client
    // early, against its Session Expiry Interval [MQTT-3.1.2-23].
    this.sessionsByIndex.fill(null);
    this.subscriptions.clear();
    this.retained = new Map();
    this.engine.schedule(now + downMs, BROKER_UP);
  }

  comeBack(): void {
    this.up = true;
  }

  private accept(conn: number, connect: PacketDetail): void {
    const now = this.engine.now;
    const conns = this.conns;
    const clientId = conns.clientId[conn];
    const protocol = conns.protocol[conn] === 5 ? 5 : 4;
    conns.brokerEnd[conn] = BROKER_OPEN;
    conns.brokerConnectedAt[conn] = now;
    this.open.add(conn);
    this.wire.event({
      t: now,
      kind: 'conn',
      client: clientId,
      conn,
      side: 'broker',
      state: 'open',
      reason: 'connect',
    });
    const refusal = this.profile.refusal({
      protocol,
      will: connect.will !== undefined && connect.will !== null,
      properties: connect.properties !== undefined && Object.keys(connect.properties).length > 0,
    });
    if (refusal !== null) {
      if (refusal === 'connack')
        this.transport.toClient(conn, CONNACK, 0, { reasonCode: 1, sessionPresent: false });
      this.close(conn, 'protocol-error');
      return;
    }

    const keepAlive = connect.keepAlive ?? 0;
    const serverKeepAlive =
      protocol === 5 ? this.profile.serverKeepAlive(keepAlive, this.configuredServerKeepAlive) : null;
    conns.brokerKeepAlive[conn] = serverKeepAlive ?? keepAlive;
    const requestedExpiry = connect.properties?.sessionExpiryInterval ?? 0;
    const grantedExpiry = protocol === 5 ? this.profile.grantedSessionExpiry(requestedExpiry) : 0;
    const cleanStart = conns.cleanStart[conn] === 1;
    if (protocol === 5) {
      conns.sessionExpiry[conn] = grantedExpiry === NEVER_EXPIRES ? Infinity : grantedExpiry;
    } else {
      // [MQTT-3.1.2-6] A 3.1.1 session without clean session lasts until a clean one replaces it.
      conns.sessionExpiry[conn] = cleanStart ? 0 : Infinity;
    }
    conns.will[conn] = connect.will
      ? {
          topic: connect.will.topic,
          payload: typeof connect.will.payload === 'string' ? connect.will.payload : '',
          qos: connect.will.qos,
          retain: connect.will.retain,
          delay: protocol === 5 ? (connect.properties?.willDelayInterval ?? 0) : 0,
        }
      : null;

    let existing = this.sessions.get(clientId);
    if (existing !== undefined && existing.conn !== 0 && conns.brokerEnd[existing.conn] === BROKER_OPEN) {
      if (this.takeOver(existing.conn, conn)) {
        this.discard(existing);
        existing = undefined;
      }
    }

    let session: Session;
    let sessionPresent = false;
    const resumed = existing !== undefined && !cleanStart;
    if (resumed) {
      // [MQTT-3.1.2-4] Clean Start 0 resumes the session; a will waiting out its delay is cancelled
      // [MQTT-3.1.3-9].
      session = existing as Session;
      session.generation++;
      session.pendingWill = null;
      sessionPresent = this.profile.sessionPresent({
        resumed: true,
        highestSubscriptionQos: session.highestSubscriptionQos,
      });
      this.wire.event({
        t: now,
        kind: 'session',
        client: clientId,
        state: 'resumed',
        queued: session.waiting,
      });
    } else {
      if (existing !== undefined) {
        // Clean Start 1 ends the old session, so a delayed will goes out now [MQTT-3.1.3-9].
        const pending = existing.pendingWill;
        existing.pendingWill = null;
        if (pending !== null)
          this.publishWill(existing.clientId, pending.conn, pending.will, pending.cause, 0);
        this.discard(existing);
      }
      session = this.createSession(clientId);
    }
    session.conn = conn;
    session.expiry = conns.sessionExpiry[conn];
    conns.session[conn] = session;

    const properties: PacketDetail['properties'] = {};
    if (serverKeepAlive !== null) properties.serverKeepAlive = serverKeepAlive;
    if (protocol === 5 && grantedExpiry !== requestedExpiry) properties.sessionExpiryInterval = grantedExpiry;
    this.transport.toClient(conn, CONNACK, 0, {
      reasonCode: 0,
      sessionPresent,
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    });
    this.armKeepAlive(conn, this.profile.keepAliveDeadline(conns.brokerKeepAlive[conn], now, now));

    if (resumed) {
      // [MQTT-4.4.0-1] Resend what was not acknowledged, then what was queued while away.
      for (const [messageId, message] of session.unacknowledged()) {
        this.sendPublish(conn, message, message.qos, messageId, true);
      }
      for (const message of session.takeQueue()) this.deliver(session, message, message.qos);
    }
  }

  /**
   * [MQTT-3.1.4-2] / [MQTT-3.1.4-3]: a CONNECT with the client ID of a live connection closes that
   * connection (5.0: DISCONNECT 0x8E first, per profile). Returns whether the old session ends.
   */
  private takeOver(old: number, replacement: number): boolean {
    const conns = this.conns;
    const now = this.engine.now;
    this.wire.event({
      t: now,
      kind: 'takeover',
      client: conns.clientId[old],
      oldConn: old,
      newConn: replacement,
    });
    const oldProtocol = conns.protocol[old] === 5 ? 5 : 4;
    const code = this.profile.takeoverReasonCode(oldProtocol);
    if (code !== null) this.transport.toClient(old, DISCONNECT, 0, { reasonCode: code });
    const oldSessionEnds = conns.sessionExpiry[old] === 0;
    const will = conns.will[old];
    conns.will[old] = null;
    this.closeEnd(old, 'takeover');
    if (
      will !== null &&
      this.profile.takeoverPublishesWill({
        oldProtocol,
        willDelay: will.delay,
        oldSessionEnds,
        newCleanStart: conns.cleanStart[replacement] === 1,
        transport: this.transportOf(old),
      })
    ) {
      this.publishWill(conns.clientId[old], old, will, 'takeover', 0);
    }
    const session = conns.session[old];
    if (session !== null) session.conn = 0;
    return oldSessionEnds;
  }

  private transportOf(conn: number): ClientTransport {
    return this.webSocketClients.has(this.conns.clientId[conn]) ? 'ws' : 'tcp';
  }

  /** Closes the broker end for a reason other than take-over, applying the will and session rules. */
  private close(conn: number, reason: Reason): void {
    const conns = this.conns;
    this.closeEnd(conn, reason);
    const session = conns.session[conn];
    if (session === null || session.conn !== conn) return;
    session.conn = 0;
    const will = conns.will[conn];
    conns.will[conn] = null;
    if (will !== null) this.applyWill(session, conn, will, reason);
    this.scheduleExpiry(session);
  }

  private closeEnd(conn: number, reason: Reason): void {
    this.conns.brokerEnd[conn] = BROKER_CLOSED;
    this.open.delete(conn);
    this.wire.event({
      t: this.engine.now,
      kind: 'conn',
      client: this.conns.clientId[conn],
      conn,
      side: 'broker',
      state: 'closed',
      reason,
    });
    this.transport.closeFromBroker(conn);
  }

  /** [MQTT-3.1.2-8] A close without a normal DISCONNECT publishes the will, after its delay if any. */
  private applyWill(session: Session, conn: number, will: ResolvedWill, cause: Reason): void {
    const delay = will.delay > 0 ? this.profile.willPublishDelay(will.delay, session.expiry) : 0;
    if (delay <= 0) {
      this.publishWill(this.conns.clientId[conn], conn, will, cause, 0);
      return;
    }
    session.pendingWill = { will, conn, cause, delayed: delay };
    this.engine.schedule(this.engine.now + delay * 1000, WILL_DUE, session.index, session.generation);
  }

  private scheduleExpiry(session: Session): void {
    const now = this.engine.now;
    if (session.expiry === Infinity) return;
    if (session.expiry === 0 && session.pendingWill === null) {
      this.discard(session);
      return;
    }
    // A session with Session Expiry 0 but a will still waiting (Mosquitto) lives until the will goes.
    const seconds = session.expiry > 0 ? session.expiry : (session.pendingWill?.delayed ?? 0);
    this.engine.schedule(now + seconds * 1000, SESSION_EXPIRY_DUE, session.index, session.generation);
  }

  private publishWill(
    clientId: string,
    connId: number,
    will: ResolvedWill,
    cause: Reason,
    delayed: number,
  ): void {
    const message: Message = { topic: will.topic, payload: will.payload, qos: will.qos, retain: will.retain };
    const deliveries = this.deliveries(this.match(message.topic), message.qos);
    const receivers: string[] = [];
    for (const d of deliveries) if (d.session.conn !== 0) receivers.push(d.session.clientId);
    this.wire.event({
      t: this.engine.now,
      kind: 'will',
      client: clientId,
      conn: connId,
      topic: will.topic,
      qos: will.qos,
      retain: will.retain,
      cause,
      delayed,
      payload: will.payload,
      receivers,
    });
    this.retain(message);
    for (const d of deliveries) this.deliver(d.session, message, d.qos);
  }

  private receivePublish(conn: number, detail: PacketDetail, messageId: number): void {
    const qos = detail.qos ?? 0;
    if (qos === 1) this.transport.toClient(conn, PUBACK, messageId, null);
    else if (qos === 2) this.transport.toClient(conn, PUBREC, messageId, null);
    const topic = detail.topic ?? '';
    const retain = detail.retain ?? false;
    const deliveries = this.deliveries(this.route(conn, topic), qos);
    // A fleet's readings are neither retained nor read by anyone: no message to build for them.
    if (!retain && deliveries.length === 0) return;
    const message: Message = {
      topic,
      payload: typeof detail.payload === 'string' ? detail.payload : '',
      qos,
      retain,
    };
    this.retain(message);
    for (const d of deliveries) this.deliver(d.session, message, d.qos);
  }

  private retain(message: Message): void {
    if (!message.retain) return;
    // [MQTT-3.3.1-10] An empty retained payload removes the retained message.
    if (message.payload === '') this.retained.delete(message.topic);
    else this.retained.set(message.topic, message);
  }

  /** Sessions subscribed to `topic`, each once with the highest QoS of its matching subscriptions. */
  private match(topic: string): readonly Subscriber[] {
    const matched = this.matched;
    this.subscriptions.match(topic, (session, subQos) => {
      const best = matched.get(session);
      if (best === undefined || subQos > best) matched.set(session, subQos as Qos);
    });
    if (matched.size === 0) return NO_SUBSCRIBERS;
    const subscribers: Subscriber[] = [];
    for (const [session, qos] of matched) subscribers.push({ session, qos });
    matched.clear();
    return subscribers;
  }

  /** `match` for a PUBLISH on `conn`, remembered by its session while the subscriptions stay the same. */
  private route(conn: number, topic: string): readonly Subscriber[] {
    const session = this.conns.session[conn];
    if (session === null) return this.match(topic);
    const version = this.subscriptions.version;
    if (session.routeTopic !== topic || session.routeVersion !== version) {
      session.route = this.match(topic);
      session.routeTopic = topic;
      session.routeVersion = version;
    }
    return session.route;
  }

  /** Each subscriber gets the message at the lower of its subscription's QoS and the message's. */
  private deliveries(subscribers: readonly Subscriber[], qos: Qos): readonly Subscriber[] {
    if (subscribers.length === 0) return NO_SUBSCRIBERS;
    return subscribers.map((s) => ({ session: s.session, qos: (s.qos < qos ? s.qos : qos) as Qos }));
  }

  private deliver(session: Session, message: Message, qos: Qos): void {
    const conn = session.conn;
    if (conn !== 0 && this.conns.brokerEnd[conn] === BROKER_OPEN) {
      const messageId = qos > 0 ? session.allocateMessageId() : 0;
      if (qos > 0) session.sent(messageId, { ...message, qos });
      // Forwarded messages carry retain 0 ([MQTT-3.3.1-9]); retained ones sent on subscribe carry 1.
      this.sendPublish(conn, { ...message, retain: false }, qos, messageId, false);
    } else if (qos > 0 && session.expiry > 0) {
      // [MQTT-4.5.0-1] QoS 1/2 messages wait for an offline session; QoS 0 ones are not kept.
      session.enqueue({ ...message, qos });
    }
  }

  private sendPublish(conn: number, message: Message, qos: Qos, messageId: number, dup: boolean): void {
    const detail: PacketDetail = {
      topic: message.topic,
      qos,
      retain: message.retain,
      payload: message.payload,
    };
    if (qos > 0) detail.messageId = messageId;
    if (dup) detail.dup = true;
    this.transport.toClient(conn, PUBLISH, messageId, detail);
  }

  private subscribe(conn: number, detail: PacketDetail, messageId: number): void {
    const session = this.conns.session[conn];
    if (session === null) return;
    const requested = detail.subscriptions ?? [];
    this.transport.toClient(conn, SUBACK, messageId, {
      messageId,
      subscriptions: requested.map((s) => ({ topic: s.topic, qos: s.qos })),
    });
    for (const { topic, qos } of requested) {
      session.subscribe(topic, qos);
      this.subscriptions.add(topic, session, qos);
      // [MQTT-3.3.1-6] Retained messages matching a new subscription are sent with retain 1.
      for (const message of this.retained.values()) {
        if (!topicMatches(topic, message.topic)) continue;
        const granted = (qos < message.qos ? qos : message.qos) as Qos;
        const id = granted > 0 ? session.allocateMessageId() : 0;
        if (granted > 0) session.sent(id, { ...message, qos: granted });
        this.sendPublish(conn, message, granted, id, false);
      }
    }
  }

  private unsubscribe(conn: number, detail: PacketDetail, messageId: number): void {
    const session = this.conns.session[conn];
    if (session === null) return;
    for (const { topic } of detail.subscriptions ?? []) {
      session.unsubscribe(topic);
      this.subscriptions.remove(topic, session);
    }
    this.transport.toClient(conn, UNSUBACK, messageId, { messageId });
  }

  private armKeepAlive(conn: number, deadline: number): void {
    if (deadline === Infinity || this.conns.brokerTimerArmed[conn] === 1) return;
    this.conns.brokerTimerArmed[conn] = 1;
    this.engine.schedule(deadline, KEEPALIVE_DUE, conn);
  }

  private createSession(clientId: string): Session {
    const session = new Session(this.sessionsByIndex.length, clientId);
    this.sessionsByIndex.push(session);
    this.sessions.set(clientId, session);
    this.wire.event({ t: this.engine.now, kind: 'session', client: clientId, state: 'created' });
    return session;
  }

  private discard(session: Session): void {
    for (const filter of session.filters()) this.subscriptions.remove(filter, session);
    session.generation++;
    if (this.sessions.get(session.clientId) === session) this.sessions.delete(session.clientId);
    this.sessionsByIndex[session.index] = null;
  }
}

const NO_SUBSCRIBERS: readonly Subscriber[] = [];
const NO_CLIENTS: ReadonlySet<string> = new Set();
