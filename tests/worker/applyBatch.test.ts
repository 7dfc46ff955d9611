import { describe, expect, it } from 'vitest';
import { TraceStore } from '../../src/trace';
import { RunClients, applyBatch } from '../../src/worker/applyBatch';
import { BatchSink } from '../../src/worker/batchSink';

function clientsOf(store: TraceStore): string[] {
  return [...store].map((e) => ('client' in e ? (e.client as string) : ''));
}

describe('applyBatch', () => {
  it('names each row by its client across batches, wherever the store already had clients', () => {
    const sink = new BatchSink();
    const store = new TraceStore();
    // The store knows another client first: its indices are not the run's.
    store.packet(0, 'c2b', 'earlier', 9, 'PINGREQ', 1, null);
    const clients = new RunClients();
    sink.event({
      t: 1,
      kind: 'conn',
      client: 'b',
      conn: 1,
      side: 'client',
      state: 'open',
      reason: 'connect',
    });
    sink.packet(2, 'c2b', 'a', 2, 'PINGREQ', 3, null);
    applyBatch(store, clients, sink.take()!);
    sink.packet(4, 'b2c', 'b', 1, 'PINGRESP', 5, null);
    sink.event({ t: 6, kind: 'session', client: 'a', state: 'created' });
    applyBatch(store, clients, sink.take()!);
    expect(clientsOf(store)).toEqual(['earlier', 'b', 'a', 'b', 'a']);
  });

  it('looks clients up again in a new store', () => {
    const sink = new BatchSink();
    const clients = new RunClients();
    sink.packet(1, 'c2b', 'a', 1, 'PINGREQ', 2, null);
    applyBatch(new TraceStore(), clients, sink.take()!);
    const next = new TraceStore();
    next.packet(0, 'c2b', 'other', 5, 'PINGREQ', 1, null);
    sink.event({ t: 3, kind: 'session', client: 'a', state: 'created' });
    applyBatch(next, clients, sink.take()!);
    expect(clientsOf(next)).toEqual(['other', 'a']);
  });
});
