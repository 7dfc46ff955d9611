// The simulation's event queue: a calendar of time buckets in front of a small heap.
//
// Why not one heap: 100 000 clients keep about 400 000 timers pending, and a pop from a heap that
// size costs ~340 ns in V8 (sift-down through 9 levels of cache misses; `npm run bench`
// compares both). Nearly every event is scheduled far ahead (the next ping in K
// seconds), so it is filed into the bucket of its time window in O(1) and only enters the heap when
// the clock reaches that window. The heap then holds one window's events, a handful, and stays
// in cache. Events beyond the calendar's horizon wait in a second heap and join when due. A bucket
// is a list of chunks of 8 contiguous entries: walking a bucket entry by entry through a linked
// list was the hottest line of a 100 000-client run (a cache miss per entry).
//
// Order is exactly (time, sequence): the sequence is assigned when an event is scheduled, and
// every event of the current window is loaded before any of them is popped, so ties stay FIFO and
// a run is reproducible (the SimPy rule).
//
// A window's bucket is loaded as a sorted run, popped from its front and merged with the heap (which
// then holds only what is scheduled into the current window meanwhile), when its entries were filed
// in (time, sequence) order or are few enough to sort in place; only a big unordered bucket goes
// into the heap. A fleet that connected at one instant files its 100 000 pings at one instant, in
// order: a heap of 100 000 entries cost a dozen cache misses per pop, the run one sequential read.
// A spread-out fleet's window holds a handful of entries, and an insertion sort of them costs fewer
// instructions than pushing them through the heap.

import { EventHeap } from './eventHeap';

/** Bucket width, ms: a window holds a handful of events at fleet scale (measured best of 1-16 ms). */
const WINDOW_MS = 2;
/** Number of buckets: the horizon is WINDOW_MS × BUCKETS ≈ 524 s, past a 300 s publish period. */
const BUCKETS = 1 << 18;
const NONE = -1;
const CHUNK = 8;
const INITIAL_CHUNKS = 256;
const INITIAL_RUN = 1024;
/** Up to this many entries out of order are sorted in place (a fleet's window: a handful); more go to the heap. */
const SORT_IN_PLACE = 64;

export class EventQueue {
  private readonly near = new EventHeap();
  private readonly far = new EventHeap();
  /** First and last chunk of each bucket. */
  private readonly head = new Int32Array(BUCKETS).fill(NONE);
  private readonly tail = new Int32Array(BUCKETS).fill(NONE);
  // Chunks of entries: [time, seq] keys and [kind, a, b, unused] values, CHUNK entries per chunk;
  // per chunk its fill and the next chunk of its bucket (or of the free list).
  private keys = new Float64Array(INITIAL_CHUNKS * CHUNK * 2);
  private values = new Int32Array(INITIAL_CHUNKS * CHUNK * 4);
  private fill = new Int32Array(INITIAL_CHUNKS);
  private next = new Int32Array(INITIAL_CHUNKS);
  private chunks = 0;
  private freeChunks = NONE;
  private inBuckets = 0;
  /** Index of the window that is loaded (windows before it are spent). */
  private window = 0;
  private nextSeq = 0;
  // The loaded window's entries in (time, sequence) order, unless they went into the heap: [time, seq]
  // keys and [kind, a, b, unused] values, popped from runStart up to runEnd.
  private runKeys = new Float64Array(INITIAL_RUN * 2);
  private runValues = new Int32Array(INITIAL_RUN * 4);
  private runStart = 0;
  private runEnd = 0;

  poppedTime = 0;
  poppedKind = 0;
  poppedA = 0;
  poppedB = 0;

