// The scenario argument: a preset name, or a path to a scenario JSON file. Errors name the file and,
// for validation, each field with its rule.

import { existsSync, readFileSync } from 'node:fs';
import { getPreset, PRESETS } from '../scenario/presets';
import type { Scenario } from '../scenario/types';
import { parseScenario } from '../scenario/validate';
import { UsageError } from './args';

export function loadScenarioArg(arg: string): Scenario {
  const preset = getPreset(arg);
  if (preset !== undefined) return structuredClone(preset.scenario);
  if (!existsSync(arg)) {
    throw new UsageError(
      `${arg}: no such file, and not a preset (presets: ${PRESETS.map((p) => p.name).join(', ')})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(arg, 'utf8'));
  } catch (e) {
    throw new UsageError(`${arg}: not valid JSON: ${(e as Error).message}`);
  }
  return parseScenario(json);
}
