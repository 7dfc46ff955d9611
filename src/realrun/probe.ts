// One real MQTT connection of a scenario client: an mqtt.js client over a real socket through a gate,
// both from the run's connector (link.ts: Node's TCP/TLS/WebSocket stream gate, or the page's WebSocket
// gate — this file is environment-neutral), every packet traced as live mode traces it (src/live/packets.ts)
// on a lane of live mode's connection registry (src/live/conns.ts), so that the broker's own reports
// (src/live/brokerEvents.ts) land on the same `conn` numbers.
//
// Trace conventions (the same as live mode's TracedClient): a sent packet has `arrive` = `t` and
// `arriveUnknown: true` (when the broker read it is not known), or `arrive: null` when the gate
// dropped it (link down, device dead); a received packet has `t` = `arrive` = when it came in and
// `sentUnknown: true`; a packet the broker sent that the device did not get (link down, powered off)
// has `arrive: null` and `dropped: <gate mode>`.
//
// What the probe itself can tell about the broker: when the broker closed the real socket (the
// runner had not). That is traced as a broker-side `conn` closed event with `source: "probe"` and
// `observed: "socket"`; its reason is the broker's when it said one (a report, a DISCONNECT reason
// code), else the runner's conclusion, marked `inferred: true`: a take-over when another connection
// with the same client ID just sent CONNECT, a shutdown during a broker restart, a keep-alive timeout
// when nothing had reached the broker for 1.5 × keep alive, otherwise a network error.
//
// One file because it is one connection's state machine: the socket, the gate and the trace lane change
// together on every packet and close.
import type { IClientOptions, MqttClient, Packet } from 'mqtt';
import { reasonOfSentDisconnect, silentLongEnoughForTimeout } from '../live/attempt';
import type { Lane, LaneWill } from '../live/conns';
import { packetTraceEvent } from '../live/packets';
import { tracePayload } from '../live/payload';
import type { ResolvedWill, ProtocolLevel, Qos } from '../scenario/types';
import type { Reason, TraceEvent } from '../trace/types';
import type { RunContext } from './context';
import { textBytes, type Connector, type GateControl } from './link';

export interface ProbeSettings {
  /** The target this connection goes to (its client's transport's). */
  connector: Connector;
  clientId: string;
  /** CONNECT's User Name and Password, or null; the connector adds its address's when these are null. */
  username: string | null;
  password: string | null;
  protocol: ProtocolLevel;
  keepAlive: number;
  cleanStart: boolean;
  /** Session Expiry Interval, seconds (MQTT 5; 0: ends with the connection). */
  sessionExpiry: number;
  will: ResolvedWill | null;
  /** The device's link is down when the connection opens. */
  linkDown: boolean;
}

export interface ProbeClose {
  reason: Reason;
  /**
   * An action of the runner closed it (disconnect, crash, power-off); false: the broker (a refusal
   * too), the network, or a ping timeout — after which a client with `reconnect` tries again.
   */
  byUs: boolean;
}

export interface ProbeHandlers {
  connack(code: number, sessionPresent: boolean): void;
  close(close: ProbeClose): void;
}

/** A client that gets no CONNACK within K seconds gives up (30 s when K = 0): docs/scenario-format.md. */
const CONNACK_WAIT_WITHOUT_KEEPALIVE_S = 30;

/** How recent another connection's CONNECT must be for a close to count as its take-over. */
const TAKEOVER_WINDOW_MS = 2000;

function reasonOfBrokerDisconnect(code: number): Reason | null {
  if (code === 0x8e) return 'takeover';
  if (code === 0x8d) return 'keepalive-timeout';
  if (code === 0x8b) return 'server-shutdown';
  if (code === 0x81 || code === 0x82) return 'protocol-error';
  return null;
}

