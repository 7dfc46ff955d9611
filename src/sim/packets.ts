// Packet types inside the simulator: small integers, each the type's index in the trace's
// PACKET_TYPES, so the wire keeps them in a byte column and the trace gets the name by indexing.

import { PACKET_TYPES, type PacketType } from '../trace/types';

export const CONNECT = 0;
export const CONNACK = 1;
export const PUBLISH = 2;
export const PUBACK = 3;
export const PUBREC = 4;
export const PUBREL = 5;
export const PUBCOMP = 6;
export const SUBSCRIBE = 7;
export const SUBACK = 8;
export const UNSUBSCRIBE = 9;
export const UNSUBACK = 10;
export const PINGREQ = 11;
export const PINGRESP = 12;
export const DISCONNECT = 13;

export function packetTypeName(code: number): PacketType {
  return PACKET_TYPES[code];
}
