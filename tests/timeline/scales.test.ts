import { describe, expect, it } from 'vitest';
import { msPerPixel, timeScale, timeTickStep, timeTicks } from '../../src/timeline/scales';

describe('timeScale', () => {
  it('maps the window onto the plot in pixels', () => {
    const x = timeScale(10_000, 20_000, 100, 1100);
    expect(x(10_000)).toBe(100);
    expect(x(15_000)).toBe(600);
    expect(x.invert(1100)).toBe(20_000);
    expect(msPerPixel(10_000, 20_000, 1000)).toBe(10);
  });
});

describe('time ticks', () => {
  it('use steps that read as time above a second', () => {
    expect(timeTickStep(0, 120_000, 8)).toBe(15_000);
    expect(timeTickStep(0, 3_600_000, 12)).toBe(300_000);
    expect(timeTickStep(0, 100, 10)).toBe(10);
  });

  it('lie on multiples of the step inside the window', () => {
    const ticks = timeTicks(1_000, 61_000, 900);
    expect(ticks.values[0]).toBeGreaterThanOrEqual(1_000);
    for (const v of ticks.values) expect(v % ticks.step).toBe(0);
    expect(ticks.values.at(-1)).toBeLessThanOrEqual(61_000);
  });
});
