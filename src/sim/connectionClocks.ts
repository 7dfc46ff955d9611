// The times each connection keeps (last packet sent and received, last arrival per direction, …),
// in Float64Arrays indexed by connection id. V8 keeps a fractional number held in an object field
// as a separate boxed HeapNumber, so reading `conn.lastSent` cost two cache misses per event at
// 100 000 connections; a column costs one.

const FIELDS = 7;

export const CLIENT_LAST_SENT = 0;
export const CLIENT_LAST_RECEIVED = 1;
export const PING_SENT_AT = 2;
export const BROKER_LAST_RECEIVED = 3;
export const BROKER_CONNECTED_AT = 4;
export const LAST_ARRIVAL_TO_BROKER = 5;
export const LAST_ARRIVAL_TO_CLIENT = 6;

export class ConnectionClocks {
  /** FIELDS numbers per connection id. */
  values = new Float64Array(1024 * FIELDS);

  /** Makes room for connection `id` and gives it its starting values. */
  add(id: number): void {
    if ((id + 1) * FIELDS > this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    const at = id * FIELDS;
    this.values.fill(0, at, at + FIELDS);
    this.values[at + PING_SENT_AT] = -1;
  }

  get(id: number, field: number): number {
    return this.values[id * FIELDS + field];
  }

  set(id: number, field: number, value: number): void {
    this.values[id * FIELDS + field] = value;
  }
}
