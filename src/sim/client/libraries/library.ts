// What a client library decides about keep alive: when it sends PINGREQ, what restarts its timer, and
// when it gives up waiting for the PINGRESP. The standard fixes only the outer bound: a client sends a
// control packet within K seconds of its last one [MQTT-3.1.2-23], and closes the connection when no
// PINGRESP comes "within a reasonable amount of time" [MQTT-3.1.2-24 is the broker's side; the
// client's is non-normative]. Real libraries differ inside that bound, and the difference moves a
// silent client's last packet, so it moves when a broker drops it. docs/brokers.md tabulates them.

import type { ClientLibraryName } from '../../../scenario/types';
import { PACKET_TYPES } from '../../../trace/types';

export interface ClientLibrary {
  readonly name: ClientLibraryName;
  /**
   * The library checks its timer only on a lattice of this step (ms) anchored at the last packet in or
   * out, as a network loop with a select() timeout does; 0: exact timers.
   */
  readonly checkStepMs: number;
  /**
   * 1 at each packet type (src/sim/packets.ts) whose arrival restarts the library's timer: a table,
   * since it is read for every packet a client receives.
   */
  readonly restartsOnReceive: Uint8Array;
  /**
   * When the next PINGREQ is due (ms; Infinity: none until something changes). Positional, for the
   * hot path: keep alive (ms), last packet sent and received, the last restart of the library's own
   * timer (CONNACK, or a packet for which `restartsOnReceive`), the outstanding PINGREQ (or -1).
   */
  pingDue(
    keepAliveMs: number,
    lastSent: number,
    lastReceived: number,
    timerBase: number,
    pingSentAt: number,
  ): number;
  /** When the client gives up on its outstanding PINGREQ and closes (ms), or Infinity. */
  giveUpAt(keepAliveMs: number, pingSentAt: number, timerBase: number): number;
}

/** A `restartsOnReceive` table with 1 at `types`. */
export function packetTable(types: readonly number[]): Uint8Array {
  const table = new Uint8Array(PACKET_TYPES.length);
  for (const type of types) table[type] = 1;
  return table;
}

/** The first point of a check lattice (`anchor` + n × `step`, n ≥ 0) at or after `due`. */
export function onLattice(anchor: number, due: number, step: number): number {
  if (step === 0 || due <= anchor) return Math.max(due, anchor);
  return anchor + Math.ceil((due - anchor) / step) * step;
}