export class Probe {
  readonly client: MqttClient;
  private readonly gate: GateControl;
  private lane: Lane | null = null;
  private opened = false;
  /** Packets mqtt.js wrote before the socket opened: traced when it opens. */
  private pending: Packet[] = [];
  /** CONNACK 0 received. */
  connected = false;
  /** The client end is closed (and traced as such). */
  closed = false;
  /** When this connection's CONNECT was traced (trace ms), or -1. */
  connectAt = -1;
  /** Keep alive in force (the broker's Server Keep Alive when it sent one). */
  private keepAlive: number;
  /** Set by the runner's own actions before they close the connection. */
  private localReason: Reason | null = null;
  private pingTimeout = false;
  /** Reason code of a DISCONNECT the broker sent (received or dropped). */
  private brokerDisconnect: number | null = null;
  private lastPassed = -1;
  /** The CONNECT got through to the broker. */
  private connectPassed = false;
  private readonly decode: (frame: Uint8Array) => Packet | null;

  constructor(
    readonly settings: ProbeSettings,
    private readonly ctx: RunContext,
    private readonly handlers: ProbeHandlers,
  ) {
    this.keepAlive = settings.keepAlive;
    this.decode = settings.connector.decoder(settings.protocol);
    const will = settings.will;
    const options: IClientOptions = {
      clientId: settings.clientId,
      protocolId: 'MQTT',
      protocolVersion: settings.protocol,
      keepalive: settings.keepAlive,
      clean: settings.cleanStart,
      reconnectPeriod: 0,
      connectTimeout: (settings.keepAlive || CONNACK_WAIT_WITHOUT_KEEPALIVE_S) * 1000,
      resubscribe: false,
      manualConnect: true,
      queueQoSZero: false,
      ...(settings.username !== null ? { username: settings.username } : {}),
      ...(settings.password !== null ? { password: textBytes(settings.password) } : {}),
      ...(settings.protocol === 5 && settings.sessionExpiry > 0
        ? { properties: { sessionExpiryInterval: settings.sessionExpiry } }
        : {}),
      ...(will
        ? {
            will: {
              topic: will.topic,
              payload: textBytes(will.payload),
              qos: will.qos,
              retain: will.retain,
              ...(settings.protocol === 5 && will.delay > 0
                ? { properties: { willDelayInterval: will.delay } }
                : {}),
            },
          }
        : {}),
    };
    const connection = settings.connector.open(options, {
      onDropped: (frame) => {
        const p = this.decode(frame);
        if (p !== null) this.droppedPacket(p);
      },
      onPeerClose: () => this.peerClosed(),
    });
    this.gate = connection.gate;
    this.client = connection.client;
    if (settings.linkDown) this.gate.linkDown();
    connection.onOpen(() => this.socketOpened());
    this.client.on('packetsend', (p: Packet) => this.sent(p));
    this.client.on('packetreceive', (p: Packet) => this.received(p));
    this.client.on('error', (err: Error) => this.error(err));
    this.client.on('close', () => this.clientClosed());
    this.client.connect();
  }

  // --- actions ---------------------------------------------------------------------------------------

  publish(topic: string, payload: string, qos: Qos, retain: boolean): void {
    if (!this.connected || this.closed) return;
    this.client.publish(topic, payload, { qos, retain });
  }

  subscribe(subscriptions: readonly { topic: string; qos: Qos }[]): void {
    if (!this.connected || this.closed || subscriptions.length === 0) return;
    const map: Record<string, { qos: Qos }> = {};
    for (const s of subscriptions) map[s.topic] = { qos: s.qos };
    this.client.subscribe(map);
  }

  /** DISCONNECT (MQTT 5 reason 0x04 with `withWill`), then close; before CONNACK just close. */
  disconnect(withWill: boolean): void {
    if (this.closed) return;
    const v5WithWill = withWill && this.settings.protocol === 5;
    this.localReason = v5WithWill ? 'disconnect-with-will' : 'client-disconnect';
    if (!this.connected) {
      this.client.end(true);
      return;
    }
    const opts = this.settings.protocol === 5 ? { reasonCode: v5WithWill ? 0x04 : 0 } : {};
    this.client.end(false, opts);
  }

  /** The process dies: its operating system closes the socket at once. */
  crash(): void {
    if (this.closed) return;
    this.localReason = 'network-error';
    this.client.end(true);
  }

