// Fleet strips over preset traces, for the drawing and summary tests.

import { FleetSeries, emptyPacketTypeCounts, PACKET_TYPE_COUNT } from '../../../src/analysis/fleet';
import { getPreset } from '../../../src/scenario';
import { startRun } from '../../../src/sim/run';
import { paletteFor } from '../../../src/timeline/theme';
import { TraceStore } from '../../../src/trace/store';
import { PACKET_TYPES } from '../../../src/trace/types';
import { FleetFrames, type TracksFrame } from '../../../src/ui/fleet/frames';
import { fleetLayout, type FleetLayout } from '../../../src/ui/fleet/layout';
import { fleetStyle, type FleetStyle } from '../../../src/ui/fleet/style';
import type { PacketTypeCounts } from '../../../src/analysis/fleet';

export interface Strip {
  store: TraceStore;
  series: FleetSeries;
  layout: FleetLayout;
  style: FleetStyle;
  frame: TracksFrame;
  durationMs: number;
}

const runs = new Map<string, { store: TraceStore; series: FleetSeries; durationMs: number }>();

export function presetRun(name: string): { store: TraceStore; series: FleetSeries; durationMs: number } {
  let run = runs.get(name);
  if (run === undefined) {
    const scenario = structuredClone(getPreset(name)!.scenario);
    const store = new TraceStore();
    startRun(scenario, store).runToEnd();
    const series = new FleetSeries(scenario.durationMs);
    series.update(store);
    run = { store, series, durationMs: scenario.durationMs };
    runs.set(name, run);
  }
  return run;
}

export interface StripOptions {
  t0?: number;
  t1?: number;
  until?: number;
  width?: number;
  gutter?: number;
  fontPx?: number;
  theme?: 'light' | 'dark';
  types?: PacketTypeCounts | null;
  sampled?: boolean;
}

export function strip(name: string, o: StripOptions = {}): Strip {
  const { store, series, durationMs } = presetRun(name);
  const layout = fleetLayout(o.width ?? 1136, o.gutter ?? 136, o.fontPx ?? 12);
  const style = fleetStyle(paletteFor(o.theme ?? 'light'), o.fontPx ?? 12);
  const frame = new FleetFrames().frame(
    { series, types: o.types ?? null, typesGeneration: 0, sampled: o.sampled ?? false },
    layout,
    o.t0 ?? 0,
    o.t1 ?? durationMs,
    o.until ?? durationMs,
  );
  return { store, series, layout, style, frame, durationMs };
}

/** Per-type counts of a store's packets, as the worker would count them for a sampled run. */
export function workerTypes(store: TraceStore, durationMs: number): PacketTypeCounts {
  const types = emptyPacketTypeCounts(durationMs);
  for (const e of store) {
    if (e.kind !== 'packet') continue;
    const b = Math.min(types.buckets - 1, Math.floor(e.t / types.bucketMs));
    types.counts[b * PACKET_TYPE_COUNT + PACKET_TYPES.indexOf(e.type)]++;
  }
  return types;
}
