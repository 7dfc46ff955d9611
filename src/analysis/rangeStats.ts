// Statistics of a trace: packets by type, bytes on the wire, losses, timeouts, wills, take-overs and
// faults, for a whole run (`StatsAccumulator`, a TraceSink fed as events are produced) or for a
// time × lanes range of a TraceStore (`rangeStats`, what a drag-selection shows). Pure.

import { lowerBound } from '../base/search';
import { KIND_INDEX, PACKET_TYPE_INDEX, SIDE_INDEX } from '../trace/codes';
import type { TraceStore } from '../trace/store';
import { PACKET_TYPES } from '../trace/types';
import type {
  Direction,
  NonPacketEvent,
  PacketDetail,
  PacketEvent,
  PacketType,
  TraceHeader,
  TraceSink,
} from '../trace/types';
import { bareSize, packetSize, type ProtocolLevel } from './packetSize';
import { scenarioProtocol } from './traceFacts';

export interface Stats {
  /** Trace events of every kind. */
  events: number;
  packets: number;
  /** Indexed like PACKET_TYPES. */
  packetsByType: number[];
  /** Estimated bytes on the wire (every packet sent, lost ones included). */
  bytes: number;
  /** Packets that never arrived. */
  lost: number;
  /** Keep-alive timeouts fired by the broker / by clients (no PINGRESP). */
  brokerTimeouts: number;
  clientTimeouts: number;
  wills: number;
  takeovers: number;
  faults: number;
  connsOpened: number;
  connsClosed: number;
}

export function emptyStats(): Stats {
  return {
    events: 0,
    packets: 0,
    packetsByType: new Array<number>(PACKET_TYPES.length).fill(0),
    bytes: 0,
    lost: 0,
    brokerTimeouts: 0,
    clientTimeouts: 0,
    wills: 0,
    takeovers: 0,
    faults: 0,
    connsOpened: 0,
    connsClosed: 0,
  };
}

/** Packets by type name, only the types that occur. */
export function packetsByTypeName(s: Stats): { type: PacketType; count: number }[] {
  const out: { type: PacketType; count: number }[] = [];
  PACKET_TYPES.forEach((type, i) => {
    if (s.packetsByType[i] > 0) out.push({ type, count: s.packetsByType[i] });
  });
  return out;
}

function countEvent(s: Stats, e: NonPacketEvent): void {
  s.events++;
  switch (e.kind) {
    case 'timeout':
      if (e.side === 'broker') s.brokerTimeouts++;
      else s.clientTimeouts++;
      break;
    case 'will':
      s.wills++;
      break;
    case 'takeover':
      s.takeovers++;
      break;
    case 'fault':
      s.faults++;
      break;
    case 'conn':
      if (e.state === 'open') s.connsOpened++;
      else s.connsClosed++;
      break;
  }
}

/**
 * Per packet type code: its size without details, when that is the same in every protocol level (a
 * message id is always 2 bytes); 0 otherwise.
 */
const FIXED_SIZE = Uint8Array.from(PACKET_TYPES, (type) => {
  const size = bareSize(type, 4);
  return size > 0 && size === bareSize(type, 5) ? size : 0;
});

/** Connection ids below this are kept in a typed array (at most this many bytes). */
const MAX_INDEXED_CONN = 1 << 24;

/** Run totals, fed like any sink (the worker tees it next to the batch sink; the page feeds imports). */
export class StatsAccumulator implements TraceSink {
  readonly wantsDetail = true;
  private readonly s = emptyStats();
  /**
   * conn → protocol level (0: not known), from each connection's CONNECT. Indexed by the connection
   * id: a fleet's every packet looks its connection up, and a Map of 100 000 connections was one of
   * the worker's hottest lines. Ids that are not small integers (an imported trace) go to the Map.
   */
  private protocolOfConn = new Uint8Array(1024);
  private readonly protocols = new Map<number, ProtocolLevel>();

  constructor(private readonly defaultProtocol: ProtocolLevel = 4) {}

  private protocolOf(conn: number): ProtocolLevel {
    if (conn >= 0 && conn < this.protocolOfConn.length && (conn | 0) === conn) {
      const p = this.protocolOfConn[conn];
      return p === 0 ? this.defaultProtocol : (p as ProtocolLevel);
    }
    return this.protocols.get(conn) ?? this.defaultProtocol;
  }

  private setProtocol(conn: number, protocol: ProtocolLevel): void {
    if (conn >= 0 && conn < MAX_INDEXED_CONN && (conn | 0) === conn) {
      if (conn >= this.protocolOfConn.length) {
        const grown = new Uint8Array(Math.max(conn + 1, this.protocolOfConn.length * 2));
        grown.set(this.protocolOfConn);
        this.protocolOfConn = grown;
      }
      this.protocolOfConn[conn] = protocol;
    } else {
      this.protocols.set(conn, protocol);
    }
  }

