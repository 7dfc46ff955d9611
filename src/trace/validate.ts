// Checks one parsed line against the trace format (docs/trace-format.md). Everything
// downstream trusts the TraceEvent types, so a trace that does not fit them is rejected at the door,
// with a message naming the line, the field and the rejected value.
import { CONN_STATES, DIRECTIONS, EVENT_SOURCES, REASONS, SESSION_STATES, SIDES, TRACE_KINDS } from './codes';
import { TraceParseError } from './parseError';
import { PACKET_TYPES, TRACE_VERSION } from './types';
import type { TraceEvent, TraceHeader } from './types';

type Rec = Record<string, unknown>;

/** How a rejected value is quoted in a message: its JSON, shortened. */
function show(v: unknown): string {
  if (v === undefined) return 'missing';
  // JSON.parse reads 1e400 as Infinity, which JSON.stringify would print as "null".
  if (typeof v === 'number' && !Number.isFinite(v)) return `got ${v}, a number too large`;
  const text = JSON.stringify(v) ?? String(v);
  return 'got ' + (text.length > 60 ? text.slice(0, 57) + '...' : text);
}

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isString = (v: unknown): boolean => typeof v === 'string';
const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
const isAmount = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

const quoted = (list: readonly (string | number)[]): string => {
  const each = list.map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
  return each.length === 1 ? each[0] : `one of ${each.join(', ')}`;
};

/** The record being checked: its line, the name prefix of its fields (`packet.`, `header.`). */
class Fields {
  constructor(
    readonly line: number,
    readonly prefix: string,
    readonly rec: Rec,
  ) {}

  fail(name: string, expected: string, value: unknown): never {
    const field = this.prefix + name;
    throw new TraceParseError(this.line, `${field} must be ${expected} (${show(value)})`, field);
  }

  /**
   * Fails unless `ok` accepts the field's value; an absent field passes only when `optional`.
   * `expected` is only worded when the check fails: a trace has millions of fields that pass.
   */
  private field(
    name: string,
    ok: (v: unknown) => boolean,
    expected: string | (() => string),
    optional: boolean,
  ): void {
    const v = this.rec[name];
    if (v === undefined && optional) return;
    if (!ok(v)) this.fail(name, typeof expected === 'string' ? expected : expected(), v);
  }

  string(name: string, optional = false): void {
    this.field(name, isString, 'a string', optional);
  }
  boolean(name: string, optional = false): void {
    this.field(name, isBoolean, 'true or false', optional);
  }
  /** A finite number ≥ 0 (times in ms, durations in s). */
  amount(name: string, optional = false): void {
    this.field(name, isAmount, 'a number >= 0', optional);
  }
  integer(name: string, max: number, optional = false): void {
    const ok = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
    this.field(name, ok, () => `an integer 0..${max}`, optional);
  }
  oneOf(name: string, allowed: readonly (string | number)[], optional = false): void {
    this.field(
      name,
      (v) => allowed.includes(v as string | number),
      () => quoted(allowed),
      optional,
    );
  }
  object(name: string, optional = false): void {
    this.field(name, isRecord, 'an object', optional);
  }
  stringArray(name: string, optional = false): void {
    const ok = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');
    this.field(name, ok, 'an array of strings', optional);
  }
  payload(name: string, optional = false): void {
    const ok = (v: unknown): boolean =>
      typeof v === 'string' || (isRecord(v) && typeof v.base64 === 'string');
    this.field(name, ok, 'a string or {"base64": string}', optional);
  }
  /** A nested object checked field by field, named `prefix.name.`. */
  nested(name: string): Fields {
    return new Fields(this.line, `${this.prefix}${name}.`, this.rec[name] as Rec);
  }
}

const QOS = [0, 1, 2];
/** Connection numbers live in an Int32 column of the store. */
const MAX_CONN = 2 ** 31 - 1;

