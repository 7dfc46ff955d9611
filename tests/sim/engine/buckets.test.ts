import { describe, expect, it } from 'vitest';
import { Buckets, NONE, entryF64, entryI32 } from '../../../src/sim/engine/buckets';

/** Every entry of a bucket, in order, as [time, x, y]; empties the bucket. */
function takeAll(buckets: Buckets, bucket: number): number[][] {
  const out: number[][] = [];
  let chunk = buckets.take(bucket);
  while (chunk !== NONE) {
    for (let e = chunk * buckets.chunkSize, end = e + buckets.fill[chunk]; e < end; e++) {
      const f = entryF64(e);
      const i = entryI32(e);
      out.push([buckets.f64[f], buckets.i32[i + 2], buckets.i32[i + 3]]);
    }
    chunk = buckets.release(chunk);
  }
  return out;
}

describe('Buckets', () => {
  it('gives back a bucket’s entries in the order they were filed, across chunks and growth', () => {
    const buckets = new Buckets(4, 3, 1);
    for (let i = 0; i < 50; i++) buckets.file(i % 2, i * 0.5, -i, 2 ** 31 - 1 - i);
    expect(buckets.count).toBe(50);
    const even = takeAll(buckets, 0);
    expect(even.map((e) => e[1])).toEqual(Array.from({ length: 25 }, (_, k) => (k === 0 ? 0 : -2 * k)));
    expect(even[3]).toEqual([3, -6, 2 ** 31 - 1 - 6]);
    expect(buckets.count).toBe(25);
    expect(takeAll(buckets, 2)).toEqual([]);
    expect(takeAll(buckets, 1)).toHaveLength(25);
    expect(buckets.count).toBe(0);
  });

  it('reuses released chunks, so a bucket filled again reads only its new entries', () => {
    const buckets = new Buckets(2, 2, 1);
    for (let i = 0; i < 6; i++) buckets.file(0, i, i, 0);
    takeAll(buckets, 0);
    buckets.file(0, 9, 99, 0);
    buckets.file(1, 8, 88, 0);
    expect(takeAll(buckets, 0).map((e) => e[1])).toEqual([99]);
    expect(takeAll(buckets, 1).map((e) => e[1])).toEqual([88]);
  });

  it('keeps a taken bucket’s entries readable while others are filed, until releaseAll frees its chunks', () => {
    const buckets = new Buckets(2, 2, 1);
    for (let i = 0; i < 5; i++) buckets.file(0, i, 10 + i, 0);
    const taken = buckets.take(0);
    buckets.count -= 5;
    for (let i = 0; i < 5; i++) buckets.file(1, i, 20 + i, 0);
    const words: number[] = [];
    for (let c = taken; c !== NONE; c = buckets.next[c])
      for (let e = c * buckets.chunkSize; e < c * buckets.chunkSize + buckets.fill[c]; e++)
        words.push(buckets.i32[entryI32(e) + 2]);
    expect(words).toEqual([10, 11, 12, 13, 14]);
    buckets.releaseAll(taken);
    // Freed chunks are reused before new ones: refilling bucket 0 needs no growth.
    const capacity = buckets.fill.length;
    for (let i = 0; i < 5; i++) buckets.file(0, i, 30 + i, 0);
    expect(buckets.fill.length).toBe(capacity);
    expect(takeAll(buckets, 0).map((e) => e[1])).toEqual([30, 31, 32, 33, 34]);
  });
});
