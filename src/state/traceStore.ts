// The run/trace store: one zustand store made of slices (scenario, trace, run). Components read it
// with selectors (useShallow for several fields); the controller (controller.ts) writes it.

import { create } from 'zustand';
import type { TraceEvent, TraceHeader } from '../trace/types';
import { createRunSlice, type RunSlice } from './slices/run';
import { createScenarioSlice, type ScenarioSlice } from './slices/scenario';
import { createTraceSlice, type TraceSlice } from './slices/trace';

export type { RunStatus, Notice, ExportProgress } from './slices/run';
export type { TraceOrigin, TraceReset } from './slices/trace';

/**
 * How live mode feeds the page's trace (src/ui/live/LivePanel.tsx gets one as its `trace` prop).
 * `begin` replaces whatever the page shows (a simulation is stopped) with an empty live trace;
 * `append` adds events in time order. Appends are batched: the page applies them once per animation
 * frame, so calling it per packet is fine.
 */
export interface LiveTraceApi {
  begin(header: TraceHeader): void;
  append(events: TraceEvent[]): void;
}

export type TraceState = ScenarioSlice & TraceSlice & RunSlice;

export const useTraceStore = create<TraceState>()((...a) => ({
  ...createScenarioSlice(...a),
  ...createTraceSlice(...a),
  ...createRunSlice(...a),
}));
