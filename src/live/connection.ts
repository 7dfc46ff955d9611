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
import type { IClientOptions, MqttClient, Packet } from 'mqtt';
import type { ConnEvent, Reason, TimeoutEvent } from '../trace';
import type { ConnRegistry, Lane, LaneWill } from './conns';
import { packetTraceEvent } from './packets';
import { tracePayload } from './payload';
import type { EmitEvent, LiveClock, WebSocketFactory, WebSocketLike } from './types';

// ---------------------------------------------------------------------------------------------------
// Options and their validation

export interface LiveWillOptions {
  topic: string;
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** Will Delay Interval, seconds (MQTT 5 only). */
  delay?: number;
}

export interface LiveClientOptions {
  /** ws:// or wss:// */
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  /** 4 = MQTT 3.1.1, 5 = MQTT 5.0 */
  protocol: 4 | 5;
  /** Seconds; 0 turns keep alive off. */
  keepAlive: number;
  cleanStart: boolean;
  will?: LiveWillOptions;
  /** Session Expiry Interval, seconds (MQTT 5). */
  sessionExpiry?: number;
  /** How long to wait for the WebSocket and the CONNACK, ms. Default 10 000. */
  connectTimeoutMs?: number;
}

/** The connection form as typed (strings and checkboxes); `validateLiveOptions` checks it. */
export interface LiveFormInput {
  url: string;
  clientId: string;
  username: string;
  password: string;
  protocol: string | number;
  keepAlive: string | number;
  cleanStart: boolean;
}

/** Field names as the form labels them, used in error messages. */
export const FIELD_LABELS = {
  url: 'Broker URL',
  clientId: 'Client ID',
  username: 'Username',
  password: 'Password',
  protocol: 'MQTT version',
  keepAlive: 'Keep alive',
  cleanStart: 'Clean start',
} as const;
export type LiveField = keyof typeof FIELD_LABELS;

export interface FieldError {
  field: LiveField;
  message: string;
}

const quote = (v: string): string => JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);

