// Live mode's memory budget against 5 000 topics of 60 000 characters through the real embedded
// broker: what the session holds is counted (events, topic names, histories), stays within the
// budget it shows, and what it hands the page (summaries, trace events) has bounded size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import { BrokerEvents } from '../../src/live/brokerEvents';
import { ConnRegistry, MAX_LANES } from '../../src/live/conns';
import { TRACE_TOPIC_LIMIT } from '../../src/live/packets';
import { TrafficStats, summaryTree, trafficSummary } from '../../src/live/traffic';
import { nodeSession, selfOptions } from './support/session';

const TOPICS = 5000;
const TOPIC_CHARS = 60_000;
const MB = 1024 * 1024;

let broker: EmbeddedBroker;

beforeAll(async () => {
  broker = await startEmbeddedBroker({ wsPort: 0, mqttPort: 0, log: () => undefined });
});

afterAll(async () => {
  await broker?.close();
});

describe('live mode under 5 000 topics of 60 000 characters', () => {
  it('holds what its budget says, and keeps every topic name and summary bounded', async () => {
    const { session, trace } = nodeSession();
    try {
      session.setBudget({ maxEvents: 1_000_000, maxBytes: 64 * MB });
      await session.connect(selfOptions(broker.wsUrl!, 'lab-budget'));
      const publisher = await mqtt.connectAsync(broker.mqttUrl!, { clientId: 'flood', reconnectPeriod: 0 });
      const tail = 'x'.repeat(TOPIC_CHARS - 14);
      for (let i = 0; i < TOPICS; i++) publisher.publish(`flood/${String(i).padStart(6, '0')}/${tail}`, 'x');
      await publisher.endAsync();
      // Every flood message counted (kept under its topic, or counted beyond the topics kept): the broker's
      // own event messages count in the total too, so the total alone says nothing.
      const flooded = (): number => {
        let n = session.traffic.overflow;
        for (const t of session.traffic.topics()) if (t.topic.startsWith('flood/')) n += t.count;
        return n;
      };
      const deadline = Date.now() + 60_000;
      while (flooded() < TOPICS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      session.flush();
      expect(session.traffic.total).toBeGreaterThanOrEqual(TOPICS);

      const snap = session.getSnapshot();
      // What the page is told is held is what is held, and it is within the budget.
      expect(snap.bytes).toBe(session.ring.bytes + session.traffic.heldBytes);
      expect(snap.bytes).toBeLessThanOrEqual(64 * MB);
      expect(session.traffic.heldBytes).toBeLessThanOrEqual(16 * MB + 64 * 1024);

      // Topic names: clipped in the traffic view and in the trace.
      const summary = trafficSummary(session.traffic, session.clock.now(), null);
      const flood = summary.topics.filter((t) => t.topic.startsWith('flood/'));
      // Kept while the traffic view's share of the budget lasted, counted beyond it.
      expect(flood.length).toBeGreaterThan(100);
      expect(flood.length + summary.overflow).toBeGreaterThanOrEqual(TOPICS);
      for (const s of summary.topics) expect(s.topic.length).toBeLessThanOrEqual(256);
      expect(JSON.stringify(summary).length).toBeLessThan(4 * MB);
      for (const e of trace.events)
        if (e.kind === 'packet' && e.topic !== undefined)
          expect(e.topic.length).toBeLessThanOrEqual(TRACE_TOPIC_LIMIT);

      expect(summaryTree(summary).total).toBe(summary.topics.reduce((n, s) => n + s.count, 0));
    } finally {
      await session.dispose();
    }
  }, 90_000);

  it('builds the topic tree of 5 000 topics of 30 000 levels at once (aedes drops such topics; Mosquitto delivers them)', () => {
    const traffic = new TrafficStats();
    const deep = 'a/'.repeat(TOPIC_CHARS / 2 - 8);
    for (let i = 0; i < TOPICS; i++) traffic.record(`${deep}${i}`, new Uint8Array(1), 0, false, i);
    const started = performance.now();
    const tree = summaryTree(trafficSummary(traffic, TOPICS, null));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(tree.total).toBe(TOPICS);
    let depth = 0;
    for (let node = tree; node.children.length > 0; node = node.children[0]) depth++;
    expect(depth).toBeLessThanOrEqual(16);
  });
  it('keeps at most MAX_LANES connections in mind while 100 000 different clients come and go', () => {
    const registry = new ConnRegistry();
    let now = 0;
    const be = new BrokerEvents({ registry, now: () => now++, emit: () => undefined });
    const enc = new TextEncoder();
    for (let i = 0; i < 100_000; i++) {
      be.onMessage('$SYS/b/new/clients', enc.encode(`churn-${i}`));
      be.onMessage('$SYS/b/disconnect/clients', enc.encode(`churn-${i}`));
    }
    expect([...registry.all()].length).toBeLessThanOrEqual(MAX_LANES);
  });
});
