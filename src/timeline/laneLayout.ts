// The vertical order of the timeline: display rows below the pinned broker lane. A group of two or
// more lanes gets a header row (click to collapse); a collapsed group shows only its header, which
// then stands for all its lanes (an aggregate strip). Every display row has the same height, so
// finding the visible rows is arithmetic, not a scan: 100 000 lanes cost nothing per frame.

import type { TimelineModel } from './model';

export interface LaneLayout {
  /** Display rows: a lane (≥ 0) or a group header (headerRow(g) < 0). */
  readonly rows: Int32Array;
  readonly length: number;
  /** Lane → the display row showing it: its own, or its collapsed group's header. */
  readonly rowOfLane: Int32Array;
  /** Group → its header row (-1: a group of one lane has no header). */
  readonly headerOfGroup: Int32Array;
  readonly collapsed: ReadonlySet<string>;
  /** The model's layoutVersion this was built from. */
  readonly modelVersion: number;
}

export function headerRow(group: number): number {
  return -1 - group;
}
export function isHeader(row: number): boolean {
  return row < 0;
}
export function groupOfHeader(row: number): number {
  return -1 - row;
}

/**
 * Groups of fewer lanes than this get no header row: three sensors read better as three lanes than
 * under a header as tall as a lane, and there is nothing worth collapsing.
 */
export const HEADER_MIN_LANES = 9;

export function buildLaneLayout(
  model: TimelineModel,
  collapsed: ReadonlySet<string>,
  headerMinLanes = HEADER_MIN_LANES,
): LaneLayout {
  const groups = model.groups();
  const rows = new Int32Array(model.laneCount + groups.length);
  const rowOfLane = new Int32Array(model.laneCount).fill(-1);
  const headerOfGroup = new Int32Array(groups.length).fill(-1);
  let n = 0;
  for (const g of groups) {
    if (g.lanes.length === 0) continue;
    if (g.lanes.length < Math.max(2, headerMinLanes)) {
      for (const lane of g.lanes) {
        rowOfLane[lane] = n;
        rows[n++] = lane;
      }
      continue;
    }
    const header = n;
    headerOfGroup[g.index] = header;
    rows[n++] = headerRow(g.index);
    if (collapsed.has(g.key)) {
      for (const lane of g.lanes) rowOfLane[lane] = header;
    } else {
      for (const lane of g.lanes) {
        rowOfLane[lane] = n;
        rows[n++] = lane;
      }
    }
  }
  return {
    rows: rows.subarray(0, n),
    length: n,
    rowOfLane,
    headerOfGroup,
    collapsed,
    modelVersion: model.layoutVersion,
  };
}

/** Lanes a display row stands for: its lane, or every lane of a header's group (collapsed or not). */
export function lanesOfRow(model: TimelineModel, layout: LaneLayout, row: number): readonly number[] {
  const v = layout.rows[row];
  return isHeader(v) ? model.groups()[groupOfHeader(v)].lanes : [v];
}

/** Whether a header row's group is collapsed. */
export function isCollapsedHeader(model: TimelineModel, layout: LaneLayout, row: number): boolean {
  const v = layout.rows[row];
  return isHeader(v) && layout.collapsed.has(model.groups()[groupOfHeader(v)].key);
}

/** Display rows [first, end) at least partly inside a viewport `viewHeight` px tall scrolled by `scroll` px. */
export function visibleRowRange(
  layout: LaneLayout,
  scroll: number,
  laneHeight: number,
  viewHeight: number,
): [number, number] {
  if (layout.length === 0 || laneHeight <= 0) return [0, 0];
  const first = Math.max(0, Math.floor(scroll / laneHeight));
  const end = Math.min(layout.length, Math.ceil((scroll + viewHeight) / laneHeight));
  return [first, Math.max(first, end)];
}

/** Largest useful lane scroll (px). */
export function maxLaneScroll(layout: LaneLayout, laneHeight: number, viewHeight: number): number {
  return Math.max(0, layout.length * laneHeight - viewHeight);
}
