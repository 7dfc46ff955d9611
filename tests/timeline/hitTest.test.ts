import { describe, expect, it } from 'vitest';
import { hitTest, rangeSelection } from '../../src/timeline/hitTest';
import { rowTop, xOf } from '../../src/timeline/render/frameView';
import { findRow, presetModel } from './support/traces';
import { makeView } from './support/frame';

const model = presetModel('crash-vs-power-off');
// Display rows: 0 the "sensor" group header, 1–3 sensor-1..3, 4 dashboard.
const view = makeView(model, { laneHeight: 40 });
const centreOf = (row: number): number => rowTop(view, row) + 20;

describe('hitTest', () => {
  it('finds the timeout marker under the pointer, the most important row of its pixel', () => {
    const timeout = findRow(model, (e) => e.kind === 'timeout');
    const hit = hitTest(view, xOf(view, model.columns.t[timeout]) + 2, centreOf(1));
    expect(hit.kind).toBe('marker');
    expect(hit.row).toBe(timeout);
    expect(hit.count).toBeGreaterThan(1);
    expect(model.laneId(hit.lane ?? -1)).toBe('sensor-1');
  });

  it('finds a packet on its lane between its send and its arrival', () => {
    const ping = findRow(
      model,
      (e) => e.kind === 'packet' && e.client === 'sensor-3' && e.type === 'PINGRESP' && e.t > 10_000,
    );
    const e = model.store.get(ping);
    const mid = e.kind === 'packet' && e.arrive !== null ? (e.t + e.arrive) / 2 : 0;
    // Zoomed in around the PINGRESP's flight, about 20 ms long.
    const zoomed = makeView(model, { t0: mid - 40, t1: mid + 40, laneHeight: 40 });
    const hit = hitTest(zoomed, xOf(zoomed, mid), rowTop(zoomed, 3) + 20);
    expect(hit.kind).toBe('packet');
    expect(hit.row).toBe(ping);
  });

  it('finds the client’s K window above the centre line and the broker’s deadline below it', () => {
    const x = xOf(view, 5_000);
    const above = hitTest(view, x, centreOf(3) - 8);
    const below = hitTest(view, x, centreOf(3) + 8);
    expect(above.kind).toBe('band');
    expect(below.kind).toBe('band');
    const a = model.store.get(above.row ?? -1);
    const b = model.store.get(below.row ?? -1);
    // Both started by sensor-3's CONNECT: sent at 0 (client), received ≈24 ms later (broker).
    expect(a).toMatchObject({ kind: 'packet', type: 'CONNECT', client: 'sensor-3' });
    expect(b).toMatchObject({ kind: 'packet', type: 'CONNECT', client: 'sensor-3' });
  });

  it('finds the half-open span of sensor-1 after its power-off, started by the client-side close', () => {
    const hit = hitTest(view, xOf(view, 32_500), centreOf(1) - 8);
    expect(hit.kind).toBe('span');
    expect(model.store.get(hit.row ?? -1)).toMatchObject({ kind: 'conn', side: 'client', state: 'closed' });
  });

  it('names the axis, the overview, the gutter and group headers', () => {
    const g = view.geometry;
    expect(hitTest(view, 500, g.axisY + 5).kind).toBe('axis');
    expect(hitTest(view, 500, g.overviewY + 5).kind).toBe('overview');
    const header = hitTest(view, 20, centreOf(0));
    expect(header).toMatchObject({ kind: 'gutter', group: 0 });
    expect(hitTest(view, 20, centreOf(2))).toMatchObject({
      kind: 'gutter',
      lane: model.laneIndex('sensor-2'),
    });
  });

  it('reports the lane (for the lane menu) where nothing else is', () => {
    const hit = hitTest(view, xOf(view, 100_000), centreOf(2));
    expect(hit.kind).toBe('lane');
    expect(model.laneId(hit.lane ?? -1)).toBe('sensor-2');
  });
});

describe('rangeSelection', () => {
  it('gives the time range and the client IDs of the lanes in a drag rectangle', () => {
    const r = rangeSelection(view, xOf(view, 20_000), centreOf(1), xOf(view, 40_000), centreOf(2));
    expect(r.t0).toBeCloseTo(20_000, 6);
    expect(r.t1).toBeCloseTo(40_000, 6);
    expect(r.lanes).toEqual(['sensor-1', 'sensor-2']);
  });

  it('takes every lane when the rectangle covers the broker lane', () => {
    const r = rangeSelection(view, xOf(view, 0), view.geometry.brokerY + 4, xOf(view, 1000), centreOf(1));
    expect(r.lanes.sort()).toEqual(['dashboard', 'sensor-1', 'sensor-2', 'sensor-3']);
  });

  it('takes a collapsed group’s lanes from its header row', () => {
    const collapsed = makeView(model, { laneHeight: 40, collapsed: ['sensor'] });
    const y = rowTop(collapsed, 0) + 20;
    const r = rangeSelection(collapsed, xOf(collapsed, 0), y, xOf(collapsed, 1000), y + 2);
    expect(r.lanes).toEqual(['sensor-1', 'sensor-2', 'sensor-3']);
  });
});
