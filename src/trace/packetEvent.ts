// The event a `TraceSink.packet(...)` call stands for. Every sink must agree on it (the JSONL
// writer and the store must produce the same line), so it is built in one place: positional
// arguments win over same-named keys of `detail`.
import { PACKET_BASE_KEYS } from './fields';
import type { Direction, PacketDetail, PacketEvent, PacketType } from './types';

const BASE = new Set<string>(PACKET_BASE_KEYS);
const hasOwn = Object.prototype.hasOwnProperty;

export function packetEvent(
  t: number,
  dir: Direction,
  client: string,
  conn: number,
  type: PacketType,
  arrive: number | null,
  detail: PacketDetail | null,
): PacketEvent {
  const e: PacketEvent = { t, kind: 'packet', dir, client, conn, type, arrive };
  if (detail !== null) copyDetail(detail, e);
  return e;
}

/** Copies `detail`'s own keys, except the packet's base fields, onto `into`. */
export function copyDetail(detail: PacketDetail, into: PacketDetail): void {
  const from = detail as unknown as Record<string, unknown>;
  const to = into as unknown as Record<string, unknown>;
  for (const key in from) {
    if (!hasOwn.call(from, key) || BASE.has(key)) continue;
    // Plain assignment of "__proto__" would set the prototype, not copy a (parsed) key.
    if (key === '__proto__')
      Object.defineProperty(to, key, {
        value: from[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else to[key] = from[key];
  }
}

/** A packet event's fields other than the base ones: its detail (source and unknown keys included). */
export function detailOf(e: PacketEvent): PacketDetail {
  const detail: PacketDetail = {};
  copyDetail(e, detail);
  return detail;
}
