// The trace package's public API: the format (types), reading and writing it, and the sinks a run
// writes to.
export * from './types';
export {
  TRACE_KINDS,
  DIRECTIONS,
  SIDES,
  CONN_STATES,
  SESSION_STATES,
  REASONS,
  EVENT_SOURCES,
  NO_CODE,
  decodeConnCode,
  encodeConnCode,
} from './codes';
export { EVENT_KEY_ORDER, HEADER_KEY_ORDER, PACKET_DETAIL_KEYS } from './fields';
export { canonicalJson } from './canonicalJson';
export { formatEvent, formatHeader, formatTrace } from './format';
export { TraceParseError } from './parseError';
export { TraceReader, parseTrace } from './parse';
export { TraceStore } from './store';
export type { TraceColumns } from './store';
export { CountingSink } from './counters';
export type { TraceSummary } from './counters';
export { teeSink } from './tee';
export { JsonlSink } from './jsonlWriter';
export { packetEvent } from './packetEvent';
