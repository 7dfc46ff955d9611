// Exporting a live session as a trace and importing it again: the same events, byte for byte, through
// the trace package's reader and its store (what the timeline reads).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import { BrokerEvents } from '../../src/live/brokerEvents';
import { ConnRegistry } from '../../src/live/conns';
import { TraceStore, formatTrace, parseTrace } from '../../src/trace';
import type { TraceEvent } from '../../src/trace';
import { readFixture } from './support/fixtures';
import { nodeSession, probeOptions, selfOptions, waitForEvent } from './support/session';

let broker: EmbeddedBroker;
let dispose: (() => Promise<void>) | null = null;

beforeAll(async () => {
  broker = await startEmbeddedBroker({ wsPort: 0, log: () => undefined });
});

afterAll(async () => {
  await dispose?.();
  await broker?.close();
});

describe('export and import of a live session', () => {
  it('round-trips through parseTrace and TraceStore unchanged', async () => {
    const { session, trace } = nodeSession();
    dispose = () => session.dispose();
    await session.connect(selfOptions(broker.wsUrl!, 'self-export'));
    const probe = await session.startProbe(probeOptions(broker.wsUrl!, 'probe-export', { keepAlive: 30 }));
    await session.probeAction(probe.key, 'crash');
    await waitForEvent(trace, (e) => e.kind === 'will' && e.client === 'probe-export', 3000, 'will');
    const text = session.exportTrace();
    const { header, events } = parseTrace(text);
    expect(header).toEqual({ trace: 1, source: 'live', startedAt: session.clock.startedAt });
    expect(new Date(header.startedAt!).toISOString()).toBe(header.startedAt);
    expect(formatTrace(header, events)).toBe(text);
    const store = new TraceStore();
    for (const e of events) store.append(e);
    expect(store.toJsonl(header)).toBe(text);
    // What the page's trace got is what was exported.
    expect(formatTrace(trace.header!, trace.events)).toBe(text);
    const kinds = new Set(events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['conn', 'fault', 'packet', 'will']);
    // Chunked export gives the same text.
    expect([...session.exportChunks(7)].join('')).toBe(text);
  });

  // Live traces may lack fields a broker does not reveal (docs/trace-format.md). Mosquitto's timeout line
  // gives no keep alive for an unseen client and never a last activity.
  it('a Mosquitto-reported timeout (no lastActivity) parses and survives the store', () => {
    const events: TraceEvent[] = [];
    let now = 0;
    const be = new BrokerEvents({
      registry: new ConnRegistry(),
      now: () => now,
      emit: (e) => events.push(e),
    });
    for (const m of readFixture('mosquitto-2.0.11/silence-tcp.jsonl').messages) {
      now = m.ms;
      be.onMessage(m.topic, new TextEncoder().encode(m.payload));
    }
    const text = formatTrace({ trace: 1, source: 'live', startedAt: new Date(0).toISOString() }, events);
    const parsed = parseTrace(text);
    const timeouts = parsed.events.filter((e) => e.kind === 'timeout');
    expect(timeouts.length).toBeGreaterThan(0);
    expect(timeouts.every((e) => e.source === 'mosquitto-log' && !('lastActivity' in e))).toBe(true);
    const store = new TraceStore();
    for (const e of parsed.events) store.append(e);
    expect(store.toJsonl(parsed.header)).toBe(text);
  });
});
