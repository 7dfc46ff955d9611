// The trace slice: the trace the page shows, from any source (simulation, import, live). The store
// itself is a mutable columnar TraceStore; `revision` bumps (at most once a frame) when rows were
// appended, which is what components subscribe to.

import type { StateCreator } from 'zustand';
import { emptyStats, type Stats } from '../../analysis/rangeStats';
import { TraceStore } from '../../trace/store';
import type { TraceHeader } from '../../trace/types';
import type { LaneActivity } from '../../worker/protocol';
import type { TraceState } from '../traceStore';

export type TraceOrigin = 'none' | 'sim' | 'import' | 'live';

export interface TraceReset {
  origin: TraceOrigin;
  header: TraceHeader | null;
  /** File name stem for `Export trace`: `<name>.trace.jsonl`. */
  name: string;
  /** The planned extent (a scenario's durationMs), null when unknown (live). */
  durationMs: number | null;
  store?: TraceStore;
  activity?: LaneActivity | null;
  sampled?: boolean;
  totals?: Stats;
}

export interface TraceSlice {
  store: TraceStore;
  header: TraceHeader | null;
  origin: TraceOrigin;
  traceName: string;
  revision: number;
  /** Per-lane packet counts of a sampled run (all lanes), null otherwise. */
  activity: LaneActivity | null;
  /** True when the page holds only some lanes' packets (a huge run). */
  sampled: boolean;
  durationMs: number | null;
  /** Totals of the whole run (from the worker for a simulation, counted here for imports and live). */
  totals: Stats;
  resetTrace(reset: TraceReset): void;
  /** Rows were appended (and/or totals changed): bump the revision. */
  touch(totals?: Stats): void;
  setActivity(activity: LaneActivity | null, sampled: boolean): void;
  /** New totals without new rows (e.g. a sampled run's unsent packets). */
  setTotals(totals: Stats): void;
  /** A longer planned extent (live mode: the wall clock moves it on while nothing arrives). */
  setDurationMs(durationMs: number): void;
}

export const createTraceSlice: StateCreator<TraceState, [], [], TraceSlice> = (set) => ({
  store: new TraceStore(),
  header: null,
  origin: 'none',
  traceName: 'trace',
  revision: 0,
  activity: null,
  sampled: false,
  durationMs: null,
  totals: emptyStats(),
  resetTrace: (r) =>
    set((s) => ({
      store: r.store ?? new TraceStore(),
      header: r.header,
      origin: r.origin,
      traceName: r.name,
      durationMs: r.durationMs,
      activity: r.activity ?? null,
      sampled: r.sampled ?? false,
      totals: r.totals ?? emptyStats(),
      revision: s.revision + 1,
    })),
  touch: (totals) =>
    set((s) => (totals === undefined ? { revision: s.revision + 1 } : { revision: s.revision + 1, totals })),
  setActivity: (activity, sampled) => set((s) => ({ activity, sampled, revision: s.revision + 1 })),
  setTotals: (totals) => set({ totals }),
  setDurationMs: (durationMs) => set({ durationMs }),
});
