// The canonical field order of each event kind (docs/trace-format.md). One table, read by
// the formatter (key order of a line) and by the store (which keys are a packet's detail), so the two
// can never disagree about what a field is.

/** A packet's type-specific fields, in the order a formatted line lists them. */
export const PACKET_DETAIL_KEYS = [
  'keepAlive',
  'cleanStart',
  'protocol',
  'will',
  'topic',
  'subscriptions',
  'qos',
  'retain',
  'dup',
  'payload',
  'messageId',
  'reasonCode',
  'sessionPresent',
  'properties',
] as const;

/** The fields every packet has, positional arguments of `TraceSink.packet`. */
export const PACKET_BASE_KEYS = ['t', 'kind', 'dir', 'client', 'conn', 'type', 'arrive'] as const;

/**
 * Known keys of each kind in line order: `t`, `kind`, the required fields (in the order of the table in
 * docs/trace-format.md), the optional ones, then `source`. Keys not listed here follow, sorted by name.
 */
export const EVENT_KEY_ORDER: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['packet', [...PACKET_BASE_KEYS, ...PACKET_DETAIL_KEYS, 'source']],
  ['conn', ['t', 'kind', 'client', 'conn', 'side', 'state', 'reason', 'source']],
  ['timeout', ['t', 'kind', 'client', 'conn', 'side', 'keepAlive', 'lastActivity', 'source']],
  [
    'will',
    [
      't',
      'kind',
      'client',
      'conn',
      'topic',
      'qos',
      'retain',
      'cause',
      'delayed',
      'payload',
      'receivers',
      'source',
    ],
  ],
  ['takeover', ['t', 'kind', 'client', 'oldConn', 'newConn', 'source']],
  ['fault', ['t', 'kind', 'target', 'fault', 'attempt', 'backoffMs', 'source']],
  ['session', ['t', 'kind', 'client', 'state', 'queued', 'source']],
]);

/** Used for a kind this version does not know: only `t` and `kind` have a fixed place. */
export const FALLBACK_KEY_ORDER: readonly string[] = ['t', 'kind'];

export const HEADER_KEY_ORDER: readonly string[] = ['trace', 'source', 'scenario', 'startedAt'];
