// The lesson reader, fuzzed like the scenario validator: a lesson arrives as a file or a link, so any
// text, any JSON value and any valid lesson with one field made hostile throw nothing but LessonError,
// and quickly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LESSONS, LessonError, decodeLessonData, parseLesson, parseLessonText } from '../../src/lessons';

function thrown(f: () => unknown, ms = 1000): unknown {
  const start = performance.now();
  try {
    f();
    return null;
  } catch (err) {
    return err;
  } finally {
    expect(performance.now() - start).toBeLessThan(ms);
  }
}

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k])),
  ];
}

function withField(value: unknown, path: (string | number)[], next: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = next;
  return copy;
}

const lesson = LESSONS[0];
const PATHS = paths(lesson).filter((p) => p.length > 0);
const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(1e-9, 1e300, '\u0000', '\ud800', 'x'.repeat(70_000), 1_000_000, [], {}),
);

describe('the lesson reader, fuzzed', () => {
  it('throws only LessonError for any text or link', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json()), (text) => {
        for (const read of [parseLessonText, decodeLessonData]) {
          const err = thrown(() => read(text));
          if (err !== null) expect(err).toBeInstanceOf(LessonError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('throws only LessonError for a real lesson with one field made hostile', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), hostile, (path, value) => {
        const err = thrown(() => parseLesson(withField(lesson, path, value)));
        if (err !== null) expect(err).toBeInstanceOf(LessonError);
      }),
      { numRuns: 400 },
    );
  });
});
