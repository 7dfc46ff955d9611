// Counts per time bucket and column, for series that grow with a trace of unknown length (a live
// trace, an import): the grid extends as later times arrive, and once it would pass MAX_BUCKETS it
// merges every ten buckets into one, so memory stays bounded and bucket widths stay powers of ten.

import { MAX_BUCKETS } from './buckets';

/**
 * A read-only view of bucket counts: counts[bucket × stride + offset + col]. The page's grid and the
 * worker's PacketTypeCounts are both read through one.
 */
export interface GridView {
  readonly bucketMs: number;
  readonly buckets: number;
  readonly counts: Uint32Array;
  readonly stride: number;
  readonly offset: number;
}

export class BucketGrid {
  private widthMs: number;
  private used = 0;
  private data: Uint32Array;

  constructor(
    readonly cols: number,
    bucketMs: number,
    /** Buckets to reserve (the planned run's). */
    capacity = 64,
  ) {
    this.widthMs = bucketMs;
    this.data = new Uint32Array(Math.max(1, Math.min(MAX_BUCKETS, capacity)) * cols);
  }

  get bucketMs(): number {
    return this.widthMs;
  }

  /** Buckets in use: up to the latest bucket counted into. */
  get buckets(): number {
    return this.used;
  }

  /** The backing array (valid until the next `bucketOf` that grows or merges). */
  get counts(): Uint32Array {
    return this.data;
  }

  /** The bucket of time `t` (ms ≥ 0), growing or merging the grid as needed; the bucket is in use after. */
  bucketOf(t: number): number {
    let b = Math.floor(Math.max(0, t) / this.widthMs);
    if (b >= this.used) {
      while (b >= MAX_BUCKETS) {
        this.merge();
        b = Math.floor(Math.max(0, t) / this.widthMs);
      }
      const cols = this.cols;
      if ((b + 1) * cols > this.data.length) {
        const next = new Uint32Array(
          Math.min(MAX_BUCKETS, Math.max(b + 1, (this.data.length / cols) * 2)) * cols,
        );
        next.set(this.data);
        this.data = next;
      }
      this.used = b + 1;
    }
    return b;
  }

  view(offset = 0): GridView {
    return {
      bucketMs: this.widthMs,
      buckets: this.used,
      counts: this.data,
      stride: this.cols,
      offset,
    };
  }

  /** Ten buckets into one (in place: bucket b's new home b / 10 is never after it). */
  private merge(): void {
    const cols = this.cols;
    const d = this.data;
    const used = Math.ceil(this.used / 10);
    for (let nb = 0; nb < used; nb++) {
      for (let c = 0; c < cols; c++) {
        let sum = 0;
        const end = Math.min(this.used, nb * 10 + 10);
        for (let b = nb * 10; b < end; b++) sum += d[b * cols + c];
        d[nb * cols + c] = sum;
      }
    }
    d.fill(0, used * cols);
    this.used = used;
    this.widthMs *= 10;
  }
}
