// What a broker tells about its clients, in broker-neutral form. Each parser turns one broker's event
// topic messages into these reports; brokerEvents.ts turns reports into trace events. A report holds
// only what the broker revealed: every optional field is absent when the broker did not say.
import type { Reason } from '../../trace';
import type { BrokerKind } from '../types';

interface ReportBase {
  clientId: string;
  /** The broker's own timestamp, epoch ms, when it gave one (Mosquitto: whole seconds). */
  brokerTime?: number;
  /** The broker's own identifier of this network connection (the embedded broker gives one). */
  brokerConn?: string;
  /** The broker's own words or code for what happened (`tcp_closed`, `closed its connection`). */
  brokerReason?: string;
}

export interface ConnectedReport extends ReportBase {
  kind: 'connected';
  protocol?: 3 | 4 | 5;
  cleanStart?: boolean;
  /** Seconds. */
  keepAlive?: number;
  /** Peer address, `host:port` or host. */
  address?: string;
  username?: string;
  /** The connection is a WebSocket (Mosquitto: no "New connection from" line before it). */
  transport?: 'tcp' | 'websockets';
}

export interface DisconnectedReport extends ReportBase {
  kind: 'disconnected';
  /** Why, when the broker said; absent when it only said "closed". */
  reason?: Reason;
}

export interface TimeoutReport extends ReportBase {
  kind: 'timeout';
  keepAlive?: number;
  /** How long the connection had been silent when it timed out, ms (the embedded broker says). */
  idleMs?: number;
}

/** The broker closes an existing connection because a new one arrived with the same client ID. */
export interface TakeoverReport extends ReportBase {
  kind: 'takeover';
  /** The new connection's broker identifier, when the broker gives one. */
  newBrokerConn?: string;
}

export interface WillReport extends ReportBase {
  kind: 'will';
  topic: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  cause?: Reason;
  /** Seconds of Will Delay Interval applied. */
  delayed?: number;
  payloadBytes?: number;
}

export interface SessionExpiredReport extends ReportBase {
  kind: 'session-expired';
}

export type BrokerReport =
  ConnectedReport | DisconnectedReport | TimeoutReport | TakeoverReport | WillReport | SessionExpiredReport;

/** A parser's verdict on one message: reports (maybe none) from a broker of a given kind. */
export interface ParsedMessage {
  broker: Exclude<BrokerKind, 'unknown'>;
  /** The broker's identity (aedes/embedded broker id, EMQX node), when the topic names it. */
  brokerId?: string;
  reports: BrokerReport[];
}
