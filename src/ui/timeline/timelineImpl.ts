// The shell's view of the timeline package (src/timeline): the component, and how its model is made
// and kept up to date. The one place that knows the timeline's API.

import { TimelineModel, TimelineView, type LaneActivity } from '../../timeline';
import type { TraceStore } from '../../trace/store';
import { resolveScenario } from '../../scenario/validate';
import type { Scenario } from '../../scenario/types';

/** Time the shell's render spends on new rows (the timeline's frames read the rest). */
const UPDATE_BUDGET_MS = 8;

export type TimelineModelImpl = TimelineModel;
export const TimelineImpl = TimelineView;

/** Scenarios with at most this many clients show their lanes before the run starts. */
const DECLARED_LANES_MAX = 2000;

export function createTimelineModel(
  store: TraceStore,
  durationMs: number | null,
  scenario: Scenario | null = null,
): TimelineModelImpl {
  const model = new TimelineModel(store, { durationMs: durationMs ?? 0 });
  if (scenario !== null && store.length === 0) {
    const count = scenario.clients.reduce((n, c) => n + (c.count ?? 1), 0);
    if (count <= DECLARED_LANES_MAX) {
      try {
        model.declareLanes(resolveScenario(scenario).clients.map((c) => c.id));
      } catch {
        // An invalid scenario is never run; its lanes come from whatever trace there is.
      }
    }
  }
  return model;
}

/**
 * Brings the model up to date after rows were appended (or the activity changed); returns the
 * revision to pass to the view.
 */
export function syncTimelineModel(
  model: TimelineModelImpl,
  state: { activity: LaneActivity | null; durationMs: number | null; revision: number },
): number {
  if (model.activity !== state.activity) model.activity = state.activity;
  model.setDurationMs(state.durationMs ?? 0);
  // A fleet's first seconds are hundreds of thousands of rows: the view reads the rest in its frames.
  model.update(performance.now() + UPDATE_BUDGET_MS);
  return state.revision;
}
