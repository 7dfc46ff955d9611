// Every preset's picture at three zoom levels and two window sizes: no two labels the frame placed
// overlap, and none leaves the plot (computed from the placement, not from pixels).

import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../src/scenario';
import { startRun } from '../../../src/sim/run';
import { TraceStore } from '../../../src/trace/store';
import { TimelineModel } from '../../../src/timeline/model';
import { drawStaticFrame } from '../../../src/timeline/render/frame';
import type { PlacedLabel } from '../../../src/timeline/labelPlacement';
import { makeInput } from '../support/frame';
import { RecordingContext } from '../support/recordingContext';

/**
 * Fleets are cut short (fleet-10k to its first fault, fleet-100k to its boot): the layout is what is
 * tested, and a fleet's thin lanes are drawn alike whatever happens in them.
 */
const FLEET_MS: Record<string, number> = { 'fleet-10k': 11 * 60_000, 'fleet-100k': 2 * 60_000 };

function modelOf(name: string): TimelineModel {
  const preset = PRESETS.find((p) => p.name === name);
  if (preset === undefined) throw new Error(name);
  const scenario = structuredClone(preset.scenario);
  scenario.durationMs = FLEET_MS[name] ?? scenario.durationMs;
  const store = new TraceStore();
  startRun(scenario, store).runToEnd();
  return new TimelineModel(store, { durationMs: scenario.durationMs });
}

function overlaps(a: PlacedLabel, b: PlacedLabel): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The window around the first fault, timeout or will (or the middle of the run). */
function focusOf(model: TimelineModel): number {
  const rows = model.notable.view();
  for (let i = 0; i < rows.length; i++) {
    const e = model.store.get(rows[i]);
    if (e.kind === 'fault' || e.kind === 'timeout' || e.kind === 'will') return e.t;
  }
  return (model.extent[0] + model.extent[1]) / 2;
}

const SIZES = [
  { width: 1100, height: 700 },
  { width: 740, height: 560 },
];

describe('label layout over every preset', () => {
  for (const preset of PRESETS) {
    it(`places ${preset.name}'s labels without overlaps or clipping at three zoom levels`, () => {
      const model = modelOf(preset.name);
      const [e0, e1] = model.extent;
      const focus = focusOf(model);
      const windows: [number, number][] = [
        [e0, e1],
        [focus - (e1 - e0) / 16, focus + (e1 - e0) / 16],
        [focus - 1500, focus + 1500],
      ];
      let total = 0;
      for (const size of SIZES) {
        for (const [t0, t1] of windows) {
          // Lanes as tall as the window lets them be (the timeline's own choice), at most 96 px.
          const lanes = Math.max(1, model.laneCount);
          const laneHeight = Math.min(96, Math.max(2, Math.floor((size.height - 100) / lanes)));
          const input = makeInput(model, { ...size, t0, t1, laneHeight });
          const view = drawStaticFrame(new RecordingContext(), input, model.extent);
          const g = view.geometry;
          for (const l of view.labels) {
            expect(l.x, `${l.text} starts inside the plot`).toBeGreaterThanOrEqual(g.plotX0);
            expect(l.x + l.w, `${l.text} ends inside the plot`).toBeLessThanOrEqual(g.plotX1);
            expect(l.y).toBeGreaterThanOrEqual(g.lanesY);
            expect(l.y + l.h).toBeLessThanOrEqual(g.height);
          }
          for (let i = 0; i < view.labels.length; i++)
            for (let j = i + 1; j < view.labels.length; j++) {
              const a = view.labels[i];
              const b = view.labels[j];
              expect(overlaps(a, b), `"${a.text}" and "${b.text}" overlap`).toBe(false);
            }
          total += view.labels.length;
        }
      }
      // Every picture of a few lanes says something in words (a fleet's thin lanes are heat).
      if (model.laneCount <= 20) expect(total).toBeGreaterThan(0);
    }, 60_000);
  }
});