  get size(): number {
    return this.near.size + (this.runEnd - this.runStart) + this.inBuckets + this.far.size;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    if (this.near.size === 0 && this.runStart === this.runEnd && !this.advance()) return Infinity;
    const nearTime = this.near.peekTime();
    if (this.runStart === this.runEnd) return nearTime;
    const runTime = this.runKeys[this.runStart * 2];
    return runTime < nearTime ? runTime : nearTime;
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
    let r = this.runStart;
    if (near.size === 0 && r === this.runEnd) {
      if (!this.advance()) return false;
      r = this.runStart;
    }
    if (r < this.runEnd) {
      // The run's front, unless the heap holds an earlier event (or one at the same time, scheduled first).
      const keys = this.runKeys;
      const time = keys[r * 2];
      const nearTime = near.peekTime();
      if (time < nearTime || (time === nearTime && keys[r * 2 + 1] < near.peekSeq())) {
        if (time > until) return false;
        const values = this.runValues;
        this.poppedTime = time;
        this.poppedKind = values[r * 4];
        this.poppedA = values[r * 4 + 1];
        this.poppedB = values[r * 4 + 2];
        this.runStart = r + 1;
        return true;
      }
    }
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
    while (this.near.size === 0 && this.runStart === this.runEnd) {
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

  /** Loads window `w` (the run and the near heap are empty): its bucket, and far events now due. */
  private load(w: number): void {
    const bucket = w & (BUCKETS - 1);
    const keys = this.keys;
    const values = this.values;
    const near = this.near;
    let chunk = this.head[bucket];
    this.head[bucket] = NONE;
    this.tail[bucket] = NONE;
    // Copy the bucket into the run, noting whether it is in order (its sequences increase as filed).
    this.runStart = 0;
    let n = 0;
    let inOrder = true;
    let previous = -Infinity;
    while (chunk !== NONE) {
      const count = this.fill[chunk];
      if ((n + count) * 2 > this.runKeys.length) this.growRun();
      const runKeys = this.runKeys;
      const runValues = this.runValues;
      for (let e = chunk * CHUNK, end = e + count; e < end; e++, n++) {
        const time = keys[e * 2];
        if (time < previous) inOrder = false;
        previous = time;
        runKeys[n * 2] = time;
        runKeys[n * 2 + 1] = keys[e * 2 + 1];
        runValues[n * 4] = values[e * 4];
        runValues[n * 4 + 1] = values[e * 4 + 1];
        runValues[n * 4 + 2] = values[e * 4 + 2];
      }
      this.inBuckets -= count;
      const following = this.next[chunk];
      this.next[chunk] = this.freeChunks;
      this.freeChunks = chunk;
      chunk = following;
    }
    this.runEnd = n;
    if (!inOrder) {
      if (n <= SORT_IN_PLACE) {
        this.sortRun(n);
      } else {
        // Many, out of order: the heap sorts them.
        const runKeys = this.runKeys;
        const runValues = this.runValues;
        for (let i = 0; i < n; i++) {
          near.push(
            runKeys[i * 2],
            runKeys[i * 2 + 1],
            runValues[i * 4],
            runValues[i * 4 + 1],
            runValues[i * 4 + 2],
          );
        }
        this.runEnd = 0;
      }
    }
    const windowEnd = (w + 1) * WINDOW_MS;
    const far = this.far;
    while (far.size > 0 && far.peekTime() < windowEnd) {
      far.pop();
      near.push(far.poppedTime, far.poppedSeq, far.poppedKind, far.poppedA, far.poppedB);
    }
  }

  private file(bucket: number, time: number, seq: number, kind: number, a: number, b: number): void {
    let chunk = this.tail[bucket];
    if (chunk === NONE || this.fill[chunk] === CHUNK) {
      const fresh = this.allocateChunk();
      if (chunk === NONE) this.head[bucket] = fresh;
      else this.next[chunk] = fresh;
      this.tail[bucket] = fresh;
      chunk = fresh;
    }
    const e = chunk * CHUNK + this.fill[chunk]++;
    this.keys[e * 2] = time;
    this.keys[e * 2 + 1] = seq;
    const values = this.values;
    values[e * 4] = kind;
    values[e * 4 + 1] = a;
    values[e * 4 + 2] = b;
    this.inBuckets++;
  }

  /**
   * Insertion sort of the run's first n entries by time. Stable, so entries of one time keep their
   * filing order, which is their sequence order.
   */
  private sortRun(n: number): void {
    const keys = this.runKeys;
    const values = this.runValues;
    for (let i = 1; i < n; i++) {
      const time = keys[i * 2];
      if (time >= keys[i * 2 - 2]) continue;
      const seq = keys[i * 2 + 1];
      const kind = values[i * 4];
      const a = values[i * 4 + 1];
      const b = values[i * 4 + 2];
      let j = i;
      do {
        keys[j * 2] = keys[j * 2 - 2];
        keys[j * 2 + 1] = keys[j * 2 - 1];
        values[j * 4] = values[j * 4 - 4];
        values[j * 4 + 1] = values[j * 4 - 3];
        values[j * 4 + 2] = values[j * 4 - 2];
        j--;
      } while (j > 0 && keys[j * 2 - 2] > time);
      keys[j * 2] = time;
      keys[j * 2 + 1] = seq;
      values[j * 4] = kind;
      values[j * 4 + 1] = a;
      values[j * 4 + 2] = b;
    }
  }

  private growRun(): void {
    const keys = new Float64Array(this.runKeys.length * 2);
    keys.set(this.runKeys);
    const values = new Int32Array(this.runValues.length * 2);
    values.set(this.runValues);
    this.runKeys = keys;
    this.runValues = values;
  }

  private allocateChunk(): number {
    let chunk = this.freeChunks;
    if (chunk !== NONE) {
      this.freeChunks = this.next[chunk];
    } else {
      if (this.chunks === this.fill.length) this.grow();
      chunk = this.chunks++;
    }
    this.fill[chunk] = 0;
    this.next[chunk] = NONE;
    return chunk;
  }

  private grow(): void {
    const capacity = this.fill.length * 2;
    const keys = new Float64Array(capacity * CHUNK * 2);
    keys.set(this.keys);
    const values = new Int32Array(capacity * CHUNK * 4);
    values.set(this.values);
    const fill = new Int32Array(capacity);
    fill.set(this.fill);
    const next = new Int32Array(capacity);
    next.set(this.next);
    this.keys = keys;
    this.values = values;
    this.fill = fill;
    this.next = next;
  }
}
