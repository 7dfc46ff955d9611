// Stretches of time that a single event does not show but the rules of MQTT make real, derived from
// the trace as it streams in, so the timeline can draw them:
//   will-pending   the broker lost the connection of a client whose will has a Will Delay Interval: the
//                  will waits (MQTT-3.1.3-9) until it is published, or cancelled by the client resuming
//                  its session, or dropped when a clean session replaces it
//   session-kept   the broker keeps a persistent session while its client is offline and queues its
//                  QoS 1/2 messages (MQTT-4.5.0-1 / MQTT-3.1.2-4); it ends when the client resumes
//                  (the queued messages are delivered then), starts clean, or the session expires
//   ping-wait      the client sent PINGREQ and no PINGRESP came "within a reasonable amount of time", so
//                  it gave up on the connection (3.1.1 §3.1.2.10, a SHOULD without a statement id)
// Few per run (one per connection loss at most), so plain arrays suffice.

export type StoryKind = 'will-pending' | 'session-kept' | 'ping-wait';
/** How a story ended; 'open' while it has not (drawn up to the playhead). */
export type StoryOutcome = 'open' | 'published' | 'cancelled' | 'dropped' | 'resumed' | 'expired' | 'timeout';

export interface Story {
  kind: StoryKind;
  lane: number;
  start: number;
  /** NaN while open. */
  end: number;
  /** The row that began it (a close, a PINGREQ) and the row that ended it (-1: none yet). */
  startRow: number;
  endRow: number;
  outcome: StoryOutcome;
  /** will-pending: the delay in seconds; session-kept: messages delivered on resume (-1: unknown). */
  value: number;
}

interface ConnInfo {
  willDelayS: number;
  persistent: boolean;
}

/** Reasons for a close after which the will is discarded, not kept (MQTT-3.14.4-3). */
const NORMAL_CLOSE = 'client-disconnect';

export class StoryTable {
  readonly list: Story[] = [];
  private readonly byLane = new Map<number, number[]>();
  private readonly conns = new Map<number, ConnInfo>();

  /** Stories of a lane in the order they began. */
  laneStories(lane: number): readonly number[] {
    return this.byLane.get(lane) ?? NONE;
  }

  get length(): number {
    return this.list.length;
  }

  /** A CONNECT: what its will delay and session make of a later loss of this connection. */
  connect(conn: number, willDelayS: number, persistent: boolean): void {
    this.conns.set(conn, { willDelayS, persistent });
  }

  /** The broker closed a connection (for any reason). */
  brokerClosed(conn: number, lane: number, t: number, row: number, reason: string): void {
    const info = this.conns.get(conn);
    if (info === undefined) return;
    this.conns.delete(conn);
    if (info.willDelayS > 0 && reason !== NORMAL_CLOSE)
      this.open('will-pending', lane, t, row, info.willDelayS);
    if (info.persistent) this.open('session-kept', lane, t, row, -1);
  }

  /** The broker published a client's will. */
  will(lane: number, t: number, row: number): void {
    this.close('will-pending', lane, t, row, 'published');
  }

  /** A session event of a client: resumed, created (clean start) or expired. */
  session(lane: number, t: number, row: number, state: string, queued: number): void {
    if (state === 'resumed') {
      this.close('will-pending', lane, t, row, 'cancelled');
      this.close('session-kept', lane, t, row, 'resumed', queued);
    } else if (state === 'created') {
      // A clean start ends the old session; a will it did not publish was dropped.
      this.close('will-pending', lane, t, row, 'dropped');
      this.close('session-kept', lane, t, row, 'dropped');
    } else if (state === 'expired') {
      this.close('session-kept', lane, t, row, 'expired');
    }
  }

  /** The client gave up waiting for PINGRESP: the wait ran from its PINGREQ (sent at `from`). */
  pingTimeout(lane: number, from: number, fromRow: number, t: number, row: number): void {
    const i = this.open('ping-wait', lane, from, fromRow, -1);
    this.list[i].end = t;
    this.list[i].endRow = row;
    this.list[i].outcome = 'timeout';
  }

  private open(kind: StoryKind, lane: number, t: number, row: number, value: number): number {
    const i = this.list.length;
    this.list.push({ kind, lane, start: t, end: NaN, startRow: row, endRow: -1, outcome: 'open', value });
    let lanes = this.byLane.get(lane);
    if (lanes === undefined) this.byLane.set(lane, (lanes = []));
    lanes.push(i);
    return i;
  }

  private close(
    kind: StoryKind,
    lane: number,
    t: number,
    row: number,
    outcome: StoryOutcome,
    value?: number,
  ): void {
    for (const i of this.laneStories(lane)) {
      const s = this.list[i];
      if (s.kind !== kind || s.outcome !== 'open') continue;
      s.end = t;
      s.endRow = row;
      s.outcome = outcome;
      if (value !== undefined) s.value = value;
    }
  }

  /** The store dropped its oldest `k` rows: row indices shift (a dropped row becomes -1). */
  dropRows(k: number): void {
    for (const s of this.list) {
      s.startRow = s.startRow < k ? -1 : s.startRow - k;
      if (s.endRow >= 0) s.endRow = s.endRow < k ? -1 : s.endRow - k;
    }
  }
}

const NONE: readonly number[] = Object.freeze([]);
