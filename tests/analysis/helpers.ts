// Small traces for the analysis tests: the presets, run to the end into a TraceStore.
import { getPreset } from '../../src/scenario';
import type { Scenario } from '../../src/scenario';
import { simulationHeader, startRun } from '../../src/sim/run';
import { TraceStore, type TraceHeader } from '../../src/trace';

export function runScenario(scenario: Scenario): { store: TraceStore; header: TraceHeader } {
  const store = new TraceStore();
  startRun(scenario, store).runToEnd();
  return { store, header: simulationHeader(scenario) };
}

export function runPreset(name: string): { store: TraceStore; header: TraceHeader } {
  const preset = getPreset(name);
  if (preset === undefined) throw new Error(`no preset ${name}`);
  return runScenario(structuredClone(preset.scenario));
}

/** Rows of the store whose event matches. */
export function rowsWhere(store: TraceStore, match: (e: ReturnType<TraceStore['get']>) => boolean): number[] {
  const rows: number[] = [];
  for (let i = 0; i < store.length; i++) if (match(store.get(i))) rows.push(i);
  return rows;
}
