// Growable lists of row indices (and other numbers) in typed arrays: the timeline's hot data. A lane
// of a 10 000-client hour holds a few hundred rows; the notable-event list a few thousand; appending
// doubles capacity, so building them over a whole trace copies O(n) values in all.

import { nextCapacity, resized } from '../trace/grow';

const EMPTY_ROWS = new Uint32Array(0);

/** Ascending row indices (rows are appended in trace order). */
export class RowList {
  private data: Uint32Array;
  private n = 0;

  /** `capacity` 0: nothing allocated until the first push (a fleet has many lanes that stay empty). */
  constructor(capacity = 8) {
    this.data = capacity > 0 ? new Uint32Array(capacity) : EMPTY_ROWS;
  }

  get length(): number {
    return this.n;
  }

  push(row: number): void {
    if (this.n === this.data.length) this.data = resized(this.data, nextCapacity(this.data.length), this.n);
    this.data[this.n++] = row;
  }

  at(i: number): number {
    return this.data[i];
  }

  /** The rows as a view, valid until the next push. */
  view(): Uint32Array {
    return this.data.subarray(0, this.n);
  }

  /** Forgets rows below `k` and shifts the others down by `k` (the store dropped its oldest k rows). */
  dropBelow(k: number): void {
    let kept = 0;
    for (let i = 0; i < this.n; i++) {
      const row = this.data[i];
      if (row >= k) this.data[kept++] = row - k;
    }
    this.n = kept;
  }

  /**
   * Inserts `row` keeping the list ordered by `key(row)` (an event appended out of time order, which a
   * valid trace never has): shifts the tail, O(n) but never on the normal path.
   */
  insertSorted(row: number, key: (row: number) => number): void {
    this.push(row);
    const k = key(row);
    let i = this.n - 1;
    while (i > 0 && key(this.data[i - 1]) > k) {
      this.data[i] = this.data[i - 1];
      i--;
    }
    this.data[i] = row;
  }
}
