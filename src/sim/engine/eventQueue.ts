// The simulation's event queue: a two-level calendar of time buckets in front of a small heap.
//
// Why not one heap: 100 000 clients keep about 400 000 timers pending, and a pop from a heap that
// size costs ~340 ns in V8 (sift-down through 9 levels of cache misses; `npm run bench` compares
// both). Nearly every event is scheduled far ahead (the next ping in K seconds), so it is filed into
// the bucket of its time window in O(1) and only enters the heap when the clock reaches that window.
// The heap then holds one window's events, a handful, and stays in cache. Events beyond the
// calendar's horizon wait in a second heap and join when due.
//
// Why two levels: with one bucket per 2 ms window over the whole horizon (262 144 buckets), every
// event was written to, and later read from, a random place in megabytes of buckets: two cache misses
// per event, a third of a 100 000-client run. Now an event due in a later epoch (1 s) is appended to
// that epoch's coarse bucket (512 of them: their ends stay in cache), and when the clock enters the
// epoch its coarse bucket is streamed into the epoch's 512 fine buckets, which also stay in cache.
// An event is copied once more, but every copy is sequential or cache-resident.
//
// Order is exactly (time, sequence): the sequence is assigned when an event is scheduled, and
// every event of the current window is loaded before any of them is popped, so ties stay FIFO and
// a run is reproducible (the SimPy rule). A bucket holds its entries in the order they were filed,
// which is sequence order: an epoch's coarse bucket is spread into its fine buckets before anything
// else is filed into them.
//
// A window's bucket is loaded as a run of (time, entry) pairs in order, popped from its front and
// merged with the heap, which then holds only what is scheduled into the current window meanwhile
// (and far events now due). The entries stay where they were filed: the pairs point at them. A fleet
// that connected at one instant files its 100 000 pings at one instant, in order: a heap of 100 000
// entries cost a dozen cache misses per pop, the run one sequential read. Pairs out of order are
// sorted, two numbers moved per step instead of a whole entry (sortRun).

import { Buckets, NONE, entryF64, entryI32 } from './buckets';
import { EventHeap } from './eventHeap';

/** Fine window, ms: a window holds a handful of events at fleet scale (measured best of 1-16 ms). */
const WINDOW_MS = 2;
/** Fine windows per epoch: an epoch is 1.024 s. */
const EPOCH_WINDOWS = 512;
/** Coarse buckets: the horizon is 512 epochs ≈ 524 s, past a 300 s publish period. */
const EPOCHS = 512;
const FINE_CHUNK = 16;
const COARSE_CHUNK = 64;
// A bucket entry keeps no sequence: within a bucket, filing order is sequence order, and at one time
// a far event that joins the heap at a window's load was scheduled before every event of the window's
// bucket (a time goes far only while it is beyond the horizon, and the horizon only moves forward),
// while any other event in the heap was scheduled after the load. Kind and a share one int32 word.
const KIND_BITS = 5;
const KIND_MASK = (1 << KIND_BITS) - 1;
/** Bits left for argument a: 0 ≤ a < 2^27 (connections, devices, sessions, wire tickets modulo 2^27). */
const A_BITS = 32 - KIND_BITS;
const INITIAL_RUN = 1024;
/** Windows of up to this many entries are sorted by insertion alone (a spread-out fleet's: a handful); more are counted into slots first. */
const SORT_SLOTS_MIN = 32;
/** Most slots a window is counted into (a synchronised fleet's window: thousands of entries). */
const SORT_SLOTS_MAX = 4096;

export class EventQueue {
  private readonly near = new EventHeap();
  private readonly far = new EventHeap();
  /** The current epoch's windows. */
  private readonly fine = new Buckets(EPOCH_WINDOWS, FINE_CHUNK, 256);
  /** Later epochs within the horizon, by epoch modulo EPOCHS. */
  private readonly coarse = new Buckets(EPOCHS, COARSE_CHUNK, 64);
  /** Index of the window that is loaded (windows before it are spent), and of its epoch. */
  private window = 0;
  private epoch = 0;
  private nextSeq = 0;
  // The loaded window as a run: its (time, fine entry) pairs in (time, sequence) order, popped from
  // runStart up to runEnd. The entries stay in the window's chunks, which are held (not reused by
  // events filed meanwhile) until the next window is loaded.
  private runTimes = new Float64Array(INITIAL_RUN);
  private runEntries = new Int32Array(INITIAL_RUN);
  private runStart = 0;
  private runEnd = 0;
  private heldChunks = NONE;
  /** The sequence the next event scheduled after the window's load gets (see popUntil). */
  private loadSeq = 0;
  // sortRun's scratch: the pairs' other buffer, and the entries per slot.
  private spareTimes = new Float64Array(0);
  private spareEntries = new Int32Array(0);
  private readonly slotCount = new Int32Array(SORT_SLOTS_MAX + 1);

