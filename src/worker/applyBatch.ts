// Page side of the batch protocol: appends rows of an EncodedBatch to a TraceStore, in pieces so a
// frame never spends long on it. A batch arrives by postMessage (a structured clone), so its objects
// and details are fresh: the store adopts them without copying again. Apply a batch once only.

import { DIRECTIONS } from '../trace/codes';
import type { TraceStore } from '../trace/store';
import { PACKET_TYPES } from '../trace/types';
import { ROW_CODED, ROW_OBJECT, type EncodedBatch } from './protocol';

/**
 * Appends rows [from, to) of `batch` to `store`. `clients` is the run's client table: the batch's
 * new clients are added to it when `from` is 0. Returns the row it stopped at (`to`).
 */
export function applyBatch(
  store: TraceStore,
  clients: string[],
  batch: EncodedBatch,
  from = 0,
  to = batch.length,
): number {
  if (from === 0) for (const id of batch.newClients) clients.push(id);
  const { kind, t, arrive, client, conn, type, dir, ref, details, objects } = batch;
  for (let i = from; i < to; i++) {
    const k = kind[i];
    if (k === ROW_OBJECT) {
      // Objects that came in a worker message are the page's own copies: the store keeps them as they are.
      store.adoptEvent(objects[ref[i]]);
      continue;
    }
    if (k === ROW_CODED) {
      store.appendCoded(t[i], dir[i], clients[client[i]], conn[i], type[i]);
      continue;
    }
    const a = arrive[i];
    const r = ref[i];
    store.packetOwned(
      t[i],
      DIRECTIONS[dir[i]],
      clients[client[i]],
      conn[i],
      PACKET_TYPES[type[i]],
      Number.isNaN(a) ? null : a,
      r === -1 ? null : details[r],
    );
  }
  return to;
}