  /** The device vanishes: no more sending or reading, the socket stays open (half-open at the broker). */
  powerOff(): void {
    // Before the socket even opened, the device had no connection to leave half-open.
    if (!this.opened) this.gate.destroyRaw();
    this.gate.kill();
    if (this.lane) this.lane.silenced = true;
    if (this.closed) return;
    this.localReason = 'network-error';
    // The device's end is gone now (as in the simulation); mqtt.js is torn down without a sound.
    this.closeClientEnd('network-error', true);
    this.client.end(true);
  }

  linkDown(): void {
    this.gate.linkDown();
    if (this.lane) this.lane.silenced = true;
  }

  linkUp(): void {
    this.gate.linkUp();
    if (this.lane && !this.closed) this.lane.silenced = false;
  }

  /** The run is over: close everything, trace nothing more. */
  shutdown(): void {
    this.closed = true;
    this.gate.destroyRaw();
    this.client.end(true);
  }

  // --- socket and packets ------------------------------------------------------------------------------

  private socketOpened(): void {
    if (this.opened || this.closed || this.ctx.finished) return;
    this.opened = true;
    const s = this.settings;
    const will: LaneWill | undefined = s.will
      ? {
          topic: s.will.topic,
          payload: tracePayload(s.will.payload),
          qos: s.will.qos,
          retain: s.will.retain,
          delay: s.protocol === 5 ? s.will.delay : 0,
        }
      : undefined;
    this.lane = this.ctx.registry.open(s.clientId, 'probe', {
      localOpen: true,
      keepAlive: s.keepAlive,
      protocol: s.protocol,
      cleanStart: s.cleanStart,
      transport: s.connector.transport,
      ...(will ? { will } : {}),
    });
    this.ctx.probeOpened(this);
    const t = this.ctx.now();
    this.emit({
      t,
      kind: 'conn',
      client: s.clientId,
      conn: this.lane.conn,
      side: 'client',
      state: 'open',
      reason: 'connect',
      source: 'probe',
    });
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) this.traceSent(p, t);
  }

  private sent(p: Packet): void {
    if (this.closed) return;
    if (!this.opened) {
      this.pending.push(p);
      return;
    }
    this.traceSent(p, this.ctx.now());
  }

  private traceSent(p: Packet, t: number): void {
    const lane = this.lane;
    if (!lane) return;
    const passes = this.gate.passes;
    if (p.cmd === 'connect') this.connectAt = t;
    if (passes) {
      lane.lastSent = t;
      this.lastPassed = t;
      if (p.cmd === 'connect') this.connectPassed = true;
      if (p.cmd === 'disconnect') lane.disconnectSent = p.reasonCode ?? 0;
    }
    const extra = passes
      ? { source: 'probe', arriveUnknown: true }
      : { source: 'probe', dropped: this.gate.state };
    const e = packetTraceEvent(p, t, 'c2b', lane.client, lane.conn, t, extra);
    if (!passes) e.arrive = null;
    this.emit(e);
  }

  private received(p: Packet): void {
    const lane = this.lane;
    if (!lane || this.closed) return;
    const t = this.ctx.now();
    lane.lastReceived = t;
    this.emit(
      packetTraceEvent(p, t, 'b2c', lane.client, lane.conn, t, { source: 'probe', sentUnknown: true }),
    );
    if (p.cmd === 'connack') {
      const code = p.reasonCode ?? p.returnCode ?? 0;
      const ska = p.properties?.serverKeepAlive;
      if (this.settings.protocol === 5 && ska !== undefined) {
        this.keepAlive = ska;
        lane.keepAlive = ska;
      }
      if (code !== 0) {
        this.localReason = 'protocol-error';
        this.handlers.connack(code, false);
        this.client.end(true);
        return;
      }
      this.connected = true;
      this.handlers.connack(0, p.sessionPresent === true);
    } else if (p.cmd === 'disconnect') {
      this.brokerDisconnect = p.reasonCode ?? 0;
    }
  }

  /** A packet the broker sent that the device did not get. */
  private droppedPacket(p: Packet): void {
    const lane = this.lane;
    if (!lane || this.ctx.finished) return;
    if (p.cmd === 'disconnect') this.brokerDisconnect = p.reasonCode ?? 0;
    const t = this.ctx.now();
    const e = packetTraceEvent(p, t, 'b2c', lane.client, lane.conn, t, {
      source: 'probe',
      sentUnknown: true,
      dropped: this.gate.state,
    });
    e.arrive = null;
    this.emit(e);
  }

  private error(err: Error): void {
    const lane = this.lane;
    if (!/keepalive timeout/i.test(err.message) || !lane || this.closed || this.pingTimeout) return;
    this.pingTimeout = true;
    this.emit({
      t: this.ctx.now(),
      kind: 'timeout',
      client: lane.client,
      conn: lane.conn,
      side: 'client',
      keepAlive: this.keepAlive,
      lastActivity: lane.lastReceived ?? 0,
      source: 'probe',
    });
  }

  /** mqtt.js's stream closed. */
  private clientClosed(): void {
    if (this.closed) return;
    let reason: Reason;
    let byUs: boolean;
    if (this.localReason !== null) {
      reason = this.localReason;
      // A refused CONNECT is the broker's doing: the client tries again after its backoff.
      byUs = reason !== 'protocol-error';
    } else if (this.pingTimeout) {
      reason = 'ping-timeout';
      byUs = false;
    } else {
      byUs = false;
      reason =
        (this.brokerDisconnect !== null ? reasonOfBrokerDisconnect(this.brokerDisconnect) : null) ??
        'network-error';
    }
    this.closeClientEnd(reason, byUs);
  }

  private closeClientEnd(reason: Reason, byUs: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.connected = false;
    const lane = this.lane;
    if (lane && !this.ctx.finished) {
      const t = this.ctx.now();
      lane.localOpen = false;
      lane.closedAt ??= t;
      // A connection whose CONNECT never got out is no MQTT connection to the broker: no report of a
      // connected client may be taken for it.
      if (!this.connectPassed) lane.brokerClosed = true;
      if (byUs && lane.closeReason === undefined) lane.closeReason = reason;
      this.emit({
        t,
        kind: 'conn',
        client: lane.client,
        conn: lane.conn,
        side: 'client',
        state: 'closed',
        reason,
        source: 'probe',
      });
    }
    this.handlers.close({ reason, byUs });
  }

  /** The broker closed the real socket (the runner had not). */
  private peerClosed(): void {
    const lane = this.lane;
    if (!lane || this.ctx.finished) return;
    const t = this.ctx.now();
    let reason: Reason | null = null;
    let inferred = false;
    if (lane.brokerClosed && lane.closeReason !== undefined) reason = lane.closeReason;
    if (reason === null && this.brokerDisconnect !== null)
      reason = reasonOfBrokerDisconnect(this.brokerDisconnect);
    // Our DISCONNECT reached the broker, which closed before mqtt.js did: that DISCONNECT's close
    // (a broker quick to close, ejabberd, would otherwise make a 0x04 will look like a network error).
    if (reason === null && lane.disconnectSent !== undefined)
      reason = reasonOfSentDisconnect(lane.disconnectSent);
    if (reason === null) {
      inferred = true;
      const silentFor = t - (this.lastPassed >= 0 ? this.lastPassed : this.connectAt);
      if (this.ctx.brokerRestarting) reason = 'server-shutdown';
      else if (this.ctx.newerConnect(this, t - TAKEOVER_WINDOW_MS)) reason = 'takeover';
      else if (silentLongEnoughForTimeout(silentFor, this.keepAlive)) reason = 'keepalive-timeout';
      else reason = 'network-error';
    }
    if (lane.closeReason === undefined || lane.closeReason === 'network-error') lane.closeReason = reason;
    lane.closedAt ??= t;
    this.emit({
      t,
      kind: 'conn',
      client: lane.client,
      conn: lane.conn,
      side: 'broker',
      state: 'closed',
      reason,
      source: 'probe',
      observed: 'socket',
      ...(inferred ? { inferred: true } : {}),
    } as TraceEvent);
  }

  private emit(e: TraceEvent): void {
    this.ctx.emit(e);
  }
}
