// Collects issues while a scenario is checked, so that the user sees all of them at once.

import { ScenarioError, quote, type ScenarioIssue } from './errors';

export const ROOT_PATH = '(root)';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `clients[0]` + `will` → `clients[0].will`; odd keys in brackets: `clients[0]["a b"]`. */
export function keyPath(parent: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${parent === ROOT_PATH ? '' : parent}[${JSON.stringify(key)}]`;
  return parent === ROOT_PATH ? key : `${parent}.${key}`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent === ROOT_PATH ? '' : parent}[${index}]`;
}

export class Issues {
  readonly list: ScenarioIssue[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** `path: <rule> (got <value>)`. */
  reject(path: string, rule: string, value: unknown): void {
    this.add(path, `${rule} (got ${quote(value)})`);
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new ScenarioError(this.list);
  }
}
