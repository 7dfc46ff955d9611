// The embedded broker's event topics (src/embedded-broker publishes them; this file is the contract,
// shared by both sides, and pure: no Node imports). Under `$SYS/<brokerId>/keepalive-lab/`:
//
//   broker        retained: {"broker":"keepalive-lab-embedded","version":1,"aedes":"1.2.0","startedAt":ISO}
//   connected     {"clientId","conn","ts","protocol","cleanStart","keepAlive","address"?,"transport"}
//   disconnected  {"clientId","conn","ts","reason","error"?}
//   timeout       {"clientId","conn","ts","keepAlive","lastActivity","idleMs"}
//   takeover      {"clientId","oldConn","newConn","ts"}
//   will          {"clientId","conn","ts","topic","qos","retain","cause","delayed","payloadBytes"}
//
// `conn` is the broker's own number of the network connection (1, 2, … per broker run); `ts` and
// `lastActivity` are the broker's wall clock, epoch ms; `idleMs` = ts − lastActivity; `reason` and
// `cause` use the trace's reason words (docs/trace-format.md). aedes's own `$SYS/<id>/new/clients` and
// `$SYS/<id>/disconnect/clients` are published as well (see aedes.ts).
// No runtime import from src/trace: this file is on vite.config.ts's import path (the embedded broker's
// plugin), which Vite's native config loader will load without bundling.
import type { Reason } from '../../trace';
import type { BrokerReport, ParsedMessage } from './report';

/** The trace's reason words (src/trace REASONS; tests/live/embedded.parser.test.ts keeps them equal). */
export const REASON_WORDS = [
  'client-disconnect',
  'disconnect-with-will',
  'keepalive-timeout',
  'takeover',
  'network-error',
  'protocol-error',
  'server-shutdown',
  'ping-timeout',
  'session-expired',
  'connect',
] as const satisfies readonly Reason[];

export const EMBEDDED_NAMESPACE = 'keepalive-lab';
export const EMBEDDED_BROKER_NAME = 'keepalive-lab-embedded';
export const EMBEDDED_EVENTS = [
  'broker',
  'connected',
  'disconnected',
  'timeout',
  'takeover',
  'will',
] as const;
export type EmbeddedEventName = (typeof EMBEDDED_EVENTS)[number];

export const EMBEDDED_FILTER = `$SYS/+/${EMBEDDED_NAMESPACE}/#`;

export function embeddedTopic(brokerId: string, event: EmbeddedEventName): string {
  return `$SYS/${brokerId}/${EMBEDDED_NAMESPACE}/${event}`;
}

export interface EmbeddedBrokerInfo {
  broker: typeof EMBEDDED_BROKER_NAME;
  version: 1;
  aedes: string;
  startedAt: string;
}
export interface EmbeddedConnected {
  clientId: string;
  conn: number;
  ts: number;
  protocol: number;
  cleanStart: boolean;
  keepAlive: number;
  address?: string;
  transport: 'tcp' | 'websockets';
}
export interface EmbeddedDisconnected {
  clientId: string;
  conn: number;
  ts: number;
  reason: Reason;
  error?: string;
}
export interface EmbeddedTimeout {
  clientId: string;
  conn: number;
  ts: number;
  keepAlive: number;
  lastActivity: number;
  idleMs: number;
}
export interface EmbeddedTakeover {
  clientId: string;
  oldConn: number;
  newConn: number;
  ts: number;
}
export interface EmbeddedWill {
  clientId: string;
  conn: number;
  ts: number;
  topic: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  cause: Reason;
  delayed: number;
  payloadBytes: number;
}

const TOPIC = new RegExp(`^\\$SYS\\/([^/]+)\\/${EMBEDDED_NAMESPACE}\\/([a-z]+)$`);

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const reason = (v: unknown): Reason | undefined =>
  typeof v === 'string' && (REASON_WORDS as readonly string[]).includes(v) ? (v as Reason) : undefined;
const qos = (v: unknown): 0 | 1 | 2 | undefined => (v === 0 || v === 1 || v === 2 ? v : undefined);

/** The key of one of the embedded broker's connections in the lane registry. */
export const brokerConnKey = (brokerId: string, conn: number): string => `${brokerId}#${conn}`;

export function parseEmbedded(topic: string, payload: string): ParsedMessage | null {
  const m = TOPIC.exec(topic);
  if (!m) return null;
  const [, brokerId, event] = m;
  const empty: ParsedMessage = { broker: 'embedded', brokerId, reports: [] };
  let body: Json;
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return empty;
    body = value as Json;
  } catch {
    return empty;
  }
  const clientId = str(body.clientId);
  const ts = num(body.ts);
  const conn = num(body.conn);
  if (event === 'broker' || clientId === undefined) return empty;
  const base = {
    clientId,
    ...(ts !== undefined ? { brokerTime: ts } : {}),
    ...(conn !== undefined ? { brokerConn: brokerConnKey(brokerId, conn) } : {}),
  };
  const reports: BrokerReport[] = [];
  switch (event) {
    case 'connected': {
      const p = num(body.protocol);
      const k = num(body.keepAlive);
      const address = str(body.address);
      const transport =
        body.transport === 'tcp' || body.transport === 'websockets' ? body.transport : undefined;
      reports.push({
        kind: 'connected',
        ...base,
        ...(p === 3 || p === 4 || p === 5 ? { protocol: p } : {}),
        ...(typeof body.cleanStart === 'boolean' ? { cleanStart: body.cleanStart } : {}),
        ...(k !== undefined ? { keepAlive: k } : {}),
        ...(address !== undefined ? { address } : {}),
        ...(transport !== undefined ? { transport } : {}),
      });
      break;
    }
    case 'disconnected': {
      const r = reason(body.reason);
      const error = str(body.error);
      reports.push({
        kind: 'disconnected',
        ...base,
        ...(r !== undefined ? { reason: r } : {}),
        ...(error !== undefined ? { brokerReason: error } : {}),
      });
      break;
    }
    case 'timeout': {
      const k = num(body.keepAlive);
      const idle = num(body.idleMs);
      reports.push({
        kind: 'timeout',
        ...base,
        ...(k !== undefined ? { keepAlive: k } : {}),
        ...(idle !== undefined ? { idleMs: idle } : {}),
      });
      break;
    }
    case 'takeover': {
      const oldConn = num(body.oldConn);
      const newConn = num(body.newConn);
      reports.push({
        kind: 'takeover',
        clientId,
        ...(ts !== undefined ? { brokerTime: ts } : {}),
        ...(oldConn !== undefined ? { brokerConn: brokerConnKey(brokerId, oldConn) } : {}),
        ...(newConn !== undefined ? { newBrokerConn: brokerConnKey(brokerId, newConn) } : {}),
      });
      break;
    }
    case 'will': {
      const topicName = str(body.topic);
      const q = qos(body.qos);
      if (topicName === undefined || q === undefined || typeof body.retain !== 'boolean') break;
      const cause = reason(body.cause);
      const delayed = num(body.delayed);
      const bytes = num(body.payloadBytes);
      reports.push({
        kind: 'will',
        ...base,
        topic: topicName,
        qos: q,
        retain: body.retain,
        ...(cause !== undefined ? { cause } : {}),
        ...(delayed !== undefined ? { delayed } : {}),
        ...(bytes !== undefined ? { payloadBytes: bytes } : {}),
      });
      break;
    }
  }
  return { ...empty, reports };
}
