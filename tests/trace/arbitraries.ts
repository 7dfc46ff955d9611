// fast-check generators of valid trace events, shared by the trace tests.
import fc from 'fast-check';
import { PACKET_TYPES } from '../../src/trace/types';
import type { PacketDetail, TraceEvent } from '../../src/trace/types';
import { CLOSE_REASONS } from '../../src/trace/types';

const clientId = fc.oneof(fc.constantFrom('sensor-1', 'sensor-2', 'dashboard'), fc.string({ maxLength: 8 }));
const conn = fc.nat({ max: 2 ** 31 - 1 });
const time = fc.oneof(fc.nat({ max: 10_000_000 }), fc.double({ min: 0, max: 1e7, noNaN: true }));
const qos = fc.constantFrom<0 | 1 | 2>(0, 1, 2);
const payload = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.record({ base64: fc.base64String({ maxLength: 12 }) }),
);
const reason = fc.constantFrom(...CLOSE_REASONS, 'connect' as const);
const side = fc.constantFrom('client' as const, 'broker' as const);
const source = fc.constantFrom('probe', 'self', 'mosquitto-log', 'emqx-event', 'embedded', 'live' as const);
/** Keys no version of the format knows, to check they are kept. */
const extras = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 6 }).map((k) => 'x-' + k),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 2 },
);

/** PUBLISH-like details (the store's compact path) and the rest (its object path). */
export const packetDetail: fc.Arbitrary<PacketDetail> = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      topic: fc.string({ maxLength: 10 }),
      qos,
      retain: fc.boolean(),
      dup: fc.boolean(),
      payload,
      messageId: fc.integer({ min: 1, max: 65535 }),
      reasonCode: fc.integer({ min: 0, max: 255 }),
      sessionPresent: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      keepAlive: fc.integer({ min: 0, max: 65535 }),
      cleanStart: fc.boolean(),
      protocol: fc.constantFrom<4 | 5>(4, 5),
      will: fc.record(
        { topic: fc.string(), payload, qos, retain: fc.boolean(), delay: fc.nat({ max: 100 }) },
        { requiredKeys: ['topic', 'payload', 'qos', 'retain'] },
      ),
      subscriptions: fc.array(fc.record({ topic: fc.string({ maxLength: 6 }), qos }), { maxLength: 3 }),
      properties: fc.record(
        { serverKeepAlive: fc.nat({ max: 65535 }), reasonString: fc.string({ maxLength: 6 }) },
        { requiredKeys: [] },
      ),
      topic: fc.string({ maxLength: 6 }),
    },
    { requiredKeys: [] },
  ),
);

/** What a live connection adds to the packets it traces (a time it cannot know). */
const liveMarks = fc.record({ sentUnknown: fc.boolean(), arriveUnknown: fc.boolean() }, { requiredKeys: [] });

/** Mostly absent, so most events take the store's column path. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: arb, weight: 1 });

const withOptional = <T extends object>(base: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc
    .tuple(base, sometimes(source), sometimes(extras))
    .map(([e, src, more]) => ({ ...more, ...e, ...(src === undefined ? {} : { source: src }) }));

/** Any valid event; `arrive` is never before `t`. */
export const traceEvent: fc.Arbitrary<TraceEvent> = fc.oneof(
  {
    weight: 6,
    arbitrary: withOptional(
      fc
        .tuple(
          time,
          fc.constantFrom('c2b' as const, 'b2c' as const),
          clientId,
          conn,
          fc.constantFrom(...PACKET_TYPES),
          fc.option(fc.nat({ max: 5000 })),
          packetDetail,
          sometimes(liveMarks),
        )
        .map(([t, dir, client, c, type, delay, detail, marks]): TraceEvent => ({
          ...marks,
          ...detail,
          t,
          kind: 'packet',
          dir,
          client,
          conn: c,
          type,
          arrive: delay === null ? null : t + delay,
        })),
    ),
  },
  withOptional(
    fc.record({
      t: time,
      kind: fc.constant('conn' as const),
      client: clientId,
      conn,
      side,
      state: fc.constantFrom('open' as const, 'closed' as const),
      reason,
    }),
  ),
  withOptional(
    fc.record({
      t: time,
      kind: fc.constant('timeout' as const),
      client: clientId,
      conn,
      side,
      keepAlive: fc.nat({ max: 65535 }),
      lastActivity: time,
    }),
  ),
  withOptional(
    fc.record(
      {
        t: time,
        kind: fc.constant('will' as const),
        client: clientId,
        conn,
        topic: fc.string(),
        qos,
        retain: fc.boolean(),
        cause: reason,
        delayed: fc.nat({ max: 100 }),
        payload,
        receivers: fc.array(clientId, { maxLength: 3 }),
      },
      { requiredKeys: ['t', 'kind', 'client', 'conn', 'topic', 'qos', 'retain', 'cause', 'delayed'] },
    ),
  ),
  withOptional(
    fc.record({
      t: time,
      kind: fc.constant('takeover' as const),
      client: clientId,
      oldConn: conn,
      newConn: conn,
    }),
  ),
  withOptional(
    fc.record({
      t: time,
      kind: fc.constant('fault' as const),
      target: fc.oneof(fc.constant('broker'), clientId),
      fault: fc.constantFrom('power-off', 'crash', 'link-down'),
    }),
  ),
  withOptional(
    fc.record(
      {
        t: time,
        kind: fc.constant('session' as const),
        client: clientId,
        state: fc.constantFrom('created' as const, 'resumed' as const, 'expired' as const),
        queued: fc.nat({ max: 1000 }),
      },
      { requiredKeys: ['t', 'kind', 'client', 'state'] },
    ),
  ),
);

/** Events in non-decreasing time order, as a trace holds them. */
export const traceEvents: fc.Arbitrary<TraceEvent[]> = fc
  .array(traceEvent, { maxLength: 30 })
  .map((events) => [...events].sort((a, b) => a.t - b.t));

/** The same value with every object's keys inserted in reverse order. */
export function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, reversedKeys(v)])) as T;
}
