import { describe, expect, it } from 'vitest';
import { FleetFrames, isFleet } from '../../../src/ui/fleet/frames';
import { fleetLayout } from '../../../src/ui/fleet/layout';
import { presetRun, strip, workerTypes } from './support';

describe('FleetFrames', () => {
  it("takes a sampled run's packets by type from the worker's counts of every lane", () => {
    const { store, durationMs } = presetRun('reconnect-storm');
    const fromTrace = strip('reconnect-storm').frame;
    const fromWorker = strip('reconnect-storm', {
      types: workerTypes(store, durationMs),
      sampled: true,
    }).frame;
    expect(fromTrace.traffic.source).toBe('trace');
    expect(fromWorker.traffic.source).toBe('worker');
    expect(fromWorker.traffic.sums.intervalMs).toBe(fromTrace.traffic.sums.intervalMs);
    expect(Array.from(fromWorker.traffic.sums.sums)).toEqual(Array.from(fromTrace.traffic.sums.sums));
  });

  it("counts the kept lanes' packets when a sampled run's activity has no type counts", () => {
    expect(strip('reconnect-storm', { sampled: true }).frame.traffic.source).toBe('kept-lanes');
  });

  it('widens intervals with the window and gives the scale as packets per second', () => {
    const wide = strip('reconnect-storm', { t0: 0, t1: 180_000, width: 1000 }).frame;
    const narrow = strip('reconnect-storm', { t0: 60_000, t1: 70_000, width: 1000 }).frame;
    expect(wide.traffic.sums.intervalMs).toBeGreaterThan(narrow.traffic.sums.intervalMs);
    expect(wide.traffic.top).toBeCloseTo(
      (wide.traffic.sums.maxTotal * 1000) / wide.traffic.sums.intervalMs,
      9,
    );
    // Rare events get wider intervals than traffic: a single one must show as a bar.
    expect(wide.events.sums.intervalMs).toBeGreaterThanOrEqual(wide.traffic.sums.intervalMs);
  });

  it('reuses the sums of an interval width while the window pans', () => {
    const { series } = presetRun('reconnect-storm');
    const frames = new FleetFrames();
    const layout = fleetLayout(1000, 136, 12);
    const inputs = { series, types: null, typesGeneration: 0, sampled: false };
    const a = frames.frame(inputs, layout, 0, 60_000, 180_000);
    const b = frames.frame(inputs, layout, 30_000, 90_000, 180_000);
    expect(b.traffic.sums).toBe(a.traffic.sums);
    expect(b.events.sums).toBe(a.events.sums);
  });

  it('reduces connected clients to one low/high pair per pixel column, empty after what is known', () => {
    const f = strip('reconnect-storm', { width: 1000, until: 90_000 }).frame;
    expect(f.connected.columns).toBe(1000 - 136 - 8);
    expect(f.connected.top).toBe(200);
    expect(Math.max(...Array.from(f.connected.hi.subarray(0, 100)))).toBe(200);
    expect(Number.isNaN(f.connected.hi[f.connected.columns - 1])).toBe(true);
  });
});

describe('isFleet', () => {
  it('is a fleet from 50 client lanes, or whenever the run is sampled', () => {
    expect(isFleet(49, false)).toBe(false);
    expect(isFleet(50, false)).toBe(true);
    expect(isFleet(3, true)).toBe(true);
  });
});
