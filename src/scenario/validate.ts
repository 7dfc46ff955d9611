// The validation entry points: parse (format checks), resolve (defaults, expansion, cross-checks), or
// both at once.

import type { ResolvedScenario } from './types';
import { parseScenario } from './parse';
import { resolveScenario } from './resolve';

export { ScenarioError, formatIssue, type ScenarioIssue } from './errors';
export { parseScenario, MAX_DURATION_MS, SCENARIO_VERSION } from './parse';
export { resolveScenario, DEFAULT_PROTOCOL } from './resolve';

/** Parsed JSON (or any value) → a resolved scenario; throws `ScenarioError` listing every problem. */
export function loadScenario(input: unknown): ResolvedScenario {
  return resolveScenario(parseScenario(input));
}
