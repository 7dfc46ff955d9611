// The scenario slice: what the simulation runs (a preset or the user's own JSON), including the
// faults the user injected, which become scenario events (so a replay and an export include them).

import type { StateCreator } from 'zustand';
import type { Scenario, ScenarioEvent } from '../../scenario/types';
import type { TraceState } from '../traceStore';

export interface ScenarioSlice {
  /** The preset the scenario came from (its URL name), null for a scenario of the user's. */
  presetName: string | null;
  /** The preset an edited scenario started from (its URL name): the picker says "edited from …". */
  editedFrom: string | null;
  scenario: Scenario | null;
  setScenario(scenario: Scenario | null, presetName: string | null, editedFrom?: string | null): void;
  /** Appends an event (a fault injected during the run) to the scenario. */
  addScenarioEvent(event: ScenarioEvent): void;
}

export const createScenarioSlice: StateCreator<TraceState, [], [], ScenarioSlice> = (set) => ({
  presetName: null,
  editedFrom: null,
  scenario: null,
  setScenario: (scenario, presetName, editedFrom = null) => set({ scenario, presetName, editedFrom }),
  addScenarioEvent: (event) =>
    set((s) =>
      s.scenario === null
        ? {}
        : { scenario: { ...s.scenario, events: [...(s.scenario.events ?? []), event] } },
    ),
});
