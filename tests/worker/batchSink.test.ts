// The batch sink finds a packet's client by its connection id (a connection belongs to one client),
// in front of the client-ID map: the rows name the right client, whatever the ids look like.

import { describe, expect, it } from 'vitest';
import { TraceStore } from '../../src/trace';
import { RunClients, applyBatch } from '../../src/worker/applyBatch';
import type { NonPacketEvent } from '../../src/trace/types';
import { ActivityCounter } from '../../src/worker/activity';
import { BatchSink } from '../../src/worker/batchSink';

function rows(sink: BatchSink): { client: string; conn: number }[] {
  const store = new TraceStore();
  const clients = new RunClients();
  const batch = sink.take();
  if (batch !== null) applyBatch(store, clients, batch);
  return [...store].map((e) => ({
    client: 'client' in e ? (e.client as string) : '',
    conn: 'conn' in e ? (e.conn as number) : -1,
  }));
}

describe('BatchSink', () => {
  it('names the client of each packet, for any connection id', () => {
    const sink = new BatchSink();
    const packet = (client: string, conn: number): void =>
      sink.packet(0, 'c2b', client, conn, 'PINGREQ', 1, null);
    packet('a', 1);
    packet('b', 2);
    packet('a', 1);
    packet(['b'].join(''), 2); // an equal string that is not the same object
    packet('c', 3);
    packet('a', 0);
    packet('b', -3);
    packet('c', 2 ** 30);
    expect(rows(sink)).toEqual([
      { client: 'a', conn: 1 },
      { client: 'b', conn: 2 },
      { client: 'a', conn: 1 },
      { client: 'b', conn: 2 },
      { client: 'c', conn: 3 },
      { client: 'a', conn: 0 },
      { client: 'b', conn: -3 },
      { client: 'c', conn: 2 ** 30 },
    ]);
  });

  it('sends conn and session events as rows alone, which the page makes into the same events', () => {
    const sink = new BatchSink();
    const events = [
      { t: 1, kind: 'conn', client: 'a', conn: 7, side: 'client', state: 'open', reason: 'connect' },
      { t: 1, kind: 'session', client: 'a', state: 'created' },
      {
        t: 2,
        kind: 'conn',
        client: 'a',
        conn: 7,
        side: 'broker',
        state: 'closed',
        reason: 'keepalive-timeout',
      },
      { t: 3, kind: 'session', client: 'b', state: 'resumed', queued: 1 },
    ] as const;
    for (const e of events) sink.event(structuredClone(e) as NonPacketEvent);
    const batch = sink.take();
    expect(batch?.objects).toEqual([events[3]]);
    const store = new TraceStore();
    if (batch !== null) applyBatch(store, new RunClients(), batch);
    expect([...store]).toEqual(events);
  });

  it('sends a sampled lane injected with a fault from then on, though its earlier packets were only counted', () => {
    const counter = new ActivityCounter(['a', 'b'], 60_000);
    const sink = new BatchSink();
    sink.sample(['a'], counter);
    const ping = (t: number, client: string, conn: number): void =>
      sink.packet(t, 'c2b', client, conn, 'PINGREQ', t + 1, null);
    const store = new TraceStore();
    const clients = new RunClients();
    const sent = (): string[] => {
      const from = store.length;
      const batch = sink.take();
      if (batch !== null) applyBatch(store, clients, batch);
      return [...store].slice(from).map((e) => ('client' in e ? (e.client as string) : ''));
    };
    ping(10, 'a', 1);
    ping(20, 'b', 2);
    ping(30, 'b', 2);
    expect(sent()).toEqual(['a']);
    sink.keepLane('b');
    ping(40, 'b', 2);
    ping(50, 'a', 1);
    expect(sent()).toEqual(['b', 'a']);
    // Every packet counted in its lane, sent or not.
    const counts = counter.snapshot().counts;
    const total = (lane: number): number =>
      counts.subarray(lane * counter.buckets, (lane + 1) * counter.buckets).reduce((x, y) => x + y, 0);
    expect([total(0), total(1)]).toEqual([2, 3]);
  });
});
