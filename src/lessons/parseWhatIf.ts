// Checks a step's what-if: its label, its `set` (one to three scenario paths that each change
// something and together leave a valid, small scenario), its text and checks, whose selectors are
// read against the what-if's own scenario, and the statement ids it shows instead of the step's.

import { field, readObject, type Fields } from '../scenario/fields';
import { keyPath, type Issues } from '../scenario/issues';
import type { Scenario } from '../scenario/types';
import { MAX_LINE_CHARS, MAX_TEXT_CHARS, MAX_WHAT_IF_PATHS } from './limits';
import { checkText, type Cast } from './parseRefs';
import { checkSpec, words } from './parseRules';
import { castOf, checkRunnable } from './parseScenario';
import { checkChecks } from './parseCheck';
import { WhatIfPathError, formatPath, getPath, parsePath, setPath } from './whatIf';

const WHAT_IF_KEYS = ['label', 'set', 'text', 'check', 'spec'] as const;

/** `base` is the lesson's scenario (a copy is edited); null when it is itself invalid. */
export function checkWhatIf(issues: Issues, path: string, value: unknown, base: Scenario | null): void {
  const whatIf = readObject(issues, path, value, WHAT_IF_KEYS);
  if (whatIf === null) return;
  field(issues, whatIf, path, 'label', words(MAX_LINE_CHARS, true), true);
  const cast = checkSet(issues, keyPath(path, 'set'), whatIf.set, base);
  if (whatIf.text !== undefined)
    checkText(issues, keyPath(path, 'text'), whatIf.text, words(MAX_TEXT_CHARS, false), cast);
  if (whatIf.check !== undefined) checkChecks(issues, keyPath(path, 'check'), whatIf.check, cast);
  if (whatIf.spec !== undefined) checkSpec(issues, keyPath(path, 'spec'), whatIf.spec);
}

/** The what-if scenario's cast, or null when `set` (or the base) is invalid. */
function checkSet(issues: Issues, path: string, value: unknown, base: Scenario | null): Cast | null {
  if (value === undefined) {
    issues.add(path, `is required (an object of 1..${MAX_WHAT_IF_PATHS} scenario paths → values)`);
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.reject(path, 'must be an object of scenario paths → values', value);
    return null;
  }
  const entries = Object.entries(value as Fields);
  if (entries.length === 0 || entries.length > MAX_WHAT_IF_PATHS) {
    issues.reject(path, `must set 1..${MAX_WHAT_IF_PATHS} paths: a what-if changes one idea`, value);
    return null;
  }
  if (base === null) return null;
  const edited = structuredClone(base) as unknown as Record<string, unknown>;
  /** Normalized scenario path → the key as written. */
  const written = new Map<string, string>();
  let ok = true;
  for (const [key, next] of entries) {
    const at = keyPath(path, key);
    try {
      const keys = parsePath(key);
      const before = getPath(edited, keys);
      if (before !== undefined && JSON.stringify(before) === JSON.stringify(next)) {
        issues.reject(at, 'changes nothing: the scenario already has that value', next);
        ok = false;
      }
      setPath(edited, key, next);
      written.set(formatPath(keys), key);
    } catch (err) {
      if (!(err instanceof WhatIfPathError)) throw err;
      issues.add(at, err.message);
      ok = false;
    }
  }
  if (!ok) return null;
  const { issues: problems, resolved } = checkRunnable(edited);
  for (const problem of problems) {
    // Report at the set path that caused it, when one is a prefix of the problem's path.
    const owner = [...written.keys()].find(
      (p) => problem.path === p || problem.path.startsWith(`${p}.`) || problem.path.startsWith(`${p}[`),
    );
    if (owner === undefined)
      issues.add(path, `makes the scenario invalid: ${problem.path}: ${problem.message}`);
    else
      issues.add(
        keyPath(path, written.get(owner) ?? owner),
        problem.path === owner ? problem.message : `${problem.path}: ${problem.message}`,
      );
  }
  return resolved === null ? null : castOf(resolved);
}
