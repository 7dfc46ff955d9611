// Buckets of queued events, each a list of fixed-size chunks in one pooled typed-array store: the
// calendar's storage (eventQueue.ts). An entry is 16 contiguous bytes, a time as float64 and two
// int32 words after it (the queue packs an event's kind and arguments into them), so a chunk is one
// run of memory the CPU streams through, and a bucket is filled and drained in the order its entries
// were filed. Spent chunks go back to a free list and are reused first, while they are still in cache.

export const NONE = -1;

/** Float64 slots per entry (16 bytes): the time, then the two int32 words (int32 slots 2 and 3). */
const ENTRY_F64 = 2;
const ENTRY_I32 = 4;

export class Buckets {
  /** First and last chunk of each bucket, NONE when the bucket is empty. */
  readonly head: Int32Array;
  readonly tail: Int32Array;
  /** Entries per chunk. */
  readonly chunkSize: number;
  /** Entries stored. */
  count = 0;
  // The entries: chunk c holds entries c × chunkSize … c × chunkSize + fill[c] − 1; next[c] is the
  // bucket's (or the free list's) next chunk.
  f64: Float64Array;
  i32: Int32Array;
  fill: Int32Array;
  next: Int32Array;
  private chunks = 0;
  private free = NONE;

  constructor(buckets: number, chunkSize: number, initialChunks: number) {
    this.head = new Int32Array(buckets).fill(NONE);
    this.tail = new Int32Array(buckets).fill(NONE);
    this.chunkSize = chunkSize;
    const buffer = new ArrayBuffer(initialChunks * chunkSize * ENTRY_F64 * 8);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.fill = new Int32Array(initialChunks);
    this.next = new Int32Array(initialChunks);
  }

  /** Appends an entry to the end of `bucket`. */
  file(bucket: number, time: number, x: number, y: number): void {
    let chunk = this.tail[bucket];
    if (chunk === NONE || this.fill[chunk] === this.chunkSize) {
      const fresh = this.allocate();
      if (chunk === NONE) this.head[bucket] = fresh;
      else this.next[chunk] = fresh;
      this.tail[bucket] = fresh;
      chunk = fresh;
    }
    const e = chunk * this.chunkSize + this.fill[chunk]++;
    const f64 = this.f64;
    const i32 = this.i32;
    f64[e * ENTRY_F64] = time;
    i32[e * ENTRY_I32 + 2] = x;
    i32[e * ENTRY_I32 + 3] = y;
    this.count++;
  }

  /** Empties `bucket` and returns its first chunk (NONE when empty); walk it with `release`. */
  take(bucket: number): number {
    const chunk = this.head[bucket];
    this.head[bucket] = NONE;
    this.tail[bucket] = NONE;
    return chunk;
  }

  /**
   * Gives a taken bucket's chunks back, from `chunk` to the end of its list, without touching `count`:
   * a caller that reads entries after taking them (and after filing more) frees them once done.
   */
  releaseAll(chunk: number): void {
    if (chunk === NONE) return;
    let last = chunk;
    while (this.next[last] !== NONE) last = this.next[last];
    this.next[last] = this.free;
    this.free = chunk;
  }

  /** Gives a taken chunk back (its entries read) and returns the next chunk of its bucket. */
  release(chunk: number): number {
    this.count -= this.fill[chunk];
    const following = this.next[chunk];
    this.next[chunk] = this.free;
    this.free = chunk;
    return following;
  }

  private allocate(): number {
    let chunk = this.free;
    if (chunk !== NONE) {
      this.free = this.next[chunk];
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
    const buffer = new ArrayBuffer(capacity * this.chunkSize * ENTRY_F64 * 8);
    const f64 = new Float64Array(buffer);
    f64.set(this.f64);
    this.f64 = f64;
    this.i32 = new Int32Array(buffer);
    const fill = new Int32Array(capacity);
    fill.set(this.fill);
    this.fill = fill;
    const next = new Int32Array(capacity);
    next.set(this.next);
    this.next = next;
  }
}

/** Where entry `e`'s fields sit: its time at `f64[entryF64(e)]`, its words at `i32[entryI32(e) + 2]` and `+ 3`. */
export const entryF64 = (e: number): number => e * ENTRY_F64;
export const entryI32 = (e: number): number => e * ENTRY_I32;
