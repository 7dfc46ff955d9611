// One traced MQTT connection over WebSockets (mqtt.js), shared by the page's own connection and the
// probes, in the page and in Node alike.
//
// Every packet mqtt.js sends or receives (`packetsend` / `packetreceive`, PINGREQ/PINGRESP included)
// becomes a `packet` trace event on the connection's lane (conns.ts):
//   - a received packet (b2c): `t` = `arrive` = when the page received it. When the broker sent it is
//     not known, so `t` is the receive time too and the event says so: `sentUnknown: true`;
//   - a sent packet (c2b): `t` = when it went onto the socket; when the broker received it is not
//     known, and `arrive: null` would claim it was lost, so `arrive` = `t` and `arriveUnknown: true`.
//     No estimate is put in its place: the measured round trip (CONNECT→CONNACK, PINGREQ→PINGRESP)
//     is on the answer as `rttMs`, for anyone who wants to draw flight times.
// mqtt.js writes CONNECT before the WebSocket is open (it buffers): packets written before the
// socket opens are held and traced when it opens, at the open time — when they really left. A socket
// that never opens has no lane and no events: the failure is the connection's error state instead.
import mqtt from 'mqtt';
import type { MqttClient, Packet } from 'mqtt';
import type { ConnEvent, TimeoutEvent } from '../trace';
import { closeReason, newAttempt, type Attempt, type ClientEvent, type LocalClose } from './attempt';
import { defaultWebSocketFactory } from './coalescingWebSocket';
import type { ConnRegistry, Lane, LaneWill } from './conns';
import { LiveConnectError, connectErrors, refusedError } from './errors';
import { mqttClientOptions } from './mqttOptions';
import type { LiveClientOptions } from './options';
import { packetTraceEvent } from './packets';
import { tracePayload } from './payload';
import type { EmitEvent, LiveClock, WebSocketFactory, WebSocketLike } from './types';

export type { ClientEvent, LocalClose } from './attempt';

export interface TracedClientDeps {
  clock: LiveClock;
  registry: ConnRegistry;
  emit: EmitEvent;
  /** Trace `source` of this client's packets and connection events. */
  source: 'self' | 'probe';
  createWebSocket?: WebSocketFactory;
  /**
   * Data received counts as a sign of life when a PINGRESP is late (the page's own connection): under a
   * flood the broker queues PINGRESP behind thousands of messages, and mqtt.js would close a working
   * connection (and the broker would drop what it queued). Off for probes: they keep mqtt.js's rule.
   */
  dataProvesAlive?: boolean;
}

/**
 * One mqtt.js client, every packet traced. mqtt.js's own reconnect is off: the owner decides (the
 * page's connection reconnects with backoff; probes reconnect when told to).
 */
export class TracedClient {
  readonly client: MqttClient;
  private attempt: Attempt | null = null;
  private attempts = 0;
  private readonly listeners = new Set<(e: ClientEvent) => void>();
  private readonly factory: WebSocketFactory | null;

  constructor(
    readonly options: LiveClientOptions,
    private readonly deps: TracedClientDeps,
  ) {
    this.factory = deps.createWebSocket ?? defaultWebSocketFactory();
    const mqttOptions = mqttClientOptions(options);
    if (this.factory) {
      const factory = this.factory;
      mqttOptions.createWebsocket = (url: string, protocols: string[]) =>
        this.socket(factory(url, protocols));
    }
    this.client = mqtt.connect(options.url, mqttOptions);
    this.client.on('packetsend', (p: Packet) => this.sent(p));
    this.client.on('packetreceive', (p: Packet) => this.received(p));
    this.client.on('error', (err: Error) => this.error(err));
    if (!this.factory) {
      // No WebSocket hook (Node without `ws` passed in): the socket counts as open at CONNACK.
      this.client.on('close', () => this.socketClosed(this.attempt));
    }
    if (deps.dataProvesAlive) {
      const timeout = this.client.onKeepaliveTimeout.bind(this.client);
      this.client.onKeepaliveTimeout = () => {
        const last = this.lane?.lastReceived;
        const k = (this.lane?.keepAlive ?? options.keepAlive) * 1000;
        if (last !== undefined && this.deps.clock.now() - last < k) {
          // Receiving: the connection works. Ask again rather than close it.
          this.client.keepaliveManager?.reschedule();
          this.client.sendPing();
          return;
        }
        timeout();
      };
    }
  }

