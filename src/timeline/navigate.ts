// Stepping through events (`.`/`,`) and focusing one (F). With a selected row: the next or previous
// row of the same lane. Without: the first event after `ref` (going forward) or the last before it
// (going back), whatever its kind. Binary searches over time-ordered row lists.

import { BROKER_LANE, type TimelineModel } from './model';
import { lowerBound, upperBound } from '../base/search';
import { BROKER_GRACE } from './deadlines';

/** Position of `row` in a time-ordered list (-1 when absent). */
function indexOfRow(t: Float64Array, rows: Uint32Array, n: number, row: number): number {
  let i = lowerBound(t, n, t[row], rows);
  for (; i < n && t[rows[i]] === t[row]; i++) if (rows[i] === row) return i;
  return -1;
}

/**
 * The row to select after pressing `.` (direction 1) or `,` (-1); null when there is none.
 * `fromRow` is the selected row (or null); without one, `centre` is where to look from (at or after it
 * going forward, before it going back).
 */
export function stepEvent(
  model: TimelineModel,
  fromRow: number | null,
  centre: number,
  direction: 1 | -1,
): number | null {
  const t = model.columns.t;
  if (fromRow !== null && fromRow >= 0 && fromRow < model.length) {
    const lane = model.laneOfRow(fromRow);
    const rows = lane === BROKER_LANE ? model.brokerRows.view() : model.laneRows(lane);
    const i = indexOfRow(t, rows, rows.length, fromRow);
    if (i >= 0) {
      const j = i + direction;
      return j >= 0 && j < rows.length ? rows[j] : null;
    }
  }
  // Rows are in time order (a trace's events are): binary search over the whole trace.
  const n = model.length;
  if (direction > 0) {
    const i = lowerBound(t, n, centre);
    return i < n ? i : null;
  }
  const i = upperBound(t, n, centre) - 1;
  return i >= 0 ? i : null;
}

/**
 * The window to show a row in context: centred on it, wide enough for its connection's broker
 * deadline (1.5 × K) on either side, or for a packet's flight, or ten seconds when nothing says more.
 */
export function focusWindow(model: TimelineModel, row: number): [number, number] {
  const cols = model.columns;
  const t = cols.t[row];
  const arrive = cols.arrive[row];
  let half = 5000;
  const slot = model.connections.slotOf(cols.conn[row]);
  const k = slot >= 0 ? model.connections.keepAliveMs[slot] : NaN;
  if (k > 0) half = k * BROKER_GRACE;
  const end = arrive === arrive ? arrive : t;
  const centre = (t + end) / 2;
  half = Math.max(half, (end - t) * 2);
  return [centre - half, centre + half];
}

/** Whether `t` lies within [t0, t1] with a margin of `margin` × the window on each side. */
export function insideWindow(t: number, t0: number, t1: number, margin = 0.05): boolean {
  const m = (t1 - t0) * margin;
  return t >= t0 + m && t <= t1 - m;
}
