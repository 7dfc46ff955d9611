// What-ifs: a step's `set` maps scenario paths, written in the scenario package's own JS notation
// (`clients[0].keepAlive`, `broker.profile`, `events[1].atMs`, `clients[0]["odd key"]`), to new
// values. Applying them to a copy of the lesson's scenario gives the scenario the student replays.

import type { Scenario } from '../scenario/types';

export type PathKey = string | number;

/** A path that does not parse or does not lead anywhere in the scenario. */
export class WhatIfPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WhatIfPathError';
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*/;
const INDEX = /^\[(\d{1,6})\]/;
const QUOTED = /^\[("(?:[^"\\]|\\.)*")\]/;

/** `clients[0].will.delay` → ["clients", 0, "will", "delay"]. */
export function parsePath(path: string): PathKey[] {
  const keys: PathKey[] = [];
  let rest = path;
  while (rest !== '') {
    const afterDot = keys.length > 0 && rest.startsWith('.') ? rest.slice(1) : null;
    const name = IDENTIFIER.exec(keys.length === 0 ? rest : (afterDot ?? ''));
    const index = INDEX.exec(rest);
    const quoted = QUOTED.exec(rest);
    if (name !== null) {
      keys.push(name[0]);
      rest = rest.slice(name[0].length + (afterDot === null ? 0 : 1));
    } else if (index !== null && keys.length > 0) {
      keys.push(Number(index[1]));
      rest = rest.slice(index[0].length);
    } else if (quoted !== null) {
      keys.push(JSON.parse(quoted[1]) as string);
      rest = rest.slice(quoted[0].length);
    } else {
      throw new WhatIfPathError(
        `is not a scenario path like clients[0].keepAlive (at ${JSON.stringify(rest)})`,
      );
    }
  }
  if (keys.length === 0) throw new WhatIfPathError('is empty (a scenario path like clients[0].keepAlive)');
  return keys;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets `value` at `path` inside `target` (edited in place). Every container on the way must exist;
 * the last key may be new (an optional field), and an array index may be one past the end (append).
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = parsePath(path);
  let node: unknown = target;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const where = formatPath(keys.slice(0, i + 1));
    if (typeof key === 'number') {
      if (!Array.isArray(node)) throw new WhatIfPathError(`${formatPath(keys.slice(0, i))} is not a list`);
      if (key > node.length || (!last && key === node.length)) {
        throw new WhatIfPathError(`${where} is past the end of the list (it has ${node.length})`);
      }
      if (last) node[key] = structuredClone(value);
      else node = node[key];
    } else {
      if (!isRecord(node)) throw new WhatIfPathError(`${formatPath(keys.slice(0, i))} is not an object`);
      if (last) node[key] = structuredClone(value);
      else if (node[key] === undefined) throw new WhatIfPathError(`${where} is not in the scenario`);
      else node = node[key];
    }
  });
}

/** ["clients", 0, "will"] → `clients[0].will`, as scenario issues write paths. */
export function formatPath(keys: readonly PathKey[]): string {
  let text = '';
  for (const key of keys) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text === '' ? 'the scenario' : text;
}

/** The value at `path` inside `target`, or undefined when the path leads nowhere. */
export function getPath(target: unknown, keys: readonly PathKey[]): unknown {
  let node = target;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PathKey, unknown>)[key];
  }
  return node;
}

/** A copy of `scenario` with every path of `set` set; throws `WhatIfPathError`. */
export function applyWhatIf(scenario: Scenario, set: Readonly<Record<string, unknown>>): Scenario {
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(set)) setPath(copy, path, value);
  return copy as unknown as Scenario;
}
