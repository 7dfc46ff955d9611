// parseLesson: checks user input (parsed JSON) against the lesson format, version 1, and reports
// every problem at once, as parseScenario does: unknown keys, bad values (path and quoted value),
// the scenario (inline under `scenario.`, or a preset's name), selectors, refs and expressions, the
// clients they name, prediction answers and what-ifs. Sizes are checked before anything is built.

import { boolean, oneOf } from '../scenario/rules';
import { field, readObject } from '../scenario/fields';
import { Issues, ROOT_PATH, indexPath, keyPath } from '../scenario/issues';
import { PRESETS, getPreset } from '../scenario/presets';
import { BROKER_PROFILES, CLIENT_LIBRARIES, type Scenario } from '../scenario/types';
import { LessonError } from './errors';
import { MAX_ID_CHARS, MAX_LESSON_CHARS, MAX_LINE_CHARS, MAX_STEPS, MIN_STEPS } from './limits';
import type { Cast } from './parseRefs';
import { listProblem, slug, words } from './parseRules';
import { castOf, checkRunnable, prefixPath } from './parseScenario';
import { checkStep } from './parseStep';
import { isProfileName } from './profiles';
import { LESSON_VERSION, type Lesson } from './types';

const LESSON_KEYS = [
  'lesson',
  'id',
  'title',
  'summary',
  'scenario',
  'profiles',
  'steps',
  'calculator',
  'library',
] as const;

/** Throws `LessonError` listing every problem; returns the input typed as a `Lesson`. */
export function parseLesson(value: unknown): Lesson {
  const issues = new Issues();
  const root = readObject(issues, ROOT_PATH, value, LESSON_KEYS);
  if (root !== null) {
    field(issues, root, ROOT_PATH, 'lesson', oneOf([LESSON_VERSION]), true);
    field(issues, root, ROOT_PATH, 'id', slug(MAX_ID_CHARS), true);
    field(issues, root, ROOT_PATH, 'title', words(MAX_LINE_CHARS, true), true);
    field(issues, root, ROOT_PATH, 'summary', words(MAX_LINE_CHARS, true), true);
    field(issues, root, ROOT_PATH, 'calculator', boolean);
    field(issues, root, ROOT_PATH, 'library', oneOf(CLIENT_LIBRARIES));
    checkProfiles(issues, keyPath(ROOT_PATH, 'profiles'), root.profiles);
    const { base, cast } = checkScenario(issues, keyPath(ROOT_PATH, 'scenario'), root.scenario);
    checkSteps(issues, keyPath(ROOT_PATH, 'steps'), root.steps, cast, base);
  }
  if (issues.list.length > 0) throw new LessonError(issues.list);
  return value as Lesson;
}

/** JSON text → a lesson; the length is checked before the text is parsed. */
export function parseLessonText(text: string): Lesson {
  if (typeof text !== 'string') throw rootError(`must be JSON text (got ${typeof text})`);
  if (text.length > MAX_LESSON_CHARS) {
    throw rootError(`must be at most ${MAX_LESSON_CHARS} characters of JSON (got ${text.length})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw rootError(`is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseLesson(value);
}

function rootError(message: string): LessonError {
  return new LessonError([{ path: ROOT_PATH, message }]);
}

function checkProfiles(issues: Issues, path: string, value: unknown): void {
  if (value === undefined) return issues.add(path, 'is required (broker profiles, the default first)');
  const problem = listProblem(value, 1, BROKER_PROFILES.length, 'broker profiles');
  if (problem !== null) return issues.reject(path, problem, value);
  const seen = new Set<unknown>();
  (value as unknown[]).forEach((p, i) => {
    if (!isProfileName(p))
      issues.reject(indexPath(path, i), `must be one of ${BROKER_PROFILES.join(', ')}`, p);
    else if (seen.has(p)) issues.reject(indexPath(path, i), 'is listed twice', p);
    seen.add(p);
  });
}

/** The scenario to build on and its cast; both null when the scenario is missing or invalid. */
function checkScenario(
  issues: Issues,
  path: string,
  value: unknown,
): { base: Scenario | null; cast: Cast | null } {
  const none = { base: null, cast: null };
  if (value === undefined) {
    issues.add(path, 'is required (an inline scenario, or the name of a preset)');
    return none;
  }
  let scenario = value;
  if (typeof value === 'string') {
    const preset = getPreset(value);
    if (preset === undefined) {
      issues.reject(path, `must name a preset (${PRESETS.map((p) => p.name).join(', ')})`, value);
      return none;
    }
    scenario = preset.scenario;
  }
  const { issues: problems, resolved } = checkRunnable(scenario);
  for (const p of problems) {
    if (typeof value === 'string')
      issues.add(path, `preset ${JSON.stringify(value)}: ${p.path}: ${p.message}`);
    else issues.add(prefixPath(path, p.path), p.message);
  }
  return resolved === null ? none : { base: structuredClone(scenario as Scenario), cast: castOf(resolved) };
}

function checkSteps(
  issues: Issues,
  path: string,
  value: unknown,
  cast: Cast | null,
  base: Scenario | null,
): void {
  if (value === undefined) return issues.add(path, `is required (${MIN_STEPS}..${MAX_STEPS} steps)`);
  const problem = listProblem(value, MIN_STEPS, MAX_STEPS, 'steps');
  if (problem !== null) return issues.reject(path, problem, value);
  (value as unknown[]).forEach((step, i) => checkStep(issues, indexPath(path, i), step, cast, base));
}
