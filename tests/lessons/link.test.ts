import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import LZString from 'lz-string';
import { LESSONS } from '../../src/lessons/catalog';
import { decodeLessonData, encodeLessonData, lessonDataHash } from '../../src/lessons/link';
import { MAX_LESSON_CHARS, MAX_LINK_CHARS } from '../../src/lessons/limits';
import { decompressUriSafe } from '../../src/lessons/lzString';
import { parseLocationHash } from '../../src/scenario/url';
import { issueLines, tinyLesson } from './helpers';

describe('encodeLessonData / decodeLessonData', () => {
  it('is lz-string compressToEncodedURIComponent of the JSON', () => {
    const lesson = tinyLesson();
    expect(encodeLessonData(lesson)).toBe(LZString.compressToEncodedURIComponent(JSON.stringify(lesson)));
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('round-trips %s', (_id, lesson) => {
    expect(decodeLessonData(encodeLessonData(lesson))).toEqual(lesson);
  });

  it('survives a "+" turned into a space or percent-encoded on the way', () => {
    const lesson = tinyLesson();
    const text = encodeLessonData(lesson);
    expect(decodeLessonData(text.replaceAll('+', ' '))).toEqual(lesson);
    expect(decodeLessonData(text.replaceAll('+', '%2B').replaceAll('$', '%24'))).toEqual(lesson);
  });

  it('masks the passwords of an inline scenario: a shared link never carries one', () => {
    const lesson = tinyLesson();
    if (typeof lesson.scenario === 'string') throw new Error('expected an inline scenario');
    const [sensor, dashboard] = lesson.scenario.clients;
    const secret = {
      ...lesson,
      scenario: {
        ...lesson.scenario,
        clients: [{ ...sensor, username: 'u', password: 'hunter2' }, dashboard],
      },
    };
    const text = LZString.decompressFromEncodedURIComponent(encodeLessonData(secret));
    expect(text).not.toContain('hunter2');
    const back = decodeLessonData(encodeLessonData(secret));
    expect(typeof back.scenario !== 'string' && back.scenario.clients[0]).toMatchObject({
      username: 'u',
      password: '********',
    });
  });

  it('makes a location hash the deep-link parser reads back', () => {
    const lesson = tinyLesson();
    const link = parseLocationHash(lessonDataHash(lesson, 2));
    expect(link).toEqual({ lessonData: encodeLessonData(lesson), step: 2, play: false });
    expect(decodeLessonData(link.lessonData ?? '')).toEqual(lesson);
  });

  it.each([
    ['', '(root): is not a compressed lesson (lz-string)'],
    ['!!!', '(root): is not a compressed lesson (lz-string)'],
    ['%E0%A4%A', '(root): is not valid percent-encoding'],
    [
      LZString.compressToEncodedURIComponent('').slice(0, 1),
      '(root): is not a compressed lesson (lz-string)',
    ],
  ])('rejects %j', (text, line) => {
    expect(issueLines(() => decodeLessonData(text))).toEqual([line]);
  });

  it('rejects a link that is not JSON, or not a valid lesson, with its issues', () => {
    const [line] = issueLines(() => decodeLessonData(LZString.compressToEncodedURIComponent('{not json')));
    expect(line).toMatch(/^\(root\): is not JSON \(/);
    const bad = { ...tinyLesson(), id: 'Bad Id' };
    expect(issueLines(() => decodeLessonData(encodeLessonData(bad)))).toEqual([
      'id: must be a slug of lowercase letters and digits in words joined by "-" (at most 64 characters) (got "Bad Id")',
    ]);
  });

  it('rejects a link too long to be a lesson before decompressing it', () => {
    expect(issueLines(() => decodeLessonData('A'.repeat(MAX_LINK_CHARS + 1)))).toEqual([
      `(root): a lesson link must be at most ${MAX_LINK_CHARS} characters (got ${MAX_LINK_CHARS + 1})`,
    ]);
  });

  it('stops decompressing a small link that expands past the limit', () => {
    // A few hundred characters that expand past the limit.
    const bomb = LZString.compressToEncodedURIComponent('a'.repeat(MAX_LESSON_CHARS + 1));
    expect(bomb.length).toBeLessThan(2_000);
    expect(issueLines(() => decodeLessonData(bomb))).toEqual([
      `(root): decompresses to more than ${MAX_LESSON_CHARS} characters, more than a lesson may have`,
    ]);
  });
});

describe('decompressUriSafe', () => {
  it('inverts compressToEncodedURIComponent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const out = decompressUriSafe(LZString.compressToEncodedURIComponent(text), 10_000);
        expect(out).toEqual({ ok: true, text });
      }),
      { numRuns: 300 },
    );
  });

  it('never decodes arbitrary input differently from lz-string', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 60 }), (text) => {
        const ours = decompressUriSafe(text, 1_000_000);
        let theirs: string | null;
        try {
          theirs = LZString.decompressFromEncodedURIComponent(text);
        } catch {
          // lz-string itself trips over some input (reading past its dictionary); ours rejects it.
          theirs = null;
        }
        // Ours is stricter (it refuses a stream no compressor writes), never different.
        if (ours.ok && ours.text !== '') expect(ours.text).toBe(theirs);
      }),
      { numRuns: 500 },
    );
  });

  it('says "too-long" as soon as the output passes the budget', () => {
    expect(decompressUriSafe(LZString.compressToEncodedURIComponent('x'.repeat(101)), 100)).toEqual({
      ok: false,
      reason: 'too-long',
    });
    expect(decompressUriSafe(LZString.compressToEncodedURIComponent('x'.repeat(100)), 100)).toEqual({
      ok: true,
      text: 'x'.repeat(100),
    });
  });
});
