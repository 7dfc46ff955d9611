import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/sim/engine/random';

const draw = (seed: number, n: number): number[] => {
  const r = new Random(seed);
  return Array.from({ length: n }, () => r.nextUint32());
};

describe('Random', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(42, 1000)).toEqual(draw(42, 1000));
  });

  it('gives different sequences for different seeds, 0 and 2^32 - 1 included', () => {
    const seeds = [0, 1, 2, 42, 0xffffffff];
    const firsts = seeds.map((s) => draw(s, 4).join(','));
    expect(new Set(firsts).size).toBe(seeds.length);
  });

  it('is pinned: the first draws of seed 1 never change (every recorded trace depends on them)', () => {
    expect(draw(1, 3)).toEqual(PINNED_SEED_1);
  });

  it('draws next() in [0, 1) and between(min, max) in [min, max), spread over the range', () => {
    const r = new Random(7);
    let low = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      if (x < 0.5) low++;
      const y = r.between(-3, 5);
      expect(y).toBeGreaterThanOrEqual(-3);
      expect(y).toBeLessThan(5);
    }
    expect(low).toBeGreaterThan(4700);
    expect(low).toBeLessThan(5300);
  });
});

const PINNED_SEED_1 = [1828152527, 3394835397, 2967886022];
