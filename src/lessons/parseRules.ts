// Value rules of the lesson format, in the scenario package's style: `check` says what the value
// must be, or null when it passes.

import { indexPath, type Issues } from '../scenario/issues';
import { oneOf, type Rule } from '../scenario/rules';
import { MAX_SPEC_IDS } from './limits';

/** A non-empty string of at most `max` characters; `oneLine` also forbids line breaks. */
export function words(max: number, oneLine: boolean): Rule {
  const what = `a non-empty ${oneLine ? 'one-line ' : ''}string of at most ${max} characters`;
  return {
    what,
    check: (v) =>
      typeof v !== 'string' || v.trim() === ''
        ? `must be ${what}`
        : v.length > max
          ? `must be at most ${max} characters (it has ${v.length})`
          : oneLine && /[\r\n]/.test(v)
            ? 'must be one line'
            : null,
  };
}

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function slug(max: number): Rule {
  const what = `a slug of lowercase letters and digits in words joined by "-" (at most ${max} characters)`;
  return {
    what,
    check: (v) => (typeof v === 'string' && v.length <= max && SLUG.test(v) ? null : `must be ${what}`),
  };
}

export const STATEMENT_ID = /^MQTT-\d+\.\d+(\.\d+)?-\d+$/;

/** An array of `min`..`max` entries; the entries are checked by the caller. */
export function listProblem(value: unknown, min: number, max: number, what: string): string | null {
  if (!Array.isArray(value)) return `must be an array of ${what}`;
  if (value.length < min || value.length > max) {
    return min === max
      ? `must have ${min} ${what}`
      : `must have ${min}..${max} ${what} (it has ${value.length})`;
  }
  return null;
}

/** The version of the standard a step's statement ids are from: 4 (MQTT 3.1.1) or 5 (MQTT 5). */
export const SPEC_PROTOCOL: Rule = oneOf([4, 5]);

/** A list of 0..MAX_SPEC_IDS statement ids (a step's `spec`, or its what-if's). */
export function checkSpec(issues: Issues, path: string, value: unknown): void {
  const problem = listProblem(value, 0, MAX_SPEC_IDS, 'statement ids');
  if (problem !== null) return issues.reject(path, problem, value);
  (value as unknown[]).forEach((id, i) => {
    if (typeof id !== 'string' || !STATEMENT_ID.test(id)) {
      issues.reject(indexPath(path, i), 'must be a statement id like "MQTT-3.1.2-24"', id);
    }
  });
}
