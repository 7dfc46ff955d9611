// Page side of the batch protocol: appends rows of an EncodedBatch to a TraceStore, in pieces so a
// frame never spends long on it. A batch arrives by postMessage (a structured clone), so its objects
// and details are fresh: the store adopts them without copying again. Apply a batch once only.

import { DIRECTIONS } from '../trace/codes';
import { withRoomFor } from '../trace/grow';
import type { TraceStore } from '../trace/store';
import { PACKET_TYPES } from '../trace/types';
import { ROW_CODED, ROW_OBJECT, type EncodedBatch } from './protocol';

/**
 * A run's client table on the page: the client IDs its batches name by index (each batch adds its
 * new ones), and each one's index in the store the rows go to. A fleet's run appends 300 000
 * connection and session rows of 100 000 clients: the store's lookup by ID (hashing the string, then
 * a miss in a table of 100 000) is made once per client instead of once per row.
 */
export class RunClients {
  readonly ids: string[] = [];
  /** Per run client: its store index + 1 (0: not looked up yet), for `store`. */
  private inStore = new Int32Array(64);
  private store: TraceStore | null = null;

  /** The store index of run client `c` in `store`. */
  storeIndex(store: TraceStore, c: number): number {
    if (store !== this.store) {
      this.store = store;
      this.inStore.fill(0);
    }
    this.inStore = withRoomFor(this.inStore, c, 64);
    const known = this.inStore[c];
    if (known > 0) return known - 1;
    const index = store.internClient(this.ids[c]);
    this.inStore[c] = index + 1;
    return index;
  }
}

/**
 * Appends rows [from, to) of `batch` to `store`. `clients` is the run's client table: the batch's
 * new clients are added to it when `from` is 0. Returns the row it stopped at (`to`).
 */
export function applyBatch(
  store: TraceStore,
  clients: RunClients,
  batch: EncodedBatch,
  from = 0,
  to = batch.length,
): number {
  if (from === 0) for (const id of batch.newClients) clients.ids.push(id);
  const { kind, t, arrive, client, conn, type, dir, ref, details, objects } = batch;
  for (let i = from; i < to; i++) {
    const k = kind[i];
    if (k === ROW_OBJECT) {
      // Objects that came in a worker message are the page's own copies: the store keeps them as they are.
      store.adoptEvent(objects[ref[i]]);
      continue;
    }
    if (k === ROW_CODED) {
      store.appendCoded(t[i], dir[i], clients.storeIndex(store, client[i]), conn[i], type[i]);
      continue;
    }
    const a = arrive[i];
    const r = ref[i];
    store.packetOwned(
      t[i],
      DIRECTIONS[dir[i]],
      clients.storeIndex(store, client[i]),
      conn[i],
      PACKET_TYPES[type[i]],
      Number.isNaN(a) ? null : a,
      r === -1 ? null : details[r],
    );
  }
  return to;
}
