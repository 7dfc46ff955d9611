// The simulated network as the trace shows it: latency, jitter without reordering (TCP), loss, and
// socket closes that never overtake data (docs/scenario-format.md, "The simulated network").

import { describe, expect, it } from 'vitest';
import type { PacketEvent } from '../../../src/trace/types';
import { run, scenario } from '../helpers';

const chatty = [
  { id: 'a', keepAlive: 2, publish: { topic: 'd/a', everyMs: 150, qos: 1 as const } },
  { id: 'b', keepAlive: 3, subscribe: [{ topic: 'd/#', qos: 1 as const }] },
];

/** Packets per connection and direction, in the order they were sent. */
function streams(packets: PacketEvent[]): PacketEvent[][] {
  const by = new Map<string, PacketEvent[]>();
  for (const p of packets) {
    const key = `${p.conn}/${p.dir}`;
    by.set(key, [...(by.get(key) ?? []), p]);
  }
  return [...by.values()];
}

describe('network', () => {
  it('delivers every packet exactly one latency after it was sent when there is no jitter', () => {
    const trace = run(scenario(chatty, { latencyMs: 37, durationMs: 10_000 }));
    const delivered = trace.packets().filter((p) => p.arrive !== null && p.arrive <= 10_000);
    expect(delivered.length).toBeGreaterThan(100);
    for (const p of delivered) expect((p.arrive as number) - p.t).toBeCloseTo(37, 9);
  });

  it('adds jitter in [0, jitterMs) but never reorders the packets of one connection and direction', () => {
    const trace = run(scenario(chatty, { latencyMs: 20, jitterMs: 200, durationMs: 20_000 }));
    const delays = new Set<number>();
    let heldBack = 0;
    for (const stream of streams(trace.packets())) {
      let previous = -Infinity;
      for (const p of stream) {
        if (p.arrive === null) continue;
        expect(p.arrive).toBeGreaterThanOrEqual(previous);
        const delay = p.arrive - p.t;
        expect(delay).toBeGreaterThanOrEqual(20);
        // Held behind an earlier packet (in-order delivery): it arrives with it. Otherwise within the jitter.
        if (p.arrive === previous) heldBack++;
        else expect(delay).toBeLessThan(220);
        // Arrival times are kept to the microsecond.
        expect(Number.isInteger(Math.round(p.arrive * 1000))).toBe(true);
        expect(Math.abs(p.arrive * 1000 - Math.round(p.arrive * 1000))).toBeLessThan(1e-6);
        delays.add(delay);
        previous = p.arrive;
      }
    }
    expect(delays.size).toBeGreaterThan(50);
    expect(heldBack).toBeGreaterThan(0);
  });

  it('loses about the given share of packets, and none with loss 0', () => {
    const lossy = run(scenario(chatty, { loss: 0.2, durationMs: 30_000, seed: 3 })).packets();
    const lost = lossy.filter((p) => p.arrive === null).length / lossy.length;
    expect(lost).toBeGreaterThan(0.12);
    expect(lost).toBeLessThan(0.28);
    expect(
      run(scenario(chatty, { durationMs: 30_000 }))
        .packets()
        .filter((p) => p.arrive === null),
    ).toEqual([]);
  });

  it('a socket close never overtakes data sent before it: a publish right before a crash still arrives', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const trace = run(
        scenario([{ id: 'dev', keepAlive: 30 }], {
          seed,
          latencyMs: 10,
          jitterMs: 100,
          events: [
            { atMs: 5000, client: 'dev', do: 'publish', topic: 'last/words', payload: 'bye' },
            { atMs: 5000, client: 'dev', do: 'crash' },
          ],
        }),
      );
      const publish = trace.packets({ type: 'PUBLISH' })[0];
      expect(publish.arrive).not.toBeNull();
      expect(trace.closes('broker')[0].t).toBeGreaterThanOrEqual(publish.arrive as number);
    }
  });
});
