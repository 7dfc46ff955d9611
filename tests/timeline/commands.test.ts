import { describe, expect, it } from 'vitest';
import { createViewportStore } from '../../src/state/viewport';
import { applyCommand, type CommandContext } from '../../src/timeline/commands';
import { commandForKey } from '../../src/timeline/keys';
import { buildLaneLayout } from '../../src/timeline/laneLayout';
import { focusWindow, stepEvent } from '../../src/timeline/navigate';
import { KEY_ZOOM_FACTOR } from '../../src/timeline/zoom';
import { findRow, presetModel } from './support/traces';

const model = presetModel('crash-vs-power-off');

function context(
  over: Partial<CommandContext> = {},
): CommandContext & { selected: (number | null)[]; menus: [number, number][] } {
  const selected: (number | null)[] = [];
  const menus: [number, number][] = [];
  const viewport = createViewportStore({ t0: 0, t1: 120_000, extent: [0, 120_000] });
  viewport.getState().setLaneBounds(5, 200);
  return {
    model,
    layout: buildLaneLayout(model, new Set()),
    viewport,
    selectedRow: null,
    range: null,
    pointerT: null,
    hoverLane: null,
    onSelectRow: (row) => selected.push(row),
    onClear: () => undefined,
    onMenu: (lane, t) => menus.push([lane, t]),
    selected,
    menus,
    ...over,
  };
}

describe('commandForKey', () => {
  it('maps W/S to zoom, A/D to pan, ./, to stepping and F to focus', () => {
    expect(commandForKey({ key: 'w' })).toEqual({ type: 'zoom', factor: KEY_ZOOM_FACTOR });
    expect(commandForKey({ key: 'S' })).toMatchObject({ type: 'zoom' });
    expect(commandForKey({ key: 'a' })).toMatchObject({ type: 'pan', fraction: -0.2 });
    expect(commandForKey({ key: 'd' })).toMatchObject({ type: 'pan', fraction: 0.2 });
    expect(commandForKey({ key: '.' })).toEqual({ type: 'step', direction: 1 });
    expect(commandForKey({ key: ',' })).toEqual({ type: 'step', direction: -1 });
    expect(commandForKey({ key: 'f' })).toEqual({ type: 'focus' });
    expect(commandForKey({ key: 'ContextMenu' })).toEqual({ type: 'menu' });
    expect(commandForKey({ key: 'F10', shiftKey: true })).toEqual({ type: 'menu' });
  });

  it('leaves browser shortcuts alone', () => {
    expect(commandForKey({ key: 'w', ctrlKey: true })).toBeNull();
    expect(commandForKey({ key: 'd', metaKey: true })).toBeNull();
    expect(commandForKey({ key: 'q' })).toBeNull();
  });
});

describe('applyCommand', () => {
  it('zooms the window in on W and out on S about the view centre', () => {
    const ctx = context();
    applyCommand({ type: 'zoom', factor: KEY_ZOOM_FACTOR }, ctx);
    const s = ctx.viewport.getState();
    expect(s.t1 - s.t0).toBeCloseTo(120_000 / KEY_ZOOM_FACTOR, 6);
    expect((s.t0 + s.t1) / 2).toBeCloseTo(60_000, 6);
    applyCommand({ type: 'zoom', factor: 1 / KEY_ZOOM_FACTOR }, ctx);
    expect(ctx.viewport.getState().t1 - ctx.viewport.getState().t0).toBeCloseTo(120_000, 6);
  });

  it('zooms about the time under the pointer when there is one', () => {
    const ctx = context({ pointerT: 30_000 });
    applyCommand({ type: 'zoom', factor: 2 }, ctx);
    const { t0, t1 } = ctx.viewport.getState();
    expect((30_000 - t0) / (t1 - t0)).toBeCloseTo(0.25, 9);
  });

  it('pans by a fifth of the window on A/D, keeping the duration', () => {
    const ctx = context();
    ctx.viewport.getState().setWindow(20_000, 50_000);
    applyCommand({ type: 'pan', fraction: 0.2 }, ctx);
    expect([ctx.viewport.getState().t0, ctx.viewport.getState().t1]).toEqual([26_000, 56_000]);
  });

  it('steps to the first event in view when nothing is selected, and back to the last one', () => {
    const ctx = context();
    ctx.viewport.getState().setWindow(25_000, 35_000);
    applyCommand({ type: 'step', direction: 1 }, ctx);
    const row = ctx.selected[0] ?? -1;
    expect(model.columns.t[row]).toBeGreaterThanOrEqual(25_000);
    expect(model.columns.t[row - 1]).toBeLessThan(25_000);
    const back = context();
    back.viewport.getState().setWindow(25_000, 35_000);
    applyCommand({ type: 'step', direction: -1 }, back);
    const last = back.selected[0] ?? -1;
    expect(model.columns.t[last]).toBeLessThanOrEqual(35_000);
    expect(model.columns.t[last + 1]).toBeGreaterThan(35_000);
  });

  it('steps through the selected row’s lane and brings the new row into view', () => {
    const timeout = findRow(model, (e) => e.kind === 'timeout');
    const ctx = context({ selectedRow: timeout });
    ctx.viewport.getState().setWindow(0, 10_000);
    applyCommand({ type: 'step', direction: 1 }, ctx);
    const next = ctx.selected[0] ?? -1;
    expect(model.laneOfRow(next)).toBe(model.laneOfRow(timeout));
    expect(next).toBeGreaterThan(timeout);
    const { t0, t1 } = ctx.viewport.getState();
    expect(model.columns.t[next]).toBeGreaterThanOrEqual(t0);
    expect(model.columns.t[next]).toBeLessThanOrEqual(t1);
  });

  it('focuses the selection with its deadline around it on F', () => {
    const timeout = findRow(model, (e) => e.kind === 'timeout');
    const ctx = context({ selectedRow: timeout });
    applyCommand({ type: 'focus' }, ctx);
    const { t0, t1 } = ctx.viewport.getState();
    const t = model.columns.t[timeout];
    expect(t0).toBeLessThan(t);
    expect(t1).toBeGreaterThan(t);
    expect(t1 - t0).toBe(30_000);
  });

  it('focuses a selected range when no row is selected', () => {
    const ctx = context({ range: { t0: 10_000, t1: 20_000 } });
    expect(applyCommand({ type: 'focus' }, ctx)).toBe(true);
    expect(ctx.viewport.getState().t0).toBeCloseTo(9_500, 6);
  });

  it('opens the lane menu for the selected row’s lane', () => {
    const will = findRow(model, (e) => e.kind === 'will' && e.client === 'sensor-2');
    const ctx = context({ selectedRow: will });
    applyCommand({ type: 'menu' }, ctx);
    expect(ctx.menus).toEqual([[model.laneIndex('sensor-2'), model.columns.t[will]]]);
  });
});

describe('stepEvent', () => {
  it('returns null past the last event', () => {
    expect(stepEvent(model, null, 1e9, 1)).toBeNull();
    expect(stepEvent(model, null, -1, -1)).toBeNull();
  });

  it('steps backwards to the previous notable row', () => {
    const row = stepEvent(model, null, 35_500, -1) ?? -1;
    expect(model.columns.t[row]).toBeLessThan(35_500);
  });
});

describe('focusWindow', () => {
  it('spans twice the broker deadline around a packet of a K = 10 s connection', () => {
    const ping = findRow(model, (e) => e.kind === 'packet' && e.type === 'PINGREQ');
    const [a, b] = focusWindow(model, ping);
    expect(b - a).toBe(30_000);
  });
});
