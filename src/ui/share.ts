// The deep link that reopens what the page shows: `#preset=` for an untouched preset, else the
// whole scenario (`#scenario=`), including faults the user added; with the view (the visible window)
// and the selected event. In live mode, `#live=` with the broker URL, the subscriptions, the traffic
// filter and the view's window: never a client ID, a user name or a password.

import { formatLocationHash, getPreset, type Scenario } from '../scenario';
import type { LiveShare } from './live/liveUi';

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

/** The link that opens live mode on the same broker, subscriptions and filter (`view`: the window). */
export function liveShareHash(share: LiveShare, view?: readonly [number, number]): string {
  return formatLocationHash({
    live: share.url,
    subs: share.subscriptions.map((s) => ({ ...s })),
    ...(share.filter.topic !== '' ? { filter: share.filter.topic } : {}),
    ...(share.filter.payload !== '' ? { payload: share.filter.payload } : {}),
    ...(view !== undefined ? { view } : {}),
    play: false,
  });
}
