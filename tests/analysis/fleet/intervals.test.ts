import { describe, expect, it } from 'vitest';
import { BucketGrid } from '../../../src/analysis/fleet/grid';
import { IntervalCache, chooseInterval, sumIntervals } from '../../../src/analysis/fleet/intervals';

function grid(bucketMs: number, rows: number[][]): BucketGrid {
  const g = new BucketGrid(rows[0].length, bucketMs);
  rows.forEach((row, b) => {
    g.bucketOf(b * bucketMs);
    row.forEach((v, c) => (g.counts[b * row.length + c] = v));
  });
  return g;
}

describe('chooseInterval', () => {
  it('picks the narrowest width that reads well, is whole buckets and is wide enough', () => {
    expect(chooseInterval(1000, 0)).toBe(1000);
    expect(chooseInterval(1000, 1_001)).toBe(2000);
    expect(chooseInterval(1000, 12_000)).toBe(15_000);
    expect(chooseInterval(10_000, 12_000)).toBe(30_000); // 15 s is not whole 10 s buckets
    expect(chooseInterval(100, 40)).toBe(100);
    expect(chooseInterval(1000, 4 * 60_000)).toBe(5 * 60_000);
    expect(chooseInterval(100_000, 0)).toBe(300_000);
  });

  it('goes on in whole buckets past a day', () => {
    expect(chooseInterval(100_000, 3 * 86_400_000 + 1)).toBe(259_300_000);
  });
});

describe('sumIntervals', () => {
  it('adds up buckets into intervals and mapped columns, with the tallest stack and value', () => {
    const g = grid(1000, [
      [1, 2, 0],
      [3, 0, 1],
      [0, 0, 5],
    ]);
    // Columns 0 and 1 into output 0, column 2 into output 1.
    const sums = sumIntervals(g.view(), new Uint8Array([0, 0, 1]), 2, 2000);
    expect(sums.intervalMs).toBe(2000);
    expect(sums.length).toBe(2);
    expect(Array.from(sums.sums)).toEqual([6, 1, 0, 5]);
    expect(sums.maxTotal).toBe(7);
    expect(sums.maxValue).toBe(6);
  });

  it('reads a view from its offset on, a row every stride', () => {
    const g = grid(10, [
      [9, 1, 2],
      [9, 3, 4],
    ]);
    const sums = sumIntervals(g.view(1), new Uint8Array([0, 1]), 2, 10);
    expect(Array.from(sums.sums)).toEqual([1, 2, 3, 4]);
  });
});

describe('IntervalCache', () => {
  it('keeps one sum array per width until the source version changes', () => {
    const g = grid(1000, [[1], [2], [3], [4]]);
    const cache = new IntervalCache(new Uint8Array([0]), 1);
    const source = {};
    const a = cache.get(source, 1, g.view(), 2000);
    expect(cache.get(source, 1, g.view(), 2000)).toBe(a);
    const b = cache.get(source, 1, g.view(), 1000);
    expect(b).not.toBe(a);
    expect(cache.get(source, 1, g.view(), 2000)).toBe(a);
    g.counts[0] = 10;
    const c = cache.get(source, 2, g.view(), 2000);
    expect(c).not.toBe(a);
    expect(Array.from(c.sums)).toEqual([12, 7]);
  });
});
