// How the calculator learns what its simulation measured: it hands its scenario to the page (which
// runs it in the page's trace), then watches the page's trace store. When the page shows that very
// scenario and the run is done, it measures the trace. Nothing is written to the store, and while
// the page runs anything else the calculator is not re-rendered frame by frame.

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { measureKeepAlive, type KeepAliveInputs, type MeasuredKeepAlive } from '../../analysis/keepAlive';
import type { Scenario } from '../../scenario/types';
import { useTraceStore, type TraceState } from '../../state/traceStore';

export interface SimulationRequest {
  scenario: Scenario;
  /** The inputs the scenario was made from. */
  inputs: KeepAliveInputs;
  /** The scenario as JSON, to recognise a copy of it. */
  json: string;
}

export type RunMeasurement =
  | { state: 'none' }
  /** The page is running the scenario; `percent` of its simulated time done, when known. */
  | { state: 'running'; percent: number | null }
  | { state: 'done'; measured: MeasuredKeepAlive }
  /** The page shows something else now (another scenario, an import, live mode, an edited run). */
  | { state: 'elsewhere' };

export function simulationRequest(scenario: Scenario, inputs: KeepAliveInputs): SimulationRequest {
  return { scenario, inputs, json: JSON.stringify(scenario) };
}

const jsonOf = new WeakMap<Scenario, string>();

/** Whether the page's scenario is the requested one (the same object, or a copy of it). */
function isRequested(scenario: Scenario | null, request: SimulationRequest): boolean {
  if (scenario === null) return false;
  if (scenario === request.scenario) return true;
  let json = jsonOf.get(scenario);
  if (json === undefined) jsonOf.set(scenario, (json = JSON.stringify(scenario)));
  return json === request.json;
}

interface Watched {
  ours: boolean;
  finished: boolean;
  percent: number | null;
  store: TraceState['store'] | null;
  /** Only while finished: a finished run's last rows still arrive with a revision bump. */
  revision: number;
}

function watch(s: TraceState, request: SimulationRequest | null): Watched {
  const ours = request !== null && s.origin === 'sim' && isRequested(s.scenario, request);
  if (!ours) return { ours, finished: false, percent: null, store: null, revision: 0 };
  const finished = s.status === 'done' && s.progress?.done === true;
  const p = s.progress;
  const percent = p !== null && p.durationMs > 0 ? Math.floor((100 * p.now) / p.durationMs) : null;
  return { ours, finished, percent, store: s.store, revision: finished ? s.revision : 0 };
}

export function useRunMeasurement(request: SimulationRequest | null): RunMeasurement {
  const w = useTraceStore(useShallow((s) => watch(s, request)));
  const { finished, store, revision } = w;
  const measured = useMemo(() => {
    void revision;
    if (!finished || store === null || request === null) return null;
    return measureKeepAlive(store, request.scenario, {
      fleetSize: request.inputs.fleetSize,
      overheadBytes: request.inputs.overheadBytes,
    });
  }, [finished, store, revision, request]);
  if (request === null) return { state: 'none' };
  if (!w.ours) return { state: 'elsewhere' };
  if (measured !== null) return { state: 'done', measured };
  return { state: 'running', percent: w.percent };
}
