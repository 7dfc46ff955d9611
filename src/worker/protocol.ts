// The messages between the page and the simulation worker. Trace rows travel as column slices in
// transferable typed arrays (one batch = a few arrays, not one object per event); only packet
// details and the rare non-packet events are structured-cloned objects.

import type { Action, Scenario, ScenarioEvent } from '../scenario/types';
import type { NonPacketEvent, PacketDetail, TraceHeader } from '../trace/types';
import type { PacketTypeCounts } from '../analysis/fleet/buckets';
import type { Stats } from '../analysis/rangeStats';
import type { PackedActivity } from './activity';

/** Simulated ms per wall ms; 'max' runs as fast as the machine allows. */
export type Speed = number | 'max';

export const SPEEDS: readonly Speed[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 'max'];

/** The faults a user can inject on a client lane (scenario actions). */
export const LANE_FAULTS = [
  'crash',
  'power-off',
  'power-on',
  'link-down',
  'link-up',
  'disconnect',
  'clone',
] as const satisfies readonly Action[];
export type LaneFault = (typeof LANE_FAULTS)[number];

/**
 * Per-lane activity for runs too big to keep every packet: counts[lane * buckets + bucket] packets
 * of lane `lanes[lane]` in [bucket × bucketMs, (bucket + 1) × bucketMs).
 */
export interface LaneActivity {
  bucketMs: number;
  buckets: number;
  lanes: string[];
  counts: Uint32Array;
  /**
   * Packets of all lanes per packet type and time bucket (buckets of their own, see
   * analysis/fleet/buckets): the fleet view's traffic mix, which the page cannot count from a sampled
   * run's rows. Absent in activity from elsewhere.
   */
  types?: PacketTypeCounts;
  /** Page side only (see mergeActivity): per bucket, the generation at which it last changed. */
  stamps?: Uint32Array;
  generation?: number;
}

/** Absolute per-type counts of `types` buckets [from, from + span), bucket-major (see PacketTypeCounts). */
export interface PacketTypeDelta {
  from: number;
  span: number;
  counts: Uint32Array;
}

/** Absolute counts of lane buckets [from, from + span) for every lane, lane-major; plus changed type buckets. */
export interface ActivityDelta {
  from: number;
  span: number;
  counts: Uint32Array;
  types?: PacketTypeDelta;
}

/** `EncodedBatch.kind`: a packet. */
export const ROW_PACKET = 0;
/** `EncodedBatch.kind`: another event, whole in `objects[ref]`. */
export const ROW_OBJECT = 1;
/**
 * `EncodedBatch.kind`: a connection or session event said whole by the row (trace/codedEvent.ts): `dir`
 * holds its kind's index in TRACE_KINDS and `type` its code; no object travels.
 */
export const ROW_CODED = 2;

/** A slice of trace rows, one per event: a packet, an object, or a coded event (by `kind`). */
export interface EncodedBatch {
  length: number;
  /** ROW_PACKET, ROW_OBJECT or ROW_CODED. */
  kind: Uint8Array;
  t: Float64Array;
  /** NaN: lost. */
  arrive: Float64Array;
  /** Index into the run's client table (see newClients). */
  client: Int32Array;
  conn: Int32Array;
  /** Index in PACKET_TYPES (a coded event: its code). */
  type: Uint8Array;
  /** Index in DIRECTIONS (a coded event: its kind). */
  dir: Uint8Array;
  /** Packets: index into details (-1: none). Other events: index into objects. */
  ref: Int32Array;
  details: PacketDetail[];
  objects: NonPacketEvent[];
  /** Client IDs first seen in this batch, appended to the run's client table in order. */
  newClients: string[];
}

export interface RunProgress {
  /** Simulated time reached, ms. */
  now: number;
  durationMs: number;
  /** Trace events produced so far (including those not sent in sampled mode). */
  events: number;
  /** Trace events per wall second, recently. */
  rate: number;
  playing: boolean;
  done: boolean;
}

export type ToWorker =
  | {
      type: 'start';
      runId: number;
      scenario: Scenario;
      playing: boolean;
      speed: Speed;
      /** Run as fast as possible to this time first (seek), then go on as `playing` says. */
      untilMs?: number;
      /** Events above which only some lanes' packets are sent (default EVENT_BUDGET). */
      budget?: number;
      /** Rows sent but not acknowledged above which the worker waits (default MAX_IN_FLIGHT). */
      maxInFlight?: number;
    }
  /** With `untilMs`: play up to that simulated time and pause there (a lesson moving to its moment). */
  | { type: 'play'; speed: Speed; untilMs?: number }
  | { type: 'pause' }
  | { type: 'speed'; speed: Speed }
  | { type: 'step' }
  /** Forward only: run as fast as possible to t, then go on as before. */
  | { type: 'seek'; t: number }
  | { type: 'inject'; requestId: number; client: string; fault: LaneFault }
  | { type: 'cancel' }
  /** Rows the page has applied (flow control). */
  | { type: 'ack'; rows: number }
  | { type: 'export'; requestId: number; scenario: Scenario }
  | { type: 'cancel-export'; requestId: number };

export type FromWorker =
  | {
      type: 'started';
      runId: number;
      header: TraceHeader;
      /** 'sampled': packets of some lanes only, plus `activity` for all lanes. */
      mode: 'full' | 'sampled';
      estimate: number;
      /** Lane IDs joined by "\n" (see activity.ts packActivity). */
      activity: PackedActivity | null;
    }
  | { type: 'batch'; runId: number; batch: EncodedBatch; progress: RunProgress; stats: Stats }
  | { type: 'progress'; runId: number; progress: RunProgress; stats: Stats }
  /** Absolute counts of buckets [from, from + span) for every lane, lane-major (see ActivityDelta). */
  | ({ type: 'activity'; runId: number } & ActivityDelta)
  | { type: 'injected'; runId: number; requestId: number; event: ScenarioEvent }
  | { type: 'inject-failed'; runId: number; requestId: number; message: string }
  | { type: 'error'; runId: number; message: string }
  | { type: 'export-progress'; requestId: number; now: number; durationMs: number; bytes: number }
  | { type: 'exported'; requestId: number; blob: Blob; bytes: number }
  | { type: 'export-failed'; requestId: number; message: string };

/** Above this many estimated trace events a run is sampled (a tab cannot hold them all). */
export const EVENT_BUDGET = 5_000_000;
/** Lanes whose packets are always kept in a sampled run (plus lanes with faults and observers). */
export const KEPT_LANES = 1000;
/** Rows sent but not yet applied by the page, above which the worker waits. */
export const MAX_IN_FLIGHT = 400_000;
/** Rows per batch at most. */
export const MAX_BATCH_ROWS = 25_000;
/**
 * Objects (packet details, non-packet events) per batch at most: the page deserialises a batch in
 * one task, and objects cost far more than typed-array rows.
 */
export const MAX_BATCH_OBJECTS = 2_000;

/** The transferable buffers of a batch. */
export function batchTransfers(b: EncodedBatch): ArrayBuffer[] {
  return [b.kind, b.t, b.arrive, b.client, b.conn, b.type, b.dir, b.ref].map((a) => a.buffer as ArrayBuffer);
}
