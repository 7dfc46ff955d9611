// The clients of a fleet that did anything other than routine traffic: a fault, a keep-alive timeout,
// a will, a take-over, or a reconnect (a second connection the broker accepted). Few in a fleet of
// thousands, and the ones worth looking at: the fleet view lists them first. Kept incrementally from
// the store's columns (conn opens are counted per client in a typed array; the rest are rare).

import { KIND_INDEX, NO_CODE } from '../../trace/codes';
import type { TraceStore } from '../../trace/store';

/**
 * Why a client needs attention: the fault done to it by its action's name (`power-off`, `crash`,
 * `link-down`, …), or `timeout`, `will`, `take-over`, `reconnect`.
 */
export type AttentionReason = string;

export interface AttentionClient {
  client: string;
  /** When it first needed attention, ms. */
  t: number;
  /** In the order they first happened. */
  reasons: AttentionReason[];
}

const K_CONN = KIND_INDEX.get('conn') ?? 1;
const K_TIMEOUT = KIND_INDEX.get('timeout') ?? 2;
const K_WILL = KIND_INDEX.get('will') ?? 3;
const K_TAKEOVER = KIND_INDEX.get('takeover') ?? 4;
const K_FAULT = KIND_INDEX.get('fault') ?? 5;
/** A conn code (codes.ts) of an open on the broker's side: state bit 0 = 0, side bit 1 = 1. */
const OPEN_AT_BROKER = 0b10;

export class AttentionList {
  private opens = new Uint8Array(0);
  private readonly byClient = new Map<number, { t: number; reasons: AttentionReason[] }>();
  private versionN = 0;

  get version(): number {
    return this.versionN;
  }

  get length(): number {
    return this.byClient.size;
  }

  /** Reads rows [from, to) of the store. */
  read(store: TraceStore, from: number, to: number): void {
    const { kind, client, code, t } = store.columns;
    for (let i = from; i < to; i++) {
      const k = kind[i];
      const c = client[i];
      if (c < 0) continue;
      let reason: AttentionReason;
      if (k === K_CONN) {
        const cc = code[i];
        if (cc === NO_CODE || (cc & 0b11) !== OPEN_AT_BROKER) continue;
        if (c >= this.opens.length) {
          const next = new Uint8Array(Math.max(64, (c + 1) * 2));
          next.set(this.opens);
          this.opens = next;
        }
        if (this.opens[c] < 255) this.opens[c]++;
        if (this.opens[c] < 2) continue;
        reason = 'reconnect';
      } else if (k === K_FAULT) {
        const e = store.get(i);
        reason = e.kind === 'fault' ? e.fault : 'fault';
      } else if (k === K_TIMEOUT) reason = 'timeout';
      else if (k === K_WILL) reason = 'will';
      else if (k === K_TAKEOVER) reason = 'take-over';
      else continue;
      let entry = this.byClient.get(c);
      if (entry === undefined) {
        entry = { t: t[i], reasons: [] };
        this.byClient.set(c, entry);
      }
      if (!entry.reasons.includes(reason)) {
        entry.reasons.push(reason);
        this.versionN++;
      }
    }
  }

  /** The clients in the order they first needed attention. */
  list(store: TraceStore): AttentionClient[] {
    const ids = store.clientIds();
    const out: AttentionClient[] = [];
    for (const [c, e] of this.byClient) out.push({ client: ids[c], t: e.t, reasons: [...e.reasons] });
    return out.sort((a, b) => a.t - b.t);
  }
}
