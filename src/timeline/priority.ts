// How important a row is, for level of detail: when many rows share a pixel, the most important one is
// drawn (timeout > will > takeover > fault > lost packet > connection change > session > CONNECT /
// CONNACK / DISCONNECT > PINGREQ / PINGRESP > other control packets > data: PUBLISH and its
// acknowledgements). Keep-alive traffic is what the timeline is about, so a ping outranks the data
// that shares its pixel. Derived from the store's columns alone.

import { KIND_INDEX, PACKET_TYPE_INDEX } from '../trace/codes';
import { PACKET_TYPES } from '../trace/types';

export const PRIORITY_DATA = 1;
export const PRIORITY_PACKET = 2;
export const PRIORITY_PING = 3;
export const PRIORITY_CONNECT = 4;
export const PRIORITY_SESSION = 5;
export const PRIORITY_CONN = 6;
export const PRIORITY_LOST = 7;
export const PRIORITY_FAULT = 8;
export const PRIORITY_TAKEOVER = 9;
export const PRIORITY_WILL = 10;
export const PRIORITY_TIMEOUT = 11;

/** Rows at or above this are listed as notable (the `.`/`,` keys step through them). */
export const PRIORITY_NOTABLE = PRIORITY_SESSION;

export const KIND_PACKET = KIND_INDEX.get('packet') ?? 0;
export const KIND_CONN = KIND_INDEX.get('conn') ?? 1;
export const KIND_TIMEOUT = KIND_INDEX.get('timeout') ?? 2;
export const KIND_WILL = KIND_INDEX.get('will') ?? 3;
export const KIND_TAKEOVER = KIND_INDEX.get('takeover') ?? 4;
export const KIND_FAULT = KIND_INDEX.get('fault') ?? 5;
export const KIND_SESSION = KIND_INDEX.get('session') ?? 6;

function typeCode(type: (typeof PACKET_TYPES)[number]): number {
  return PACKET_TYPE_INDEX.get(type) ?? -1;
}

export const TYPE_CONNECT = typeCode('CONNECT');
export const TYPE_CONNACK = typeCode('CONNACK');
export const TYPE_PINGREQ = typeCode('PINGREQ');
export const TYPE_PINGRESP = typeCode('PINGRESP');
export const TYPE_DISCONNECT = typeCode('DISCONNECT');

/** Priority of a delivered packet, by packet type code (unknown codes: PRIORITY_PACKET). */
const PACKET_PRIORITY = new Uint8Array(256).fill(PRIORITY_PACKET);
PACKET_PRIORITY[TYPE_CONNECT] = PRIORITY_CONNECT;
PACKET_PRIORITY[TYPE_CONNACK] = PRIORITY_CONNECT;
PACKET_PRIORITY[TYPE_DISCONNECT] = PRIORITY_CONNECT;
for (const type of ['PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'] as const)
  PACKET_PRIORITY[typeCode(type)] = PRIORITY_DATA;
PACKET_PRIORITY[TYPE_PINGREQ] = PRIORITY_PING;
PACKET_PRIORITY[TYPE_PINGRESP] = PRIORITY_PING;

/** Priority of a non-packet row, by kind code. */
const KIND_PRIORITY = new Uint8Array(256);
KIND_PRIORITY[KIND_CONN] = PRIORITY_CONN;
KIND_PRIORITY[KIND_TIMEOUT] = PRIORITY_TIMEOUT;
KIND_PRIORITY[KIND_WILL] = PRIORITY_WILL;
KIND_PRIORITY[KIND_TAKEOVER] = PRIORITY_TAKEOVER;
KIND_PRIORITY[KIND_FAULT] = PRIORITY_FAULT;
KIND_PRIORITY[KIND_SESSION] = PRIORITY_SESSION;

/** The priority of one row from its kind, packet type and arrival (NaN: lost) columns. */
export function priorityOf(kind: number, packetType: number, arrive: number): number {
  if (kind !== KIND_PACKET) return KIND_PRIORITY[kind];
  // Lost: NaN never equals itself (cheaper than Number.isNaN on the hot path).
  if (arrive !== arrive) return PRIORITY_LOST;
  return PACKET_PRIORITY[packetType];
}
