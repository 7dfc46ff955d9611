// Validation errors: every problem names its path (JS notation), the rule, and the rejected value.

import { maskPasswordReplacer } from './credentials';

export interface ScenarioIssue {
  /** JS notation from the scenario's root, e.g. `clients[2].keepAlive`; `(root)` for the whole input. */
  path: string;
  /** The rule and the rejected value, e.g. `must be 0..65535 (got 70000)`. */
  message: string;
}

/** `clients[2].keepAlive: must be 0..65535 (got 70000)`. */
export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/** Thrown for a scenario with one or more problems; `message` lists every issue, one a line. */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];

  constructor(issues: ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

const MAX_QUOTE = 80;

/** A rejected value as JSON (shortened when long); non-JSON values as JS would print them. */
export function quote(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'function' || typeof value === 'symbol') text = typeof value;
  else {
    try {
      // A rejected object may hold a client's password: never echoed.
      text = JSON.stringify(value, maskPasswordReplacer) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
}
