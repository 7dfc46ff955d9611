// Broker behaviour shared by every profile: routing by topic filter, retained messages, QoS of
// deliveries, and sessions across a broker restart.

import { describe, expect, it } from 'vitest';
import type { ScenarioEvent } from '../../../src/scenario/types';
import { run, scenario } from '../helpers';

const publishes = (topics: string[], extra: Partial<ScenarioEvent> = {}): ScenarioEvent[] =>
  topics.map((topic, i) => ({
    atMs: 1000 + i * 100,
    client: 'pub',
    do: 'publish',
    topic,
    payload: topic,
    ...extra,
  }));

describe('broker routing', () => {
  it.each([
    ['a/+/c', ['a/b/c', 'a/x/c'], ['a/b/d', 'a/b/c/d', 'a/c', 'x/b/c']],
    ['a/#', ['a', 'a/b', 'a/b/c'], ['b', 'ab', 'b/a']],
    ['#', ['a', 'a/b/c', 'x'], ['$SYS/broker/load']],
    ['+/+', ['a/b', 'x/y'], ['a', 'a/b/c', '$SYS/x']],
    ['a/b', ['a/b'], ['a/b/c', 'a', 'A/b']],
  ])('[MQTT-4.7.1-2] [MQTT-4.7.1-3] filter %s gets %j and not %j', (filter, yes, no) => {
    const trace = run(
      scenario(
        [
          { id: 'sub', keepAlive: 30, subscribe: [filter] },
          { id: 'pub', keepAlive: 30 },
        ],
        {
          events: publishes([...no, ...yes]),
        },
      ),
    );
    expect(trace.packets({ client: 'sub', type: 'PUBLISH' }).map((p) => p.topic)).toEqual(yes);
  });

  it('delivers a message once per subscriber, at the highest QoS of its matching filters, capped by the message', () => {
    const trace = run(
      scenario(
        [
          {
            id: 'sub',
            keepAlive: 30,
            subscribe: [{ topic: 'a/#', qos: 1 }, { topic: 'a/+', qos: 2 }, 'a/b'],
          },
          { id: 'pub', keepAlive: 30 },
        ],
        {
          events: [
            { atMs: 1000, client: 'pub', do: 'publish', topic: 'a/b', payload: 'q2', qos: 2 },
            { atMs: 2000, client: 'pub', do: 'publish', topic: 'a/b', payload: 'q1', qos: 1 },
            { atMs: 3000, client: 'pub', do: 'publish', topic: 'a/b/c', payload: 'deep', qos: 2 },
          ],
        },
      ),
    );
    expect(trace.packets({ client: 'sub', type: 'PUBLISH' }).map((p) => [p.payload, p.qos])).toEqual([
      ['q2', 2],
      ['q1', 1],
      ['deep', 1],
    ]);
  });

  it('[MQTT-3.3.1-10] a retained message with an empty payload clears the retained message', () => {
    const trace = run(
      scenario(
        [
          { id: 'pub', keepAlive: 30 },
          { id: 'early', keepAlive: 30, connectAtMs: 2500, subscribe: ['r/#'] },
          { id: 'late', keepAlive: 30, connectAtMs: 5000, subscribe: ['r/#'] },
        ],
        {
          events: [
            { atMs: 1000, client: 'pub', do: 'publish', topic: 'r/x', payload: 'kept', retain: true },
            { atMs: 3000, client: 'pub', do: 'publish', topic: 'r/x', payload: '', retain: true },
          ],
        },
      ),
    );
    expect(trace.packets({ client: 'early', type: 'PUBLISH' }).map((p) => [p.payload, p.retain])).toEqual([
      ['kept', true],
      ['', false],
    ]);
    expect(trace.packets({ client: 'late', type: 'PUBLISH' })).toEqual([]);
  });
});

describe('broker sessions across a restart', () => {
  it('[MQTT-3.1.2-23] a session from before a restart cannot end a newer session early (its expiry still pending)', () => {
    // a's session (expiry 60 s) is lost in the restart with its expiry timer still queued; b's session,
    // created after the restart, must live its own 3600 s.
    const trace = run(
      scenario(
        [
          { id: 'a', keepAlive: 0, cleanStart: false, sessionExpiry: 60 },
          { id: 'b', keepAlive: 0, cleanStart: false, sessionExpiry: 3600, connectAtMs: null },
        ],
        {
          protocol: 5,
          durationMs: 200_000,
          events: [
            { atMs: 1000, client: 'a', do: 'crash' },
            { atMs: 5000, do: 'broker-restart', downMs: 1000 },
            { atMs: 10_000, client: 'b', do: 'connect' },
            { atMs: 20_000, client: 'b', do: 'crash' },
          ],
        },
      ),
    );
    expect(trace.sessions('b').map((e) => e.state)).toEqual(['created']);
  });

  it("[MQTT-3.1.3-9] a delayed will from before a restart cannot publish a newer session's will early", () => {
    const will = (delay: number) => ({ topic: 'status/x', payload: 'gone', delay });
    const trace = run(
      scenario(
        [
          { id: 'a', keepAlive: 0, cleanStart: false, sessionExpiry: 600, will: will(30) },
          {
            id: 'b',
            keepAlive: 0,
            cleanStart: false,
            sessionExpiry: 600,
            connectAtMs: null,
            will: will(100),
          },
        ],
        {
          protocol: 5,
          durationMs: 200_000,
          events: [
            { atMs: 1000, client: 'a', do: 'crash' },
            { atMs: 5000, do: 'broker-restart', downMs: 1000 },
            { atMs: 10_000, client: 'b', do: 'connect' },
            { atMs: 20_000, client: 'b', do: 'crash' },
          ],
        },
      ),
    );
    expect(trace.wills().map((w) => [w.client, w.t])).toEqual([['b', 20_010 + 100_000]]);
  });
});
