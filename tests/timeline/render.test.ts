import { describe, expect, it } from 'vitest';
import { TraceStore } from '../../src/trace/store';
import { TimelineModel } from '../../src/timeline/model';
import { drawStaticFrame } from '../../src/timeline/render/frame';
import { drawInteractive } from '../../src/timeline/render/interactive';
import { DARK, LIGHT } from '../../src/timeline/theme';
import { findRow, presetModel } from './support/traces';
import { makeInput } from './support/frame';
import { RecordingContext } from './support/recordingContext';

const model = presetModel('crash-vs-power-off');

function draw(m: TimelineModel, o: Parameters<typeof makeInput>[1] = {}): RecordingContext {
  const ctx = new RecordingContext();
  drawStaticFrame(ctx, makeInput(m, o), m.extent);
  return ctx;
}

describe('drawStaticFrame', () => {
  it('labels the broker lane, the group header and each client lane with fillText', () => {
    const ctx = draw(model);
    const texts = ctx.texts();
    expect(texts).toContain('broker');
    expect(texts).toContain('▾ sensor (3)');
    for (const id of ['sensor-1', 'sensor-2', 'sensor-3', 'dashboard']) expect(texts).toContain(id);
    expect(ctx.balanced).toBe(true);
  });

  it('draws time axis labels for the window', () => {
    const texts = draw(model).texts();
    expect(texts).toContain('30 s');
    expect(texts).toContain('1 min');
  });

  it('draws the timeout marker, the half-open band and both deadline bands in their colours', () => {
    const ctx = draw(model);
    const fills = new Set(ctx.calls.filter((c) => c.op === 'fill').map((c) => c.fillStyle));
    expect(fills).toContain(LIGHT.timeout);
    expect(fills).toContain(LIGHT.will);
    expect(fills).toContain(LIGHT.fault);
    expect(fills).toContain(LIGHT.spanHalfOpen);
    expect(fills).toContain(LIGHT.bandClient);
    expect(fills).toContain(LIGHT.bandBroker);
  });

  it('uses the dark palette for the dark theme', () => {
    const ctx = draw(model, { theme: 'dark' });
    expect(ctx.calls[1]).toMatchObject({ op: 'fillRect', fillStyle: DARK.background });
  });

  it('draws full arrows to the broker lane when few tall lanes are shown, ticks otherwise', () => {
    const zoom = { t0: 9_900, t1: 10_200 };
    const tall = draw(model, { ...zoom, laneHeight: 40 });
    const short = draw(model, { ...zoom, laneHeight: 8 });
    const g = makeInput(model).geometry;
    // Arrows end (or start) on the broker lane's arrow line.
    const arrowY = g.brokerY + g.brokerH - 6;
    const reachesBroker = (ctx: RecordingContext): boolean =>
      ctx.calls.some((c) => c.op === 'lineTo' && c.args[1] === arrowY);
    expect(reachesBroker(tall)).toBe(true);
    expect(reachesBroker(short)).toBe(false);
  });

  it('marks a lost packet with an ✕', () => {
    const store = new TraceStore();
    store.packet(1000, 'c2b', 'lossy-1', 1, 'PINGREQ', null, null);
    const m = new TimelineModel(store, { durationMs: 2000 });
    const ctx = draw(m, { t0: 900, t1: 1100 });
    const strokes = ctx.calls.filter((c) => c.op === 'stroke' && c.strokeStyle === LIGHT.lost);
    expect(strokes.length).toBeGreaterThan(0);
  });

  it('draws a bounded number of primitives for a dense lane, whatever its size', () => {
    const counts: number[] = [];
    for (const n of [10_000, 80_000]) {
      const store = new TraceStore();
      for (let i = 0; i < n; i++)
        store.packet(
          (i * 60_000) / n,
          i % 2 === 0 ? 'c2b' : 'b2c',
          'busy-1',
          1,
          'PUBLISH',
          (i * 60_000) / n + 20,
          null,
        );
      const m = new TimelineModel(store, { durationMs: 60_000 });
      const ctx = draw(m, { laneHeight: 24 });
      counts.push(ctx.count('lineTo'));
    }
    // One item per pixel column and lane: the plot is ~1000 px wide.
    expect(counts[1]).toBeLessThanOrEqual(counts[0] * 1.2);
    expect(counts[1]).toBeLessThan(4 * 1100);
  });

  it('turns lanes into heat strips at fleet zoom and draws a bounded number of rectangles', () => {
    const store = new TraceStore();
    for (let round = 0; round < 10; round++) {
      for (let c = 1; c <= 3000; c++)
        store.packet(round * 6000 + c, 'c2b', `s-${c}`, c, 'PINGREQ', round * 6000 + c + 20, null);
    }
    const m = new TimelineModel(store, { durationMs: 60_000 });
    const ctx = draw(m, { laneHeight: 0.18 });
    expect(ctx.count('fillRect')).toBeGreaterThan(10);
    expect(ctx.count('fillRect')).toBeLessThan(30_000);
    // No per-packet drawing: no arrows.
    expect(ctx.count('lineTo')).toBeLessThan(5_000);
    // The heat's scale in the gutter: what a cell counts, from 1 to the busiest cell in view.
    const texts = ctx.texts();
    expect(texts).toContain('heat: packets');
    expect(texts).toContain('1');
    expect(texts.some((t) => /^\d+ \(log\)$/.test(t))).toBe(true);
    expect(texts.some((t) => /^per \d+ lanes? · /.test(t))).toBe(true);
    // Tall lanes draw arrows, not heat: no scale.
    expect(draw(m, { laneHeight: 30 }).texts()).not.toContain('heat: packets');
  });

  it('draws only the visible lanes of 100 000', () => {
    const store = new TraceStore();
    for (let c = 1; c <= 100_000; c++) store.packet(c / 10, 'c2b', `n-${c}`, c, 'CONNECT', c / 10 + 20, null);
    const m = new TimelineModel(store, { durationMs: 20_000 });
    const ctx = draw(m, { laneHeight: 20, laneScroll: 50_000 * 20 });
    const labels = ctx.texts().filter((t) => t.startsWith('n-'));
    expect(labels.length).toBeLessThan(40);
    expect(labels).toContain('n-50000');
  });
});

