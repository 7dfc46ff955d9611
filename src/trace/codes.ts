// Small integer codes for the trace's enumerations. The store keeps events in typed-array columns,
// so every enum needs a stable index; the validator reuses the same lists as its allowed values.
import { CLOSE_REASONS, PACKET_TYPES } from './types';
import type { EventSource, Reason, TraceKind } from './types';

/** Order fixes the `kind` column's codes. */
export const TRACE_KINDS = [
  'packet',
  'conn',
  'timeout',
  'will',
  'takeover',
  'fault',
  'session',
] as const satisfies readonly TraceKind[];
export const DIRECTIONS = ['c2b', 'b2c'] as const;
export const SIDES = ['client', 'broker'] as const;
export const CONN_STATES = ['open', 'closed'] as const;
export const SESSION_STATES = ['created', 'resumed', 'expired'] as const;
export const REASONS: readonly Reason[] = [...CLOSE_REASONS, 'connect'];
export const EVENT_SOURCES: readonly EventSource[] = [
  'probe',
  'self',
  'mosquitto-log',
  'emqx-event',
  'embedded',
  'live',
];

/** A column value meaning "not applicable here" or "not a known value" (the row's object has the truth). */
export const NO_CODE = 255;

/** value → index, for the hot path (a Map lookup instead of a linear `indexOf`). */
function indexMap(list: readonly string[]): ReadonlyMap<string, number> {
  return new Map(list.map((v, i) => [v, i]));
}

export const KIND_INDEX = indexMap(TRACE_KINDS);
export const PACKET_TYPE_INDEX = indexMap(PACKET_TYPES);
export const DIRECTION_INDEX = indexMap(DIRECTIONS);
export const SOURCE_INDEX = indexMap(EVENT_SOURCES);
export const SIDE_INDEX = indexMap(SIDES);
export const CONN_STATE_INDEX = indexMap(CONN_STATES);
export const SESSION_STATE_INDEX = indexMap(SESSION_STATES);
export const REASON_INDEX = indexMap(REASONS);

/** Code of a value in one of the maps above, NO_CODE when it is not a known value. */
export function codeOf(map: ReadonlyMap<string, number>, value: unknown): number {
  return typeof value === 'string' ? (map.get(value) ?? NO_CODE) : NO_CODE;
}

/**
 * A `conn` event's `code` column: bit 0 state (0 open, 1 closed), bit 1 side (0 client, 1 broker),
 * bits 2.. the reason's index in REASONS. Lets the timeline draw opens and closes without objects.
 */
export function encodeConnCode(state: unknown, side: unknown, reason: unknown): number {
  const s = codeOf(CONN_STATE_INDEX, state);
  const d = codeOf(SIDE_INDEX, side);
  const r = codeOf(REASON_INDEX, reason);
  if (s === NO_CODE || d === NO_CODE || r === NO_CODE) return NO_CODE;
  return s | (d << 1) | (r << 2);
}

export function decodeConnCode(
  code: number,
): { state: (typeof CONN_STATES)[number]; side: (typeof SIDES)[number]; reason: Reason } | null {
  if (code === NO_CODE) return null;
  return { state: CONN_STATES[code & 1], side: SIDES[(code >> 1) & 1], reason: REASONS[code >> 2] };
}
