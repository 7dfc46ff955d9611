// One producer, several sinks (e.g. the store for the timeline and counters for the summary).
import type { Direction, NonPacketEvent, PacketDetail, PacketType, TraceSink } from './types';

/** A sink that forwards every event to each of `sinks`, in order; it wants details if any does. */
export function teeSink(...sinks: TraceSink[]): TraceSink {
  return {
    wantsDetail: sinks.some((s) => s.wantsDetail),
    packet(
      t: number,
      dir: Direction,
      client: string,
      conn: number,
      type: PacketType,
      arrive: number | null,
      detail: PacketDetail | null,
      typeCode?: number,
    ): void {
      for (const s of sinks) s.packet(t, dir, client, conn, type, arrive, detail, typeCode);
    },
    event(e: NonPacketEvent): void {
      for (const s of sinks) s.event(e);
    },
  };
}
