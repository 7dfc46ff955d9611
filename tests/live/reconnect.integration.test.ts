// Losing the broker: the state says so, the page's connection comes back with backoff (each retry a
// `connect` fault on its lane), and what was recorded stays. Real broker (embedded aedes), really
// stopped and started again on the same port.
import { afterAll, describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../src/base/backoff';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import type { LiveConnectionState } from '../../src/live/liveConnection';
import { nodeSession, selfOptions, waitForEvent } from './support/session';

let broker: EmbeddedBroker | null = null;
const made = nodeSession();

afterAll(async () => {
  await made.session.dispose();
  await broker?.close();
});

describe('losing the broker', () => {
  it('shows the state, reconnects with backoff, keeps what was recorded', async () => {
    const { session, trace } = made;
    broker = await startEmbeddedBroker({ wsPort: 0, log: () => undefined });
    const port = Number(new URL(broker.wsUrl!).port);
    const states: LiveConnectionState['status'][] = [];
    session.subscribe(() => {
      const s = session.connectionState.status;
      if (states[states.length - 1] !== s) states.push(s);
    });
    await session.connect({
      ...selfOptions(broker.wsUrl!, 'self-lost'),
      backoff: { minMs: 200, maxMs: 1000, jitter: 0 },
    });
    const recorded = trace.events.length + 0;
    await broker.close();
    broker = null;
    await waitForEvent(
      trace,
      (e) => e.kind === 'conn' && e.side === 'client' && e.state === 'closed',
      3000,
      'client close',
    );
    expect(session.connectionState.status).toBe('reconnecting');
    // A failed attempt or two while the broker is away (backoff 200, 400, 800 ms …).
    await new Promise((r) => setTimeout(r, 900));
    broker = await startEmbeddedBroker({ wsPort: port, log: () => undefined });
    const start = Date.now();
    while (session.connectionState.status !== 'connected' && Date.now() - start < 5000)
      await new Promise((r) => setTimeout(r, 50));
    expect(session.connectionState.status).toBe('connected');
    session.flush();
    expect(states).toEqual(expect.arrayContaining(['connecting', 'connected', 'reconnecting']));
    expect(states[states.length - 1]).toBe('connected');
    // The first connection's events are still there; the new connection has a new number.
    expect(trace.events.length).toBeGreaterThan(recorded);
    const opens = trace.events.filter((e) => e.kind === 'conn' && e.side === 'client' && e.state === 'open');
    expect(opens.map((e) => (e.kind === 'conn' ? e.conn : 0))).toEqual([1, expect.any(Number)]);
    expect(opens[1].kind === 'conn' && opens[1].conn).toBeGreaterThan(1);
    expect(trace.events.some((e) => e.kind === 'packet' && e.type === 'SUBSCRIBE' && e.conn !== 1)).toBe(
      true,
    );
    // Each retry is on the timeline: a `connect` fault on the page's lane with its attempt and backoff,
    // the backoff doubling as the one law of the lab says (src/base/backoff.ts; no jitter here).
    const retries = trace.events.filter((e) => e.kind === 'fault' && e.fault === 'connect');
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.map((e) => (e as unknown as { attempt: number }).attempt)).toEqual(
      retries.map((_, i) => i + 1),
    );
    expect(retries.map((e) => (e as unknown as { backoffMs: number }).backoffMs)).toEqual(
      retries.map((_, i) => reconnectDelay({ minMs: 200, maxMs: 1000, jitter: 0 }, i, { next: () => 0 })),
    );
    for (const e of retries) expect(e).toMatchObject({ target: 'self-lost', source: 'self' });
  });
});
