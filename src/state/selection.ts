// The selection store: the row the inspector explains, the drag-selected range the statistics
// describe, the lanes and rows a lesson step or Find emphasises, and the lane menu (faults by hand).

import { create } from 'zustand';

export interface SelectedRange {
  t0: number;
  t1: number;
  /** Client IDs ("broker" for the broker lane). */
  lanes: string[];
}

export interface LaneMenu {
  clientId: string;
  t: number;
  clientX: number;
  clientY: number;
}

/** What a lesson step or Find points at: lanes (client IDs) and trace rows, drawn emphasised. */
export interface Highlight {
  lanes: readonly string[];
  rows: readonly number[];
}

export interface SelectionState {
  selectedRow: number | null;
  range: SelectedRange | null;
  laneMenu: LaneMenu | null;
  highlight: Highlight | null;
  select(row: number | null): void;
  setHighlight(highlight: Highlight | null): void;
  selectRange(range: SelectedRange | null): void;
  openLaneMenu(menu: LaneMenu): void;
  closeLaneMenu(): void;
  /** Forget everything (the trace was replaced). */
  clear(): void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  selectedRow: null,
  range: null,
  laneMenu: null,
  highlight: null,
  select: (selectedRow) => set({ selectedRow }),
  setHighlight: (highlight) => set({ highlight }),
  selectRange: (range) => set({ range }),
  openLaneMenu: (laneMenu) => set({ laneMenu }),
  closeLaneMenu: () => set({ laneMenu: null }),
  clear: () => set({ selectedRow: null, range: null, laneMenu: null, highlight: null }),
}));