describe('drawInteractive', () => {
  it('clears its layer and draws the selected row, the drag rectangle and the playhead', () => {
    const input = makeInput(model);
    const staticCtx = new RecordingContext();
    const view = drawStaticFrame(staticCtx, input, model.extent);
    const ctx = new RecordingContext();
    const timeout = findRow(model, (e) => e.kind === 'timeout');
    drawInteractive(ctx, view, {
      hover: null,
      pointer: null,
      selectedRow: timeout,
      range: null,
      drag: { x0: 200, y0: 150, x1: 300, y1: 250 },
      playhead: 60_000,
      highlight: null,
    });
    expect(ctx.calls[1].op).toBe('clearRect');
    expect(ctx.calls.some((c) => c.op === 'arc')).toBe(true);
    expect(ctx.calls.some((c) => c.op === 'strokeRect')).toBe(true);
    expect(ctx.calls.some((c) => c.op === 'stroke' && c.strokeStyle === LIGHT.playhead)).toBe(true);
  });

  it('shows a tooltip describing the hovered row', () => {
    const view = drawStaticFrame(new RecordingContext(), makeInput(model), model.extent);
    const will = findRow(model, (e) => e.kind === 'will' && e.client === 'sensor-2');
    const ctx = new RecordingContext();
    drawInteractive(ctx, view, {
      hover: {
        kind: 'marker',
        row: will,
        lane: 1,
        displayRow: 2,
        group: null,
        t: 30_020,
        count: 1,
        region: 'lanes',
      },
      pointer: { x: 400, y: 200 },
      selectedRow: null,
      range: null,
      drag: null,
      playhead: null,
      highlight: null,
    });
    expect(ctx.texts().join(' ')).toContain('will of sensor-2');
  });
});

describe('label emphasis', () => {
  // A PINGREQ and a PUBLISH so close together on one lane that only one label fits.
  const store = new TraceStore();
  store.packet(1000, 'c2b', 'sensor-1', 1, 'PINGREQ', 1020, null);
  store.packet(1030, 'c2b', 'sensor-1', 1, 'PUBLISH', 1050, null);
  const m = new TimelineModel(store, { durationMs: 2000 });
  const labelsWith = (emphasis?: ReadonlySet<number>): string[] => {
    const ctx = new RecordingContext();
    const input = makeInput(m, { t0: 0, t1: 2000 });
    drawStaticFrame(ctx, emphasis ? { ...input, emphasis } : input, m.extent);
    return ctx.texts();
  };

  it('labels keep-alive packets before data packets when they collide', () => {
    const texts = labelsWith();
    expect(texts).toContain('PINGREQ');
    expect(texts).not.toContain('PUBLISH');
  });

  it('labels the rows a lesson step or Find points at before anything else', () => {
    const texts = labelsWith(new Set([1]));
    expect(texts).toContain('PUBLISH');
    expect(texts).not.toContain('PINGREQ');
  });
});
