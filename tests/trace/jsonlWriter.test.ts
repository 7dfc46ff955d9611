import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTrace } from '../../src/trace/format';
import { JsonlSink } from '../../src/trace/jsonlWriter';
import { detailOf } from '../../src/trace/packetEvent';
import { TraceStore } from '../../src/trace/store';
import type { TraceHeader } from '../../src/trace/types';
import { traceEvents } from './arbitraries';

const HEADER: TraceHeader = { trace: 1, source: 'sim', scenario: { seed: 7 } };

describe('JsonlSink', () => {
  it('streams, line by line, exactly the text formatTrace and the store write', () => {
    fc.assert(
      fc.property(traceEvents, (events) => {
        const lines: string[] = [];
        const sink = new JsonlSink(HEADER, (line) => lines.push(line));
        const store = new TraceStore();
        for (const e of events) {
          for (const s of [sink, store]) {
            if (e.kind === 'packet') s.packet(e.t, e.dir, e.client, e.conn, e.type, e.arrive, detailOf(e));
            else s.event(e);
          }
        }
        expect(lines).toHaveLength(events.length + 1);
        expect(lines.every((l) => l.endsWith('\n') && l.indexOf('\n') === l.length - 1)).toBe(true);
        expect(lines.join('')).toBe(formatTrace(HEADER, events));
        expect(lines.join('')).toBe(store.toJsonl(HEADER));
      }),
    );
  });

  it('writes the header before any event', () => {
    const lines: string[] = [];
    new JsonlSink(HEADER, (line) => lines.push(line));
    expect(lines).toEqual(['{"trace":1,"source":"sim","scenario":{"seed":7}}\n']);
  });
});
