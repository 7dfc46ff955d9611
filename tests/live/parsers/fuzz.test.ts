// Every broker event parser, fuzzed: random messages, Mosquitto's own line templates filled with
// hostile client text, and mutated real lines never make a parser throw or hang, and never produce an
// event for a client that the input did not name in a real event line.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BrokerEvents } from '../../../src/live/brokerEvents';
import { ConnRegistry } from '../../../src/live/conns';
import { BrokerMessageParser, type BrokerReport } from '../../../src/live/parsers';
import { parseAedes } from '../../../src/live/parsers/aedes';
import { parseEmbedded } from '../../../src/live/parsers/embedded';
import { parseEmqx } from '../../../src/live/parsers/emqx';
import { MosquittoLogParser, splitTimestamp } from '../../../src/live/parsers/mosquitto';
import type { TraceEvent } from '../../../src/trace';
import { FIXTURES, readFixture } from '../support/fixtures';

const RUNS = 400;

/** Pieces of real event lines: what an attacker would spell. */
const FRAGMENTS = [
  'Client ',
  'victim-42',
  ' has exceeded timeout, disconnecting.',
  ' already connected, closing old connection.',
  ' closed its connection.',
  ' disconnected.',
  ' disconnected due to protocol error.',
  'Socket error on client ',
  ', disconnecting.',
  'Expiring client ',
  ' due to timeout.',
  'New client connected from 10.0.0.1:1 as ',
  'New connection from 10.0.0.1:1 on port 1883.',
  ' (p2, c1, k60).',
  " (p5, c0, k1, u'",
  "').",
  ': ',
  '1700000000: ',
  '\n',
  '.',
  ' ',
];

const clientText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })), { maxLength: 8 })
    .map((p) => p.join('')),
);
const stamp = fc.constantFrom(
  '1700000000: ',
  '2026-11-25T13:46:38: ',
  '',
  '[Nov 25 13:46:38] x: ',
  'Time error: ',
);

/** Mosquitto 2.0.11's log templates with client-controlled slots: level, kind of report, line. */
interface Template {
  level: string;
  kind: BrokerReport['kind'] | null;
  line(id: string, other: string): string;
}
const TEMPLATES: Template[] = [
  { level: 'M/subscribe', kind: null, line: (id, f) => `${id} 0 ${f}` },
  { level: 'M/unsubscribe', kind: null, line: (id, f) => `${id} ${f}` },
  { level: 'D', kind: null, line: (_id, f) => `\t${f} (QoS 0)` },
  { level: 'D', kind: null, line: (id) => `Received SUBSCRIBE from ${id}` },
  { level: 'N', kind: null, line: (id) => `Bad client ${id} sending multiple CONNECT messages.` },
  { level: 'N', kind: null, line: (id) => `Client ${id} disconnected due to malformed packet.` },
  { level: 'N', kind: null, line: (id) => `Client ${id} disconnected, not authorised.` },
  { level: 'N', kind: null, line: (id) => `Client ${id} disconnected: Connection reset by peer.` },
  { level: 'N', kind: null, line: (id) => `Bad socket read/write on client ${id}: The connection was lost.` },
  { level: 'N', kind: null, line: (id) => `Outgoing messages are being dropped for client ${id}.` },
  { level: 'N', kind: null, line: (id) => `ACL denying access to client with dangerous client id "${id}"` },
  { level: 'I', kind: null, line: (id) => `Invalid protocol "MQTT" in CONNECT from ${id}.` },
  {
    level: 'W',
    kind: null,
    line: (id) => `Warning: Received PUBACK from ${id} for an unknown packet identifier 3.`,
  },
  {
    level: 'N',
    kind: 'connected',
    line: (id) => `New client connected from 10.0.0.1:1 as ${id} (p2, c1, k60).`,
  },
  {
    level: 'N',
    kind: 'connected',
    line: (id, user) => `New client connected from 10.0.0.1:1 as ${id} (p2, c1, k60, u'${user}').`,
  },
  { level: 'N', kind: 'timeout', line: (id) => `Client ${id} has exceeded timeout, disconnecting.` },
  { level: 'E', kind: 'takeover', line: (id) => `Client ${id} already connected, closing old connection.` },
  { level: 'N', kind: 'disconnected', line: (id) => `Client ${id} closed its connection.` },
  { level: 'N', kind: 'disconnected', line: (id) => `Client ${id} disconnected.` },
  { level: 'N', kind: 'disconnected', line: (id) => `Client ${id} disconnected due to protocol error.` },
  { level: 'N', kind: 'disconnected', line: (id) => `Socket error on client ${id}, disconnecting.` },
  { level: 'N', kind: 'session-expired', line: (id) => `Expiring client ${id} due to timeout.` },
];

