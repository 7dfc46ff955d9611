// The trace format, version 1 (docs/trace-format.md). Everything downstream of the
// simulation and of live mode reads these types and nothing else: this file is the one seam.

export const TRACE_VERSION = 1;

export const PACKET_TYPES = [
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
] as const;
export type PacketType = (typeof PACKET_TYPES)[number];

/** `c2b`: client to broker; `b2c`: broker to client. */
export type Direction = 'c2b' | 'b2c';
export type Side = 'client' | 'broker';

export const CLOSE_REASONS = [
  'client-disconnect',
  'disconnect-with-will',
  'keepalive-timeout',
  'takeover',
  'network-error',
  'protocol-error',
  'server-shutdown',
  'ping-timeout',
  'session-expired',
] as const;
/**
 * Why a connection closed (or, for a will, why it was published). `connect` is an extension of the
 * v1 list: the reason carried by a `conn` event whose state is `open`.
 */
export type Reason = (typeof CLOSE_REASONS)[number] | 'connect';

/** Where a live event came from; simulated events carry no `source`. */
export type EventSource = 'probe' | 'self' | 'mosquitto-log' | 'emqx-event' | 'embedded' | 'live';

/** A payload: text, or binary as base64. */
export type Payload = string | { base64: string };

export interface WillFields {
  topic: string;
  payload: Payload;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** Will Delay Interval in seconds (MQTT 5). */
  delay?: number;
}

/** MQTT 5 properties, named as mqtt-packet names them. */
export interface PacketProperties {
  serverKeepAlive?: number;
  sessionExpiryInterval?: number;
  willDelayInterval?: number;
  reasonString?: string;
  [name: string]: unknown;
}

/** The type-specific fields of a packet; each present only where it applies. */
export interface PacketDetail {
  keepAlive?: number;
  cleanStart?: boolean;
  /** Protocol level of a CONNECT: 4 = MQTT 3.1.1, 5 = MQTT 5.0. */
  protocol?: 4 | 5;
  will?: WillFields;
  topic?: string;
  /** SUBSCRIBE: the topic filters with their requested QoS. */
  subscriptions?: { topic: string; qos: 0 | 1 | 2 }[];
  qos?: 0 | 1 | 2;
  retain?: boolean;
  dup?: boolean;
  payload?: Payload;
  /** Packet Identifier of PUBLISH (QoS > 0), its acknowledgements, SUBSCRIBE and SUBACK. */
  messageId?: number;
  reasonCode?: number;
  sessionPresent?: boolean;
  properties?: PacketProperties;
}

interface EventBase {
  /** Milliseconds from the start of the run. */
  t: number;
  source?: EventSource;
}

export interface PacketEvent extends EventBase, PacketDetail {
  kind: 'packet';
  dir: Direction;
  client: string;
  conn: number;
  type: PacketType;
  /** When it was received, or null when it was lost. */
  arrive: number | null;
}

export interface ConnEvent extends EventBase {
  kind: 'conn';
  client: string;
  conn: number;
  side: Side;
  state: 'open' | 'closed';
  reason: Reason;
}

export interface TimeoutEvent extends EventBase {
  kind: 'timeout';
  client: string;
  conn: number;
  side: Side;
  /** Seconds. */
  keepAlive: number;
  /** Milliseconds: when the last packet was received by the side that timed out. */
  lastActivity: number;
}

export interface WillEvent extends EventBase {
  kind: 'will';
  client: string;
  conn: number;
  topic: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  cause: Reason;
  /** Seconds of Will Delay Interval applied (0 if none). */
  delayed: number;
  payload?: Payload;
  /** Client IDs the will was delivered to. */
  receivers?: string[];
}

export interface TakeoverEvent extends EventBase {
  kind: 'takeover';
  client: string;
  oldConn: number;
  newConn: number;
}

export interface FaultEvent extends EventBase {
  kind: 'fault';
  /** A client ID or "broker". */
  target: string;
  /** A scenario action name. */
  fault: string;
  /** Live: on a `connect` of the page's own connection, a retry's number since the last good connection. */
  attempt?: number;
  /** Live: the backoff that retry waited, ms. */
  backoffMs?: number;
}

export interface SessionEvent extends EventBase {
  kind: 'session';
  client: string;
  state: 'created' | 'resumed' | 'expired';
  /** Messages waiting, when resumed. */
  queued?: number;
}

export type TraceEvent =
  PacketEvent | ConnEvent | TimeoutEvent | WillEvent | TakeoverEvent | FaultEvent | SessionEvent;

export type TraceKind = TraceEvent['kind'];
export type NonPacketEvent = Exclude<TraceEvent, PacketEvent>;

export interface TraceHeader {
  trace: 1;
  source: 'sim' | 'live';
  /** The scenario that produced a simulation trace (with its effective seed and profile). */
  scenario?: unknown;
  /** Wall-clock start, live traces only (ISO 8601). */
  startedAt?: string;
}

/**
 * Where a run writes its events. The simulation calls it in time order. `packet` is the hot path: it
 * takes positional arguments so a sink that only counts allocates nothing; `detail` is null when the
 * sink says it does not want details. A producer that has the type's index in PACKET_TYPES (the
 * simulator keeps types as codes) passes it as `typeCode`, sparing each sink a lookup per packet.
 */
export interface TraceSink {
  /** False: the producer may pass null details (a counting sink never reads them). */
  readonly wantsDetail: boolean;
  packet(
    t: number,
    dir: Direction,
    client: string,
    conn: number,
    type: PacketType,
    arrive: number | null,
    detail: PacketDetail | null,
    typeCode?: number,
  ): void;
  event(e: NonPacketEvent): void;
}
