// Checks a step's `check` (or a what-if's): one claim or a list of them, each a plain sentence and
// an expression that parses and names clients of the scenario it will be read against.

import { field, readObject } from '../scenario/fields';
import { indexPath, keyPath, type Issues } from '../scenario/issues';
import { MAX_CHECKS, MAX_LINE_CHARS } from './limits';
import { checkExpression, type Cast } from './parseRefs';
import { listProblem, words } from './parseRules';

const CHECK_KEYS = ['claim', 'expect'] as const;

export function checkChecks(issues: Issues, path: string, value: unknown, cast: Cast | null): void {
  if (!Array.isArray(value)) return checkOne(issues, path, value, cast);
  const problem = listProblem(value, 1, MAX_CHECKS, 'checks');
  if (problem !== null) return issues.reject(path, problem, value);
  value.forEach((check: unknown, i) => checkOne(issues, indexPath(path, i), check, cast));
}

function checkOne(issues: Issues, path: string, value: unknown, cast: Cast | null): void {
  const check = readObject(issues, path, value, CHECK_KEYS);
  if (check === null) return;
  field(issues, check, path, 'claim', words(MAX_LINE_CHARS, true), true);
  if (check.expect === undefined) issues.add(keyPath(path, 'expect'), 'is required (an expression)');
  else checkExpression(issues, keyPath(path, 'expect'), check.expect, cast);
}
