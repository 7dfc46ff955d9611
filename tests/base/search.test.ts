import { describe, expect, it } from 'vitest';
import { lowerBound, upperBound } from '../../src/base/search';

describe('lowerBound and upperBound', () => {
  const t = new Float64Array([0, 1, 1, 2, 5]);

  it('find the first value at or after x, and the first after it', () => {
    expect(lowerBound(t, 5, 1)).toBe(1);
    expect(upperBound(t, 5, 1)).toBe(3);
    expect(lowerBound(t, 5, 1.5)).toBe(3);
    expect(upperBound(t, 5, 1.5)).toBe(3);
    expect(lowerBound(t, 5, -1)).toBe(0);
    expect(lowerBound(t, 5, 9)).toBe(5);
    expect(upperBound(t, 5, 5)).toBe(5);
  });

  it('search only the first n values', () => {
    expect(lowerBound(t, 3, 2)).toBe(3);
    expect(upperBound(t, 0, 0)).toBe(0);
  });

  it('read the values through an index list (a lane’s rows into the trace’s times)', () => {
    const sortedRows = new Uint32Array([0, 3, 4]);
    expect(lowerBound(t, 3, 2, sortedRows)).toBe(1);
    expect(upperBound(t, 3, 2, sortedRows)).toBe(2);
    expect(lowerBound(t, 3, 6, sortedRows)).toBe(3);
  });
});
