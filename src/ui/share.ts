// The deep link that reopens what the page shows: `#preset=` for an untouched preset, else the
// whole scenario (`#scenario=`), including faults the user added; with the view (the visible window)
// and the selected event.

import { formatLocationHash, getPreset, type Scenario } from '../scenario';

export interface SharedView {
  view?: readonly [number, number];
  sel?: number;
}

export function shareHash(presetName: string | null, scenario: Scenario, shown: SharedView = {}): string {
  const preset = presetName === null ? undefined : getPreset(presetName);
  const view = { view: shown.view, sel: shown.sel, play: false };
  if (preset !== undefined && JSON.stringify(preset.scenario) === JSON.stringify(scenario))
    return formatLocationHash({ preset: preset.name, ...view });
  return formatLocationHash({ scenario, ...view });
}