  poppedTime = 0;
  poppedKind = 0;
  poppedA = 0;
  poppedB = 0;

  get size(): number {
    return (
      this.near.size + (this.runEnd - this.runStart) + this.fine.count + this.coarse.count + this.far.size
    );
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    if (this.near.size === 0 && this.runStart === this.runEnd && !this.advance()) return Infinity;
    const nearTime = this.near.peekTime();
    if (this.runStart === this.runEnd) return nearTime;
    const runTime = this.runTimes[this.runStart];
    return runTime < nearTime ? runTime : nearTime;
  }

  push(time: number, kind: number, a: number, b: number): void {
    if (a >>> A_BITS !== 0) throw new RangeError(`event argument a = ${a} is outside 0 … 2^${A_BITS} − 1`);
    const seq = this.nextSeq++;
    const w = Math.floor(time / WINDOW_MS);
    if (w <= this.window) {
      this.near.push(time, seq, kind, a, b);
      return;
    }
    // Division, not a shift: a window index may pass 2^31 (a time 50 days ahead). `&` keeps the low
    // bits of any integer below 2^53, so it picks buckets correctly.
    const e = Math.floor(w / EPOCH_WINDOWS);
    if (e === this.epoch) {
      this.fine.file(w & (EPOCH_WINDOWS - 1), time, (a << KIND_BITS) | kind, b);
    } else if (e - this.epoch < EPOCHS) {
      this.coarse.file(e & (EPOCHS - 1), time, (a << KIND_BITS) | kind, b);
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
      const time = this.runTimes[r];
      const entry = this.runEntries[r];
      const nearTime = near.peekTime();
      // At one time, the heap's event comes first if it was scheduled before the window was loaded.
      if (time < nearTime || (time === nearTime && near.peekSeq() >= this.loadSeq)) {
        if (time > until) return false;
        const i32 = this.fine.i32;
        const i = entryI32(entry);
        const packed = i32[i + 2];
        this.poppedTime = time;
        this.poppedKind = packed & KIND_MASK;
        this.poppedA = packed >>> KIND_BITS;
        this.poppedB = i32[i + 3];
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
    const far = this.far;
    while (this.near.size === 0 && this.runStart === this.runEnd) {
      if (this.fine.count > 0) {
        // Fine entries are all later in this epoch (filed only there), so this stays in the epoch.
        this.window++;
      } else {
        // Nothing left in this epoch: straight to the next epoch, or to the far heap's earliest window
        // if that comes first (an event beyond the horizon when scheduled may be due before the
        // calendar's next one).
        const nextEpochWindow = (this.epoch + 1) * EPOCH_WINDOWS;
        const farWindow = far.size > 0 ? Math.floor(far.peekTime() / WINDOW_MS) : Infinity;
        if (this.coarse.count === 0) {
          if (farWindow === Infinity) return false;
          // The calendar is empty: no coarse bucket to spread, whatever epoch the far event is in.
          this.window = farWindow;
          this.epoch = Math.floor(farWindow / EPOCH_WINDOWS);
        } else if (farWindow < nextEpochWindow) {
          this.window = farWindow;
        } else {
          this.window = nextEpochWindow;
          this.enterEpoch(this.epoch + 1);
        }
      }
      this.load(this.window);
    }
    return true;
  }

  /** The clock enters epoch `e`: its coarse bucket is spread into the (empty) fine buckets. */
  private enterEpoch(e: number): void {
    this.epoch = e;
    const coarse = this.coarse;
    const fine = this.fine;
    const f64 = coarse.f64;
    const i32 = coarse.i32;
    const chunkSize = coarse.chunkSize;
    let chunk = coarse.take(e & (EPOCHS - 1));
    while (chunk !== NONE) {
      for (let entry = chunk * chunkSize, end = entry + coarse.fill[chunk]; entry < end; entry++) {
        const time = f64[entryF64(entry)];
        const i = entryI32(entry);
        fine.file(Math.floor(time / WINDOW_MS) & (EPOCH_WINDOWS - 1), time, i32[i + 2], i32[i + 3]);
      }
      chunk = coarse.release(chunk);
    }
  }

  /** Loads window `w` (the run and the near heap are empty): its fine bucket, and far events now due. */
  private load(w: number): void {
    const fine = this.fine;
    // The previous window's entries are all popped: its chunks can take new entries.
    fine.releaseAll(this.heldChunks);
    const f64 = fine.f64;
    const chunkSize = fine.chunkSize;
    // Note each entry's time and place, and whether the times increase as filed.
    let n = 0;
    let inOrder = true;
    let previous = -Infinity;
    const first = fine.take(w & (EPOCH_WINDOWS - 1));
    for (let chunk = first; chunk !== NONE; chunk = fine.next[chunk]) {
      const count = fine.fill[chunk];
      if (n + count > this.runTimes.length) this.growRun();
      const times = this.runTimes;
      const entries = this.runEntries;
      for (let entry = chunk * chunkSize, end = entry + count; entry < end; entry++, n++) {
        const time = f64[entryF64(entry)];
        if (time < previous) inOrder = false;
        previous = time;
        times[n] = time;
        entries[n] = entry;
      }
    }
    fine.count -= n;
    this.heldChunks = first;
    this.loadSeq = this.nextSeq;
    this.runStart = 0;
    this.runEnd = n;
    if (!inOrder) this.sortRun(n, w);
    this.joinFar(w);
  }

  /** Far events due in window `w` join the near heap. */
  private joinFar(w: number): void {
    const windowEnd = (w + 1) * WINDOW_MS;
    const far = this.far;
    const near = this.near;
    while (far.size > 0 && far.peekTime() < windowEnd) {
      far.pop();
      near.push(far.poppedTime, far.poppedSeq, far.poppedKind, far.poppedA, far.poppedB);
    }
  }

  /**
   * Sorts the first n (time, entry) pairs of window `w` by time, stably, so entries of one time keep
   * their filing order, which is their sequence order. A counting sort by the time's place in the
   * window (about one entry per slot) leaves only neighbours to swap, which one insertion pass does:
   * linear in n, where an insertion sort of a spread-out fleet's 16 shuffled entries moved each four
   * times, and a synchronised fleet's windows of thousands of jittered arrivals needed a merge sort.
   */
  private sortRun(n: number, w: number): void {
    const times = this.runTimes;
    const entries = this.runEntries;
    if (n > SORT_SLOTS_MIN) {
      let slots = SORT_SLOTS_MIN;
      while (slots < n && slots < SORT_SLOTS_MAX) slots *= 2;
      if (this.spareTimes.length < times.length) {
        this.spareTimes = new Float64Array(times.length);
        this.spareEntries = new Int32Array(times.length);
      }
      const count = this.slotCount;
      count.fill(0, 0, slots + 1);
      const start = w * WINDOW_MS;
      const scale = slots / WINDOW_MS;
      const last = slots - 1;
      for (let k = 0; k < n; k++) {
        const slot = Math.floor((times[k] - start) * scale);
        count[(slot < last ? slot : last) + 1]++;
      }
      for (let slot = 1; slot <= slots; slot++) count[slot] += count[slot - 1];
      const toTimes = this.spareTimes;
      const toEntries = this.spareEntries;
      for (let k = 0; k < n; k++) {
        const time = times[k];
        const slot = Math.floor((time - start) * scale);
        const at = count[slot < last ? slot : last]++;
        toTimes[at] = time;
        toEntries[at] = entries[k];
      }
      this.runTimes = toTimes;
      this.runEntries = toEntries;
      this.spareTimes = times;
      this.spareEntries = entries;
    }
    insertionSort(this.runTimes, this.runEntries, n);
  }

  private growRun(): void {
    const capacity = this.runTimes.length * 2;
    // The spare buffers are only scratch: sortRun grows them when it needs them.
    const times = new Float64Array(capacity);
    times.set(this.runTimes);
    const entries = new Int32Array(capacity);
    entries.set(this.runEntries);
    this.runTimes = times;
    this.runEntries = entries;
  }
}

/** Stable insertion sort of the first n pairs by time. */
function insertionSort(times: Float64Array, entries: Int32Array, n: number): void {
  for (let k = 1; k < n; k++) {
    const time = times[k];
    if (time >= times[k - 1]) continue;
    const entry = entries[k];
    let j = k;
    do {
      times[j] = times[j - 1];
      entries[j] = entries[j - 1];
      j--;
    } while (j > 0 && times[j - 1] > time);
    times[j] = time;
    entries[j] = entry;
  }
}
