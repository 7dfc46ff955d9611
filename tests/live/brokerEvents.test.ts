// Broker reports and probe wills → trace events: the cause of a will when a newer connection took the
// client ID over, and timeouts that say only what the broker revealed.
import { describe, expect, it } from 'vitest';
import { BrokerEvents } from '../../src/live/brokerEvents';
import { ConnRegistry, type LaneWill } from '../../src/live/conns';
import type { ParsedMessage } from '../../src/live/parsers';
import type { TraceEvent } from '../../src/trace';

const WILL: LaneWill = { topic: 'ka/will/p-1', payload: 'p-1 offline', qos: 1, retain: false, delay: 0 };

function setup(): { be: BrokerEvents; registry: ConnRegistry; events: TraceEvent[]; at(ms: number): void } {
  const events: TraceEvent[] = [];
  const registry = new ConnRegistry();
  let now = 0;
  const be = new BrokerEvents({ registry, now: () => now, emit: (e) => events.push(e) });
  return { be, registry, events, at: (ms) => (now = ms) };
}

const will = (be: BrokerEvents): void => be.onMessage(WILL.topic, new TextEncoder().encode('p-1 offline'));

describe("a probe's will after a take-over", () => {
  it('has cause takeover when the probe was powered off and a newer connection took its ID (not its own network-error)', () => {
    const { be, registry, events, at } = setup();
    // The device went away on its side (network-error, its socket left open at the broker) long enough
    // ago for a timeout; then it came back under the same ID and the broker took the old one over.
    registry.open('p-1', 'probe', {
      localOpen: false,
      closeReason: 'network-error',
      closedAt: 1000,
      silenced: true,
      keepAlive: 2,
      lastSent: 500,
      will: WILL,
    });
    registry.open('p-1', 'probe', { localOpen: true, keepAlive: 2 });
    at(9000);
    will(be);
    expect(events).toEqual([
      expect.objectContaining({ kind: 'will', client: 'p-1', conn: 1, cause: 'takeover' }),
    ]);
  });

  it('has cause takeover when a clone took over an open probe whose socket the broker then closed', () => {
    const { be, registry, events, at } = setup();
    registry.open('p-1', 'probe', { localOpen: false, closedAt: 3000, keepAlive: 30, will: WILL });
    registry.open('p-1', 'probe', { localOpen: true, keepAlive: 30, will: WILL });
    at(3001);
    will(be);
    expect(events).toEqual([expect.objectContaining({ kind: 'will', conn: 1, cause: 'takeover' })]);
  });

  it('keeps network-error for a probe that crashed and then connected again', () => {
    const { be, registry, events, at } = setup();
    registry.open('p-1', 'probe', {
      localOpen: false,
      closeReason: 'network-error',
      closedAt: 1000,
      will: WILL,
    });
    registry.open('p-1', 'probe', { localOpen: true, keepAlive: 30 });
    at(1002);
    will(be);
    expect(events).toEqual([expect.objectContaining({ kind: 'will', conn: 1, cause: 'network-error' })]);
  });

  it('takes the broker’s take-over report over the lane’s earlier close', () => {
    const { be, registry, events, at } = setup();
    registry.open('p-1', 'probe', { localOpen: true, keepAlive: 30, will: WILL });
    be.apply({ broker: 'mosquitto', reports: [{ kind: 'connected', clientId: 'p-1', keepAlive: 30 }] });
    at(100);
    be.apply({ broker: 'mosquitto', reports: [{ kind: 'takeover', clientId: 'p-1' }] });
    will(be);
    expect(events.at(-1)).toMatchObject({ kind: 'will', conn: 1, cause: 'takeover' });
  });
});

describe('a timeout says only what the broker revealed', () => {
  const timeout = (events: TraceEvent[]) => events.find((e) => e.kind === 'timeout');

  it('carries the keep alive of the connect line, no last activity, and the broker that did not say it', () => {
    const { be, events, at } = setup();
    be.apply({ broker: 'mosquitto', reports: [{ kind: 'connected', clientId: 'c', keepAlive: 2 }] });
    at(5000);
    be.apply({ broker: 'mosquitto', reports: [{ kind: 'timeout', clientId: 'c' }] });
    const e = timeout(events);
    expect(e).toMatchObject({ keepAlive: 2, broker: 'Mosquitto', source: 'mosquitto-log' });
    expect(e).not.toHaveProperty('lastActivity');
  });

  it('gives the last activity the broker measured, and a silence longer than the trace as silentMs, never 0', () => {
    const embedded = (idleMs: number): ParsedMessage => ({
      broker: 'embedded',
      brokerId: 'b1',
      reports: [{ kind: 'timeout', clientId: 'c', keepAlive: 60, idleMs }],
    });
    const first = setup();
    first.at(10_000);
    first.be.apply(embedded(3000));
    expect(timeout(first.events)).toMatchObject({ keepAlive: 60, lastActivity: 7000 });
    const second = setup();
    second.at(10_000);
    second.be.apply(embedded(90_000));
    const e = timeout(second.events);
    expect(e).toMatchObject({ keepAlive: 60, silentMs: 90_000, broker: 'the embedded broker' });
    expect(e).not.toHaveProperty('lastActivity');
  });
});
