// Growable typed-array columns: capacity doubles, so appending n rows copies O(n) values in all.

export type Column = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** A copy of `col` with room for `capacity` rows (the first `length` kept). */
export function resized<C extends Column>(col: C, capacity: number, length: number): C {
  const next = new (col.constructor as new (n: number) => C)(capacity);
  next.set(col.subarray(0, Math.min(length, capacity)));
  return next;
}

/** Capacity after growing to fit one more row than `capacity`. */
export function nextCapacity(capacity: number): number {
  return Math.max(16, capacity * 2);
}
