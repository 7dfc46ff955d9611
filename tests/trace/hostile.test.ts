// Hostile trace files (tests/fixtures/hostile/) and the reader fuzzed: every one is read or refused
// with a TraceParseError naming the line, never a stack overflow, a runaway string or a hang.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTrace } from '../../src/trace/format';
import {
  MAX_TRACE_DEPTH,
  MAX_TRACE_LINE_CHARS,
  TraceParseError,
  TraceReader,
  parseTrace,
} from '../../src/trace/parse';
import { FIXTURES } from '../live/support/fixtures';
import { traceEvents } from './arbitraries';

const hostile = (name: string): string => readFileSync(join(FIXTURES, 'hostile', name), 'utf8');

function errorOf(read: () => unknown): TraceParseError {
  try {
    read();
  } catch (err) {
    if (err instanceof TraceParseError) return err;
    throw err;
  }
  throw new Error('read without error');
}

describe('hostile trace files', () => {
  it('refuses a header nested 100 000 levels deep on line 1, before anything copies or prints it', () => {
    const err = errorOf(() => parseTrace(hostile('trace-deep-header.jsonl')));
    expect(err.line).toBe(1);
    expect(err.message).toBe(`line 1: nested deeper than ${MAX_TRACE_DEPTH} levels of objects and arrays`);
  });

  it('says that t = 1e400 is too large rather than "got null"', () => {
    expect(errorOf(() => parseTrace(hostile('trace-t-1e400.jsonl'))).message).toBe(
      'line 2: t must be a number >= 0 (got Infinity, a number too large)',
    );
  });

  it('reads a file that starts with a byte order mark', () => {
    const { header, events } = parseTrace(hostile('trace-with-bom.jsonl'));
    expect(header.source).toBe('sim');
    expect(events.length).toBeGreaterThan(10);
  });

  it('refuses an endless line as soon as it passes the limit, fed in chunks', () => {
    const reader = new TraceReader(() => undefined);
    reader.feed('{"trace":1,"source":"sim"}\n{"t":0,"kind":"fault","target":"');
    const chunk = 'x'.repeat(1 << 20);
    const err = errorOf(() => {
      for (let i = 0; i < 40; i++) reader.feed(chunk);
    });
    expect(err.message).toBe(`line 2: longer than ${MAX_TRACE_LINE_CHARS} characters`);
  });
});

describe('the trace reader, fuzzed', () => {
  it('throws only TraceParseError for any text, fed in any chunks', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      traceEvents.map((events) => formatTrace({ trace: 1, source: 'live' }, events)),
    );
    const edit = fc.record({ at: fc.nat(), drop: fc.nat({ max: 8 }), insert: fc.string({ maxLength: 6 }) });
    fc.assert(
      fc.property(
        text,
        fc.array(edit, { maxLength: 4 }),
        fc.integer({ min: 1, max: 50 }),
        (t, edits, size) => {
          let s = t;
          for (const { at, drop, insert } of edits) {
            const i = at % (s.length + 1);
            s = s.slice(0, i) + insert + s.slice(i + drop);
          }
          const reader = new TraceReader(() => undefined);
          try {
            for (let i = 0; i < s.length; i += size) reader.feed(s.slice(i, i + size));
            reader.end();
          } catch (err) {
            expect(err).toBeInstanceOf(TraceParseError);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