/** Checks a ws/wss URL; the message names the field. */
export function checkBrokerUrl(raw: string): FieldError | null {
  const text = raw.trim();
  const label = FIELD_LABELS.url;
  if (text === '') return { field: 'url', message: `${label}: required (e.g. ws://127.0.0.1:8080/mqtt)` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { field: 'url', message: `${label}: not a valid URL (got ${quote(text)})` };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return {
      field: 'url',
      message: `${label}: must start with ws:// or wss:// — a browser can reach MQTT only over WebSockets (got ${quote(url.protocol.replace(/:$/, '://'))})`,
    };
  }
  if (url.hostname === '') return { field: 'url', message: `${label}: has no host (got ${quote(text)})` };
  return null;
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

export function validateLiveOptions(
  input: LiveFormInput,
): { ok: true; options: LiveClientOptions } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const urlError = checkBrokerUrl(input.url);
  if (urlError) errors.push(urlError);
  const protocol = Number(input.protocol);
  if (protocol !== 4 && protocol !== 5) {
    errors.push({
      field: 'protocol',
      message: `${FIELD_LABELS.protocol}: must be 3.1.1 or 5 (got ${quote(String(input.protocol))})`,
    });
  }
  const kaText = String(input.keepAlive).trim();
  const keepAlive = Number(kaText);
  if (kaText === '' || !Number.isInteger(keepAlive) || keepAlive < 0 || keepAlive > 65535) {
    errors.push({
      field: 'keepAlive',
      message: `${FIELD_LABELS.keepAlive}: must be a whole number of seconds 0..65535 (got ${quote(kaText)})`,
    });
  }
  if (input.clientId.includes('\u0000') || utf8Length(input.clientId) > 65535) {
    errors.push({
      field: 'clientId',
      message: `${FIELD_LABELS.clientId}: must be UTF-8 text without NUL, at most 65535 bytes`,
    });
  }
  if (input.clientId === '' && !input.cleanStart) {
    errors.push({
      field: 'clientId',
      message: `${FIELD_LABELS.clientId}: required when clean start is off (a session needs a name)`,
    });
  }
  if (protocol === 4 && input.password !== '' && input.username === '') {
    errors.push({
      field: 'username',
      message: `${FIELD_LABELS.username}: MQTT 3.1.1 sends a password only with a user name [MQTT-3.1.2-22]`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: {
      url: input.url.trim(),
      clientId: input.clientId,
      ...(input.username !== '' ? { username: input.username } : {}),
      ...(input.password !== '' ? { password: input.password } : {}),
      protocol: protocol as 4 | 5,
      keepAlive,
      cleanStart: input.cleanStart,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Errors

export type LiveErrorCode = 'invalid' | 'unreachable' | 'not-mqtt' | 'refused' | 'timeout' | 'closed';

export class LiveConnectError extends Error {
  constructor(
    readonly code: LiveErrorCode,
    message: string,
    /** The form field the error is about, when it is one. */
    readonly field?: LiveField,
    /** CONNACK return/reason code, for `refused`. */
    readonly connackCode?: number,
  ) {
    super(message);
    this.name = 'LiveConnectError';
  }
}

const CONNACK_TEXT: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'client identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
  128: 'unspecified error',
  129: 'malformed packet',
  130: 'protocol error',
  131: 'implementation specific error',
  132: 'unsupported protocol version',
  133: 'client identifier not valid',
  134: 'bad user name or password',
  135: 'not authorized',
  136: 'server unavailable',
  137: 'server busy',
  138: 'banned',
  140: 'bad authentication method',
  149: 'packet too large',
  151: 'quota exceeded',
  153: 'payload format invalid',
  154: 'retain not supported',
  155: 'QoS not supported',
  156: 'use another server',
  157: 'server moved',
  159: 'connection rate exceeded',
};

const CONNACK_FIELD: Record<number, LiveField> = {
  1: 'protocol',
  2: 'clientId',
  4: 'password',
  5: 'username',
  132: 'protocol',
  133: 'clientId',
  134: 'password',
  135: 'username',
};

export function refusedError(code: number): LiveConnectError {
  const text = CONNACK_TEXT[code] ?? 'refused';
  const field = CONNACK_FIELD[code];
  const hint =
    field === 'password' || field === 'username'
      ? ' — check the user name and password'
      : field === 'protocol'
        ? ' — try the other MQTT version'
        : field === 'clientId'
          ? ' — try another client ID'
          : '';
  return new LiveConnectError(
    'refused',
    `The broker refused the connection: ${text} (CONNACK code ${code})${hint}.`,
    field,
    code,
  );
}

// ---------------------------------------------------------------------------------------------------
// The traced client

/** The default WebSocket: the environment's own (browsers; Node ≥ 22), coalescing. Node 20 passes `ws`. */
function defaultFactory(): WebSocketFactory | null {
  const Native = (globalThis as { WebSocket?: new (url: string, protocols: string[]) => WebSocket })
    .WebSocket;
  return Native ? (url, protocols) => new CoalescingWebSocket(new Native(url, protocols)) : null;
}

type Listener = (event: unknown) => void;

/**
 * A browser WebSocket whose incoming messages reach mqtt.js in batches. A broker sends every MQTT packet
 * in a WebSocket frame of its own, and mqtt.js's browser stream pays a lot per frame (async handler,
 * several stream layers, a timer-based nextTick): at thousands of messages a second that, not parsing,
 * is the cost. MQTT over WebSockets is a byte stream, so frames that arrive close together are joined
 * and handed over once (after a 0 ms timer). A frame after a quiet spell (≥ 5 ms) goes through at once:
 * keep-alive traffic is never delayed; under a flood receive times are late by a timer tick at most.
 */
export class CoalescingWebSocket implements WebSocketLike {
  private readonly messageListeners: Listener[] = [];
  private readonly closeListeners: Listener[] = [];
  private queue: ArrayBuffer[] = [];
  private queued = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastDelivery = -Infinity;
  onmessage: Listener | null = null;

  constructor(private readonly ws: WebSocket) {
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('message', (e) => this.received(e));
    ws.addEventListener('close', (e) => {
      this.flush(); // what arrived before the close reaches mqtt.js first
      for (const l of this.closeListeners) l(e);
    });
  }

  get OPEN(): number {
    return 1;
  }
  get readyState(): number {
    return this.ws.readyState;
  }
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
  get binaryType(): BinaryType {
    return 'arraybuffer';
  }
  set binaryType(_value: BinaryType) {
    // Always arraybuffer: frames are joined as bytes.
  }
  get protocol(): string {
    return this.ws.protocol;
  }

  send(data: ArrayBufferLike | ArrayBufferView | Blob | string): void {
    this.ws.send(data as ArrayBuffer);
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }

  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: Listener): void {
    if (type === 'message') this.messageListeners.push(listener);
    else if (type === 'close') this.closeListeners.push(listener);
    else this.ws.addEventListener(type, listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    const list = type === 'message' ? this.messageListeners : type === 'close' ? this.closeListeners : null;
    if (list) {
      const i = list.indexOf(listener);
      if (i !== -1) list.splice(i, 1);
    } else this.ws.removeEventListener(type, listener);
  }

  private received(e: MessageEvent): void {
    const data = e.data;
    if (!(data instanceof ArrayBuffer)) {
      this.flush();
      this.deliver(data);
      return;
    }
    const now = performance.now();
    if (this.timer === null && now - this.lastDelivery >= 5) {
      this.lastDelivery = now;
      this.deliver(data);
      return;
    }
    this.queue.push(data);
    this.queued += data.byteLength;
    this.timer ??= setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    let data: ArrayBuffer;
    if (this.queue.length === 1) data = this.queue[0];
    else {
      const joined = new Uint8Array(this.queued);
      let at = 0;
      for (const b of this.queue) {
        joined.set(new Uint8Array(b), at);
        at += b.byteLength;
      }
      data = joined.buffer;
    }
    this.queue = [];
    this.queued = 0;
    this.lastDelivery = performance.now();
    this.deliver(data);
  }

  private deliver(data: unknown): void {
    const event = { data };
    this.onmessage?.(event);
    for (const l of this.messageListeners) l(event);
  }
}

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

/** What ended a connection, as the client side saw it. */
export interface LocalClose {
  lane: Lane;
  reason: Reason;
  /** The page closed it (disconnect, crash); false: the broker or the network did. */
  byUs: boolean;
}

interface Attempt {
  id: number;
  opened: boolean;
  closed: boolean;
  failed: boolean;
  lane: Lane | null;
  /** Packets written before the socket opened. */
  pending: Packet[];
  connectSentAt: number;
  pingSentAt: number;
  /** CONNACK code, once received. */
  connack: number | null;
  /** DISCONNECT reason code received from the broker (MQTT 5). */
  brokerDisconnect: number | null;
  crashRequested: boolean;
  pingTimeout: boolean;
  error: string | null;
}

type ClientEvent =
  | { type: 'open'; lane: Lane }
  | { type: 'connack'; code: number; lane: Lane }
  | { type: 'close'; close: LocalClose | null; attempt: Attempt }
  | { type: 'error'; message: string };

/** The reason a broker's MQTT 5 DISCONNECT gives, in the trace's words. */
function reasonOfBrokerDisconnect(code: number): Reason {
  if (code === 0x8e) return 'takeover';
  if (code === 0x8d) return 'keepalive-timeout';
  if (code === 0x8b) return 'server-shutdown';
  if (code === 0x81 || code === 0x82) return 'protocol-error';
  return 'network-error';
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
    this.factory = deps.createWebSocket ?? defaultFactory();
    const will = options.will;
    const mqttOptions: IClientOptions = {
      clientId: options.clientId,
      protocolVersion: options.protocol,
      keepalive: options.keepAlive,
      clean: options.cleanStart,
      reconnectPeriod: 0,
      // Our own timer gives the clearer error; mqtt.js's stays as a backstop.
      connectTimeout: (options.connectTimeoutMs ?? 10000) + 5000,
      resubscribe: false,
      manualConnect: true,
      queueQoSZero: false,
      ...(options.username !== undefined ? { username: options.username } : {}),
      ...(options.password !== undefined ? { password: options.password } : {}),
      ...(options.protocol === 5 && options.sessionExpiry !== undefined
        ? { properties: { sessionExpiryInterval: options.sessionExpiry } }
        : {}),
      ...(will
        ? {
            will: {
              topic: will.topic,
              payload: new TextEncoder().encode(will.payload) as unknown as Buffer,
              qos: will.qos,
              retain: will.retain,
              ...(options.protocol === 5 && will.delay
                ? { properties: { willDelayInterval: will.delay } }
                : {}),
            },
          }
        : {}),
    };
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
        const a = this.attempt;
        const url = this.options.url;
        if (a?.opened) {
          finish(
            new LiveConnectError(
              'not-mqtt',
              `The WebSocket at ${url} opened but sent no MQTT CONNACK within ${timeoutMs / 1000} s: is it an MQTT broker (right path, MQTT over WebSockets)?`,
              'url',
            ),
          );
        } else {
          finish(
            new LiveConnectError(
              'timeout',
              `No answer from ${url} within ${timeoutMs / 1000} s: the host is unreachable or not responding.`,
              'url',
            ),
          );
        }
      }, timeoutMs);
      const off = this.on((e) => {
        if (e.type === 'connack') finish(e.code === 0 ? null : refusedError(e.code));
        else if (e.type === 'error' && this.attempt && !this.attempt.opened) {
          finish(
            new LiveConnectError(
              'unreachable',
              `Cannot open a WebSocket to ${this.options.url}: the host is unreachable, refused the connection, or is not a WebSocket endpoint${e.message ? ` (${e.message})` : ''}.`,
              'url',
            ),
          );
        } else if (e.type === 'error' && this.attempt?.opened && this.attempt.connack === null) {
          finish(
            new LiveConnectError(
              'not-mqtt',
              `${this.options.url} answered with data that is not MQTT (${e.message}).`,
              'url',
            ),
          );
        } else if (e.type === 'close' && e.attempt.connack === null) {
          finish(
            e.attempt.opened
              ? new LiveConnectError(
                  'not-mqtt',
                  `${this.options.url} closed the WebSocket without answering CONNECT: not an MQTT endpoint, or it does not accept ${this.options.protocol === 5 ? 'MQTT 5' : 'MQTT 3.1.1'} or this client ID.`,
                  'url',
                )
              : new LiveConnectError(
                  'unreachable',
                  `Cannot open a WebSocket to ${this.options.url}: the host is unreachable, refused the connection, or is not a WebSocket endpoint${e.attempt.error ? ` (${e.attempt.error})` : ''}.`,
                  'url',
                ),
          );
        }
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
      let reason: Reason;
      let byUs = true;
      if (lane.disconnectSent !== undefined)
        reason = lane.disconnectSent === 4 ? 'disconnect-with-will' : 'client-disconnect';
      else if (attempt.pingTimeout) reason = 'ping-timeout';
      else if (attempt.crashRequested || attempt.failed) reason = 'network-error';
      else {
        byUs = false;
        reason =
          attempt.brokerDisconnect !== null
            ? reasonOfBrokerDisconnect(attempt.brokerDisconnect)
            : 'network-error';
      }
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

// ---------------------------------------------------------------------------------------------------
// The page's own connection: subscriptions, state, reconnect with backoff

export type LiveConnectionState =
  | { status: 'idle' }
  | { status: 'connecting' }
  | { status: 'connected'; sinceMs: number; refusedFilters: string[] }
  | { status: 'reconnecting'; attempt: number; retryAtMs: number; lastError: string }
  | { status: 'error'; error: LiveConnectError }
  | { status: 'closed' };

export interface Backoff {
  /** First retry after this many ms; doubles per failed attempt up to maxMs. */
  minMs: number;
  maxMs: number;
  /** ± fraction of random spread. */
  jitter: number;
}

export const DEFAULT_BACKOFF: Backoff = { minMs: 1000, maxMs: 30000, jitter: 0.2 };

export function backoffDelay(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const base = Math.min(b.maxMs, b.minMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + b.jitter * (2 * random() - 1)));
}

export interface LiveConnectionOptions extends LiveClientOptions {
  subscriptions: readonly string[];
  backoff?: Backoff;
}

export type MessageListener = (
  topic: string,
  payload: Uint8Array,
  packet: { qos: 0 | 1 | 2; retain: boolean; dup: boolean },
) => void;

export class LiveConnection {
  readonly traced: TracedClient;
  private current: LiveConnectionState = { status: 'idle' };
  private readonly stateListeners = new Set<(s: LiveConnectionState) => void>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopped = false;

  constructor(
    readonly options: LiveConnectionOptions,
    private readonly deps: TracedClientDeps,
  ) {
    this.traced = new TracedClient(options, deps);
    this.traced.on((e) => {
      if (e.type === 'close' && e.close && !e.close.byUs && this.current.status === 'connected')
        this.lost('the connection closed');
    });
  }

  get state(): LiveConnectionState {
    return this.current;
  }

  onState(listener: (s: LiveConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onMessage(listener: MessageListener): () => void {
    const handler = (
      topic: string,
      payload: Uint8Array,
      packet: { qos: 0 | 1 | 2; retain: boolean; dup: boolean },
    ): void => listener(topic, payload, packet);
    this.traced.client.on('message', handler);
    return () => this.traced.client.off('message', handler);
  }

  private set(s: LiveConnectionState): void {
    this.current = s;
    for (const l of [...this.stateListeners]) l(s);
  }

  /** Connects and subscribes; rejects (and the state says why) when the first attempt fails. */
  async start(): Promise<void> {
    this.stopped = false;
    this.set({ status: 'connecting' });
    try {
      await this.traced.connect();
    } catch (err) {
      const error = err instanceof LiveConnectError ? err : new LiveConnectError('closed', String(err));
      this.set({ status: 'error', error });
      throw error;
    }
    await this.connected();
  }

  private async connected(): Promise<void> {
    this.attempt = 0;
    const refused = await this.subscribe();
    if (this.stopped) return;
    this.set({ status: 'connected', sinceMs: this.deps.clock.now(), refusedFilters: refused });
  }

  /** Subscribes to every filter at QoS 0; returns the filters the broker refused (SUBACK 0x80+). */
  private subscribe(): Promise<string[]> {
    const filters = this.options.subscriptions;
    if (filters.length === 0) return Promise.resolve([]);
    return new Promise((resolve) => {
      const map: Record<string, { qos: 0 }> = {};
      for (const f of filters) map[f] = { qos: 0 };
      this.traced.client.subscribe(map, (err, granted) => {
        if (err && !granted) {
          resolve([...filters]);
          return;
        }
        resolve((granted ?? []).filter((g) => g.qos >= 128).map((g) => g.topic));
      });
    });
  }

  private lost(why: string): void {
    if (this.stopped) return;
    this.attempt++;
    const delay = backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    this.set({
      status: 'reconnecting',
      attempt: this.attempt,
      retryAtMs: this.deps.clock.now() + delay,
      lastError: why,
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      this.traced.connect().then(
        () => this.connected(),
        (err: unknown) => {
          if (this.stopped) return;
          if (err instanceof LiveConnectError && err.code === 'refused') {
            this.set({ status: 'error', error: err });
            return;
          }
          this.lost(err instanceof Error ? err.message : String(err));
        },
      );
    }, delay);
  }

  /** Disconnects (DISCONNECT, then close) and stops reconnecting. What was recorded stays. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.traced.disconnect();
    this.set({ status: 'closed' });
  }
}

/** A socket attempt that has not opened yet. */
function newAttempt(id: number): Attempt {
  return {
    id,
    opened: false,
    closed: false,
    failed: false,
    lane: null,
    pending: [],
    connectSentAt: -1,
    pingSentAt: -1,
    connack: null,
    brokerDisconnect: null,
    crashRequested: false,
    pingTimeout: false,
    error: null,
  };
}
