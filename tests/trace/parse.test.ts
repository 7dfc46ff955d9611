import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEvent, formatTrace } from '../../src/trace/format';
import { TraceParseError, TraceReader, parseTrace } from '../../src/trace/parse';
import type { TraceEvent } from '../../src/trace/types';
import { traceEvents } from './arbitraries';

const HEADER = '{"trace":1,"source":"sim"}';
const PING = '{"t":10,"kind":"packet","dir":"c2b","client":"a","conn":1,"type":"PINGREQ","arrive":30}';

/** The error parsing `lines` throws (header prepended unless `withHeader` is false). */
function errorOf(lines: string[], withHeader = true): TraceParseError {
  const text = (withHeader ? [HEADER, ...lines] : lines).join('\n');
  try {
    parseTrace(text);
  } catch (err) {
    if (err instanceof TraceParseError) return err;
    throw err;
  }
  throw new Error('the trace parsed without error');
}

/** A packet line with `patch` applied (undefined deletes a field). */
function packetLine(patch: Record<string, unknown>): string {
  const e: Record<string, unknown> = { ...(JSON.parse(PING) as Record<string, unknown>), ...patch };
  for (const k of Object.keys(patch)) if (patch[k] === undefined) delete e[k];
  return JSON.stringify(e);
}

describe('parseTrace', () => {
  it('reads back what formatTrace wrote, unknown fields included', () => {
    fc.assert(
      fc.property(traceEvents, (events) => {
        const parsed = parseTrace(formatTrace({ trace: 1, source: 'live', startedAt: 'x' }, events));
        expect(parsed.header).toEqual({ trace: 1, source: 'live', startedAt: 'x' });
        expect(parsed.events.map(formatEvent)).toEqual(events.map(formatEvent));
      }),
    );
  });

  it('returns the events as objects equal to the lines', () => {
    const { events } = parseTrace(
      [HEADER, PING, '{"t":12,"kind":"fault","target":"a","fault":"crash","note":1}'].join('\n'),
    );
    expect(events).toEqual<TraceEvent[]>([
      { t: 10, kind: 'packet', dir: 'c2b', client: 'a', conn: 1, type: 'PINGREQ', arrive: 30 },
      { t: 12, kind: 'fault', target: 'a', fault: 'crash', note: 1 } as TraceEvent,
    ]);
  });

  it('accepts blank trailing lines and CRLF line ends', () => {
    expect(parseTrace(`${HEADER}\r\n${PING}\r\n\n  \n`).events).toHaveLength(1);
  });

  it('rejects a blank line inside the trace, naming it', () => {
    expect(errorOf(['', PING]).line).toBe(2);
  });

  it('rejects an empty trace as missing its header', () => {
    const err = errorOf([], false);
    expect(err.line).toBe(1);
    expect(err.message).toMatch(/^line 1: missing header/);
  });

  it('rejects a line that is not JSON, naming the line', () => {
    const err = errorOf([PING, '{"t":', PING]);
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^line 3: not JSON: /);
  });

  it('rejects a header of another version or source, naming the field', () => {
    expect(errorOf(['{"trace":2,"source":"sim"}'], false).message).toBe(
      'line 1: header.trace must be 1 (got 2)',
    );
    const err = errorOf(['{"trace":1,"source":"real"}'], false);
    expect(err.field).toBe('header.source');
    expect(err.message).toBe('line 1: header.source must be one of "sim", "live" (got "real")');
  });

  it('rejects a first line that is an event rather than a header', () => {
    expect(errorOf([PING], false).message).toBe('line 1: header.trace must be 1 (missing)');
  });

  it('rejects a packet whose arrive comes before its send time, naming the line', () => {
    const err = errorOf([PING, packetLine({ t: 20, arrive: 19 })]);
    expect(err.line).toBe(3);
    expect(err.field).toBe('packet.arrive');
    expect(err.message).toBe('line 3: packet.arrive must be >= its send time t = 20 (got 19)');
  });

  it('rejects a packet whose arrive is neither a number nor null', () => {
    const err = errorOf([PING, PING, packetLine({ arrive: 'x' })]);
    expect(err.message).toBe('line 4: packet.arrive must be a number or null (got "x")');
  });

  it('rejects time going backwards', () => {
    const err = errorOf([PING, packetLine({ t: 9, arrive: 9 })]);
    expect(err.field).toBe('t');
    expect(err.message).toBe("line 3: t must be >= the previous event's t = 10 (got 9)");
  });

  it('rejects a missing, negative or non-numeric t', () => {
    expect(errorOf([packetLine({ t: undefined })]).message).toBe('line 2: t must be a number >= 0 (missing)');
    expect(errorOf([packetLine({ t: -1 })]).field).toBe('t');
    expect(errorOf([packetLine({ t: '1' })]).field).toBe('t');
  });

  it('rejects an unknown kind, naming it', () => {
    const err = errorOf(['{"t":0,"kind":"ping"}']);
    expect(err.field).toBe('kind');
    expect(err.message).toMatch(/^line 2: kind must be one of "packet", .* \(got "ping"\)$/);
  });

  it('requires keepAlive and lastActivity of a simulated timeout, naming the field', () => {
    const e = errorOf(['{"t":5,"kind":"timeout","client":"a","conn":1,"side":"broker","keepAlive":2}']);
    expect(e.line).toBe(2);
    expect(e.field).toBe('timeout.lastActivity');
  });

  it('accepts a live event that lacks what its broker does not reveal', () => {
    const { events } = parseTrace(
      [
        '{"trace":1,"source":"live","startedAt":"2026-11-25T00:00:00.000Z"}',
        '{"t":5,"kind":"timeout","client":"a","conn":1,"side":"broker","source":"mosquitto-log"}',
        '{"t":6,"kind":"conn","client":"a","conn":1,"side":"broker","state":"closed","source":"embedded"}',
        '{"t":7,"kind":"will","client":"a","conn":1,"topic":"w","qos":0,"retain":false,"source":"self"}',
      ].join('\n'),
    );
    expect(events.map((e) => e.kind)).toEqual(['timeout', 'conn', 'will']);
  });

  it('rejects a line that is JSON but not an object', () => {
    expect(errorOf(['[1,2]']).message).toBe('line 2: an event must be a JSON object (got [1,2])');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a packet with an unknown type', { type: 'PING' }, 'packet.type'],
    ['a packet with an unknown direction', { dir: 'up' }, 'packet.dir'],
    ['a packet without a client', { client: undefined }, 'packet.client'],
    ['a packet with a fractional conn', { conn: 1.5 }, 'packet.conn'],
    ['a packet with a qos of 3', { qos: 3 }, 'packet.qos'],
    ['a packet with a non-boolean retain', { retain: 1 }, 'packet.retain'],
    ['a packet with a malformed payload', { payload: { hex: 'ff' } }, 'packet.payload'],
    [
      'a packet with a will missing its topic',
      { will: { payload: 'x', qos: 0, retain: false } },
      'packet.will.topic',
    ],
    [
      'a packet with a malformed subscription list',
      { subscriptions: [{ topic: 'a' }] },
      'packet.subscriptions',
    ],
    ['a packet with a reason code above 255', { reasonCode: 256 }, 'packet.reasonCode'],
    ['a packet from an unknown source', { source: 'guess' }, 'packet.source'],
  ])('rejects %s, naming the field', (_name, patch, field) => {
    const err = errorOf([PING, packetLine(patch)]);
    expect(err.line).toBe(3);
    expect(err.field).toBe(field);
    expect(err.message.startsWith(`line 3: ${field} must be `)).toBe(true);
  });

  it.each<[string, string, string]>([
    [
      'a conn event with an unknown reason',
      '{"t":1,"kind":"conn","client":"a","conn":1,"side":"broker","state":"closed","reason":"boom"}',
      'conn.reason',
    ],
    [
      'a conn event with an unknown side',
      '{"t":1,"kind":"conn","client":"a","conn":1,"side":"both","state":"open","reason":"connect"}',
      'conn.side',
    ],
    [
      'a conn event with an unknown state',
      '{"t":1,"kind":"conn","client":"a","conn":1,"side":"client","state":"half","reason":"connect"}',
      'conn.state',
    ],
    [
      'a timeout without keepAlive',
      '{"t":1,"kind":"timeout","client":"a","conn":1,"side":"broker","lastActivity":0}',
      'timeout.keepAlive',
    ],
    [
      'a timeout with a negative lastActivity',
      '{"t":1,"kind":"timeout","client":"a","conn":1,"side":"broker","keepAlive":5,"lastActivity":-1}',
      'timeout.lastActivity',
    ],
    [
      'a will with a string qos',
      '{"t":1,"kind":"will","client":"a","conn":1,"topic":"s","qos":"1","retain":false,"cause":"takeover","delayed":0}',
      'will.qos',
    ],
    [
      'a will without cause',
      '{"t":1,"kind":"will","client":"a","conn":1,"topic":"s","qos":1,"retain":false,"delayed":0}',
      'will.cause',
    ],
    [
      'a will with receivers that are not strings',
      '{"t":1,"kind":"will","client":"a","conn":1,"topic":"s","qos":1,"retain":false,"cause":"takeover","delayed":0,"receivers":[1]}',
      'will.receivers',
    ],
    ['a takeover without newConn', '{"t":1,"kind":"takeover","client":"a","oldConn":1}', 'takeover.newConn'],
    ['a fault without target', '{"t":1,"kind":"fault","fault":"crash"}', 'fault.target'],
    [
      'a session in an unknown state',
      '{"t":1,"kind":"session","client":"a","state":"lost"}',
      'session.state',
    ],
    [
      'a session with a negative queue',
      '{"t":1,"kind":"session","client":"a","state":"resumed","queued":-2}',
      'session.queued',
    ],
  ])('rejects %s, naming the field', (_name, line, field) => {
    const err = errorOf([line]);
    expect(err.line).toBe(2);
    expect(err.field).toBe(field);
    expect(err.message.startsWith(`line 2: ${field} must be `)).toBe(true);
  });
});

