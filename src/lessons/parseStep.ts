// Checks one step of a lesson: its heading, anchor, highlights, text, statement ids and the version
// they are from, prediction, what-if and checks. Selectors and refs are read against the lesson's
// scenario (`cast`).

import { field, readObject } from '../scenario/fields';
import { indexPath, keyPath, type Issues } from '../scenario/issues';
import type { Scenario } from '../scenario/types';
import { MAX_CHOICES, MAX_HIGHLIGHTS, MAX_LINE_CHARS, MAX_TEXT_CHARS, MIN_CHOICES } from './limits';
import { checkChecks } from './parseCheck';
import { checkLane, checkSelector, checkText, type Cast } from './parseRefs';
import { SPEC_PROTOCOL, checkSpec, listProblem, words } from './parseRules';
import { checkWhatIf } from './parseWhatIf';

const STEP_KEYS = [
  'title',
  'at',
  'highlight',
  'text',
  'spec',
  'specProtocol',
  'predict',
  'whatIf',
  'check',
] as const;
const HIGHLIGHT_KEYS = ['lanes', 'events'] as const;
const PREDICT_KEYS = ['question', 'choices', 'answer', 'why'] as const;

const line = words(MAX_LINE_CHARS, true);
const prose = words(MAX_TEXT_CHARS, false);

/** `cast` null: the scenario is invalid, so names are not checked against it. */
export function checkStep(
  issues: Issues,
  path: string,
  value: unknown,
  cast: Cast | null,
  base: Scenario | null,
): void {
  const step = readObject(issues, path, value, STEP_KEYS);
  if (step === null) return;
  const at = (key: string): string => keyPath(path, key);
  field(issues, step, path, 'title', line, true);
  if (step.at === undefined) issues.add(at('at'), 'is required (a selector)');
  else checkSelector(issues, at('at'), step.at, cast);
  if (step.highlight !== undefined) checkHighlight(issues, at('highlight'), step.highlight, cast);
  if (step.text === undefined) issues.add(at('text'), `is required (${prose.what})`);
  else checkText(issues, at('text'), step.text, prose, cast);
  if (step.spec === undefined) issues.add(at('spec'), 'is required (statement ids like "MQTT-3.1.2-24")');
  else checkSpec(issues, at('spec'), step.spec);
  field(issues, step, path, 'specProtocol', SPEC_PROTOCOL);
  if (step.predict !== undefined) checkPredict(issues, at('predict'), step.predict, cast);
  if (step.whatIf !== undefined) checkWhatIf(issues, at('whatIf'), step.whatIf, base);
  if (step.check === undefined) issues.add(at('check'), 'is required (a check or a list of checks)');
  else checkChecks(issues, at('check'), step.check, cast);
}

function checkHighlight(issues: Issues, path: string, value: unknown, cast: Cast | null): void {
  const highlight = readObject(issues, path, value, HIGHLIGHT_KEYS);
  if (highlight === null) return;
  const list = (key: 'lanes' | 'events', each: typeof checkLane): void => {
    const items = highlight[key];
    if (items === undefined) return;
    const problem = listProblem(items, 0, MAX_HIGHLIGHTS, key === 'lanes' ? 'client IDs' : 'selectors');
    if (problem !== null) return issues.reject(keyPath(path, key), problem, items);
    (items as unknown[]).forEach((item, i) => each(issues, indexPath(keyPath(path, key), i), item, cast));
  };
  list('lanes', checkLane);
  list('events', checkSelector);
}

function checkPredict(issues: Issues, path: string, value: unknown, cast: Cast | null): void {
  const predict = readObject(issues, path, value, PREDICT_KEYS);
  if (predict === null) return;
  const at = (key: string): string => keyPath(path, key);
  if (predict.question === undefined) issues.add(at('question'), `is required (${prose.what})`);
  else checkText(issues, at('question'), predict.question, prose, cast);
  if (predict.why === undefined) issues.add(at('why'), `is required (${prose.what})`);
  else checkText(issues, at('why'), predict.why, prose, cast);
  const choices = predict.choices;
  const problem = choices === undefined ? null : listProblem(choices, MIN_CHOICES, MAX_CHOICES, 'choices');
  if (choices === undefined)
    issues.add(at('choices'), `is required (${MIN_CHOICES}..${MAX_CHOICES} choices)`);
  else if (problem !== null) issues.reject(at('choices'), problem, choices);
  else
    (choices as unknown[]).forEach((c, i) => checkText(issues, indexPath(at('choices'), i), c, line, cast));
  const count = problem === null && Array.isArray(choices) ? choices.length : MAX_CHOICES;
  const answer = predict.answer;
  if (answer === undefined) issues.add(at('answer'), 'is required (the index of the right choice, from 0)');
  else if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < 0 || answer >= count) {
    issues.reject(at('answer'), `must be the index of a choice, 0..${count - 1}`, answer);
  }
}
