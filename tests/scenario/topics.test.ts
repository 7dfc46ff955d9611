import { describe, expect, it } from 'vitest';
import { topicFilterProblem, topicMatches, topicNameProblem } from '../../src/scenario/topics';
import { utf8Length } from '../../src/scenario/utf8';

describe('topic names', () => {
  it.each(['a', 'a/b/c', '/leading', 'trailing/', 'a//b', '$SYS/x', 'ünï/çødé', ' '])(
    'accepts %j',
    (topic) => {
      expect(topicNameProblem(topic)).toBeNull();
    },
  );

  it.each([
    ['', 'must not be empty'],
    ['a/+', 'must be a topic name without the wildcards + and #'],
    ['#', 'must be a topic name without the wildcards + and #'],
    ['a+b', 'must be a topic name without the wildcards + and #'],
    ['a\u0000', 'must not contain the NUL character'],
    ['x'.repeat(65536), 'must be at most 65535 UTF-8 bytes'],
  ])('rejects %j: %s', (topic, problem) => {
    expect(topicNameProblem(topic)).toBe(problem);
  });
});

describe('topic filters', () => {
  it.each(['#', '+', 'a/#', 'a/+/b', '+/+', '/#', 'a/b', '+/#', 'x'.repeat(65535)])(
    'accepts %j',
    (filter) => {
      expect(topicFilterProblem(filter)).toBeNull();
    },
  );

  it.each([
    ['', 'must not be empty'],
    ['a/#/b', 'must use # only as a whole level at the end of the filter'],
    ['a#', 'must use # only as a whole level at the end of the filter'],
    ['#/', 'must use # only as a whole level at the end of the filter'],
    ['##', 'must use # only as a whole level at the end of the filter'],
    ['a+', 'must use + only as a whole level'],
    ['+a/b', 'must use + only as a whole level'],
    ['++', 'must use + only as a whole level'],
    ['a/\u0000', 'must not contain the NUL character'],
  ])('rejects %j: %s', (filter, problem) => {
    expect(topicFilterProblem(filter)).toBe(problem);
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes like TextEncoder, surrogate pairs included', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a😀é€', '\ud800', '\udc00x']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});

describe('topicMatches', () => {
  it('matches + and # as the standard says', () => {
    expect(topicMatches('w/#', 'w/a')).toBe(true);
    expect(topicMatches('w/#', 'w')).toBe(true);
    expect(topicMatches('w/+', 'w/a/b')).toBe(false);
    expect(topicMatches('+/a', 'w/a')).toBe(true);
    expect(topicMatches('#', '$SYS/x')).toBe(false);
    expect(topicMatches('w/a', 'w/a')).toBe(true);
  });
});