/** Mosquitto keeps 999 bytes of a line. */
function cut(line: string): string {
  const bytes = new TextEncoder().encode(line);
  return bytes.length <= 999 ? line : new TextDecoder().decode(bytes.subarray(0, 999));
}

/** The message a report stands for, rebuilt from its fields: it must be one reading of the line. */
function readsBack(r: BrokerReport, line: string): boolean {
  const messages = splitTimestamp(line).map((c) => c.message);
  const id = r.clientId;
  switch (r.kind) {
    case 'connected':
      return messages.some(
        (m) =>
          m.startsWith(`New client connected from ${r.address} as ${id} (p`) &&
          m.endsWith(r.username !== undefined ? `, u'${r.username}').` : ').') &&
          (m.match(/ \(p\d+, c[01], k\d+[,)]/g) ?? []).length === 1,
      );
    case 'timeout':
      return messages.includes(`Client ${id} has exceeded timeout, disconnecting.`);
    case 'takeover':
      return messages.includes(`Client ${id} already connected, closing old connection.`);
    case 'session-expired':
      return messages.includes(`Expiring client ${id} due to timeout.`);
    case 'disconnected': {
      const said: Record<string, string> = {
        'closed its connection': `Client ${id} closed its connection.`,
        disconnected: `Client ${id} disconnected.`,
        'protocol error': `Client ${id} disconnected due to protocol error.`,
        'socket error': `Socket error on client ${id}, disconnecting.`,
      };
      return r.brokerReason !== undefined && messages.includes(said[r.brokerReason]);
    }
    case 'will':
      return false;
  }
}

/** Runs `f` and fails when it takes longer than a parser ever should. */
function quick<T>(f: () => T): T {
  const start = performance.now();
  const out = f();
  expect(performance.now() - start).toBeLessThan(200);
  return out;
}

describe('the Mosquitto log parser, fuzzed', () => {
  it('reads a random line on a random level without throwing, and only what the line literally says', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('N', 'E', 'W', 'I', 'D', 'M/subscribe', 'M/unsubscribe', 'WS', 'x/y'),
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })),
        (level, line) => {
          const reports = quick(() => new MosquittoLogParser().parseLine(line, level));
          for (const r of reports) expect(readsBack(r, line)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("fills Mosquitto's templates with hostile client text: a report only from an event line, naming its client", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), stamp, clientText, clientText, (template, ts, id, other) => {
        const line = cut(ts + template.line(id, other));
        const reports = quick(() =>
          new MosquittoLogParser().parse(`$SYS/broker/log/${template.level}`, line),
        );
        const got = reports?.reports ?? [];
        if (template.kind === null) expect(got).toEqual([]);
        else {
          expect(got.length).toBeLessThanOrEqual(1);
          for (const r of got) {
            expect(r.kind).toBe(template.kind);
            expect(r.clientId).toBe(id);
          }
        }
      }),
      { numRuns: RUNS * 3 },
    );
  });

  const realLines = readdirSync(join(FIXTURES, 'mosquitto-2.0.11'))
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFixture(`mosquitto-2.0.11/${f}`).messages)
    .concat(readFixture('hostile/mosquitto-forgery.jsonl').messages)
    .filter((m) => m.topic.startsWith('$SYS/broker/log/'));

  it('reads mutated real lines without throwing, and only what each line literally says', () => {
    const mutation = fc.record({
      at: fc.nat(),
      drop: fc.nat({ max: 12 }),
      insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })),
    });
    fc.assert(
      fc.property(fc.constantFrom(...realLines), fc.array(mutation, { maxLength: 4 }), (message, edits) => {
        let line = message.payload;
        for (const { at, drop, insert } of edits) {
          const i = at % (line.length + 1);
          line = line.slice(0, i) + insert + line.slice(i + drop);
        }
        const parsed = quick(() => new MosquittoLogParser().parse(message.topic, line));
        for (const r of parsed?.reports ?? []) expect(readsBack(r, line)).toBe(true);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('reads a worst-case 998-character line quickly (no regular-expression blow-up)', () => {
    const parser = new MosquittoLogParser();
    const flags = ' (p2, c1, k60'.repeat(60);
    for (const line of [
      `1: New client connected from 1.2.3.4:5 as ${flags}`.slice(0, 998),
      `1: New client connected from 1.2.3.4:5 as ${" (p2, c1, k1, u'".repeat(60)}`.slice(0, 998),
      `1: Client ${'Client '.repeat(200)}`.slice(0, 998),
    ])
      quick(() => parser.parseLine(line, 'N'));
  });
});

const jsonish = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record({
      clientid: fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null)),
      clientId: fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null)),
      reason: fc.constantFrom('keepalive_timeout', 'takenover', 'normal', 'tcp_closed', 'network-error', 7),
      ts: fc.oneof(fc.integer(), fc.double(), fc.string()),
      conn: fc.oneof(fc.integer(), fc.double(), fc.string()),
      topic: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
      qos: fc.constantFrom(0, 1, 2, 3, '1'),
      retain: fc.oneof(fc.boolean(), fc.string()),
      keepAlive: fc.oneof(fc.integer(), fc.double()),
    })
    .map((v) => JSON.stringify(v)),
);
const segment = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.constantFrom('node@127.0.0.1', 'a/b', '+', '#', ''),
);

