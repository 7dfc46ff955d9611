// Scenario JSON text (a file, a pasted text, a decompressed link) → a scenario: the length is checked
// before the text is parsed, a byte order mark (as some editors save a file) is skipped, and a text
// that is not JSON is a ScenarioError at the root like any other problem.

import { ScenarioError } from './errors';
import { ROOT_PATH } from './issues';
import { MAX_SCENARIO_CHARS } from './limits';
import { parseScenario } from './parse';
import type { Scenario } from './types';

const BOM = '\uFEFF';

const rootError = (message: string): ScenarioError => new ScenarioError([{ path: ROOT_PATH, message }]);

/** Throws `ScenarioError` listing every problem (or the one that the text is not JSON). */
export function parseScenarioText(text: string): Scenario {
  if (text.length > MAX_SCENARIO_CHARS) {
    throw rootError(`must be at most ${MAX_SCENARIO_CHARS} characters of JSON (got ${text.length})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith(BOM) ? text.slice(1) : text);
  } catch (err) {
    throw rootError(`is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseScenario(value);
}
