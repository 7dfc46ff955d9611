// The fields a ref can read from a selected event: numbers for text and checks (times in seconds end
// in S), a few strings for text only, and any number as hex for text (`reasonCodeHex` → 0x8E).

import type { PacketEvent, TraceEvent, TraceKind } from '../trace/types';
import { LessonTraceError } from './errors';
import { formatHex, roundFact } from './format';
import { BROKER_TARGET, eventClient, pickIndex, type Selector } from './selector';

export type FieldType = 'number' | 'text';

interface FieldSpec {
  type: FieldType;
  /** The kinds that have the field; null: every kind. */
  kinds: readonly TraceKind[] | null;
}

const num = (kinds: readonly TraceKind[] | null = null): FieldSpec => ({ type: 'number', kinds });
const text = (kinds: readonly TraceKind[] | null = null): FieldSpec => ({ type: 'text', kinds });

export const FIELDS: Readonly<Record<string, FieldSpec>> = {
  atS: num(),
  count: num(),
  sincePreviousS: num(),
  sinceFaultS: num(),
  afterLastPacketS: num(),
  keepAliveS: num(),
  arriveS: num(['packet']),
  flightMs: num(['packet']),
  lost: num(['packet']),
  reasonCode: num(['packet']),
  sessionPresent: num(['packet']),
  willDelayS: num(['packet']),
  sessionExpiryS: num(['packet']),
  serverKeepAliveS: num(['packet']),
  qos: num(['packet', 'will']),
  conn: num(['packet', 'conn', 'timeout', 'will', 'takeover']),
  oldConn: num(['takeover']),
  lastActivityS: num(['timeout']),
  delayS: num(['will']),
  receivers: num(['will']),
  queued: num(['session']),
  client: text(),
  type: text(['packet']),
  dir: text(['packet']),
  topic: text(['packet', 'will']),
  cause: text(['will']),
  reason: text(['conn']),
  state: text(['conn', 'session']),
  side: text(['conn', 'timeout']),
  fault: text(['fault']),
};

const HEX = 'Hex';

/** The field `name` reads as a number or as text; null when there is no such field. */
export function fieldType(name: string): FieldType | null {
  if (Object.hasOwn(FIELDS, name)) return FIELDS[name].type;
  const base = name.endsWith(HEX) ? name.slice(0, -HEX.length) : null;
  return base !== null && FIELDS[base]?.type === 'number' ? 'text' : null;
}

/** Why `kind` has no field `name`, or null when it has. */
export function fieldProblem(kind: TraceKind, name: string): string | null {
  const base = Object.hasOwn(FIELDS, name) ? name : name.endsWith(HEX) ? name.slice(0, -HEX.length) : name;
  const spec = Object.hasOwn(FIELDS, base) ? FIELDS[base] : undefined;
  if (spec === undefined || (base !== name && spec.type !== 'number')) {
    const own = Object.keys(FIELDS).filter((f) => FIELDS[f].kinds === null || FIELDS[f].kinds.includes(kind));
    return `unknown field ${JSON.stringify(name)} (${kind} has ${own.join(', ')}; or a number field + "Hex")`;
  }
  if (spec.kinds !== null && !spec.kinds.includes(kind)) {
    return `${kind} has no field ${JSON.stringify(name)} (it belongs to ${spec.kinds.join(', ')})`;
  }
  return null;
}

/**
 * The value of `field` for the match of `selector` among `rows` (every match, in trace order);
 * throws `LessonTraceError` when the match or the value is missing.
 */
export function fact(
  events: readonly TraceEvent[],
  rows: readonly number[],
  selector: Selector,
  field: string,
): number | string {
  if (field === 'count') return rows.length;
  const i = pickIndex(rows.length, selector.nth);
  if (i < 0) throw missingMatch(selector, rows.length);
  if (field.endsWith(HEX) && !Object.hasOwn(FIELDS, field)) {
    return formatHex(numberFact(events, rows, i, selector, field.slice(0, -HEX.length)));
  }
  if (FIELDS[field]?.type === 'text') return textFact(events[rows[i]], selector, field);
  return numberFact(events, rows, i, selector, field);
}

/** `no will.sensor-1#2 in the trace (only 1 match)`. */
export function missingMatch(selector: Selector, count: number): LessonTraceError {
  const only = count === 0 ? '' : ` (only ${count} match${count === 1 ? '' : 'es'})`;
  return new LessonTraceError(selector.text, `no ${selector.text} in the trace${only}`);
}

function missing(selector: Selector, what: string): LessonTraceError {
  return new LessonTraceError(selector.text, `${selector.text} ${what}`);
}

function textFact(e: TraceEvent, selector: Selector, field: string): string {
  if (field === 'client') return eventClient(e);
  const value = (e as unknown as Record<string, unknown>)[field];
  if (typeof value !== 'string') throw missing(selector, `has no ${field}`);
  return value;
}

function numberFact(
  events: readonly TraceEvent[],
  rows: readonly number[],
  i: number,
  selector: Selector,
  field: string,
): number {
  const value = rawNumber(events, rows, i, selector, field);
  if (value === null) throw missing(selector, `has no ${field}`);
  return roundFact(value);
}

