import { describe, expect, it } from 'vitest';
import { delayHistogram } from '../../../src/analysis/fleet/histogram';

describe('delayHistogram', () => {
  it('is null without delays', () => {
    expect(delayHistogram([])).toBeNull();
  });

  it('bins delays in seconds with a width that reads well, and gives median and extremes', () => {
    const h = delayHistogram([90_000, 91_200, 92_500, 95_000, 97_400], 10)!;
    expect(h.n).toBe(5);
    expect(h.median).toBe(92.5);
    expect(h.min).toBe(90);
    expect(h.max).toBe(97.4);
    expect(h.step).toBe(1);
    // Eight bins of data, padded to ten with an empty one each side.
    expect(h.lo).toBe(89);
    expect(Array.from(h.counts)).toEqual([0, 1, 1, 1, 0, 0, 1, 0, 1, 0]);
    expect(h.maxCount).toBe(1);
  });

  it('takes the mean of the middle two as the median of an even count', () => {
    expect(delayHistogram([1_000, 2_000, 4_000, 9_000])!.median).toBe(3);
  });

  it('pads one repeated value with empty neighbours in 0.1 s bins, never below zero seconds', () => {
    const h = delayHistogram([15_000, 15_000, 15_000])!;
    expect(h.step).toBe(0.1);
    expect(h.counts.length).toBe(10);
    expect(h.lo).toBeLessThan(15);
    expect(h.lo + h.counts.length * h.step).toBeGreaterThan(15);
    expect(h.maxCount).toBe(3);
    const bin = Math.floor((15 - h.lo) / h.step + 1e-9);
    expect(h.counts[bin]).toBe(3);
    const early = delayHistogram([0])!;
    expect(early.lo).toBe(0);
    expect(early.counts[0]).toBe(1);
  });

  it('counts the largest delay in the last bin', () => {
    const h = delayHistogram([10_000, 20_000], 10)!;
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(h.lo + h.counts.length * h.step).toBeGreaterThanOrEqual(20);
  });
});
