// A frame view over a model for tests of hit testing and drawing.

import { traceMs } from '../../../src/base/time';
import { frameGeometry } from '../../../src/timeline/geometry';
import { HeatCache } from '../../../src/timeline/heat';
import { buildLaneLayout } from '../../../src/timeline/laneLayout';
import { LodCache } from '../../../src/timeline/lod';
import type { TimelineModel } from '../../../src/timeline/model';
import { type FrameInput, type FrameView, frameView } from '../../../src/timeline/render/frameView';
import { paletteFor } from '../../../src/timeline/theme';

export interface ViewOptions {
  t0?: number;
  t1?: number;
  width?: number;
  height?: number;
  laneHeight?: number;
  laneScroll?: number;
  collapsed?: string[];
  theme?: 'light' | 'dark';
}

export function makeInput(model: TimelineModel, o: ViewOptions = {}): FrameInput {
  return {
    model,
    // Headers for every group of two or more, so the small test traces have some.
    layout: buildLaneLayout(model, new Set(o.collapsed ?? []), 2),
    geometry: frameGeometry(o.width ?? 1136, o.height ?? 600),
    palette: paletteFor(o.theme ?? 'light'),
    t0: o.t0 ?? model.extent[0],
    t1: o.t1 ?? model.extent[1],
    laneScroll: o.laneScroll ?? 0,
    laneHeight: o.laneHeight ?? 40,
    now: traceMs(model.extent[1]),
    lod: new LodCache(model),
    heat: new HeatCache(model),
    heatImages: null,
  };
}

export function makeView(model: TimelineModel, o: ViewOptions = {}): FrameView {
  return frameView(makeInput(model, o));
}
