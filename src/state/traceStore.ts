// The run/trace store: one zustand store made of slices (scenario, trace, run). Components read it
// with selectors (useShallow for several fields); the controller (controller.ts) writes it.

import { create } from 'zustand';
import { createRunSlice, type RunSlice } from './slices/run';
import { createScenarioSlice, type ScenarioSlice } from './slices/scenario';
import { createTraceSlice, type TraceSlice } from './slices/trace';

export type { RunStatus, Notice, ExportProgress } from './slices/run';
export type { TraceOrigin, TraceReset } from './slices/trace';

export type TraceState = ScenarioSlice & TraceSlice & RunSlice;

export const useTraceStore = create<TraceState>()((...a) => ({
  ...createScenarioSlice(...a),
  ...createTraceSlice(...a),
  ...createRunSlice(...a),
}));