describe('TraceReader', () => {
  it('reads a trace fed in chunks of any size, lines split anywhere', () => {
    fc.assert(
      fc.property(traceEvents, fc.integer({ min: 1, max: 40 }), (events, size) => {
        const text = formatTrace({ trace: 1, source: 'sim' }, events);
        const read: TraceEvent[] = [];
        const reader = new TraceReader((e) => read.push(e));
        for (let i = 0; i < text.length; i += size) reader.feed(text.slice(i, i + size));
        expect(reader.end()).toEqual({ trace: 1, source: 'sim' });
        expect(read.map(formatEvent)).toEqual(events.map(formatEvent));
      }),
    );
  });

  it('reads a last line that has no newline when the text ends', () => {
    const read: TraceEvent[] = [];
    const reader = new TraceReader((e) => read.push(e));
    reader.feed(`${HEADER}\n${PING}`);
    expect(read).toHaveLength(0);
    expect(reader.traceHeader).toEqual({ trace: 1, source: 'sim' });
    reader.end();
    expect(read).toHaveLength(1);
  });

  it('counts line numbers across chunks in its errors', () => {
    const reader = new TraceReader(() => {});
    reader.feed(`${HEADER}\n${PING}\n${PING.slice(0, 5)}`);
    expect(() => reader.feed('x')).not.toThrow();
    expect(() => reader.feed('\n')).toThrow(/^line 3: not JSON/);
  });
});
