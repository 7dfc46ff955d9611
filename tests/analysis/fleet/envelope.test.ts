import { describe, expect, it } from 'vitest';
import type { ConnectedSeries } from '../../../src/analysis/connected';
import { stepEnvelope } from '../../../src/analysis/fleet/envelope';

function steps(points: [number, number][]): ConnectedSeries {
  return {
    t: Float64Array.from(points.map((p) => p[0])),
    count: Uint32Array.from(points.map((p) => p[1])),
    length: points.length,
    max: Math.max(0, ...points.map((p) => p[1])),
  };
}

describe('stepEnvelope', () => {
  const series = steps([
    [10, 5],
    [25, 3],
    [26, 6],
    [50, 4],
  ]);

  it('gives each column the lowest and highest count at any moment in it', () => {
    const lo = new Float32Array(4);
    const hi = new Float32Array(4);
    const top = stepEnvelope(series, 0, 80, 4, Infinity, lo, hi);
    expect(Array.from(lo)).toEqual([0, 3, 4, 4]);
    expect(Array.from(hi)).toEqual([5, 6, 6, 4]);
    expect(top).toBe(6);
  });

  it('starts a window that begins mid-series with the count in force there', () => {
    const lo = new Float32Array(2);
    const hi = new Float32Array(2);
    stepEnvelope(series, 30, 70, 2, Infinity, lo, hi);
    expect(Array.from(lo)).toEqual([6, 4]);
    expect(Array.from(hi)).toEqual([6, 6]);
  });

  it('leaves columns after `until` empty (nothing is known there yet)', () => {
    const lo = new Float32Array(4);
    const hi = new Float32Array(4);
    stepEnvelope(series, 0, 80, 4, 30, lo, hi);
    expect(Array.from(hi.slice(0, 2))).toEqual([5, 6]);
    expect(Number.isNaN(hi[2]) && Number.isNaN(lo[3])).toBe(true);
  });
});
