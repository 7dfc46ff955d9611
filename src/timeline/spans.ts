// Connection state bands: what each side believes about one connection over time.
//   open        both sides hold it
//   connecting  the client opened it, the broker has not accepted it (yet)
//   closing     one side closed it and the other learns of it from that close (FIN or DISCONNECT in
//               flight; or the broker dropped it and the client has not noticed yet)
//   half-open   the client is gone but the broker still holds it, and will only find out by its keep
//               alive deadline (or a take-over): the state a powered-off device leaves behind
// Outside these the lane shows "closed".

import { REASON_INDEX } from '../trace/codes';
import type { ConnTable } from './connections';

export const SPAN_STATES = ['connecting', 'open', 'closing', 'half-open'] as const;
export type SpanState = (typeof SPAN_STATES)[number];
export const SPAN_CONNECTING = 0;
export const SPAN_OPEN = 1;
export const SPAN_CLOSING = 2;
export const SPAN_HALF_OPEN = 3;

/** Broker close reasons that mean the broker learned of the close from the client itself. */
const LEARNED_FROM_CLIENT = new Set(
  ['client-disconnect', 'disconnect-with-will', 'network-error'].map((r) => REASON_INDEX.get(r) ?? -1),
);

/** Up to three segments of one connection; reused between calls (no allocation per frame). */
export class SpanSegments {
  readonly start = new Float64Array(4);
  readonly end = new Float64Array(4);
  readonly state = new Uint8Array(4);
  length = 0;
}

/**
 * The state segments of connection `slot`, up to `now` for a side still open. A side that never
 * reported (a live trace seen from one side only) is taken to mirror the other: the client side when
 * the broker has no events, the broker side when it has none but did send packets on the connection.
 */
export function connSegments(table: ConnTable, slot: number, now: number, out: SpanSegments): SpanSegments {
  out.length = 0;
  let ca = table.clientOpen[slot];
  let cb = table.clientClose[slot];
  let ba = table.brokerOpen[slot];
  let bb = table.brokerClose[slot];
  const brokerKnown = !(Number.isNaN(ba) && Number.isNaN(bb));
  const clientKnown = !(Number.isNaN(ca) && Number.isNaN(cb));
  if (!clientKnown && !brokerKnown) return out;
  if (!clientKnown) {
    ca = ba;
    cb = bb;
  } else if (!brokerKnown && table.brokerSpoke[slot] === 1) {
    ba = ca;
    bb = cb;
  }
  // A close without an open: open since the connection's first event is unknown; start at the close.
  if (Number.isNaN(ca) && !Number.isNaN(cb)) ca = cb;
  if (Number.isNaN(ba) && !Number.isNaN(bb)) ba = bb;
  if (Number.isNaN(cb)) cb = Math.max(now, ca);
  if (Number.isNaN(bb)) bb = Number.isNaN(ba) ? NaN : Math.max(now, ba);
  const brokerStillOpen = Number.isNaN(table.brokerClose[slot]);
  const learned = !brokerStillOpen && LEARNED_FROM_CLIENT.has(table.brokerReason[slot]);

  // Boundaries in time order (at most four).
  const cuts = [ca, cb, ba, bb].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  for (let k = 0; k + 1 < cuts.length; k++) {
    const x = cuts[k];
    const y = cuts[k + 1];
    if (!(y > x)) continue;
    const inClient = ca <= x && x < cb;
    const inBroker = !Number.isNaN(ba) && ba <= x && x < bb;
    let state: number;
    if (inClient && inBroker) state = SPAN_OPEN;
    else if (inClient) state = Number.isNaN(ba) || x < ba ? SPAN_CONNECTING : SPAN_CLOSING;
    else if (inBroker) state = learned ? SPAN_CLOSING : SPAN_HALF_OPEN;
    else continue;
    const last = out.length - 1;
    if (last >= 0 && out.state[last] === state && out.end[last] === x) {
      out.end[last] = y;
    } else {
      out.start[out.length] = x;
      out.end[out.length] = y;
      out.state[out.length] = state;
      out.length++;
    }
  }
  return out;
}
