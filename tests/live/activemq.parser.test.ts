// ActiveMQ's advisories over MQTT, from the real ActiveMQ 5.17.2 (tests/fixtures/activemq-5.17,
// captured by its capture.ts): they name the broker and report nothing about any client.
import { describe, expect, it } from 'vitest';
import { BrokerEvents } from '../../src/live/brokerEvents';
import { ConnRegistry } from '../../src/live/conns';
import { parseActivemq } from '../../src/live/parsers';
import type { TraceEvent } from '../../src/trace';
import { readFixture } from './support/fixtures';

function session(): { be: BrokerEvents; events: TraceEvent[]; feed(topic: string, payload: string): void } {
  const events: TraceEvent[] = [];
  const be = new BrokerEvents({ registry: new ConnRegistry(), now: () => 0, emit: (e) => events.push(e) });
  return { be, events, feed: (topic, payload) => be.onMessage(topic, new TextEncoder().encode(payload)) };
}

describe('ActiveMQ 5.17 advisories as an MQTT subscriber receives them', () => {
  const { messages } = readFixture('activemq-5.17/lifecycle.jsonl');

  it('arrive on ActiveMQ/Advisory/Connection with an empty payload, whatever the client did', () => {
    const advisories = messages.filter((m) => m.topic === 'ActiveMQ/Advisory/Connection');
    // Two per connection (opened, closed) for ka-1, cr-1, both to-1 and ka-s.
    expect(advisories).toHaveLength(10);
    expect(advisories.every((m) => m.payload === '')).toBe(true);
  });

  it('name the broker ActiveMQ and put no client on the timeline: connects, timeouts, wills and take-overs are not reported by ActiveMQ', () => {
    const { be, events, feed } = session();
    for (const m of messages) feed(m.topic, m.payload);
    expect(be.kind).toBe('activemq');
    expect(events).toEqual([]);
  });

  it('reads an advisory topic with a payload as no advisory (ActiveMQ sends none such)', () => {
    expect(parseActivemq('ActiveMQ/Advisory/Connection', '')).toEqual({ broker: 'activemq', reports: [] });
    expect(parseActivemq('ActiveMQ/Advisory/Connection', 'forged')).toBeNull();
    expect(parseActivemq('ka/data', '')).toBeNull();
  });
});

describe('event topics any client may publish on', () => {
  it('change nothing once a broker has spoken on topics of its own', () => {
    const { be, events, feed } = session();
    feed('$SYS/broker/log/N', '1: New client connected from 127.0.0.1:5 as a (p2, c1, k60).');
    feed('ActiveMQ/Advisory/Connection', '');
    feed(
      'info',
      '2026-12-07 06:58:05.292616+00:00 [info] <0.7.0> accepting MQTT connection <0.7.0> (a:1 -> b:2, client id: victim-42)\n',
    );
    expect(be.kind).toBe('mosquitto');
    expect(events.map((e) => ('client' in e ? e.client : ''))).toEqual(['a']);
  });
});
