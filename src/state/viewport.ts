// The timeline's viewport: the visible time window, the vertical lane scroll and lane height, and
// which lane groups are collapsed. The canvas reads it in requestAnimationFrame through
// `useViewport.getState()` / `subscribe` (transient updates), never through React renders, so pan and
// zoom never re-render components. Every setter clamps, so any caller (keys, d3-zoom, the overview,
// the shell) leaves it in a sensible state.

import { create } from 'zustand';
import { clampWindow, panWindow, zoomWindow } from '../base/timeWindow';

export const DEFAULT_LANE_HEIGHT = 28;
export const MIN_LANE_HEIGHT = 1 / 64;
export const MAX_LANE_HEIGHT = 96;

export interface ViewportState {
  /** Visible window, ms. */
  t0: number;
  t1: number;
  /** Time bounds of the trace (and the planned run), for clamping. */
  extent: readonly [number, number];
  /** Vertical scroll of the client lanes, px from the first display row. */
  laneScroll: number;
  /** Height of one display row, px (below ~4 px lanes become heat strips). */
  laneHeight: number;
  /** Display rows and the height (px) of the lanes' viewport, for clamping the scroll. */
  laneRows: number;
  lanesViewHeight: number;
  /** Keys of collapsed lane groups. */
  collapsedGroups: ReadonlySet<string>;
  /** Keep the window's right edge on the newest data (a streaming run); any pan or zoom turns it off. */
  follow: boolean;
  /** False until the first window has been set (the view then fits the trace on its first frame). */
  initialised: boolean;
  /**
   * A window asked for before the trace it belongs to is on screen (a lesson step opening a new run):
   * the next fit() shows it instead of the whole extent. Any other window change drops it.
   */
  preferred: readonly [number, number] | null;

  setWindow(t0: number, t1: number): void;
  /** Zooms by `factor` (> 1 zooms in) about `tCentre`, which stays where it is on screen. */
  zoomAt(factor: number, tCentre: number): void;
  /** Moves the window by `dtMs`, keeping its duration. */
  pan(dtMs: number): void;
  /** Shows the whole extent (or the preferred window, once). */
  fit(): void;
  /** Shows [t0, t1] now and keeps showing it when a new trace is fitted (see `preferred`). */
  prefer(t0: number, t1: number): void;
  setExtent(t0: number, t1: number): void;
  setLaneScroll(px: number): void;
  scrollLanes(dPx: number): void;
  /** Sets the lane height keeping the display row under `anchorPx` (px into the lanes' viewport) in place. */
  setLaneHeight(px: number, anchorPx?: number): void;
  setLaneBounds(rows: number, viewHeight: number): void;
  toggleGroup(key: string): void;
  setGroupCollapsed(key: string, collapsed: boolean): void;
  setFollow(follow: boolean): void;
  /** Scrolls the lanes so display row `row` is visible (centred when it was not). */
  revealRow(row: number): void;
}

export interface ViewportInit {
  t0?: number;
  t1?: number;
  extent?: readonly [number, number];
  laneHeight?: number;
}

function clampScroll(px: number, rows: number, laneHeight: number, viewHeight: number): number {
  const max = Math.max(0, rows * laneHeight - viewHeight);
  return Math.min(max, Math.max(0, Number.isFinite(px) ? px : 0));
}

function clampLaneHeight(px: number): number {
  if (!Number.isFinite(px)) return DEFAULT_LANE_HEIGHT;
  return Math.min(MAX_LANE_HEIGHT, Math.max(MIN_LANE_HEIGHT, px));
}

/** A fresh viewport store (tests and second timelines); the app uses `useViewport`. */
export function createViewportStore(init: ViewportInit = {}) {
  return create<ViewportState>()((set, get) => {
    const windowPatch = (t0: number, t1: number): Pick<ViewportState, 't0' | 't1' | 'initialised'> => {
      const [a, b] = clampWindow(t0, t1, get().extent);
      return { t0: a, t1: b, initialised: true };
    };
    return {
      t0: init.t0 ?? 0,
      t1: init.t1 ?? 60_000,
      extent: init.extent ?? [0, 60_000],
      laneScroll: 0,
      laneHeight: clampLaneHeight(init.laneHeight ?? DEFAULT_LANE_HEIGHT),
      laneRows: 0,
      lanesViewHeight: 0,
      collapsedGroups: new Set<string>(),
      follow: false,
      initialised: init.t0 !== undefined && init.t1 !== undefined,
      preferred: null,

      setWindow: (t0, t1) => set({ ...windowPatch(t0, t1), follow: false, preferred: null }),
      zoomAt: (factor, tCentre) => {
        const s = get();
        const [a, b] = zoomWindow(s.t0, s.t1, factor, tCentre);
        set({ ...windowPatch(a, b), follow: false, preferred: null });
      },
      pan: (dtMs) => {
        const s = get();
        const [a, b] = panWindow(s.t0, s.t1, dtMs);
        set({ ...windowPatch(a, b), follow: false, preferred: null });
      },
      fit: () => {
        const { extent, preferred } = get();
        if (preferred !== null) {
          set({ ...windowPatch(preferred[0], preferred[1]), preferred: null });
          return;
        }
        set(windowPatch(extent[0], Math.max(extent[1], extent[0] + 1000)));
      },
      prefer: (t0, t1) => set({ ...windowPatch(t0, t1), follow: false, preferred: [t0, t1] }),
      setExtent: (t0, t1) => {
        const s = get();
        if (s.extent[0] === t0 && s.extent[1] === t1) return;
        set({ extent: [t0, t1] });
      },
      setLaneScroll: (px) => {
        const s = get();
        set({ laneScroll: clampScroll(px, s.laneRows, s.laneHeight, s.lanesViewHeight) });
      },
      scrollLanes: (dPx) => get().setLaneScroll(get().laneScroll + dPx),
      setLaneHeight: (px, anchorPx = 0) => {
        const s = get();
        const h = clampLaneHeight(px);
        const rowAtAnchor = (s.laneScroll + anchorPx) / s.laneHeight;
        set({
          laneHeight: h,
          laneScroll: clampScroll(rowAtAnchor * h - anchorPx, s.laneRows, h, s.lanesViewHeight),
        });
      },
      setLaneBounds: (rows, viewHeight) => {
        const s = get();
        if (s.laneRows === rows && s.lanesViewHeight === viewHeight) return;
        set({
          laneRows: rows,
          lanesViewHeight: viewHeight,
          laneScroll: clampScroll(s.laneScroll, rows, s.laneHeight, viewHeight),
        });
      },
      toggleGroup: (key) => get().setGroupCollapsed(key, !get().collapsedGroups.has(key)),
      setGroupCollapsed: (key, collapsed) => {
        const cur = get().collapsedGroups;
        if (cur.has(key) === collapsed) return;
        const next = new Set(cur);
        if (collapsed) next.add(key);
        else next.delete(key);
        set({ collapsedGroups: next });
      },
      setFollow: (follow) => set({ follow }),
      revealRow: (row) => {
        const s = get();
        const top = row * s.laneHeight;
        if (top >= s.laneScroll && top + s.laneHeight <= s.laneScroll + s.lanesViewHeight) return;
        get().setLaneScroll(top - (s.lanesViewHeight - s.laneHeight) / 2);
      },
    };
  });
}

export type ViewportStore = ReturnType<typeof createViewportStore>;

/** The app's timeline viewport. */
export const useViewport = createViewportStore();
