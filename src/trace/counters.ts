// A sink that only counts, for runs too big (or benchmarks too hot) to keep events: `packet`
// allocates nothing and never reads details, so producers may skip building them.
import {
  CONN_STATE_INDEX,
  KIND_INDEX,
  PACKET_TYPE_INDEX,
  REASON_INDEX,
  REASONS,
  SESSION_STATE_INDEX,
  SESSION_STATES,
  SIDE_INDEX,
  TRACE_KINDS,
} from './codes';
import { PACKET_TYPES } from './types';
import type {
  Direction,
  NonPacketEvent,
  PacketDetail,
  PacketType,
  Reason,
  Side,
  TraceEvent,
  TraceKind,
  TraceSink,
} from './types';

export interface TraceSummary {
  events: number;
  byKind: Record<TraceKind, number>;
  packetsByType: Record<PacketType, number>;
  /** Packets whose `arrive` is null. */
  packetsLost: number;
  connsOpened: number;
  connsClosed: number;
  /** `conn` events with state closed, by reason. */
  closesByReason: Record<Reason, number>;
  timeouts: Record<Side, number>;
  wills: number;
  takeovers: number;
  faults: number;
  sessions: Record<(typeof SESSION_STATES)[number], number>;
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

function record<K extends string>(keys: readonly K[], counts: readonly number[]): Record<K, number> {
  const out = {} as Record<K, number>;
  keys.forEach((k, i) => (out[k] = counts[i]));
  return out;
}

export class CountingSink implements TraceSink {
  readonly wantsDetail = false;

  events = 0;
  /** Indexed like TRACE_KINDS. */
  readonly byKind = zeros(TRACE_KINDS.length);
  /** Indexed like PACKET_TYPES. */
  readonly packetsByType = zeros(PACKET_TYPES.length);
  packetsLost = 0;
  connsOpened = 0;
  connsClosed = 0;
  /** Indexed like REASONS. */
  readonly closesByReason = zeros(REASONS.length);
  /** [client, broker]. */
  readonly timeouts = [0, 0];
  wills = 0;
  takeovers = 0;
  faults = 0;
  /** Indexed like SESSION_STATES. */
  readonly sessions = zeros(SESSION_STATES.length);

  packet(
    _t: number,
    _dir: Direction,
    _client: string,
    _conn: number,
    type: PacketType,
    arrive: number | null,
    _detail: PacketDetail | null,
    typeCode?: number,
  ): void {
    this.events++;
    this.byKind[0]++;
    const code = typeCode ?? PACKET_TYPE_INDEX.get(type);
    if (code !== undefined) this.packetsByType[code]++;
    if (arrive === null) this.packetsLost++;
  }

  event(e: NonPacketEvent): void {
    const kind = KIND_INDEX.get(e.kind);
    if (kind === undefined) return;
    this.events++;
    this.byKind[kind]++;
    switch (e.kind) {
      case 'conn':
        if (CONN_STATE_INDEX.get(e.state) === 0) this.connsOpened++;
        else {
          this.connsClosed++;
          const reason = REASON_INDEX.get(e.reason);
          if (reason !== undefined) this.closesByReason[reason]++;
        }
        break;
      case 'timeout': {
        const side = SIDE_INDEX.get(e.side);
        if (side !== undefined) this.timeouts[side]++;
        break;
      }
      case 'will':
        this.wills++;
        break;
      case 'takeover':
        this.takeovers++;
        break;
      case 'fault':
        this.faults++;
        break;
      case 'session': {
        const state = SESSION_STATE_INDEX.get(e.state);
        if (state !== undefined) this.sessions[state]++;
        break;
      }
    }
  }

  /** Counts any event (e.g. one read from a file). */
  append(e: TraceEvent): void {
    if (e.kind === 'packet') this.packet(e.t, e.dir, e.client, e.conn, e.type, e.arrive, null);
    else this.event(e);
  }

  summary(): TraceSummary {
    return {
      events: this.events,
      byKind: record(TRACE_KINDS, this.byKind),
      packetsByType: record(PACKET_TYPES, this.packetsByType),
      packetsLost: this.packetsLost,
      connsOpened: this.connsOpened,
      connsClosed: this.connsClosed,
      closesByReason: record(REASONS, this.closesByReason),
      timeouts: { client: this.timeouts[0], broker: this.timeouts[1] },
      wills: this.wills,
      takeovers: this.takeovers,
      faults: this.faults,
      sessions: record(SESSION_STATES, this.sessions),
    };
  }
}
