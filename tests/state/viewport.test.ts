import { describe, expect, it } from 'vitest';
import { MAX_LANE_HEIGHT, createViewportStore } from '../../src/state/viewport';

function store() {
  return createViewportStore({ t0: 0, t1: 120_000, extent: [0, 120_000] });
}

describe('useViewport', () => {
  it('sets a window, clamped to the extent', () => {
    const vp = store();
    vp.getState().setWindow(10_000, 20_000);
    expect([vp.getState().t0, vp.getState().t1]).toEqual([10_000, 20_000]);
    vp.getState().setWindow(20_000, 10_000);
    expect([vp.getState().t0, vp.getState().t1]).toEqual([10_000, 20_000]);
  });

  it('zooms at a time, which stays put on screen', () => {
    const vp = store();
    vp.getState().zoomAt(4, 30_000);
    const { t0, t1 } = vp.getState();
    expect(t1 - t0).toBe(30_000);
    expect((30_000 - t0) / (t1 - t0)).toBeCloseTo(0.25, 12);
  });

  it('pans keeping the duration', () => {
    const vp = store();
    vp.getState().setWindow(0, 30_000);
    vp.getState().pan(10_000);
    expect([vp.getState().t0, vp.getState().t1]).toEqual([10_000, 40_000]);
  });

  it('fits the extent', () => {
    const vp = createViewportStore();
    vp.getState().setExtent(0, 3_600_000);
    vp.getState().fit();
    expect([vp.getState().t0, vp.getState().t1]).toEqual([0, 3_600_000]);
    expect(vp.getState().initialised).toBe(true);
  });

  it('keeps the lane scroll within the lanes', () => {
    const vp = store();
    vp.getState().setLaneBounds(100, 400);
    vp.getState().setLaneScroll(1e9);
    expect(vp.getState().laneScroll).toBe(100 * vp.getState().laneHeight - 400);
    vp.getState().scrollLanes(-1e9);
    expect(vp.getState().laneScroll).toBe(0);
  });

  it('changes lane height around an anchor row and within limits', () => {
    const vp = store();
    vp.getState().setLaneBounds(1000, 500);
    vp.getState().setLaneHeight(20);
    vp.getState().setLaneScroll(2000); // row 100 at the top
    vp.getState().setLaneHeight(40, 0);
    expect(vp.getState().laneScroll).toBe(4000);
    vp.getState().setLaneHeight(1e6);
    expect(vp.getState().laneHeight).toBe(MAX_LANE_HEIGHT);
  });

  it('collapses and expands groups with a new set each time (subscribers see the change)', () => {
    const vp = store();
    const seen: boolean[] = [];
    vp.subscribe((s) => seen.push(s.collapsedGroups.has('sensor')));
    const before = vp.getState().collapsedGroups;
    vp.getState().toggleGroup('sensor');
    expect(vp.getState().collapsedGroups).not.toBe(before);
    vp.getState().toggleGroup('sensor');
    expect(seen).toEqual([true, false]);
  });

  it('stops following the newest data on any pan or zoom', () => {
    const vp = store();
    vp.getState().setFollow(true);
    vp.getState().pan(1000);
    expect(vp.getState().follow).toBe(false);
  });

  it('reveals a row by centring it when it is off screen', () => {
    const vp = store();
    vp.getState().setLaneBounds(1000, 400);
    vp.getState().setLaneHeight(20);
    vp.getState().revealRow(500);
    const { laneScroll, laneHeight } = vp.getState();
    expect(500 * laneHeight).toBeGreaterThanOrEqual(laneScroll);
    expect(501 * laneHeight).toBeLessThanOrEqual(laneScroll + 400);
  });
});
