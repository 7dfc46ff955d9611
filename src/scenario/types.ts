// The scenario format, version 1 (docs/scenario-format.md). `Scenario` is what a user
// writes (JSON); `ResolvedScenario` is the same after validation, with every default filled in and
// every client group expanded into clients with their own IDs. The simulation reads only the latter.

export const BROKER_PROFILES = [
  'spec',
  'mosquitto-2.0',
  'emqx',
  'hivemq',
  'aedes',
  'rabbitmq-3.10',
  'activemq-5.17',
  'ejabberd-23',
] as const;
export type BrokerProfileName = (typeof BROKER_PROFILES)[number];

/**
 * How a simulated client keeps alive: `mqttjs-5` (the default: what the real runs and live mode use),
 * `paho-python` (Eclipse Paho's Python client 1.6) or `spec` (exactly the standard's rule and no
 * more). docs/brokers.md says what each does and how it was established.
 */
export const CLIENT_LIBRARIES = ['mqttjs-5', 'paho-python', 'spec'] as const;
export type ClientLibraryName = (typeof CLIENT_LIBRARIES)[number];
export const DEFAULT_CLIENT_LIBRARY: ClientLibraryName = 'mqttjs-5';

/** How a client reaches the broker: MQTT over TCP (or TLS), or MQTT over WebSocket. */
export const CLIENT_TRANSPORTS = ['tcp', 'ws'] as const;
export type ClientTransport = (typeof CLIENT_TRANSPORTS)[number];

export const ACTIONS = [
  'connect',
  'disconnect',
  'disconnect-with-will',
  'crash',
  'power-off',
  'power-on',
  'link-down',
  'link-up',
  'clone',
  'broker-restart',
  'publish',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Qos = 0 | 1 | 2;
export type ProtocolLevel = 4 | 5;

export interface WillSpec {
  topic: string;
  payload?: string;
  qos?: Qos;
  retain?: boolean;
  /** Will Delay Interval, seconds (MQTT 5). */
  delay?: number;
}

export interface PublishSpec {
  topic: string;
  everyMs: number;
  qos?: Qos;
  retain?: boolean;
  /** Extension: the payload; default a counting reading, e.g. "21.4". */
  payload?: string;
  /** Extension: first publish after this many ms of being connected; default everyMs. */
  offsetMs?: number;
  /**
   * Extension: spread a group's first publishes evenly: client k of n adds floor(k × offsetSpreadMs / n)
   * to offsetMs (a fleet's readings do not all fall in one instant). Default 0.
   */
  offsetSpreadMs?: number;
}

export interface SubscriptionSpec {
  topic: string;
  qos?: Qos;
}

export interface ReconnectSpec {
  minMs: number;
  maxMs: number;
  /** 0..1: the backoff is drawn from [b × (1 − jitter), b]. */
  jitter?: number;
}

export interface ClientSpec {
  /** May contain `{n}` (numbered from 1) when `count` > 1. */
  id: string;
  count?: number;
  keepAlive: number;
  /** null: offline until a `connect` or `power-on` event. */
  connectAtMs?: number | null;
  /** Extension: spread the connects of a group evenly over this many ms (a fleet does not boot at one instant). */
  connectSpreadMs?: number;
  cleanStart?: boolean;
  sessionExpiry?: number;
  will?: WillSpec;
  publish?: PublishSpec;
  subscribe?: (string | SubscriptionSpec)[];
  reconnect?: ReconnectSpec;
  /** Extension: per-client protocol level, overriding the scenario's. */
  protocol?: ProtocolLevel;
  /** Extension: the client library whose keep-alive timing the client follows (default `mqttjs-5`). */
  library?: ClientLibraryName;
  /** Extension: how it reaches the broker (default `tcp`); a real run sends it to that `--against`. */
  transport?: ClientTransport;
  /** CONNECT's User Name. */
  username?: string;
  /** CONNECT's Password; never written to a trace or a link (credentials.ts masks it). */
  password?: string;
}

export interface ScenarioEvent {
  atMs: number;
  /** A client ID (after expansion); omitted for `broker-restart`. */
  client?: string;
  do: Action;
  /** `broker-restart`: how long the broker stays down. */
  downMs?: number;
  /** `publish`. */
  topic?: string;
  payload?: string;
  qos?: Qos;
  retain?: boolean;
}

export interface NetworkSpec {
  latencyMs: number;
  jitterMs?: number;
  /** Probability 0..1 that a packet is lost. */
  loss?: number;
}

export interface BrokerSpec {
  profile?: BrokerProfileName;
  serverKeepAlive?: number | null;
}

export interface Scenario {
  scenario: 1;
  name: string;
  /** Extension: a sentence or two for the picker and lessons. */
  description?: string;
  seed: number;
  durationMs: number;
  protocol?: ProtocolLevel;
  broker?: BrokerSpec;
  network?: NetworkSpec;
  clients: ClientSpec[];
  events?: ScenarioEvent[];
}

export interface ResolvedWill {
  topic: string;
  payload: string;
  qos: Qos;
  retain: boolean;
  delay: number;
}

export interface ResolvedPublish {
  topic: string;
  everyMs: number;
  qos: Qos;
  retain: boolean;
  payload: string | null;
  offsetMs: number;
}

export interface ResolvedClient {
  id: string;
  keepAlive: number;
  connectAtMs: number | null;
  cleanStart: boolean;
  sessionExpiry: number;
  protocol: ProtocolLevel;
  library: ClientLibraryName;
  transport: ClientTransport;
  username: string | null;
  password: string | null;
  will: ResolvedWill | null;
  publish: ResolvedPublish | null;
  subscribe: { topic: string; qos: Qos }[];
  reconnect: { minMs: number; maxMs: number; jitter: number } | null;
}

export interface ResolvedEvent {
  atMs: number;
  client: string | null;
  do: Action;
  downMs: number;
  topic: string;
  payload: string;
  qos: Qos;
  retain: boolean;
}

export interface ResolvedScenario {
  name: string;
  seed: number;
  durationMs: number;
  protocol: ProtocolLevel;
  profile: BrokerProfileName;
  serverKeepAlive: number | null;
  network: { latencyMs: number; jitterMs: number; loss: number };
  clients: ResolvedClient[];
  /** Sorted by atMs, ties in the order written. */
  events: ResolvedEvent[];
}
