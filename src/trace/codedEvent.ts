// Connection and session events as a code. A run of 100 000 clients opens 200 000 connection ends
// and creates 100 000 sessions before its first ping: as objects they were most of what the worker
// cloned into messages, what the page cloned back out and adopted, and what its garbage collector
// then traced. Every field of such an event fits the store's columns (time, client, connection, and
// one byte for side, state and reason), so it travels and is kept as a row alone and is made again
// as an object only when someone reads it.

import {
  CONN_STATES,
  KIND_INDEX,
  NO_CODE,
  REASONS,
  SESSION_STATE_INDEX,
  SESSION_STATES,
  SIDES,
  codeOf,
  encodeConnCode,
} from './codes';
import type { ConnEvent, NonPacketEvent, SessionEvent } from './types';

export const CONN_KIND = KIND_INDEX.get('conn') ?? 1;
export const SESSION_KIND = KIND_INDEX.get('session') ?? 6;

/** Own enumerable keys of `e`, counted without allocating. */
function keyCount(e: object): number {
  let n = 0;
  for (const key in e) if (Object.hasOwn(e, key)) n++;
  return n;
}

/**
 * The code of `e` when its kind, code, client and connection say all of it (`codedEvent` makes the
 * same fields again, in the simulator's key order); NO_CODE when anything else is in it
 * (a live event's `source`, a resumed session's `queued`, an unknown value).
 */
export function eventCode(e: NonPacketEvent): number {
  if (e.kind !== 'conn' && e.kind !== 'session') return NO_CODE;
  if (typeof e.t !== 'number' || typeof e.client !== 'string') return NO_CODE;
  if (e.kind === 'conn') {
    if ((e.conn | 0) !== e.conn || keyCount(e) !== 7) return NO_CODE;
    return encodeConnCode(e.state, e.side, e.reason);
  }
  if (keyCount(e) !== 4) return NO_CODE;
  return codeOf(SESSION_STATE_INDEX, e.state);
}

/** The event that `eventCode` coded: `kind` is CONN_KIND or SESSION_KIND, `conn` ignored for a session. */
export function codedEvent(
  kind: number,
  t: number,
  client: string,
  conn: number,
  code: number,
): ConnEvent | SessionEvent {
  if (kind === SESSION_KIND) return { t, kind: 'session', client, state: SESSION_STATES[code] };
  return {
    t,
    kind: 'conn',
    client,
    conn,
    side: SIDES[(code >> 1) & 1],
    state: CONN_STATES[code & 1],
    reason: REASONS[code >> 2],
  };
}
