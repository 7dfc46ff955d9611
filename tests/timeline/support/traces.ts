// Real simulated traces for the timeline tests, each run once per test file.

import { getPreset } from '../../../src/scenario';
import { startRun } from '../../../src/sim/run';
import { TraceStore } from '../../../src/trace/store';
import { TimelineModel } from '../../../src/timeline/model';

export function presetStore(name: string): TraceStore {
  const preset = getPreset(name);
  if (preset === undefined) throw new Error(`no preset ${name}`);
  const store = new TraceStore();
  startRun(preset.scenario, store).runToEnd();
  return store;
}

export function presetModel(name: string): TimelineModel {
  const preset = getPreset(name);
  if (preset === undefined) throw new Error(`no preset ${name}`);
  return new TimelineModel(presetStore(name), { durationMs: preset.scenario.durationMs });
}

/** The first row matching a predicate over the store's events. */
export function findRow(model: TimelineModel, pred: (e: ReturnType<TraceStore['get']>) => boolean): number {
  for (let i = 0; i < model.store.length; i++) if (pred(model.store.get(i))) return i;
  throw new Error('no matching row');
}