function checkPacket(f: Fields, t: number): void {
  f.oneOf('dir', DIRECTIONS);
  f.string('client');
  f.integer('conn', MAX_CONN);
  f.oneOf('type', PACKET_TYPES);
  const arrive = f.rec.arrive;
  if (arrive !== null && !(typeof arrive === 'number' && Number.isFinite(arrive))) {
    f.fail('arrive', 'a number or null', arrive);
  }
  if (typeof arrive === 'number' && arrive < t) f.fail('arrive', `>= its send time t = ${t}`, arrive);
  f.integer('keepAlive', 65535, true);
  f.boolean('cleanStart', true);
  f.oneOf('protocol', [4, 5], true);
  f.object('will', true);
  if (f.rec.will !== undefined) {
    const will = f.nested('will');
    will.string('topic');
    will.payload('payload');
    will.oneOf('qos', QOS);
    will.boolean('retain');
    will.amount('delay', true);
  }
  f.string('topic', true);
  const subs = f.rec.subscriptions;
  if (subs !== undefined) {
    const ok =
      Array.isArray(subs) &&
      subs.every((s) => isRecord(s) && typeof s.topic === 'string' && QOS.includes(s.qos as number));
    if (!ok) f.fail('subscriptions', 'an array of {"topic": string, "qos": 0|1|2}', subs);
  }
  f.oneOf('qos', QOS, true);
  f.boolean('retain', true);
  f.boolean('dup', true);
  f.payload('payload', true);
  f.integer('messageId', 65535, true);
  f.integer('reasonCode', 255, true);
  f.boolean('sessionPresent', true);
  f.object('properties', true);
}

function checkConnRef(f: Fields): void {
  f.string('client');
  f.integer('conn', MAX_CONN);
}

// `live`: an event with a `source` reports what a real broker revealed, and may lack what it did not
// (docs/trace-format.md): a Mosquitto timeout line gives no last activity, an aedes disconnect no reason.
const CHECKS: Record<TraceEvent['kind'], (f: Fields, t: number, live: boolean) => void> = {
  packet: checkPacket,
  conn(f, _t, live) {
    checkConnRef(f);
    f.oneOf('side', SIDES);
    f.oneOf('state', CONN_STATES);
    f.oneOf('reason', REASONS, live);
  },
  timeout(f, _t, live) {
    checkConnRef(f);
    f.oneOf('side', SIDES);
    f.amount('keepAlive', live);
    f.amount('lastActivity', live);
  },
  will(f, _t, live) {
    checkConnRef(f);
    f.string('topic');
    f.oneOf('qos', QOS);
    f.boolean('retain');
    f.oneOf('cause', REASONS, live);
    f.amount('delayed', live);
    f.payload('payload', true);
    f.stringArray('receivers', true);
  },
  takeover(f) {
    f.string('client');
    f.integer('oldConn', MAX_CONN);
    f.integer('newConn', MAX_CONN);
  },
  fault(f) {
    f.string('target');
    f.string('fault');
    // Live mode's own reconnects say which retry and after what wait.
    f.integer('attempt', Number.MAX_SAFE_INTEGER, true);
    f.amount('backoffMs', true);
  },
  session(f) {
    f.string('client');
    f.oneOf('state', SESSION_STATES);
    f.integer('queued', Number.MAX_SAFE_INTEGER, true);
  },
};

export function validateHeader(value: unknown, line: number): TraceHeader {
  if (!isRecord(value)) throw new TraceParseError(line, `the header must be a JSON object (${show(value)})`);
  const f = new Fields(line, 'header.', value);
  f.oneOf('trace', [TRACE_VERSION]);
  f.oneOf('source', ['sim', 'live']);
  f.string('startedAt', true);
  return value as unknown as TraceHeader;
}

/** Checks one event line; `prevT` is the previous event's time (events never go back in time). */
export function validateEvent(value: unknown, line: number, prevT: number): TraceEvent {
  if (!isRecord(value)) throw new TraceParseError(line, `an event must be a JSON object (${show(value)})`);
  const top: Fields = new Fields(line, '', value);
  const t = value.t;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) top.fail('t', 'a number >= 0', t);
  if (t < prevT) top.fail('t', `>= the previous event's t = ${prevT}`, t);
  top.oneOf('kind', TRACE_KINDS);
  const kind = value.kind as TraceEvent['kind'];
  const f = new Fields(line, kind + '.', value);
  f.oneOf('source', EVENT_SOURCES, true);
  CHECKS[kind](f, t, value.source !== undefined);
  return value as unknown as TraceEvent;
}
