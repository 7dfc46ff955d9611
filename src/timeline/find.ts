// Find: client IDs matching what the user typed (a fleet has 100 000 lanes, so no list to scroll), and
// the next event of a kind that matters (timeout, will, take-over, fault) after a time. Read from the
// model's lane names and its time-ordered list of notable rows.

import { lowerBound } from '../base/search';
import { KIND_FAULT, KIND_TAKEOVER, KIND_TIMEOUT, KIND_WILL } from './priority';
import type { TimelineModel } from './model';

export const FIND_KINDS = ['timeout', 'will', 'takeover', 'fault'] as const;
export type FindKind = (typeof FIND_KINDS)[number];

const KIND_CODE: Record<FindKind, number> = {
  timeout: KIND_TIMEOUT,
  will: KIND_WILL,
  takeover: KIND_TAKEOVER,
  fault: KIND_FAULT,
};

/**
 * Lanes whose client ID matches `query`: the exact ID first, then IDs starting with it, then IDs
 * containing it (case-insensitive), at most `limit`.
 */
export function findClients(model: TimelineModel, query: string, limit = 8): number[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const exact = model.laneIndex(query.trim());
  const out: number[] = exact >= 0 ? [exact] : [];
  const contains: number[] = [];
  for (let lane = 0; lane < model.laneCount && out.length < limit; lane++) {
    if (lane === exact) continue;
    const id = model.laneId(lane).toLowerCase();
    if (id.startsWith(q)) out.push(lane);
    else if (contains.length < limit && id.includes(q)) contains.push(lane);
  }
  for (const lane of contains) if (out.length < limit) out.push(lane);
  return out;
}

/** The first row of `kind` after time `t` (strictly later, or at t but after `afterRow`); null if none. */
export function nextOfKind(model: TimelineModel, kind: FindKind, t: number, afterRow = -1): number | null {
  const rows = model.notable.view();
  const times = model.columns.t;
  const kinds = model.columns.kind;
  const code = KIND_CODE[kind];
  for (let i = lowerBound(times, rows.length, t, rows); i < rows.length; i++) {
    const row = rows[i];
    if (kinds[row] !== code) continue;
    if (times[row] === t && row <= afterRow) continue;
    return row;
  }
  return null;
}

/** The lane's first timeout, will, take-over or fault, or else its first row; null when it has none. */
export function firstRowOfLane(model: TimelineModel, lane: number): number | null {
  const rows = model.laneRows(lane);
  if (rows.length === 0) return null;
  const kinds = model.columns.kind;
  for (let i = 0; i < rows.length; i++) {
    const k = kinds[rows[i]];
    if (k === KIND_TIMEOUT || k === KIND_WILL || k === KIND_TAKEOVER || k === KIND_FAULT) return rows[i];
  }
  return rows[0];
}
