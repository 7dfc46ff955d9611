// The deep link that reopens what the page shows: `#preset=` for an untouched preset, else the
// whole scenario (`#scenario=`), including faults the user added.

import { encodeScenarioHash, formatLocationHash, getPreset, type Scenario } from '../scenario';

export function shareHash(presetName: string | null, scenario: Scenario): string {
  const preset = presetName === null ? undefined : getPreset(presetName);
  if (preset !== undefined && JSON.stringify(preset.scenario) === JSON.stringify(scenario))
    return formatLocationHash({ preset: preset.name, play: false });
  return encodeScenarioHash(scenario);
}
