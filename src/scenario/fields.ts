// Reading plain objects field by field, recording every problem in `Issues`.

import { quote } from './errors';
import { keyPath, type Issues } from './issues';
import type { Rule } from './rules';

export type Fields = Record<string, unknown>;

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, after reporting every key not in `keys`; null (reported) when not an object. */
export function readObject(
  issues: Issues,
  path: string,
  value: unknown,
  keys: readonly string[],
): Fields | null {
  if (!isPlainObject(value)) {
    issues.reject(path, 'must be an object', value);
    return null;
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) issues.add(keyPath(path, key), 'unknown key');
  }
  return value;
}

/**
 * Checks `object[key]` against `rule`. A missing (undefined) field is reported only when `required`.
 * Returns true when the field is present and valid, so that dependent rules can use it.
 */
export function field(
  issues: Issues,
  object: Fields,
  path: string,
  key: string,
  rule: Rule,
  required = false,
): boolean {
  const value = object[key];
  const at = keyPath(path, key);
  if (value === undefined) {
    if (required) issues.add(at, `is required (${rule.what})`);
    return false;
  }
  const problem = rule.check(value);
  if (problem !== null) {
    issues.add(at, `${problem} (got ${quote(value)})`);
    return false;
  }
  return true;
}

/** Reports a field that the context does not allow (`not allowed with "crash"`). */
export function forbid(issues: Issues, object: Fields, path: string, key: string, why: string): void {
  const value = object[key];
  if (value !== undefined) issues.reject(keyPath(path, key), why, value);
}
