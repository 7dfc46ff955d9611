// Collects issues while a scenario is checked, so that the user sees all of them at once.

import { ScenarioError, quote, type ScenarioIssue } from './errors';
import { MAX_LISTED_ISSUES } from './limits';

export const ROOT_PATH = '(root)';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** A key longer than this (only an unknown key can be) is shortened in paths. */
const MAX_KEY_CHARS = 64;

/** `clients[0]` + `will` → `clients[0].will`; odd keys in brackets: `clients[0]["a b"]`. */
export function keyPath(parent: string, key: string): string {
  if (key.length > MAX_KEY_CHARS) {
    const shown = `${JSON.stringify(key.slice(0, MAX_KEY_CHARS - 16))}… (${key.length} characters)`;
    return `${parent === ROOT_PATH ? '' : parent}[${shown}]`;
  }
  if (!IDENTIFIER.test(key)) return `${parent === ROOT_PATH ? '' : parent}[${JSON.stringify(key)}]`;
  return parent === ROOT_PATH ? key : `${parent}.${key}`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent === ROOT_PATH ? '' : parent}[${index}]`;
}

export class Issues {
  /** At most MAX_LISTED_ISSUES problems, then one that counts the rest. */
  readonly list: ScenarioIssue[] = [];
  private unlisted = 0;
  private readonly rest: ScenarioIssue = { path: ROOT_PATH, message: '' };

  add(path: string, message: string): void {
    if (this.list.length < MAX_LISTED_ISSUES) {
      this.list.push({ path, message });
      return;
    }
    // 200 000 unknown keys make one line here, not 200 000.
    if (this.unlisted++ === 0) this.list.push(this.rest);
    this.rest.message = `and ${this.unlisted} more ${this.unlisted === 1 ? 'problem' : 'problems'}, not listed`;
  }

  /** `path: <rule> (got <value>)`. */
  reject(path: string, rule: string, value: unknown): void {
    this.add(path, `${rule} (got ${quote(value)})`);
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new ScenarioError(this.list);
  }
}