function rawNumber(
  events: readonly TraceEvent[],
  rows: readonly number[],
  i: number,
  selector: Selector,
  field: string,
): number | null {
  const row = rows[i];
  const e = events[row];
  switch (field) {
    case 'atS':
      return e.t / 1000;
    case 'sincePreviousS':
      if (i === 0) throw missing(selector, 'has no earlier match (sincePreviousS needs one)');
      return (e.t - events[rows[i - 1]].t) / 1000;
    case 'sinceFaultS':
      return (e.t - lastFaultBefore(events, row, selector)) / 1000;
    case 'afterLastPacketS':
      if (e.kind === 'timeout') return (e.t - e.lastActivity) / 1000;
      return (e.t - lastArrivalFrom(events, clientOf(e, selector), e.t, selector)) / 1000;
    case 'keepAliveS':
      return keepAliveAt(events, row, selector);
    case 'lastActivityS':
      return e.kind === 'timeout' ? e.lastActivity / 1000 : null;
    case 'delayS':
      return e.kind === 'will' ? e.delayed : null;
    case 'receivers':
      return e.kind === 'will' ? (e.receivers?.length ?? 0) : null;
    case 'queued':
      // A session that was created or expired has nothing waiting.
      return e.kind === 'session' ? (e.queued ?? 0) : null;
    case 'conn':
      return e.kind === 'takeover' ? e.newConn : e.kind === 'fault' || e.kind === 'session' ? null : e.conn;
    case 'oldConn':
      return e.kind === 'takeover' ? e.oldConn : null;
    case 'qos':
      return e.kind === 'will' || e.kind === 'packet' ? (e.qos ?? null) : null;
    default:
      return e.kind === 'packet' ? packetNumber(e, field, selector) : null;
  }
}

function packetNumber(e: PacketEvent, field: string, selector: Selector): number | null {
  switch (field) {
    case 'arriveS':
      if (e.arrive === null) throw missing(selector, 'was lost (it has no arrival)');
      return e.arrive / 1000;
    case 'flightMs':
      if (e.arrive === null) throw missing(selector, 'was lost (it has no flight time)');
      return e.arrive - e.t;
    case 'lost':
      return e.arrive === null ? 1 : 0;
    case 'reasonCode':
      return e.reasonCode ?? null;
    case 'sessionPresent':
      return e.sessionPresent === undefined ? null : e.sessionPresent ? 1 : 0;
    case 'willDelayS':
      return numberOrNull(e.properties?.willDelayInterval);
    case 'sessionExpiryS':
      return numberOrNull(e.properties?.sessionExpiryInterval);
    case 'serverKeepAliveS':
      return numberOrNull(e.properties?.serverKeepAlive);
    default:
      return null;
  }
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function clientOf(e: TraceEvent, selector: Selector): string {
  const client = eventClient(e);
  if (e.kind === 'fault' && client === BROKER_TARGET) throw missing(selector, 'concerns no client');
  return client;
}

/**
 * When the last fault before row `row` hit the event's client, or the broker (a broker fault hits
 * every client); for a fault on the broker, the last fault on the broker.
 */
function lastFaultBefore(events: readonly TraceEvent[], row: number, selector: Selector): number {
  const client = eventClient(events[row]);
  for (let r = row - 1; r >= 0; r--) {
    const e = events[r];
    if (e.kind === 'fault' && (e.target === client || e.target === BROKER_TARGET)) return e.t;
  }
  throw missing(selector, `has no fault on ${client} before it`);
}

/**
 * When the last packet `client` sent reached the broker, at or before `t` (any connection): the
 * moment the broker's keep-alive wait starts from [MQTT-3.1.2-24] / [MQTT-3.1.2-22].
 */
function lastArrivalFrom(
  events: readonly TraceEvent[],
  client: string,
  t: number,
  selector: Selector,
): number {
  let last = -Infinity;
  for (const e of events) {
    if (e.t > t) break;
    if (e.kind === 'packet' && e.dir === 'c2b' && e.client === client && e.arrive !== null) {
      if (e.arrive <= t && e.arrive > last) last = e.arrive;
    }
  }
  if (last === -Infinity)
    throw missing(selector, `comes before any packet from ${client} reached the broker`);
  return last;
}

/**
 * A timeout's own keep alive (the one in force, a v5 Server Keep Alive included [MQTT-3.2.2-21]); a
 * CONNECT's own; otherwise that of the client's last CONNECT so far.
 */
function keepAliveAt(events: readonly TraceEvent[], row: number, selector: Selector): number {
  const e = events[row];
  if (e.kind === 'timeout') return e.keepAlive;
  if (e.kind === 'packet' && e.keepAlive !== undefined) return e.keepAlive;
  const client = clientOf(e, selector);
  for (let r = row; r >= 0; r--) {
    const p = events[r];
    if (p.kind === 'packet' && p.type === 'CONNECT' && p.dir === 'c2b' && p.client === client) {
      if (p.keepAlive !== undefined) return p.keepAlive;
    }
  }
  throw missing(selector, `comes before any CONNECT of ${client}`);
}
