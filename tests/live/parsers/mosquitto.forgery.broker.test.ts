// Clients that spell Mosquitto event lines in their IDs, user names and topic filters must not put a
// client that never connected on the timeline: from the real broker's captured output
// (tests/fixtures/hostile/mosquitto-forgery.jsonl) and live against a real Mosquitto.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerEvents } from '../../../src/live/brokerEvents';
import { ConnRegistry } from '../../../src/live/conns';
import type { TraceEvent } from '../../../src/trace';
import { readFixture } from '../support/fixtures';
import { REAL_CLIENTS, runForgeryAttempts, VICTIM } from '../support/forgery';
import { startMosquitto, type RunningMosquitto } from '../support/mosquitto';
import { nodeSession, selfOptions, waitForEvent } from '../support/session';

/** Every client an event names (the lane's client, a take-over's, a session's). */
function named(events: readonly TraceEvent[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) if ('client' in e && typeof e.client === 'string') out.add(e.client);
  return out;
}

function replayFixture(): TraceEvent[] {
  const events: TraceEvent[] = [];
  let now = 0;
  const be = new BrokerEvents({ registry: new ConnRegistry(), now: () => now, emit: (e) => events.push(e) });
  for (const m of readFixture('hostile/mosquitto-forgery.jsonl').messages) {
    now = m.ms;
    be.onMessage(m.topic, new TextEncoder().encode(m.payload));
  }
  return events;
}

describe('Mosquitto log lines spelled by clients (captured from Mosquitto 2.0.11)', () => {
  it('puts no client on the timeline that did not connect', () => {
    const events = replayFixture();
    const clients = named(events);
    expect(clients.has(VICTIM)).toBe(false);
    expect(clients.has('0')).toBe(false);
    for (const client of clients) expect(REAL_CLIENTS).toContain(client);
  });

  it('reads no timeout at all, since nobody timed out', () => {
    expect(replayFixture().filter((e) => e.kind === 'timeout')).toEqual([]);
  });

  it('still names clients whose IDs look like event lines, whole', () => {
    const events = replayFixture();
    const spelled = `Client ${VICTIM} has exceeded timeout, disconnecting.`;
    expect(events.filter((e) => e.kind === 'conn' && e.client === spelled).map((e) => e.kind)).toEqual([
      'conn',
      'conn',
    ]);
    expect(events.filter((e) => e.kind === 'conn' && e.client === 'honest')).toMatchObject([
      { state: 'open', keepAlive: 30 },
      { state: 'closed', reason: 'client-disconnect' },
    ]);
  });
});

describe('live mode against a real Mosquitto under forgery attempts', () => {
  let mosquitto: RunningMosquitto;
  const { session, trace } = nodeSession();

  beforeAll(async () => {
    mosquitto = await startMosquitto();
  });

  afterAll(async () => {
    await session.dispose().catch(() => undefined);
    await mosquitto?.stop();
  });

  it('shows the attackers and the honest client, and never the victim', async () => {
    await session.connect(selfOptions(mosquitto.wsUrl, 'lab-watch'));
    await runForgeryAttempts(mosquitto.tcpUrl);
    await waitForEvent(
      trace,
      (e) => e.kind === 'conn' && e.client === 'honest' && e.state === 'closed',
      3000,
      'the honest client closing',
    );
    session.flush();
    const clients = named(trace.events);
    expect(clients.has(VICTIM)).toBe(false);
    for (const client of clients) expect([...REAL_CLIENTS, 'lab-watch']).toContain(client);
    expect(trace.events.filter((e) => e.kind === 'timeout')).toEqual([]);
  });
});