  packet(
    _t: number,
    _dir: Direction,
    client: string,
    conn: number,
    type: PacketType,
    arrive: number | null,
    detail: PacketDetail | null,
    typeCode?: number,
  ): void {
    const s = this.s;
    s.events++;
    s.packets++;
    const code = typeCode ?? PACKET_TYPE_INDEX.get(type);
    if (arrive === null) s.lost++;
    if (code !== undefined) {
      s.packetsByType[code]++;
      // Pings, and acknowledgements with no reason code or properties: their size is the type's alone.
      const fixed = FIXED_SIZE[code];
      if (fixed > 0 && (detail === null || (detail.properties === undefined && !detail.reasonCode))) {
        s.bytes += fixed;
        return;
      }
    }
    if (type === 'CONNECT' && (detail?.protocol === 5 || detail?.protocol === 4))
      this.setProtocol(conn, detail.protocol);
    const protocol = this.protocolOf(conn);
    const bare = detail === null ? bareSize(type, protocol) : -1;
    s.bytes += bare !== -1 ? bare : packetSize(type, detail, protocol, client);
  }

  event(e: NonPacketEvent): void {
    countEvent(this.s, e);
  }

  append(e: PacketEvent | NonPacketEvent): void {
    if (e.kind === 'packet') {
      const { t, dir, client, conn, type, arrive } = e;
      this.packet(t, dir, client, conn, type, arrive, e);
    } else this.event(e);
  }

  /** A copy of the totals so far. */
  snapshot(): Stats {
    return { ...this.s, packetsByType: this.s.packetsByType.slice() };
  }
}

/** A drag-selected area: a time span and the lanes (client IDs; "broker" for the broker lane). */
export interface StatsRange {
  t0: number;
  t1: number;
  lanes: readonly string[];
}

const PACKET = KIND_INDEX.get('packet') ?? 0;
const CONNECT = PACKET_TYPE_INDEX.get('CONNECT') ?? 0;
const TIMEOUT = KIND_INDEX.get('timeout') ?? 2;
const BROKER_SIDE = SIDE_INDEX.get('broker') ?? 1;

interface ProtocolCache {
  scanned: number;
  protocols: Map<number, ProtocolLevel>;
}
const protocolCaches = new WeakMap<TraceStore, ProtocolCache>();

/** conn → protocol level of its CONNECT, kept up to date incrementally per store. */
function protocolsOf(store: TraceStore): Map<number, ProtocolLevel> {
  let cache = protocolCaches.get(store);
  if (cache === undefined) {
    cache = { scanned: 0, protocols: new Map() };
    protocolCaches.set(store, cache);
  }
  const c = store.columns;
  for (let i = cache.scanned; i < c.length; i++) {
    if (c.kind[i] === PACKET && c.packetType[i] === CONNECT && c.dir[i] === 0) {
      const e = store.get(i) as PacketEvent;
      if (e.protocol === 5 || e.protocol === 4) cache.protocols.set(e.conn, e.protocol);
    }
  }
  cache.scanned = c.length;
  return cache.protocols;
}

/** Statistics of the rows with t0 <= t <= t1 on the given lanes. */
export function rangeStats(store: TraceStore, range: StatsRange, header: TraceHeader | null = null): Stats {
  const s = emptyStats();
  const c = store.columns;
  const ids = store.clientIds();
  const wanted = new Set(range.lanes);
  const laneMask = new Uint8Array(ids.length);
  ids.forEach((id, i) => (laneMask[i] = wanted.has(id) ? 1 : 0));
  const broker = wanted.has('broker');
  const protocols = protocolsOf(store);
  const fallback = scenarioProtocol(header);
  const t0 = Math.min(range.t0, range.t1);
  const t1 = Math.max(range.t0, range.t1);
  for (let i = lowerBound(c.t, c.length, t0); i < c.length && c.t[i] <= t1; i++) {
    const client = c.client[i];
    if (client === -1 ? !broker : laneMask[client] === 0) continue;
    const kind = c.kind[i];
    if (kind !== PACKET) {
      if (kind === TIMEOUT) {
        // Counted from the columns; other kinds need the event.
        s.events++;
        if (c.code[i] === BROKER_SIDE) s.brokerTimeouts++;
        else s.clientTimeouts++;
      } else countEvent(s, store.get(i) as NonPacketEvent);
      continue;
    }
    s.events++;
    s.packets++;
    const type = c.packetType[i];
    if (type < PACKET_TYPES.length) s.packetsByType[type]++;
    if (Number.isNaN(c.arrive[i])) s.lost++;
    const protocol = protocols.get(c.conn[i]) ?? fallback;
    const bare = type < PACKET_TYPES.length ? bareSize(PACKET_TYPES[type], protocol) : -1;
    if (bare !== -1) s.bytes += bare;
    else {
      const e = store.get(i) as PacketEvent;
      s.bytes += packetSize(e.type, e, protocol, e.client);
    }
  }
  return s;
}
