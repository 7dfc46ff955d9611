// A backstop for what a scenario's size estimate cannot foresee: a run that makes far more trace
// events than estimated (two clones taking a client ID from each other with a 1 ms reconnect backoff
// for a week) is stopped with a message, not left to run for hours.
import { MAX_RUN_EVENTS } from '../scenario/limits';
import { estimateScenarioSize } from '../scenario/size';
import type { Scenario } from '../scenario/types';
import type { Direction, NonPacketEvent, PacketDetail, PacketType, TraceSink } from '../trace/types';

export class RunTooBigError extends Error {
  constructor(readonly limit: number) {
    super(
      `stopped after ${limit} trace events, far more than the scenario's size foretold ` +
        '(a reconnect storm? check reconnect.minMs and the clone events)',
    );
    this.name = 'RunTooBigError';
  }
}

/** The most trace events a run of `scenario` may make: 20 × its estimate, from 5 million to twice the limit. */
export function runEventCap(scenario: Scenario): number {
  const estimate = estimateScenarioSize(scenario).events;
  return Math.min(2 * MAX_RUN_EVENTS, Math.max(20 * estimate, 5_000_000));
}

/** `sink`, throwing RunTooBigError at the event after the `max`th. */
export function cappedSink(sink: TraceSink, max: number): TraceSink {
  let n = 0;
  return {
    wantsDetail: sink.wantsDetail,
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
      if (++n > max) throw new RunTooBigError(max);
      sink.packet(t, dir, client, conn, type, arrive, detail, typeCode);
    },
    event(e: NonPacketEvent): void {
      if (++n > max) throw new RunTooBigError(max);
      sink.event(e);
    },
  };
}
