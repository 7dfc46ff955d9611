// A store that keeps dropping its oldest rows (a live trace within its budget) while ever-new topics
// arrive: the topics no row uses any more are forgotten, and every held row still reads back exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEvent } from '../../src/trace/format';
import { TraceStore } from '../../src/trace/store';
import type { TraceEvent } from '../../src/trace/types';

const publish = (t: number, topic: string, payload: string): TraceEvent => ({
  t,
  kind: 'packet',
  dir: 'b2c',
  client: 'watch',
  conn: 1,
  type: 'PUBLISH',
  arrive: t,
  topic,
  qos: 0,
  retain: false,
  payload,
});

describe('a store dropping its oldest rows under ever-new topics', () => {
  it('reads back every held row exactly, whatever was dropped and renumbered', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        topic: fc.nat({ max: 3000 }),
        payload: fc.nat({ max: 3 }),
      }),
      fc.record({ kind: fc.constant('drop' as const), count: fc.nat({ max: 900 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 400 }), fc.nat({ max: 2000 }), (ops, fresh) => {
        const store = new TraceStore();
        const model: TraceEvent[] = [];
        let t = 0;
        let next = fresh;
        for (const o of ops) {
          if (o.kind === 'add') {
            // Bursts of brand-new topics, and old ones again.
            for (let i = 0; i < 8; i++) {
              const topic = o.topic % 3 === 0 ? `new/${next++}` : `old/${(o.topic + i) % 50}`;
              const e = publish(t++, topic, `p${o.payload}`);
              store.append(e);
              model.push(e);
            }
          } else {
            const k = Math.min(o.count, model.length);
            store.dropOldest(k);
            model.splice(0, k);
          }
        }
        expect(store.length).toBe(model.length);
        for (let i = 0; i < model.length; i++) expect(formatEvent(store.get(i))).toBe(formatEvent(model[i]));
      }),
      { numRuns: 60 },
    );
  });

  it('holds the topics of its rows, not of every row it ever had', () => {
    const store = new TraceStore();
    let peak = 0;
    for (let i = 0; i < 200_000; i++) {
      store.append(publish(i, `sensors/${i}/${'x'.repeat(200)}`, 'v'));
      if (store.length > 5_000) store.dropOldest(1_000);
      peak = Math.max(peak, store.memoryBytes());
    }
    // 5 000 rows of 210-character topics: about 2 MB of text; without forgetting, 200 000 topics: 80 MB.
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  });
});
