// The run slice: the state of the simulation run (status and progress), of an export in progress,
// and the notices (errors and information) shown to the user.

import type { StateCreator } from 'zustand';
import type { RunProgress } from '../../worker/protocol';
import type { TraceState } from '../traceStore';

export type RunStatus = 'idle' | 'ready' | 'running' | 'paused' | 'done' | 'cancelled' | 'error';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  /** Plain text (rendered as a text node). */
  text: string;
  /** What it is about, e.g. 'import', 'link', 'scenario', 'fault'. */
  topic: string;
}

export interface ExportProgress {
  now: number;
  durationMs: number;
  bytes: number;
}

export interface RunSlice {
  status: RunStatus;
  progress: RunProgress | null;
  exportProgress: ExportProgress | null;
  notices: Notice[];
  setStatus(status: RunStatus): void;
  setProgress(progress: RunProgress | null): void;
  setExportProgress(progress: ExportProgress | null): void;
  /** Shows a notice; one per topic (a new one replaces the old). */
  notify(kind: Notice['kind'], topic: string, text: string): void;
  dismiss(topic: string): void;
}

let nextNotice = 1;

export const createRunSlice: StateCreator<TraceState, [], [], RunSlice> = (set) => ({
  status: 'idle',
  progress: null,
  exportProgress: null,
  notices: [],
  setStatus: (status) => set({ status }),
  setProgress: (progress) => set({ progress }),
  setExportProgress: (exportProgress) => set({ exportProgress }),
  notify: (kind, topic, text) =>
    set((s) => ({
      notices: [...s.notices.filter((n) => n.topic !== topic), { id: nextNotice++, kind, topic, text }],
    })),
  dismiss: (topic) => set((s) => ({ notices: s.notices.filter((n) => n.topic !== topic) })),
});
