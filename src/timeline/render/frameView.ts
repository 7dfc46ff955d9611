// Everything a frame derives from its inputs once, before drawing: pixels per ms, the LOD resolution,
// the visible display rows, whether lanes are heat strips, whether packets are full arrows to the
// broker lane or short ticks on their lane, and the coordinate helpers the layers share.

import type { TraceMs, WallMs } from '../../base/time';
import type { FrameGeometry } from '../geometry';
import type { PlacedLabel } from '../labelPlacement';
import type { HeatCache } from '../heat';
import { laneResolutionFor } from '../heatTile';
import type { LaneLayout } from '../laneLayout';
import { visibleRowRange } from '../laneLayout';
import { type LodCache, resolutionFor } from '../lod';
import type { TimelineModel } from '../model';
import type { Palette } from '../theme';
import type { HeatImages } from './heatStrips';

/** Below this lane height (px) lanes are drawn as heat strips. */
export const HEAT_LANE_HEIGHT = 4;
/** Full arrows to the broker lane when lanes are at least this tall and few are visible. */
export const ARROW_LANE_HEIGHT = 14;
export const ARROW_MAX_ROWS = 24;
/** Deadline bands and connection spans need this much lane height to be read. */
export const BAND_LANE_HEIGHT = 10;

export interface FrameInput {
  readonly model: TimelineModel;
  readonly layout: LaneLayout;
  readonly geometry: FrameGeometry;
  readonly palette: Palette;
  readonly t0: number;
  readonly t1: number;
  readonly laneScroll: number;
  readonly laneHeight: number;
  /** Time up to which still-open connections are drawn (the playhead, or the run's end). */
  readonly now: TraceMs;
  readonly lod: LodCache;
  readonly heat: HeatCache;
  /** Draws heat tiles as cached images (canvas only); without it heat is drawn with rectangles. */
  readonly heatImages?: HeatImages | null;
  /**
   * performance.now() time after which missing heat columns are left for later frames (drawn from
   * their stale tiles, or not yet): a fleet's first heat frame is ~100 ms of work. Absent: build all
   * (exports).
   */
  readonly heatDeadline?: WallMs;
  /** Rows whose labels come first (what a lesson step or Find points at). */
  readonly emphasis?: ReadonlySet<number>;
}

export interface FrameView extends FrameInput {
  readonly pxPerMs: number;
  readonly res: number;
  /**
   * Resolution of heat strips: the typical keep alive when the window is wide (every live client then
   * shows in every bucket, where finer buckets would alias a fleet's periodic pings into stripes), but
   * never fewer than 64 buckets across the window.
   */
  readonly heatRes: number;
  readonly laneRes: number;
  /** Visible display rows [rowStart, rowEnd). */
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly heatMode: boolean;
  readonly fullArrows: boolean;
  /** Time range whose rows can reach the screen (the window widened by the longest flight). */
  readonly tLo: number;
  readonly tHi: number;
  /** The text labels the frame placed (filled while it is drawn). */
  readonly labels: PlacedLabel[];
  /** Heat mode: what a heat cell counts and the busiest cell in view (set while heat is drawn). */
  heatScale: HeatScale | null;
}

export interface HeatScale {
  /** Packets in the busiest cell in view: the dark end of the ramp (log scale from 1). */
  readonly refMax: number;
  /** A cell is this many ms wide… */
  readonly res: number;
  /** …and covers this many lanes. */
  readonly laneRes: number;
}

export function frameView(input: FrameInput): FrameView {
  const g = input.geometry;
  const width = Math.max(1, g.plotX1 - g.plotX0);
  const span = Math.max(1e-9, input.t1 - input.t0);
  const pxPerMs = width / span;
  const [rowStart, rowEnd] = visibleRowRange(input.layout, input.laneScroll, input.laneHeight, g.lanesH);
  const heatMode = input.laneHeight < HEAT_LANE_HEIGHT;
  const res = resolutionFor(1 / pxPerMs);
  return {
    ...input,
    pxPerMs,
    res,
    heatRes: Math.max(res, Math.min(resolutionFor(input.model.typicalKeepAliveMs), resolutionFor(span / 64))),
    laneRes: laneResolutionFor(input.laneHeight),
    rowStart,
    rowEnd,
    heatMode,
    fullArrows: !heatMode && input.laneHeight >= ARROW_LANE_HEIGHT && rowEnd - rowStart <= ARROW_MAX_ROWS,
    tLo: input.t0 - input.model.maxFlightMs,
    tHi: input.t1,
    labels: [],
    heatScale: null,
  };
}

/** x (px) of time t. */
export function xOf(v: FrameView, t: number): number {
  return v.geometry.plotX0 + (t - v.t0) * v.pxPerMs;
}

/** Time at x (px). */
export function tAt(v: FrameView, x: number): number {
  return v.t0 + (x - v.geometry.plotX0) / v.pxPerMs;
}

/** Top y (px) of display row `row`. */
export function rowTop(v: FrameView, row: number): number {
  return v.geometry.lanesY + row * v.laneHeight - v.laneScroll;
}

/** Display row at y (px), or -1 outside the lanes. */
export function rowAt(v: FrameView, y: number): number {
  const g = v.geometry;
  if (y < g.lanesY || y > g.lanesY + g.lanesH) return -1;
  const row = Math.floor((y - g.lanesY + v.laneScroll) / v.laneHeight);
  return row >= 0 && row < v.layout.length ? row : -1;
}

/** Centre y of a lane's display row (its group header when collapsed). */
export function laneCentreY(v: FrameView, lane: number): number {
  const row = v.layout.rowOfLane[lane];
  return rowTop(v, row) + v.laneHeight / 2;
}

/** y where arrows meet the broker lane. */
export function brokerArrowY(v: FrameView): number {
  return v.geometry.brokerY + v.geometry.brokerH - 6;
}
