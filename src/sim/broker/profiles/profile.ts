// What a broker profile decides. `spec` applies the standard exactly; the others reproduce a real
// broker as docs/brokers.md tabulates it. Everything else about the broker is shared.

import type { BrokerProfileName, ClientTransport, ProtocolLevel, Qos } from '../../../scenario/types';

export interface TakeoverContext {
  oldProtocol: ProtocolLevel;
  /** Will Delay Interval of the old connection's will, seconds. */
  willDelay: number;
  /** The old session ends at the take-over (v3 clean session, v5 Session Expiry 0). */
  oldSessionEnds: boolean;
  newCleanStart: boolean;
  /** How the old connection reached the broker (a broker may treat Web MQTT wills its own way). */
  transport: ClientTransport;
}

/** What the broker knows of the session when it answers a CONNECT. */
export interface StoredSession {
  /** The connection resumed a stored session (Clean Start 0 and one existed). */
  resumed: boolean;
  /** The highest QoS of the session's subscriptions, or null when it has none. */
  highestSubscriptionQos: Qos | null;
}

/** What of a CONNECT a broker's refusal may depend on. */
export interface ConnectShape {
  protocol: ProtocolLevel;
  /** It carries a will. */
  will: boolean;
  /** It carries CONNECT properties (5.0: a Session Expiry Interval …). */
  properties: boolean;
}

export interface BrokerProfile {
  readonly name: BrokerProfileName;
  /**
   * How a CONNECT is refused, or null when it is accepted. `connack`: a CONNACK with return code 1
   * (unacceptable protocol version), then close; `close`: no CONNACK.
   */
  refusal(connect: ConnectShape): 'connack' | 'close' | null;
  /**
   * When the broker drops a silent connection (ms); Infinity when keep alive is off. `keepAlive` is
   * the keep alive in force (s), `connectedAt` when the broker accepted the CONNECT and
   * `lastReceived` when it last received a packet (ms). Positional: it runs once per timer firing.
   */
  keepAliveDeadline(keepAlive: number, connectedAt: number, lastReceived: number): number;
  /**
   * How much later than `keepAliveDeadline` the real broker may close (ms; 0: never) because that
   * deadline falls on one of its own periodic checks, where ms of timer jitter decide between that
   * check and the next. The simulation takes the deadline; `compare` accepts either.
   */
  keepAliveTieMs(keepAlive: number): number;
  /** Reason code of the DISCONNECT sent before closing on keep-alive timeout, or null: close only. */
  timeoutReasonCode(protocol: ProtocolLevel): number | null;
  /** Reason code of the DISCONNECT sent to the old connection on take-over, or null: close only. */
  takeoverReasonCode(protocol: ProtocolLevel): number | null;
  /** Whether the old connection's will is published (at once) on take-over, or dropped. */
  takeoverPublishesWill(ctx: TakeoverContext): boolean;
  /**
   * Seconds after an abnormal close when a will with delay `willDelay` is published, given the
   * session's expiry (seconds, Infinity for never).
   */
  willPublishDelay(willDelay: number, sessionExpiry: number): number;
  /** Server Keep Alive sent in a v5 CONNACK, or null; `configured` is the scenario's serverKeepAlive. */
  serverKeepAlive(clientKeepAlive: number, configured: number | null): number | null;
  /** The Session Expiry Interval the broker grants (seconds, as requested or capped). */
  grantedSessionExpiry(requested: number): number;
  /**
   * Whether the will is published after a normal DISCONNECT over this transport, against
   * [MQTT-3.14.4-3]; a broker's bug (false: the standard).
   */
  willOnNormalDisconnect(transport: ClientTransport): boolean;
  /** CONNACK session present for the session a connection got. The standard: whether it resumed [MQTT-3.2.2-2]. */
  sessionPresent(session: StoredSession): boolean;
}

/** The standard's rule: on take-over the will goes out unless the new connection resumes the
 * session and the will is delayed [MQTT-3.1.4-3], [MQTT-3.1.3-9]. */
export function standardTakeoverWill(ctx: TakeoverContext): boolean {
  const resumes = !ctx.newCleanStart && !ctx.oldSessionEnds;
  return !(resumes && ctx.willDelay > 0);
}

/** The standard's will delay: W seconds, or sooner when the session ends first [MQTT-3.1.3-9]. */
export function standardWillDelay(willDelay: number, sessionExpiry: number): number {
  return Math.min(willDelay, sessionExpiry);
}

export const MQTT5_ONLY_CODES = {
  keepAliveTimeout: 0x8d,
  sessionTakenOver: 0x8e,
  serverShuttingDown: 0x8b,
  disconnectWithWill: 0x04,
} as const;

/** Profiles that speak MQTT 5 answer a timeout and a take-over with a DISCONNECT reason code. */
export function v5Only(code: number): (protocol: ProtocolLevel) => number | null {
  return (protocol) => (protocol === 5 ? code : null);
}

export const closeOnly = (): null => null;
/** A normal DISCONNECT discards the will over every transport [MQTT-3.14.4-3]. */
export const neverAfterDisconnect = (): boolean => false;
export const resumedSessionPresent = (session: StoredSession): boolean => session.resumed;
export const acceptAll = (): null => null;
export const noCap = (requested: number): number => requested;
export const noTie = (): number => 0;
export const configuredServerKeepAlive = (_k: number, configured: number | null): number | null => configured;
