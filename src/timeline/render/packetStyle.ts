// How a packet's arrow looks, by what it is for. Keep-alive traffic (PINGREQ / PINGRESP) is the
// subject of the timeline: bold and labelled. Connection control (CONNECT, CONNACK, DISCONNECT,
// SUBSCRIBE, …) is drawn plainly in its own colour. Data (PUBLISH and its acknowledgements) recedes: a
// thin grey line, so a busy sensor's readings never hide a quiet one's pings. The legend draws its
// samples with these same strokes.

import { PRIORITY_DATA, PRIORITY_PING } from '../priority';
import type { Palette } from '../theme';

export const PACKET_CLASSES = ['keepalive', 'control', 'data'] as const;
export type PacketClass = (typeof PACKET_CLASSES)[number];

export const CLASS_KEEPALIVE = 0;
export const CLASS_CONTROL = 1;
export const CLASS_DATA = 2;

/** The class of a delivered packet from its level-of-detail priority. */
export function packetClassOf(priority: number): number {
  return priority === PRIORITY_PING
    ? CLASS_KEEPALIVE
    : priority === PRIORITY_DATA
      ? CLASS_DATA
      : CLASS_CONTROL;
}

export interface PacketStroke {
  colour: string;
  width: number;
  alpha: number;
  /** Arrowhead length (px) of a full arrow. */
  head: number;
}

/** The stroke of a packet of class `cls` going client → broker (`c2b`) or back. */
export function packetStroke(p: Palette, cls: number, c2b: boolean): PacketStroke {
  const s = p.scale;
  switch (cls) {
    case CLASS_KEEPALIVE:
      return { colour: c2b ? p.packetC2b : p.packetB2c, width: 2 * s, alpha: 1, head: 7 * s };
    case CLASS_CONTROL:
      return { colour: p.control, width: 1.5 * s, alpha: 0.95, head: 6 * s };
    default:
      return { colour: p.data, width: 1 * s, alpha: 0.75, head: 5 * s };
  }
}
