// A 4-ary min-heap of events in typed arrays, ordered by (time, sequence).
//
// The sequence number makes ties FIFO, as in SimPy: events at one instant run in the order they
// were scheduled, so a run is reproducible whatever the heap's layout. No objects: the hot loop
// pushes and pops millions of events and allocates nothing per event. Each entry's key (time,
// sequence) is interleaved in one Float64Array and its payload (kind, a, b) in one Int32Array, so a
// move touches two cache lines; four children per node halve the depth of a binary heap.

const INITIAL_CAPACITY = 1024;

export class EventHeap {
  /** [time, sequence] per entry. */
  private keys = new Float64Array(INITIAL_CAPACITY * 2);
  /** [kind, a, b, unused] per entry. */
  private values = new Int32Array(INITIAL_CAPACITY * 4);
  private capacity = INITIAL_CAPACITY;
  private count = 0;

  /** The popped event's fields, valid until the next pop. */
  poppedTime = 0;
  poppedSeq = 0;
  poppedKind = 0;
  poppedA = 0;
  poppedB = 0;

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.keys[0] : Infinity;
  }

  /** Sequence of the earliest event; Infinity when empty. */
  peekSeq(): number {
    return this.count > 0 ? this.keys[1] : Infinity;
  }

  /** Adds an event; `seq` must be unique and increase with the order of scheduling. */
  push(time: number, seq: number, kind: number, a: number, b: number): void {
    if (this.count === this.capacity) this.grow();
    const keys = this.keys;
    const values = this.values;
    // Sift up with a hole: move parents down until the new entry's place is found.
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = keys[parent * 2];
      if (pt < time || (pt === time && keys[parent * 2 + 1] < seq)) break;
      keys[i * 2] = pt;
      keys[i * 2 + 1] = keys[parent * 2 + 1];
      values[i * 4] = values[parent * 4];
      values[i * 4 + 1] = values[parent * 4 + 1];
      values[i * 4 + 2] = values[parent * 4 + 2];
      i = parent;
    }
    keys[i * 2] = time;
    keys[i * 2 + 1] = seq;
    values[i * 4] = kind;
    values[i * 4 + 1] = a;
    values[i * 4 + 2] = b;
  }

  /** Removes the earliest event into the `popped*` fields; returns false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const keys = this.keys;
    const values = this.values;
    this.poppedTime = keys[0];
    this.poppedSeq = keys[1];
    this.poppedKind = values[0];
    this.poppedA = values[1];
    this.poppedB = values[2];
    const last = --this.count;
    if (last === 0) return true;
    const time = keys[last * 2];
    const seq = keys[last * 2 + 1];
    // Sift the last entry down from the root with a hole.
    let i = 0;
    for (;;) {
      const first = i * 4 + 1;
      if (first >= last) break;
      // The smallest of up to four children.
      let best = first;
      let bestTime = keys[first * 2];
      let bestSeq = keys[first * 2 + 1];
      const end = first + 4 < last ? first + 4 : last;
      for (let c = first + 1; c < end; c++) {
        const ct = keys[c * 2];
        if (ct < bestTime || (ct === bestTime && keys[c * 2 + 1] < bestSeq)) {
          best = c;
          bestTime = ct;
          bestSeq = keys[c * 2 + 1];
        }
      }
      if (time < bestTime || (time === bestTime && seq < bestSeq)) break;
      keys[i * 2] = bestTime;
      keys[i * 2 + 1] = bestSeq;
      values[i * 4] = values[best * 4];
      values[i * 4 + 1] = values[best * 4 + 1];
      values[i * 4 + 2] = values[best * 4 + 2];
      i = best;
    }
    keys[i * 2] = time;
    keys[i * 2 + 1] = seq;
    values[i * 4] = values[last * 4];
    values[i * 4 + 1] = values[last * 4 + 1];
    values[i * 4 + 2] = values[last * 4 + 2];
    return true;
  }

  private grow(): void {
    this.capacity *= 2;
    const keys = new Float64Array(this.capacity * 2);
    keys.set(this.keys);
    const values = new Int32Array(this.capacity * 4);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
