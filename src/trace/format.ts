// One trace line per header or event, in a canonical key order (docs/trace-format.md).
// The app's exported trace must equal the CLI's byte for byte, so the text may depend only on the
// event's content: known keys in the fixed order of fields.ts, then unknown keys sorted by name;
// nested objects (will, properties, scenario) have their keys sorted.
import { objectJson } from './canonicalJson';
import { EVENT_KEY_ORDER, FALLBACK_KEY_ORDER, HEADER_KEY_ORDER } from './fields';
import type { TraceEvent, TraceHeader } from './types';

const hasOwn = Object.prototype.hasOwnProperty;

interface KeyOrder {
  order: readonly string[];
  known: ReadonlySet<string>;
}
const keyOrder = (order: readonly string[]): KeyOrder => ({ order, known: new Set(order) });
const EVENT_ORDERS = new Map([...EVENT_KEY_ORDER].map(([kind, order]) => [kind, keyOrder(order)]));
const FALLBACK_ORDER = keyOrder(FALLBACK_KEY_ORDER);
const HEADER_ORDER = keyOrder(HEADER_KEY_ORDER);

/** Keys of `record` not in `known`, sorted; an empty shared array when there are none (the usual case). */
function unknownKeys(record: Record<string, unknown>, known: ReadonlySet<string>): readonly string[] {
  let extra: string[] | null = null;
  for (const key in record) {
    if (!hasOwn.call(record, key) || known.has(key)) continue;
    (extra ??= []).push(key);
  }
  return extra === null ? NONE : extra.sort();
}
const NONE: readonly string[] = [];

function lineOf(record: Record<string, unknown>, { order, known }: KeyOrder): string {
  return objectJson(record, order, unknownKeys(record, known));
}

export function formatHeader(h: TraceHeader): string {
  return lineOf(h as unknown as Record<string, unknown>, HEADER_ORDER);
}

export function formatEvent(e: TraceEvent): string {
  const record = e as unknown as Record<string, unknown>;
  const kind: unknown = record.kind;
  const order = (typeof kind === 'string' && EVENT_ORDERS.get(kind)) || FALLBACK_ORDER;
  return lineOf(record, order);
}

/** A whole trace file: the header line, one line per event, each ending in "\n". */
export function formatTrace(header: TraceHeader, events: Iterable<TraceEvent>): string {
  return [...formatTraceChunks(header, events, Infinity)].join('');
}

/**
 * The same trace file in pieces of about `eventsPerChunk` lines, each ending in "\n": their
 * concatenation equals `formatTrace`, without ever holding it whole (e.g. `new Blob([...])`).
 */
export function* formatTraceChunks(
  header: TraceHeader,
  events: Iterable<TraceEvent>,
  eventsPerChunk = 10_000,
): IterableIterator<string> {
  let lines = [formatHeader(header)];
  for (const e of events) {
    lines.push(formatEvent(e));
    if (lines.length >= eventsPerChunk) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
}
