// Find (`/`): jump to a client by ID (the lane is brought into view, made tall enough to read and
// highlighted, and its first fault, timeout, will or take-over selected), or to the next timeout, will,
// take-over or fault after the selection.

import { useMemo, useState } from 'react';
import { usePanelsStore } from '../../state/prefs';
import { useSelectionStore } from '../../state/selection';
import { useViewport } from '../../state/viewport';
import { FIND_KINDS, findClients, firstRowOfLane, nextOfKind, type FindKind } from '../../timeline/find';
import { buildLaneLayout } from '../../timeline/laneLayout';
import { focusWindow } from '../../timeline/navigate';
import { Dialog } from '../Dialog';
import { currentTimeline } from '../timeline/currentTimeline';

const KIND_NAMES: Record<FindKind, string> = {
  timeout: 'Next timeout',
  will: 'Next will',
  takeover: 'Next take-over',
  fault: 'Next fault',
};

/** Lanes this tall at least once found, so the lane reads as a lane and not as a strip of heat. */
const FOUND_LANE_HEIGHT = 28;

export function revealClient(id: string): boolean {
  const model = currentTimeline.model;
  if (model === null) return false;
  const lane = model.laneIndex(id);
  if (lane < 0) return false;
  const vp = useViewport.getState();
  const key = model.groups()[model.groupOfLane(lane)]?.key;
  if (key !== undefined && vp.collapsedGroups.has(key)) vp.setGroupCollapsed(key, false);
  if (vp.laneHeight < FOUND_LANE_HEIGHT) vp.setLaneHeight(FOUND_LANE_HEIGHT);
  const layout = buildLaneLayout(model, useViewport.getState().collapsedGroups);
  useViewport.getState().setLaneBounds(layout.length, useViewport.getState().lanesViewHeight);
  const displayRow = layout.rowOfLane[lane];
  if (displayRow >= 0) useViewport.getState().revealRow(displayRow);
  const row = firstRowOfLane(model, lane);
  const selection = useSelectionStore.getState();
  selection.setHighlight({ lanes: [id], rows: row === null ? [] : [row] });
  if (row !== null) {
    zoomTo(row);
    selection.select(row);
  }
  return true;
}

/**
 * Close enough to read a lane: from a little before the event to two keep alives after it (what a
 * fault leads to, a timeout 1.5 × K later, is in view), or its own context when the lane has no K.
 */
function zoomTo(row: number): void {
  const model = currentTimeline.model;
  if (model === null) return;
  const lane = model.laneOfRow(row);
  const k = lane >= 0 ? model.laneKeepAliveMs(lane) : 0;
  const t = model.columns.t[row];
  const [a, b] = k > 0 ? [t - k / 2, t + 2 * k] : focusWindow(model, row);
  const pad = (b - a) * 0.1;
  useViewport.getState().setWindow(a - pad, b + pad);
}

export function Find() {
  const open = usePanelsStore((s) => s.dialog === 'find');
  const setDialog = usePanelsStore((s) => s.setDialog);
  if (!open) return null;
  return <FindDialog onClose={() => setDialog(null)} />;
}

function FindDialog({ onClose }: { onClose(): void }) {
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState('');
  const model = currentTimeline.model;
  const matches = useMemo(
    () => (model === null ? [] : findClients(model, query).map((lane) => model.laneId(lane))),
    [model, query],
  );

  const go = (id: string): void => {
    if (revealClient(id)) onClose();
    else setMessage(`No client ${JSON.stringify(id)} in this trace.`);
  };

  const next = (kind: FindKind): void => {
    if (model === null) return;
    const selected = useSelectionStore.getState().selectedRow;
    const from =
      selected !== null && selected < model.length ? model.columns.t[selected] : useViewport.getState().t0;
    const row = nextOfKind(model, kind, from, selected ?? -1);
    if (row === null) {
      setMessage(`No ${kind === 'takeover' ? 'take-over' : kind} after this point.`);
      return;
    }
    const selection = useSelectionStore.getState();
    selection.setHighlight({ lanes: [], rows: [row] });
    zoomTo(row);
    selection.select(row);
    onClose();
  };

  return (
    <Dialog label="Find" className="find" onClose={onClose}>
      <h2>Find</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const id = matches[0] ?? query.trim();
          if (id !== '') go(id);
        }}
      >
        <label>
          <span className="label">Client ID</span>
          <input
            type="search"
            aria-label="Client ID"
            value={query}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              setQuery(e.target.value);
              setMessage('');
            }}
          />
        </label>
        <button type="submit" className="primary">
          Go to client
        </button>
      </form>
      {matches.length > 0 && (
        <ul className="find-matches" aria-label="Matching clients">
          {matches.map((id) => (
            <li key={id}>
              <button type="button" className="link" onClick={() => go(id)}>
                {id}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-buttons" role="group" aria-label="Next event of a kind">
        {FIND_KINDS.map((k) => (
          <button key={k} type="button" onClick={() => next(k)}>
            {KIND_NAMES[k]}
          </button>
        ))}
      </div>
      <p role="status" className="hint">
        {message}
      </p>
    </Dialog>
  );
}
