// The teacher's guide (docs/lessons.md) shows a complete lesson: it must parse, and its claims hold.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonFailures } from '../../src/lessons/check';
import { parseLessonText } from '../../src/lessons/parse';

const GUIDE = readFileSync(join(__dirname, '../../docs/lessons.md'), 'utf8');

/** The guide's annotated example, without its `//` comments. */
function example(): string {
  const block = /```jsonc\n([\s\S]*?)```/.exec(GUIDE);
  if (block === null) throw new Error('no jsonc example in the guide');
  return block[1].replace(/\s+\/\/ .*$/gm, '');
}

describe('docs/lessons.md', () => {
  it('shows a lesson that parses and whose claims hold under its profiles', () => {
    const lesson = parseLessonText(example());
    expect(lesson.profiles).toEqual(['spec', 'mosquitto-2.0']);
    expect(lessonFailures(lesson).map((f) => f.message)).toEqual([]);
  });
});
