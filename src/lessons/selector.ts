// Selectors name one event of a trace without a clock time, so a step reads right under every broker
// profile and every what-if: `<kind>[:<qualifier>]*.<client>[#<n>|#last]`, e.g. `timeout:broker.sensor-1`,
// `packet:PINGREQ.sensor-quiet#3`, `will.sensor-2#last`. A qualifier is a value of one of the event's
// descriptive fields (which field is told by the value); the client part is a client ID (after the
// first dot, so IDs may contain dots), the fault's target for `fault` (`broker` allowed), or `*` for
// any client. `#n` is the nth match in trace order, from 1; `#last` the last.

import { ACTIONS } from '../scenario/types';
import { DIRECTIONS, REASONS, SESSION_STATES, SIDES, TRACE_KINDS, CONN_STATES } from '../trace/codes';
import { PACKET_TYPES, type TraceEvent, type TraceKind } from '../trace/types';

export const ANY_CLIENT = '*';
export const BROKER_TARGET = 'broker';

/** `#n` (1-based) or `#last`. */
export type Nth = number | 'last';

export interface Selector {
  /** As written. */
  text: string;
  kind: TraceKind;
  /** Field → required value, one per qualifier (`{ type: "PINGREQ", dir: "c2b" }`). */
  where: Readonly<Record<string, string>>;
  /** A client ID, the fault target, or `*`. */
  client: string;
  nth: Nth;
}

/** A selector that does not parse; the message says why. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

interface QualifierField {
  field: string;
  values: readonly string[];
  /** How the field reads in an error message. */
  what: string;
}

/** Packet-only pseudo fields: whether it arrived, and its QoS as a word. */
const FATES = ['lost', 'arrived'] as const;
const QOS_WORDS = ['qos0', 'qos1', 'qos2'] as const;

const QUALIFIERS: Record<TraceKind, readonly QualifierField[]> = {
  packet: [
    { field: 'type', values: PACKET_TYPES, what: 'a packet type (PINGREQ, …)' },
    { field: 'dir', values: DIRECTIONS, what: 'c2b or b2c' },
    { field: 'fate', values: FATES, what: 'lost or arrived' },
    { field: 'qos', values: QOS_WORDS, what: 'qos0, qos1 or qos2' },
  ],
  conn: [
    { field: 'state', values: CONN_STATES, what: 'open or closed' },
    { field: 'side', values: SIDES, what: 'client or broker' },
    { field: 'reason', values: REASONS, what: 'a reason (keepalive-timeout, …)' },
  ],
  timeout: [{ field: 'side', values: SIDES, what: 'client or broker' }],
  will: [{ field: 'cause', values: REASONS, what: 'a cause (keepalive-timeout, …)' }],
  takeover: [],
  fault: [{ field: 'fault', values: ACTIONS, what: 'an action (power-off, …)' }],
  session: [{ field: 'state', values: SESSION_STATES, what: 'created, resumed or expired' }],
};

export const SELECTOR_SHAPE = '<kind>[:<qualifier>]*.<client>[#<n>|#last]';

function isKind(value: string): value is TraceKind {
  return (TRACE_KINDS as readonly string[]).includes(value);
}

/** Parses a selector; throws `SelectorError`. */
export function parseSelector(text: string): Selector {
  const dot = text.indexOf('.');
  if (dot < 0) throw new SelectorError(`must be ${SELECTOR_SHAPE}: no "." before the client`);
  const [kind, ...qualifiers] = text.slice(0, dot).split(':');
  if (!isKind(kind)) {
    throw new SelectorError(
      `unknown kind ${JSON.stringify(kind)} (expected one of ${TRACE_KINDS.join(', ')})`,
    );
  }
  const where: Record<string, string> = {};
  for (const q of qualifiers) {
    const field = QUALIFIERS[kind].find((f) => f.values.includes(q));
    if (field === undefined) throw new SelectorError(qualifierProblem(kind, q));
    const earlier = where[field.field];
    if (earlier !== undefined) {
      throw new SelectorError(
        `qualifiers ${JSON.stringify(earlier)} and ${JSON.stringify(q)} both set ${field.field}`,
      );
    }
    where[field.field] = q;
  }
  const rest = text.slice(dot + 1);
  const hash = rest.lastIndexOf('#');
  const client = hash < 0 ? rest : rest.slice(0, hash);
  if (client === '') throw new SelectorError(`must be ${SELECTOR_SHAPE}: no client after the "."`);
  return { text, kind, where, client, nth: hash < 0 ? 1 : parseNth(rest.slice(hash + 1)) };
}

function qualifierProblem(kind: TraceKind, q: string): string {
  const fields = QUALIFIERS[kind];
  if (fields.length === 0) return `${kind} takes no qualifier (got ${JSON.stringify(q)})`;
  return `unknown qualifier ${JSON.stringify(q)} for ${kind} (expected ${fields.map((f) => f.what).join('; ')})`;
}

function parseNth(suffix: string): Nth {
  if (suffix === 'last') return 'last';
  if (!/^[1-9]\d{0,5}$/.test(suffix)) {
    throw new SelectorError(`#${suffix}: after "#" comes a match number from 1, or "last"`);
  }
  return Number(suffix);
}

/** The selector without its `#n`: every selector with this key has the same matches. */
export function selectorKey(s: Selector): string {
  const hash = s.text.lastIndexOf('#');
  return hash > s.text.indexOf('.') ? s.text.slice(0, hash) : s.text;
}

/** The client an event concerns: the target of a fault, the client of anything else. */
export function eventClient(e: TraceEvent): string {
  return e.kind === 'fault' ? e.target : e.client;
}

/** Whether `e` is one of the events `s` selects (ignoring `#n`). */
export function matches(s: Selector, e: TraceEvent): boolean {
  if (e.kind !== s.kind) return false;
  if (s.client !== ANY_CLIENT && eventClient(e) !== s.client) return false;
  for (const field in s.where) {
    if (!fieldIs(e, field, s.where[field])) return false;
  }
  return true;
}

function fieldIs(e: TraceEvent, field: string, value: string): boolean {
  if (e.kind === 'packet') {
    if (field === 'fate') return (e.arrive === null) === (value === 'lost');
    if (field === 'qos') return e.qos !== undefined && `qos${e.qos}` === value;
  }
  return (e as unknown as Record<string, unknown>)[field] === value;
}

/** Index into `rows` of the match `nth` picks, or -1. */
export function pickIndex(count: number, nth: Nth): number {
  const i = nth === 'last' ? count - 1 : nth - 1;
  return i >= 0 && i < count ? i : -1;
}
