// Growable typed-array columns. Capacity grows by half, so appending n rows still copies O(n) values
// in all, but a column never holds more than half again what it uses, and the moment of a copy (old
// and new column alive together) costs 2.5 × the rows rather than 3 × with doubling: the peak memory
// of a long run kept whole is set by its last copy.

export type Column = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** A copy of `col` with room for `capacity` rows (the first `length` kept). */
export function resized<C extends Column>(col: C, capacity: number, length: number): C {
  const next = new (col.constructor as new (n: number) => C)(capacity);
  next.set(col.subarray(0, Math.min(length, capacity)));
  return next;
}

/** Capacity after growing to fit one more row than `capacity`. */
export function nextCapacity(capacity: number): number {
  return Math.max(16, capacity + (capacity >> 1));
}

/**
 * `col`, or a copy of it (doubled, or more, from at least `minimum`) with room for index `at`: for
 * tables indexed by an id that only grows (a connection, a client), where no peak is at stake.
 */
export function withRoomFor<C extends Column>(col: C, at: number, minimum = 1024): C {
  if (at < col.length) return col;
  let size = Math.max(minimum, col.length * 2);
  while (size <= at) size *= 2;
  return resized(col, size, col.length);
}
