// Reusable coordinate buffers: a layer collects all segments (or rectangles) of one style while it walks
// the visible tiles, then strokes (or fills) them as one path. The buffers live as long as the module
// and only grow, so a frame allocates nothing in proportion to the trace.

import type { Draw2D } from './draw2d';

/** The buffer's contents in one twice as large. */
function doubled(data: Float32Array<ArrayBuffer>): Float32Array<ArrayBuffer> {
  const next = new Float32Array(data.length * 2);
  next.set(data);
  return next;
}

export class SegmentBuffer {
  private data = new Float32Array(1024);
  private n = 0;

  get length(): number {
    return this.n / 4;
  }

  clear(): void {
    this.n = 0;
  }

  add(x0: number, y0: number, x1: number, y1: number): void {
    if (this.n + 4 > this.data.length) this.data = doubled(this.data);
    const d = this.data;
    d[this.n++] = x0;
    d[this.n++] = y0;
    d[this.n++] = x1;
    d[this.n++] = y1;
  }

  /** Strokes every segment as one path with the context's current stroke style; then clears. */
  stroke(ctx: Draw2D): void {
    if (this.n === 0) return;
    const d = this.data;
    ctx.beginPath();
    for (let i = 0; i < this.n; i += 4) {
      ctx.moveTo(d[i], d[i + 1]);
      ctx.lineTo(d[i + 2], d[i + 3]);
    }
    ctx.stroke();
    this.n = 0;
  }
}

export class RectBuffer {
  private data = new Float32Array(512);
  private n = 0;

  get length(): number {
    return this.n / 4;
  }

  clear(): void {
    this.n = 0;
  }

  add(x: number, y: number, w: number, h: number): void {
    if (this.n + 4 > this.data.length) this.data = doubled(this.data);
    const d = this.data;
    d[this.n++] = x;
    d[this.n++] = y;
    d[this.n++] = w;
    d[this.n++] = h;
  }

  /** Fills every rectangle as one path with the current fill style; then clears. */
  fill(ctx: Draw2D): void {
    if (this.n === 0) return;
    const d = this.data;
    ctx.beginPath();
    for (let i = 0; i < this.n; i += 4) ctx.rect(d[i], d[i + 1], d[i + 2], d[i + 3]);
    ctx.fill();
    this.n = 0;
  }
}

/** Polygons of four points (wedges), filled as one path. */
export class QuadBuffer {
  private data = new Float32Array(1024);
  private n = 0;

  get length(): number {
    return this.n / 8;
  }

  clear(): void {
    this.n = 0;
  }

  add(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, x3: number, y3: number): void {
    if (this.n + 8 > this.data.length) this.data = doubled(this.data);
    const d = this.data;
    d[this.n++] = x0;
    d[this.n++] = y0;
    d[this.n++] = x1;
    d[this.n++] = y1;
    d[this.n++] = x2;
    d[this.n++] = y2;
    d[this.n++] = x3;
    d[this.n++] = y3;
  }

  fill(ctx: Draw2D): void {
    if (this.n === 0) return;
    const d = this.data;
    ctx.beginPath();
    for (let i = 0; i < this.n; i += 8) {
      ctx.moveTo(d[i], d[i + 1]);
      ctx.lineTo(d[i + 2], d[i + 3]);
      ctx.lineTo(d[i + 4], d[i + 5]);
      // fill() closes each subpath itself (closePath on a path of thousands of subpaths is slow in Skia).
      ctx.lineTo(d[i + 6], d[i + 7]);
    }
    ctx.fill();
    this.n = 0;
  }
}
