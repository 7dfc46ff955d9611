import { describe, expect, it } from 'vitest';
import { zoomIdentity } from 'd3';
import {
  BASE_MS,
  MIN_WINDOW_MS,
  baseScale,
  clampWindow,
  panWindow,
  transformForWindow,
  wheelZoomFactor,
  windowFromTransform,
  zoomWindow,
} from '../../src/timeline/zoom';

describe('d3-zoom transforms', () => {
  const base = baseScale(136, 1136);

  it('start at the base window', () => {
    expect(windowFromTransform(base, zoomIdentity)).toEqual([0, BASE_MS]);
  });

  it('round-trip a window through transform.rescaleX', () => {
    for (const [t0, t1] of [
      [0, 120_000],
      [30_000.5, 30_020.25],
      [-5_000, 3_600_000],
    ]) {
      const [a, b] = windowFromTransform(base, transformForWindow(base, t0, t1));
      expect(a).toBeCloseTo(t0, 6);
      expect(b).toBeCloseTo(t1, 6);
    }
  });

  it('zoom about the pointer like d3-zoom’s scaleTo does', () => {
    const t = transformForWindow(base, 0, 100_000);
    const px = 636; // the middle of the plot
    const zoomed = t.translate(px, 0).scale(2).translate(-px, 0);
    // d3 composes pointer zoom as translate(p) · scale · translate(-p) in screen space.
    const k = t.k * 2;
    const x = px - (px - t.x) * 2;
    const [a, b] = windowFromTransform(base, zoomIdentity.translate(x, 0).scale(k));
    expect(a).toBeCloseTo(25_000, 6);
    expect(b).toBeCloseTo(75_000, 6);
    expect(zoomed.k).toBeGreaterThan(0);
  });
});

describe('window maths', () => {
  it('zooms in by a factor keeping the centre time in place on screen', () => {
    expect(zoomWindow(0, 120_000, 2, 60_000)).toEqual([30_000, 90_000]);
    const [a, b] = zoomWindow(0, 120_000, 2, 30_000);
    expect([a, b]).toEqual([15_000, 75_000]);
    // 30 s stays a quarter of the way across.
    expect((30_000 - a) / (b - a)).toBeCloseTo(0.25, 12);
  });

  it('pans keeping the duration', () => {
    const [a, b] = panWindow(10_000, 40_000, 5_000);
    expect(b - a).toBe(30_000);
    expect(a).toBe(15_000);
  });

  it('clamps a window: never narrower than the minimum, never lost off the extent, duration kept', () => {
    const [a, b] = clampWindow(10, 10.1, [0, 120_000]);
    expect(b - a).toBeCloseTo(MIN_WINDOW_MS, 9);
    const [c, d] = clampWindow(500_000, 530_000, [0, 120_000]);
    expect(d - c).toBe(30_000);
    expect(d).toBeLessThanOrEqual(120_000 + 15_000);
    const [e, f] = clampWindow(0, 1e9, [0, 120_000]);
    expect(f - e).toBe(240_000);
  });

  it('turns wheel deltas into zoom factors (down zooms out)', () => {
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100, 0)).toBeLessThan(1);
    expect(wheelZoomFactor(100, 0) * wheelZoomFactor(-100, 0)).toBeCloseTo(1, 12);
  });
});