  on(listener: (e: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(e: ClientEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  /** The lane of the current (or last) connection. */
  get lane(): Lane | null {
    return this.attempt?.lane ?? null;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Opens a connection; resolves at CONNACK 0, rejects with a LiveConnectError. */
  connect(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timeoutMs = this.options.connectTimeoutMs ?? 10000;
      let settled = false;
      const finish = (err: LiveConnectError | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        off();
        if (err) {
          // Stop mqtt.js from going on with a connection the caller gave up on.
          const a = this.attempt;
          if (a) a.failed = true;
          this.client.end(true);
          reject(err);
        } else resolve();
      };
      const timer = setTimeout(() => {
        const url = this.options.url;
        finish(
          this.attempt?.opened ? connectErrors.silent(url, timeoutMs) : connectErrors.timeout(url, timeoutMs),
        );
      }, timeoutMs);
      const off = this.on((e) => {
        const { url, protocol } = this.options;
        if (e.type === 'connack') finish(e.code === 0 ? null : refusedError(e.code));
        else if (e.type === 'error' && this.attempt && !this.attempt.opened)
          finish(connectErrors.unreachable(url, e.message || null));
        else if (e.type === 'error' && this.attempt?.opened && this.attempt.connack === null)
          finish(connectErrors.garbage(url, e.message));
        else if (e.type === 'close' && e.attempt.connack === null)
          finish(
            e.attempt.opened
              ? connectErrors.closed(url, protocol)
              : connectErrors.unreachable(url, e.attempt.error),
          );
      });
      if (this.attempts === 0) this.client.connect();
      else this.client.reconnect();
    });
  }

  // --- socket hooks --------------------------------------------------------------------------------

  private socket(ws: WebSocketLike): WebSocketLike {
    const attempt = newAttempt(++this.attempts);
    this.attempt = attempt;
    ws.addEventListener('open', () => this.socketOpened(attempt));
    ws.addEventListener('close', () => this.socketClosed(attempt));
    ws.addEventListener('error', (event: unknown) => {
      // `ws` (Node) says why; a browser's error event never does.
      const message = (event as { message?: unknown } | null)?.message;
      if (!attempt.opened) attempt.error ??= typeof message === 'string' && message !== '' ? message : null;
    });
    return ws;
  }

  private socketOpened(attempt: Attempt): void {
    if (attempt.opened || attempt.closed) return;
    attempt.opened = true;
    const { options, deps } = this;
    const will: LaneWill | undefined = options.will
      ? {
          topic: options.will.topic,
          payload: tracePayload(options.will.payload),
          qos: options.will.qos,
          retain: options.will.retain,
          delay: options.protocol === 5 ? (options.will.delay ?? 0) : 0,
        }
      : undefined;
    const lane = deps.registry.open(options.clientId, deps.source, {
      localOpen: true,
      keepAlive: options.keepAlive,
      protocol: options.protocol,
      cleanStart: options.cleanStart,
      transport: 'websockets',
      ...(will ? { will } : {}),
    });
    attempt.lane = lane;
    const t = deps.clock.now();
    deps.emit({
      t,
      kind: 'conn',
      client: lane.client,
      conn: lane.conn,
      side: 'client',
      state: 'open',
      reason: 'connect',
      source: deps.source,
    });
    const pending = attempt.pending;
    attempt.pending = [];
    for (const p of pending) this.traceSent(attempt, p, t);
    this.notify({ type: 'open', lane });
  }

  private socketClosed(attempt: Attempt | null): void {
    if (!attempt || attempt.closed) return;
    attempt.closed = true;
    attempt.pending = [];
    const lane = attempt.lane;
    let close: LocalClose | null = null;
    if (lane && attempt.opened) {
      lane.localOpen = false;
      const t = this.deps.clock.now();
      const { reason, byUs } = closeReason(lane, attempt);
      lane.closedAt ??= t;
      if (lane.closeReason === undefined && byUs) lane.closeReason = reason;
      const e: ConnEvent = {
        t,
        kind: 'conn',
        client: lane.client,
        conn: lane.conn,
        side: 'client',
        state: 'closed',
        reason,
        source: this.deps.source,
      };
      this.deps.emit(e);
      close = { lane, reason, byUs };
    }
    this.notify({ type: 'close', close, attempt });
  }

  // --- packets ---------------------------------------------------------------------------------------

  private sent(p: Packet): void {
    const attempt = this.attempt;
    if (!attempt || attempt.closed) return;
    if (!this.factory && !attempt.opened && p.cmd !== 'connect') this.socketOpened(attempt);
    if (!attempt.opened) {
      attempt.pending.push(p);
      return;
    }
    this.traceSent(attempt, p, this.deps.clock.now());
  }

  private traceSent(attempt: Attempt, p: Packet, t: number): void {
    const lane = attempt.lane;
    if (!lane) return;
    if (p.cmd === 'connect') attempt.connectSentAt = t;
    if (p.cmd === 'pingreq') attempt.pingSentAt = t;
    if (p.cmd === 'disconnect') lane.disconnectSent = p.reasonCode ?? 0;
    lane.lastSent = t;
    this.deps.emit(
      packetTraceEvent(p, t, 'c2b', lane.client, lane.conn, t, {
        source: this.deps.source,
        arriveUnknown: true,
      }),
    );
  }

  private received(p: Packet): void {
    let attempt = this.attempt;
    if (!this.factory) {
      // Without a socket hook, a CONNACK proves the socket open; create the attempt lazily.
      if (!attempt || attempt.closed) {
        attempt = this.attempt = newAttempt(++this.attempts);
      }
      if (!attempt.opened) this.socketOpened(attempt);
    }
    if (!attempt || !attempt.lane || attempt.closed) return;
    const lane = attempt.lane;
    const t = this.deps.clock.now();
    lane.lastReceived = t;
    const extra: Record<string, unknown> = { source: this.deps.source, sentUnknown: true };
    if (p.cmd === 'connack') {
      if (attempt.connectSentAt >= 0) extra.rttMs = Math.round((t - attempt.connectSentAt) * 1000) / 1000;
      attempt.connack = p.reasonCode ?? p.returnCode ?? 0;
      const serverKeepAlive = p.properties?.serverKeepAlive;
      if (serverKeepAlive !== undefined) lane.keepAlive = serverKeepAlive;
    } else if (p.cmd === 'pingresp' && attempt.pingSentAt >= 0) {
      extra.rttMs = Math.round((t - attempt.pingSentAt) * 1000) / 1000;
      attempt.pingSentAt = -1;
    } else if (p.cmd === 'disconnect') {
      attempt.brokerDisconnect = p.reasonCode ?? 0;
    }
    this.deps.emit(packetTraceEvent(p, t, 'b2c', lane.client, lane.conn, t, extra));
    if (p.cmd === 'connack') this.notify({ type: 'connack', code: attempt.connack ?? 0, lane });
  }

  private error(err: Error): void {
    const attempt = this.attempt;
    if (attempt && /keepalive timeout/i.test(err.message) && attempt.lane && !attempt.pingTimeout) {
      attempt.pingTimeout = true;
      const lane = attempt.lane;
      const e: TimeoutEvent = {
        t: this.deps.clock.now(),
        kind: 'timeout',
        client: lane.client,
        conn: lane.conn,
        side: 'client',
        keepAlive: lane.keepAlive ?? this.options.keepAlive,
        lastActivity: lane.lastReceived ?? 0,
        source: this.deps.source,
      };
      this.deps.emit(e);
    }
    if (attempt && !attempt.opened) attempt.error = err.message;
    this.notify({ type: 'error', message: err.message });
  }

  // --- actions ---------------------------------------------------------------------------------------

  /**
   * Stops sending anything, PINGREQ included, and keeps the socket open: mqtt.js's keep-alive manager
   * is destroyed (a destroyed one never reschedules, and mqtt.js creates a new one only on the next
   * CONNACK), and the owner sends nothing more.
   */
  silence(): void {
    this.client.keepaliveManager?.destroy();
    const lane = this.lane;
    if (lane) lane.silenced = true;
  }

  /** Closes the socket without DISCONNECT (a crashed process: its OS closes the socket). */
  crash(): void {
    const attempt = this.attempt;
    if (attempt) attempt.crashRequested = true;
    this.client.end(true);
  }

  /** DISCONNECT (MQTT 5: with `reasonCode`, 0x04 keeps the will), then close. */
  disconnect(reasonCode?: number): Promise<void> {
    const opts = this.options.protocol === 5 && reasonCode !== undefined ? { reasonCode } : {};
    return new Promise<void>((resolve) => {
      if (!this.client.connected) {
        this.client.end(true, () => resolve());
        return;
      }
      this.client.end(false, opts, () => resolve());
    });
  }

  /** Ends everything without a trace of its own (used when the page leaves). */
  destroy(): void {
    const attempt = this.attempt;
    if (attempt) attempt.crashRequested = true;
    this.client.end(true);
  }
}