/** Whether `id` is a string the message gave as a client ID (payload field or topic level). */
function namedIn(id: string, topic: string, payload: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    body = null;
  }
  const fields =
    typeof body === 'object' && body !== null
      ? [(body as Record<string, unknown>).clientid, (body as Record<string, unknown>).clientId]
      : [];
  return (
    fields.includes(id) ||
    payload === id ||
    topic.split('/').includes(id) ||
    topic.includes(`/clients/${id}/`)
  );
}

describe('the EMQX, aedes and embedded-broker parsers, fuzzed', () => {
  it('never throw, and name only a client the message named', () => {
    const topic = fc.oneof(
      fc
        .tuple(segment, segment, fc.constantFrom('connected', 'disconnected', 'x'))
        .map(([node, id, ev]) => `$SYS/brokers/${node}/clients/${id}/${ev}`),
      fc
        .tuple(segment, fc.constantFrom('new/clients', 'disconnect/clients', 'heartbeat'))
        .map(([id, ev]) => `$SYS/${id}/${ev}`),
      fc
        .tuple(segment, fc.constantFrom('broker', 'connected', 'disconnected', 'timeout', 'takeover', 'will'))
        .map(([id, ev]) => `$SYS/${id}/keepalive-lab/${ev}`),
      fc.string({ maxLength: 30 }).map((s) => `$SYS/${s}`),
    );
    fc.assert(
      fc.property(topic, jsonish, (t, payload) => {
        for (const parse of [parseEmqx, parseAedes, parseEmbedded]) {
          const parsed = quick(() => parse(t, payload));
          for (const r of parsed?.reports ?? []) expect(namedIn(r.clientId, t, payload)).toBe(true);
        }
        quick(() => new BrokerMessageParser().parse(t, payload));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('broker reports → trace events, fuzzed', () => {
  it('puts on the timeline only clients that a real event line or event message named', () => {
    const mosquittoEvent = fc
      .tuple(fc.constantFrom(...TEMPLATES), clientText, clientText)
      .map(([template, id, other]) => ({
        topic: `$SYS/broker/log/${template.level}`,
        payload: cut(`1700000000: ${template.line(id, other)}`),
        names: template.kind === null ? [] : [id],
      }));
    const aedesEvent = fc
      .tuple(fc.constantFrom('new/clients', 'disconnect/clients'), fc.string({ maxLength: 10 }))
      .map(([ev, id]) => ({ topic: `$SYS/broker-1/${ev}`, payload: id, names: [id] }));
    fc.assert(
      fc.property(fc.array(fc.oneof(mosquittoEvent, aedesEvent), { maxLength: 25 }), (messages) => {
        const events: TraceEvent[] = [];
        let now = 0;
        const be = new BrokerEvents({
          registry: new ConnRegistry(),
          now: () => now++,
          emit: (e) => events.push(e),
        });
        const named = new Set<string>();
        for (const m of messages) {
          for (const n of m.names) named.add(n);
          be.onMessage(m.topic, new TextEncoder().encode(m.payload));
        }
        for (const e of events) if ('client' in e) expect(named.has(e.client)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
