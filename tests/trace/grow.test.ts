import { describe, expect, it } from 'vitest';
import { nextCapacity, resized, withRoomFor } from '../../src/trace/grow';

describe('resized', () => {
  it('keeps the first rows in a column of the new capacity', () => {
    const col = Float64Array.from([1, 2, 3, 4]);
    expect(Array.from(resized(col, 6, 3))).toEqual([1, 2, 3, 0, 0, 0]);
  });
});

describe('nextCapacity', () => {
  it('grows by half, from at least 16', () => {
    expect(nextCapacity(0)).toBe(16);
    expect(nextCapacity(1000)).toBe(1500);
  });
});

describe('withRoomFor', () => {
  it('returns the same table while the index fits', () => {
    const table = new Int32Array(8);
    expect(withRoomFor(table, 7, 4)).toBe(table);
  });

  it('grows to hold a far index, doubling, and keeps what the table held', () => {
    const table = Int32Array.from([5, 6, 7, 8]);
    const grown = withRoomFor(table, 20, 4);
    expect(grown.length).toBe(32);
    expect(Array.from(grown.subarray(0, 5))).toEqual([5, 6, 7, 8, 0]);
    expect(withRoomFor(new Uint8Array(0), 0).length).toBe(1024);
  });
});
