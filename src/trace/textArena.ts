// Many short strings (PUBLISH payloads) packed into one growable UTF-16 buffer. A JS string costs a
// header, an array slot and often a cons-string tree from the code that built it; copied here it
// costs its 2 bytes a code unit plus a 4-byte offset, and the caller's string can be collected.
import { nextCapacity, resized } from './grow';

/** Code units per String.fromCharCode call, well under engines' argument limits. */
const DECODE_CHUNK = 4096;

export class TextArena {
  private chars = new Uint16Array(0);
  private used = 0;
  /** starts[id] = first code unit of text `id`; it ends where the next one starts. */
  private starts = new Int32Array(0);
  private count = 0;

  /** Stores `text`, returning its id. */
  add(text: string): number {
    const need = this.used + text.length;
    if (need > this.chars.length) {
      let capacity = nextCapacity(this.chars.length);
      while (capacity < need) capacity = nextCapacity(capacity);
      this.chars = resized(this.chars, capacity, this.used);
    }
    if (this.count + 1 >= this.starts.length)
      this.starts = resized(this.starts, nextCapacity(this.starts.length), this.count + 1);
    for (let i = 0; i < text.length; i++) this.chars[this.used + i] = text.charCodeAt(i);
    this.starts[this.count] = this.used;
    this.used = need;
    this.starts[++this.count] = need;
    return this.count - 1;
  }

  get(id: number): string {
    const start = this.starts[id];
    const end = this.starts[id + 1];
    let out = '';
    for (let from = start; from < end; from += DECODE_CHUNK) {
      out += String.fromCharCode(...this.chars.subarray(from, Math.min(end, from + DECODE_CHUNK)));
    }
    return out;
  }

  /** Whether text `id` is `text`, without building a string. */
  equals(id: number, text: string): boolean {
    const start = this.starts[id];
    if (this.starts[id + 1] - start !== text.length) return false;
    for (let i = 0; i < text.length; i++) if (this.chars[start + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  get length(): number {
    return this.count;
  }

  /** Forgets texts 0..id-1 (a bounded live trace dropping its oldest rows): text `id` becomes text 0. */
  dropBefore(id: number): void {
    if (id <= 0) return;
    const k = Math.min(id, this.count);
    const offset = this.starts[k];
    this.chars.copyWithin(0, offset, this.used);
    this.used -= offset;
    for (let i = k; i <= this.count; i++) this.starts[i - k] = this.starts[i] - offset;
    this.count -= k;
  }

  /** Releases spare capacity. */
  trim(): void {
    this.chars = resized(this.chars, this.used, this.used);
    this.starts = resized(this.starts, this.count + 1, this.count + 1);
  }

  memoryBytes(): number {
    return this.chars.byteLength + this.starts.byteLength;
  }
}
