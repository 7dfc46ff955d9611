// The page's stores as the controllers see them: passed in at the one composition point
// (AppController), so a controller names what it writes and a test may hand it other stores.

import { usePlaybackStore, type PlaybackState } from '../playback';
import { usePanelsStore, type PanelsState } from '../prefs';
import { useSelectionStore, type SelectionState } from '../selection';
import { useTraceStore, type TraceState } from '../traceStore';
import { useViewport, type ViewportState } from '../viewport';

export interface AppStores {
  trace(): TraceState;
  playback(): PlaybackState;
  selection(): SelectionState;
  panels(): PanelsState;
  viewport(): ViewportState;
}

/** The page's zustand stores. */
export const pageStores: AppStores = {
  trace: () => useTraceStore.getState(),
  playback: () => usePlaybackStore.getState(),
  selection: () => useSelectionStore.getState(),
  panels: () => usePanelsStore.getState(),
  viewport: () => useViewport.getState(),
};
