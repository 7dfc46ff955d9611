// A simulation's connection and session events are kept and sent as a code: every one of them comes
// back the same, and anything the code cannot say keeps the event an object.

import { describe, expect, it } from 'vitest';
import { CONN_KIND, SESSION_KIND, codedEvent, eventCode } from '../../src/trace/codedEvent';
import { NO_CODE, REASONS, SESSION_STATES } from '../../src/trace/codes';
import type { ConnEvent, NonPacketEvent, SessionEvent } from '../../src/trace/types';

const conns: ConnEvent[] = [];
for (const side of ['client', 'broker'] as const)
  for (const state of ['open', 'closed'] as const)
    for (const reason of REASONS)
      conns.push({ t: 1.25, kind: 'conn', client: 'sensor-7', conn: 42, side, state, reason });
const sessions: SessionEvent[] = SESSION_STATES.map((state) => ({
  t: 3,
  kind: 'session',
  client: 'sensor-7',
  state,
}));

describe('coded events', () => {
  it('makes every simulated conn event again from its code, keys in the same order', () => {
    for (const e of conns) {
      const code = eventCode(e);
      expect(code).not.toBe(NO_CODE);
      expect(JSON.stringify(codedEvent(CONN_KIND, e.t, e.client, e.conn, code))).toBe(JSON.stringify(e));
    }
    expect(new Set(conns.map(eventCode)).size).toBe(conns.length);
  });

  it('makes every session event without queued messages again from its code', () => {
    for (const e of sessions) {
      const code = eventCode(e);
      expect(code).not.toBe(NO_CODE);
      expect(JSON.stringify(codedEvent(SESSION_KIND, e.t, e.client, -1, code))).toBe(JSON.stringify(e));
    }
  });

  it('leaves to an object what a code cannot say: a source, queued messages, an odd connection, other kinds', () => {
    const cannot: NonPacketEvent[] = [
      { ...conns[0], source: 'probe' },
      { ...conns[0], conn: 1.5 },
      { t: 3, kind: 'session', client: 'a', state: 'resumed', queued: 4 },
      { t: 3, kind: 'timeout', client: 'a', conn: 1, side: 'broker', keepAlive: 10, lastActivity: 0 },
      { t: 3, kind: 'fault', target: 'broker', fault: 'broker-restart' },
    ];
    for (const e of cannot) expect(eventCode(e)).toBe(NO_CODE);
  });
});
