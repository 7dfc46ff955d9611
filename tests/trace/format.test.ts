import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/trace/canonicalJson';
import { formatEvent, formatHeader, formatTrace } from '../../src/trace/format';
import type { TraceEvent } from '../../src/trace/types';
import { reversedKeys, traceEvent } from './arbitraries';

describe('formatEvent', () => {
  it('writes t, kind, the required fields in table order, the detail fields, then source', () => {
    const e = {
      source: 'probe',
      payload: 'offline',
      qos: 1,
      topic: 'a/b',
      arrive: 30,
      type: 'PUBLISH',
      conn: 2,
      client: 'c1',
      dir: 'c2b',
      kind: 'packet',
      t: 10,
    } as const satisfies TraceEvent;
    expect(formatEvent(e)).toBe(
      '{"t":10,"kind":"packet","dir":"c2b","client":"c1","conn":2,"type":"PUBLISH","arrive":30,' +
        '"topic":"a/b","qos":1,"payload":"offline","source":"probe"}',
    );
  });

  it('orders every kind as the design table lists its fields', () => {
    const lines: [TraceEvent, string][] = [
      [
        { reason: 'connect', state: 'open', side: 'broker', conn: 1, client: 'a', kind: 'conn', t: 0 },
        '{"t":0,"kind":"conn","client":"a","conn":1,"side":"broker","state":"open","reason":"connect"}',
      ],
      [
        { lastActivity: 5, keepAlive: 10, side: 'client', conn: 1, client: 'a', kind: 'timeout', t: 1 },
        '{"t":1,"kind":"timeout","client":"a","conn":1,"side":"client","keepAlive":10,"lastActivity":5}',
      ],
      [
        {
          receivers: ['d'],
          payload: 'x',
          delayed: 0,
          cause: 'keepalive-timeout',
          retain: true,
          qos: 1,
          topic: 's',
          conn: 1,
          client: 'a',
          kind: 'will',
          t: 2,
        },
        '{"t":2,"kind":"will","client":"a","conn":1,"topic":"s","qos":1,"retain":true,' +
          '"cause":"keepalive-timeout","delayed":0,"payload":"x","receivers":["d"]}',
      ],
      [
        { newConn: 2, oldConn: 1, client: 'a', kind: 'takeover', t: 3 },
        '{"t":3,"kind":"takeover","client":"a","oldConn":1,"newConn":2}',
      ],
      [
        { fault: 'crash', target: 'a', kind: 'fault', t: 4 },
        '{"t":4,"kind":"fault","target":"a","fault":"crash"}',
      ],
      [
        { queued: 3, state: 'resumed', client: 'a', kind: 'session', t: 5 },
        '{"t":5,"kind":"session","client":"a","state":"resumed","queued":3}',
      ],
    ];
    for (const [e, line] of lines) expect(formatEvent(e)).toBe(line);
  });

  it('puts unknown keys last, sorted by name, and sorts the keys of nested objects', () => {
    const e = {
      zeta: 1,
      alpha: { b: 2, a: 1 },
      will: { retain: false, qos: 0, payload: 'p', topic: 't' },
      t: 0,
      kind: 'packet',
      dir: 'c2b',
      client: 'c',
      conn: 1,
      type: 'CONNECT',
      arrive: null,
    } as TraceEvent;
    expect(formatEvent(e)).toBe(
      '{"t":0,"kind":"packet","dir":"c2b","client":"c","conn":1,"type":"CONNECT","arrive":null,' +
        '"will":{"payload":"p","qos":0,"retain":false,"topic":"t"},"alpha":{"a":1,"b":2},"zeta":1}',
    );
  });

  it('leaves out keys whose value is undefined', () => {
    const e: TraceEvent = { t: 1, kind: 'session', client: 'a', state: 'created', queued: undefined };
    expect(formatEvent(e)).toBe('{"t":1,"kind":"session","client":"a","state":"created"}');
  });

  it('gives the same line whatever order the keys were inserted in', () => {
    fc.assert(
      fc.property(traceEvent, (e) => {
        expect(formatEvent(reversedKeys(e))).toBe(formatEvent(e));
      }),
    );
  });

  it('writes a line that is valid JSON holding the same content', () => {
    fc.assert(
      fc.property(traceEvent, (e) => {
        const line = formatEvent(e);
        expect(line).not.toContain('\n');
        expect(canonicalJson(JSON.parse(line))).toBe(canonicalJson(e));
      }),
    );
  });
});

describe('formatHeader and formatTrace', () => {
  it('writes the header as trace, source, scenario, startedAt', () => {
    const line = formatHeader({
      startedAt: '2024-01-01T00:00:00Z',
      scenario: { seed: 7, name: 'x' },
      source: 'live',
      trace: 1,
    });
    expect(line).toBe(
      '{"trace":1,"source":"live","scenario":{"name":"x","seed":7},"startedAt":"2024-01-01T00:00:00Z"}',
    );
  });

  it('joins the header and one line per event, ending with a newline', () => {
    const text = formatTrace({ trace: 1, source: 'sim' }, [
      { t: 0, kind: 'fault', target: 'broker', fault: 'broker-restart' },
      { t: 5, kind: 'session', client: 'a', state: 'created' },
    ]);
    expect(text).toBe(
      '{"trace":1,"source":"sim"}\n' +
        '{"t":0,"kind":"fault","target":"broker","fault":"broker-restart"}\n' +
        '{"t":5,"kind":"session","client":"a","state":"created"}\n',
    );
  });
});
