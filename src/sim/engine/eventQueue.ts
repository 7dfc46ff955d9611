// The simulation's event queue: a calendar of time buckets in front of a small heap.
//
// Why not one heap: 100 000 clients keep about 400 000 timers pending, and a pop from a heap that
// size costs ~340 ns in V8 (sift-down through 9 levels of cache misses; measured in
// tests/sim/engine, see the bench). Nearly every event is scheduled far ahead (the next ping in K
// seconds), so it is filed into the bucket of its time window in O(1) and only enters the heap when
// the clock reaches that window. The heap then holds one window's events, a few hundred, and stays
// in cache. Events beyond the calendar's horizon wait in a second heap and join when due.
//
// Order is exactly (time, sequence): the sequence is assigned when an event is scheduled, and
// every event of the current window is in the near heap before any of them is popped, so ties stay
// FIFO and a run is reproducible (the SimPy rule).

import { EventHeap } from './eventHeap';

/** Bucket width, ms: a window holds a few dozen events at fleet scale (measured best of 2-16 ms). */
const WINDOW_MS = 4;
/** Number of buckets: the horizon is WINDOW_MS × BUCKETS ≈ 524 s, past a 300 s publish period. */
const BUCKETS = 1 << 17;
const NONE = -1;
const INITIAL_POOL = 1024;

export class EventQueue {
  private readonly near = new EventHeap();
  private readonly far = new EventHeap();
  /** First pooled entry of each bucket, and the last (to append in O(1)). */
  private readonly head = new Int32Array(BUCKETS).fill(NONE);
  private readonly tail = new Int32Array(BUCKETS).fill(NONE);
  // Pooled bucket entries: [time, seq] keys, [kind, a, b, next] values, and a free list.
  private keys = new Float64Array(INITIAL_POOL * 2);
  private values = new Int32Array(INITIAL_POOL * 4);
  private poolSize = 0;
  private freeList = NONE;
  private inBuckets = 0;
  /** Index of the window whose events are in the near heap (windows before it are spent). */
  private window = 0;
  private nextSeq = 0;

  poppedTime = 0;
  poppedKind = 0;
  poppedA = 0;
  poppedB = 0;

  get size(): number {
    return this.near.size + this.inBuckets + this.far.size;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    if (this.near.size === 0 && !this.advance()) return Infinity;
    return this.near.peekTime();
  }

  push(time: number, kind: number, a: number, b: number): void {
    const seq = this.nextSeq++;
    const w = Math.floor(time / WINDOW_MS);
    if (w <= this.window) {
      this.near.push(time, seq, kind, a, b);
    } else if (w - this.window < BUCKETS) {
      this.file(w & (BUCKETS - 1), time, seq, kind, a, b);
    } else {
      this.far.push(time, seq, kind, a, b);
    }
  }

  /** Removes the earliest event into the `popped*` fields; returns false when empty. */
  pop(): boolean {
    return this.popUntil(Infinity);
  }

  /** Like pop, but only an event at or before `until`; false when there is none. */
  popUntil(until: number): boolean {
    const near = this.near;
    if (near.size === 0 && !this.advance()) return false;
    if (near.peekTime() > until) return false;
    near.pop();
    this.poppedTime = near.poppedTime;
    this.poppedKind = near.poppedKind;
    this.poppedA = near.poppedA;
    this.poppedB = near.poppedB;
    return true;
  }

  /** Moves the clock's window forward to the next one with events; false when there are none. */
  private advance(): boolean {
    while (this.near.size === 0) {
      if (this.inBuckets === 0) {
        if (this.far.size === 0) return false;
        // Nothing in the calendar: jump straight to the far heap's earliest window.
        this.window = Math.floor(this.far.peekTime() / WINDOW_MS);
      } else {
        this.window++;
      }
      this.load(this.window);
    }
    return true;
  }

  private load(w: number): void {
    const bucket = w & (BUCKETS - 1);
    const keys = this.keys;
    const values = this.values;
    let entry = this.head[bucket];
    this.head[bucket] = NONE;
    this.tail[bucket] = NONE;
    while (entry !== NONE) {
      const next = values[entry * 4 + 3];
      this.near.push(
        keys[entry * 2],
        keys[entry * 2 + 1],
        values[entry * 4],
        values[entry * 4 + 1],
        values[entry * 4 + 2],
      );
      values[entry * 4 + 3] = this.freeList;
      this.freeList = entry;
      this.inBuckets--;
      entry = next;
    }
    const windowEnd = (w + 1) * WINDOW_MS;
    const far = this.far;
    while (far.size > 0 && far.peekTime() < windowEnd) {
      far.pop();
      this.near.push(far.poppedTime, far.poppedSeq, far.poppedKind, far.poppedA, far.poppedB);
    }
  }

  private file(bucket: number, time: number, seq: number, kind: number, a: number, b: number): void {
    let entry = this.freeList;
    if (entry !== NONE) {
      this.freeList = this.values[entry * 4 + 3];
    } else {
      if (this.poolSize * 2 === this.keys.length) this.growPool();
      entry = this.poolSize++;
    }
    const keys = this.keys;
    const values = this.values;
    keys[entry * 2] = time;
    keys[entry * 2 + 1] = seq;
    values[entry * 4] = kind;
    values[entry * 4 + 1] = a;
    values[entry * 4 + 2] = b;
    values[entry * 4 + 3] = NONE;
    const last = this.tail[bucket];
    if (last === NONE) this.head[bucket] = entry;
    else values[last * 4 + 3] = entry;
    this.tail[bucket] = entry;
    this.inBuckets++;
  }

  private growPool(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const values = new Int32Array(this.values.length * 2);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
