// Facts about a connection and its neighbours that the inspector needs, read from a TraceStore's
// columns by scanning backwards from a row (no index: a click costs one scan, a few ms at worst).

import { KIND_INDEX, PACKET_TYPE_INDEX } from '../trace/codes';
import type { TraceStore } from '../trace/store';
import type { PacketEvent, TraceHeader } from '../trace/types';
import type { ProtocolLevel } from './packetSize';

const PACKET = KIND_INDEX.get('packet') ?? 0;
const CONNECT = PACKET_TYPE_INDEX.get('CONNECT') ?? 0;
const CONNACK = PACKET_TYPE_INDEX.get('CONNACK') ?? 1;
const C2B = 0;

export type ProfileName =
  'spec' | 'mosquitto-2.0' | 'emqx' | 'hivemq' | 'aedes' | 'rabbitmq-3.10' | 'activemq-5.17' | 'ejabberd-23';

const PROFILES: readonly string[] = [
  'spec',
  'mosquitto-2.0',
  'emqx',
  'hivemq',
  'aedes',
  'rabbitmq-3.10',
  'activemq-5.17',
  'ejabberd-23',
];

interface ScenarioLike {
  protocol?: unknown;
  broker?: { profile?: unknown } | null;
}

/** The broker profile a simulated trace ran with ('spec' when unknown, e.g. live or imported). */
export function profileOf(header: TraceHeader | null): ProfileName {
  const s = header?.scenario as ScenarioLike | undefined;
  const p = s?.broker?.profile;
  return typeof p === 'string' && PROFILES.includes(p) ? (p as ProfileName) : 'spec';
}

/** The scenario's protocol level, 4 when unknown. */
export function scenarioProtocol(header: TraceHeader | null): ProtocolLevel {
  const s = header?.scenario as ScenarioLike | undefined;
  return s?.protocol === 5 ? 5 : 4;
}

export interface ConnFacts {
  /** Row of the connection's CONNECT, -1 when the trace lacks it. */
  connectRow: number;
  connect: PacketEvent | null;
  protocol: ProtocolLevel;
  /** The client's Keep Alive from CONNECT, seconds (null: unknown). */
  keepAlive: number | null;
  /** Server Keep Alive from CONNACK (MQTT 5), seconds. */
  serverKeepAlive: number | null;
  /** The keep alive in force: Server Keep Alive if the broker sent one, else the client's. */
  effectiveKeepAlive: number | null;
}

/** The CONNECT (and CONNACK) of connection `conn`, looking back from `row`. */
export function connFacts(
  store: TraceStore,
  conn: number,
  row: number,
  header: TraceHeader | null,
): ConnFacts {
  const c = store.columns;
  let connack = -1;
  let connectRow = -1;
  for (let i = Math.min(row, c.length - 1); i >= 0; i--) {
    if (c.conn[i] !== conn || c.kind[i] !== PACKET) continue;
    const type = c.packetType[i];
    if (type === CONNACK && connack === -1) connack = i;
    else if (type === CONNECT && c.dir[i] === C2B) {
      connectRow = i;
      break;
    }
  }
  const connect = connectRow === -1 ? null : (store.get(connectRow) as PacketEvent);
  let serverKeepAlive: number | null = null;
  if (connack !== -1) {
    const ack = store.get(connack) as PacketEvent;
    const ska = ack.properties?.serverKeepAlive;
    if (typeof ska === 'number') serverKeepAlive = ska;
  }
  const keepAlive = typeof connect?.keepAlive === 'number' ? connect.keepAlive : null;
  const protocol: ProtocolLevel =
    connect?.protocol === 5 ? 5 : connect?.protocol === 4 ? 4 : scenarioProtocol(header);
  return {
    connectRow,
    connect,
    protocol,
    keepAlive,
    serverKeepAlive,
    effectiveKeepAlive: serverKeepAlive ?? keepAlive,
  };
}

/**
 * The last row before `row` that is a packet on `conn` in direction `dir` (0 c2b, 1 b2c); with
 * `received`, only packets that arrived before `at`. -1 when there is none.
 */
export function previousPacket(
  store: TraceStore,
  row: number,
  conn: number,
  dir: number,
  options: { received?: boolean; at?: number; type?: number } = {},
): number {
  const c = store.columns;
  for (let i = row - 1; i >= 0; i--) {
    if (c.conn[i] !== conn || c.kind[i] !== PACKET || c.dir[i] !== dir) continue;
    if (options.type !== undefined && c.packetType[i] !== options.type) continue;
    if (options.received) {
      const a = c.arrive[i];
      if (Number.isNaN(a)) continue;
      if (options.at !== undefined && a > options.at) continue;
    }
    return i;
  }
  return -1;
}

/** The latest arrival at the broker of a packet on `conn` at or before time `t` (the broker's "last activity"). */
export function lastArrivalAtBroker(store: TraceStore, row: number, conn: number, t: number): number | null {
  // Arrivals on one connection never overtake each other (TCP), so the first one found going back wins.
  const c = store.columns;
  for (let i = Math.min(row, c.length - 1); i >= 0; i--) {
    if (c.conn[i] !== conn || c.kind[i] !== PACKET || c.dir[i] !== C2B) continue;
    const a = c.arrive[i];
    if (!Number.isNaN(a) && a <= t) return a;
    if (c.packetType[i] === CONNECT) break;
  }
  return null;
}
