import { describe, expect, it } from 'vitest';
import { CountingSink } from '../../src/trace/counters';
import { TraceStore } from '../../src/trace/store';
import { teeSink } from '../../src/trace/tee';

describe('teeSink', () => {
  it('forwards packets and events to both sinks in order', () => {
    const store = new TraceStore();
    const counts = new CountingSink();
    const tee = teeSink(store, counts);
    tee.packet(0, 'c2b', 'a', 1, 'PUBLISH', 5, { topic: 't', qos: 0 });
    tee.event({ t: 1, kind: 'fault', target: 'a', fault: 'crash' });
    expect(store.length).toBe(2);
    expect(store.get(0)).toMatchObject({ topic: 't' });
    expect(counts.summary().events).toBe(2);
  });

  it('forwards the producer’s packet type code to every sink', () => {
    const counts = new CountingSink();
    teeSink(counts, new CountingSink()).packet(0, 'c2b', 'a', 1, 'PINGREQ', 5, null, 12);
    expect(counts.summary().packetsByType.PINGRESP).toBe(1);
    expect(counts.summary().packetsByType.PINGREQ).toBe(0);
  });

  it('wants details when either sink does', () => {
    expect(teeSink(new CountingSink(), new CountingSink()).wantsDetail).toBe(false);
    expect(teeSink(new CountingSink(), new TraceStore()).wantsDetail).toBe(true);
  });
});
