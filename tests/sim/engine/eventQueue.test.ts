import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../../src/sim/engine/eventHeap';
import { EventQueue } from '../../../src/sim/engine/eventQueue';

interface Popped {
  time: number;
  kind: number;
  a: number;
  b: number;
}

function drain(q: EventQueue): Popped[] {
  const out: Popped[] = [];
  while (q.pop()) out.push({ time: q.poppedTime, kind: q.poppedKind, a: q.poppedA, b: q.poppedB });
  return out;
}

/** The calendar's horizon is about 524 s; these are far beyond it. */
const FAR = [600_000, 1_048_576, 3_600_000, 86_400_000, 2 ** 40];

describe('EventQueue', () => {
  it('pops events in time order', () => {
    const q = new EventQueue();
    for (const [i, t] of [50, 3, 1_000, 0, 7.25, 7.5, 100_000].entries()) q.push(t, 1, i, 0);
    expect(drain(q).map((e) => e.time)).toEqual([0, 3, 7.25, 7.5, 50, 1_000, 100_000]);
  });

  it('runs events at one instant in the order they were scheduled (FIFO ties), in every part of the calendar', () => {
    for (const t of [0, 1, 1.5, 2, 999, 524_287, ...FAR]) {
      const q = new EventQueue();
      for (let i = 0; i < 40; i++) q.push(t, 1, i, 0);
      expect(drain(q).map((e) => e.a)).toEqual([...Array(40).keys()]);
    }
  });

  it('carries kind and both arguments through unchanged, in every part of the calendar', () => {
    const q = new EventQueue();
    q.push(0, 13, 0, 2 ** 31 - 1); // the current window: the heap
    q.push(5, 31, 2 ** 27 - 1, -(2 ** 31)); // this epoch's buckets
    q.push(50_000, 2, 123_456, -7); // a later epoch's bucket
    q.push(5_000_000, 1, 2 ** 27 - 1, 42); // beyond the horizon
    expect(drain(q)).toEqual([
      { time: 0, kind: 13, a: 0, b: 2 ** 31 - 1 },
      { time: 5, kind: 31, a: 2 ** 27 - 1, b: -(2 ** 31) },
      { time: 50_000, kind: 2, a: 123_456, b: -7 },
      { time: 5_000_000, kind: 1, a: 2 ** 27 - 1, b: 42 },
    ]);
  });

  it('refuses an argument a outside 0 … 2^27 − 1 (it shares a word with the kind)', () => {
    const q = new EventQueue();
    expect(() => q.push(5, 1, 2 ** 27, 0)).toThrow(/a = 134217728/);
    expect(() => q.push(5, 1, -1, 0)).toThrow(RangeError);
    expect(q.size).toBe(0);
  });

  it('orders events far beyond the calendar horizon with near ones, ties FIFO', () => {
    const q = new EventQueue();
    q.push(FAR[2], 1, 0, 0);
    q.push(10, 1, 1, 0);
    q.push(FAR[0], 1, 2, 0);
    q.push(FAR[2], 1, 3, 0);
    q.push(FAR[4], 1, 4, 0);
    q.push(400_000, 1, 5, 0);
    expect(drain(q).map((e) => e.a)).toEqual([1, 5, 2, 0, 3, 4]);
  });

  it('merges an event scheduled in the calendar with a far one of the same instant, in scheduling order', () => {
    const q = new EventQueue();
    q.push(700_000, 1, 0, 0); // beyond the horizon when scheduled
    q.push(300_000, 1, 1, 0);
    expect(q.pop()).toBe(true);
    expect(q.poppedA).toBe(1);
    // Now 700 000 is inside the horizon: this one goes into a bucket, after the far one of the same time.
    q.push(700_000, 1, 2, 0);
    q.push(699_999, 1, 3, 0);
    expect(drain(q).map((e) => e.a)).toEqual([3, 0, 2]);
  });

  it('orders an event scheduled into the window being popped, also at the same time as a waiting one', () => {
    const q = new EventQueue();
    q.push(10, 1, 0, 0);
    q.push(10.5, 1, 1, 0);
    q.push(11, 1, 2, 0);
    expect(q.pop()).toBe(true);
    expect(q.poppedTime).toBe(10);
    q.push(10.5, 1, 3, 0); // same window, same time as a waiting event: after it
    q.push(10.25, 1, 4, 0); // same window, earlier than the waiting one
    q.push(10, 1, 5, 0); // the current instant
    expect(drain(q).map((e) => e.a)).toEqual([5, 4, 1, 3, 2]);
  });

  it('merges a window filed in order (a fleet in step) with events scheduled into it while it is popped', () => {
    const q = new EventQueue();
    for (let i = 0; i < 1000; i++) q.push(100, 1, i, 0);
    q.push(101.5, 1, 1000, 0);
    q.push(FAR[0], 1, 1001, 0); // beyond the horizon
    expect(q.pop()).toBe(true);
    expect(q.poppedA).toBe(0);
    q.push(100, 1, 2000, 0); // the same instant as the waiting ones: after all of them
    q.push(100.5, 1, 2001, 0); // later in the window than the waiting ones, before 101.5
    q.push(99, 1, 2002, 0); // before the waiting ones (the engine never does this; the queue still orders it)
    expect(q.peekTime()).toBe(99);
    expect(q.size).toBe(1004);
    expect(drain(q).map((e) => e.a)).toEqual([
      2002,
      ...Array.from({ length: 999 }, (_, i) => i + 1),
      2000,
      2001,
      1000,
      1001,
    ]);
  });

  it('peeks the next time without consuming it; Infinity when empty', () => {
    const q = new EventQueue();
    expect(q.peekTime()).toBe(Infinity);
    q.push(FAR[1], 1, 0, 0);
    q.push(42, 1, 1, 0);
    expect(q.peekTime()).toBe(42);
    expect(q.size).toBe(2);
    // An event scheduled after a peek moved the calendar forward still comes first.
    q.push(41, 1, 2, 0);
    expect(drain(q).map((e) => e.time)).toEqual([41, 42, FAR[1]]);
    expect(q.size).toBe(0);
    expect(q.pop()).toBe(false);
  });

  it('popUntil stops before an event later than its limit and leaves it queued', () => {
    const q = new EventQueue();
    q.push(5, 1, 0, 0);
    q.push(10, 1, 1, 0);
    q.push(10, 1, 2, 0);
    q.push(FAR[0], 1, 3, 0);
    const seen: number[] = [];
    while (q.popUntil(10)) seen.push(q.poppedA);
    expect(seen).toEqual([0, 1, 2]);
    expect(q.popUntil(FAR[0] - 1)).toBe(false);
    expect(q.size).toBe(1);
    expect(q.popUntil(FAR[0])).toBe(true);
  });

  it('keeps its order through growth: 20 000 events spread over an hour', () => {
    const q = new EventQueue();
    const times: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const t = ((i * 7919) % 3_600_000) + (i % 3) * 0.5;
      times.push(t);
      q.push(t, 1, i, 0);
    }
    const popped = drain(q);
    const expected = times.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t || x.i - y.i);
    expect(popped.map((e) => e.a)).toEqual(expected.map((e) => e.i));
  });

  it('sorts a window of thousands of shuffled entries by time, ties in scheduling order (a synchronised fleet)', () => {
    const q = new EventQueue();
    const times: number[] = [];
    let s = 7;
    for (let i = 0; i < 5000; i++) {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      // 250 distinct instants in one 2 ms window, as jittered arrivals rounded to the microsecond.
      const t = 60_000 + (s % 250) / 125;
      times.push(t);
      q.push(t, 1, i, 0);
    }
    const expected = times.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t || x.i - y.i);
    expect(drain(q).map((e) => e.a)).toEqual(expected.map((e) => e.i));
  });

  it('takes a far event that falls due before the next filled epoch, after the calendar ran dry', () => {
    const q = new EventQueue();
    q.push(600_000, 1, 0, 0); // beyond the horizon when scheduled
    q.push(550_000, 1, 1, 0);
    expect(q.pop()).toBe(true);
    expect(q.poppedA).toBe(1);
    q.push(700_000, 1, 2, 0); // a later epoch within the horizon, while the current epoch is empty
    q.push(599_000.5, 1, 3, 0);
    expect(drain(q).map((e) => [e.time, e.a])).toEqual([
      [599_000.5, 3],
      [600_000, 0],
      [700_000, 2],
    ]);
  });

  // The reference: every pending event in a list, the smallest (time, sequence) popped each time.
  type Op = { push: number } | { pop: true };
  const time = fc.oneof(
    fc.integer({ min: 0, max: 50 }),
    fc.integer({ min: 0, max: 2_000_000 }),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
    fc.constantFrom(0, 1, 2, 524_288, 1_048_576, 1_048_577, 2 ** 33),
  );
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 3, arbitrary: time.map((t) => ({ push: t })) },
    { weight: 2, arbitrary: fc.constant({ pop: true as const }) },
  );

  it('pops in the same order as a sorted reference, for any interleaving of pushes and pops', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.boolean(), (ops, monotone) => {
        const q = new EventQueue();
        const pending: { t: number; seq: number }[] = [];
        let seq = 0;
        let clock = 0;
        const popBoth = (): void => {
          pending.sort((x, y) => x.t - y.t || x.seq - y.seq);
          const want = pending.shift();
          expect(q.pop()).toBe(want !== undefined);
          if (want === undefined) return;
          expect([q.poppedTime, q.poppedA]).toEqual([want.t, want.seq]);
          clock = want.t;
        };
        for (const o of ops) {
          if ('pop' in o) {
            popBoth();
          } else {
            // As the engine does (never before the clock), or anywhere when not monotone.
            const t = monotone ? clock + o.push : o.push;
            pending.push({ t, seq });
            q.push(t, 1, seq++, 0);
          }
          expect(q.size).toBe(pending.length);
        }
        while (pending.length > 0) popBoth();
        expect(q.pop()).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('EventHeap', () => {
  it('pops by (time, sequence) against a sorted reference', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3000 }), (times) => {
        const heap = new EventHeap();
        times.forEach((t, i) => heap.push(t, i, 0, i, 0));
        const expected = times.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t || x.i - y.i);
        for (const e of expected) {
          expect(heap.pop()).toBe(true);
          expect([heap.poppedTime, heap.poppedA]).toEqual([e.t, e.i]);
        }
        expect(heap.pop()).toBe(false);
        expect(heap.peekTime()).toBe(Infinity);
      }),
      { numRuns: 50 },
    );
  });
});
