// The scenario argument: a preset name, or a path to a scenario JSON file. Errors name the file and,
// for validation, each field with its rule.

import { readFileSync, statSync } from 'node:fs';
import { MAX_SCENARIO_CHARS } from '../scenario/limits';
import { getPreset, PRESETS } from '../scenario/presets';
import type { Scenario } from '../scenario/types';
import { parseScenario } from '../scenario/validate';
import { UsageError } from './args';

/** A file bigger than this cannot hold a scenario within MAX_SCENARIO_CHARS: not read at all. */
const MAX_FILE_BYTES = 4 * MAX_SCENARIO_CHARS;

export function loadScenarioArg(arg: string): Scenario {
  const preset = getPreset(arg);
  if (preset !== undefined) return structuredClone(preset.scenario);
  const st = statSync(arg, { throwIfNoEntry: false });
  if (st === undefined) {
    throw new UsageError(
      `${arg}: no such file, and not a preset (presets: ${PRESETS.map((p) => p.name).join(', ')})`,
    );
  }
  if (!st.isFile()) throw new UsageError(`${arg}: not a file`);
  if (st.size > MAX_FILE_BYTES) {
    throw new UsageError(`${arg}: ${st.size} bytes, more than a scenario may be (${MAX_FILE_BYTES})`);
  }
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch (e) {
    throw new UsageError(
      `${arg}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  if (text.length > MAX_SCENARIO_CHARS) {
    throw new UsageError(`${arg}: more than ${MAX_SCENARIO_CHARS} characters, more than a scenario may be`);
  }
  let json: unknown;
  try {
    // A byte order mark, as some editors save a file, is not part of the JSON.
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (e) {
    throw new UsageError(`${arg}: not valid JSON: ${(e as Error).message}`);
  }
  return parseScenario(json);
}
