// Sharing a lesson as a link: `#lesson-data=<lz-string compressToEncodedURIComponent(JSON)>`, as a
// scenario is shared. Decoding checks the size before decompressing (the link's length) and while
// decompressing (the JSON's length), then validates the lesson like an import.

import LZString from 'lz-string';
import { maskPasswords } from '../scenario/credentials';
import { ROOT_PATH } from '../scenario/issues';
import type { BrokerProfileName } from '../scenario/types';
import { formatLocationHash } from '../scenario/url';
import { LessonError } from './errors';
import { MAX_LESSON_CHARS, MAX_LINK_CHARS } from './limits';
import { decompressUriSafe } from './lzString';
import { parseLessonText } from './parse';
import type { Lesson } from './types';

/** Passwords of an inline scenario are masked: a link is shown, copied and kept in history. */
export function encodeLessonData(lesson: Lesson): string {
  const shared =
    typeof lesson.scenario === 'string' ? lesson : { ...lesson, scenario: maskPasswords(lesson.scenario) };
  return LZString.compressToEncodedURIComponent(JSON.stringify(shared));
}

/** The inverse of `encodeLessonData`; throws `LessonError` (path `(root)` for a link that is not a lesson). */
export function decodeLessonData(text: string): Lesson {
  if (text.length > MAX_LINK_CHARS) {
    throw linkError(`a lesson link must be at most ${MAX_LINK_CHARS} characters (got ${text.length})`);
  }
  let raw = text;
  if (raw.includes('%')) {
    try {
      raw = decodeURIComponent(raw);
    } catch {
      throw linkError('is not valid percent-encoding');
    }
  }
  const out = decompressUriSafe(raw, MAX_LESSON_CHARS);
  if (!out.ok && out.reason === 'too-long') {
    throw linkError(`decompresses to more than ${MAX_LESSON_CHARS} characters, more than a lesson may have`);
  }
  if (!out.ok || out.text === '') throw linkError('is not a compressed lesson (lz-string)');
  return parseLessonText(out.text);
}

/** The location hash that opens `lesson` (at `step`, 1-based, when given). */
export function lessonDataHash(lesson: Lesson, step?: number, profile?: BrokerProfileName): string {
  return formatLocationHash({ lessonData: encodeLessonData(lesson), step, profile, play: false });
}

function linkError(message: string): LessonError {
  return new LessonError([{ path: ROOT_PATH, message }]);
}
