// Hand-made traces for the comparison tests: one small scenario (a sensor with keep alive 2 s and a
// will loses power; a dashboard watches its will topic), written as the simulator would write it and
// as a real run against Mosquitto would, with knobs to change one outcome at a time.
import type { BrokerProfileName, Scenario } from '../../../src/scenario/types';
import type { TraceEvent, TraceHeader } from '../../../src/trace/types';
import type { TraceInput } from '../../../src/analysis/compare';

export function scenario(profile: BrokerProfileName = 'mosquitto-2.0'): Scenario {
  return {
    scenario: 1,
    name: 'power loss',
    seed: 1,
    durationMs: 16_000,
    protocol: 4,
    broker: { profile },
    network: { latencyMs: 5 },
    clients: [
      { id: 'a', keepAlive: 2, will: { topic: 'w/a', payload: 'off', qos: 1 } },
      { id: 'd', keepAlive: 30, subscribe: [{ topic: 'w/#', qos: 1 }] },
    ],
    events: [{ atMs: 2_500, client: 'a', do: 'power-off' }],
  };
}

const WILL = { topic: 'w/a', payload: 'off', qos: 1 as const, retain: false };

function opening(latency: number, source: 'probe' | undefined): TraceEvent[] {
  const s = source ? { source } : {};
  const l = latency;
  return [
    {
      t: 0,
      kind: 'packet',
      dir: 'c2b',
      client: 'a',
      conn: 1,
      type: 'CONNECT',
      arrive: l,
      keepAlive: 2,
      cleanStart: true,
      protocol: 4,
      will: WILL,
      ...s,
    },
    {
      t: 0,
      kind: 'packet',
      dir: 'c2b',
      client: 'd',
      conn: 2,
      type: 'CONNECT',
      arrive: l,
      keepAlive: 30,
      cleanStart: true,
      protocol: 4,
      ...s,
    },
    {
      t: l,
      kind: 'packet',
      dir: 'b2c',
      client: 'a',
      conn: 1,
      type: 'CONNACK',
      arrive: 2 * l,
      reasonCode: 0,
      sessionPresent: false,
      ...s,
    },
    {
      t: l,
      kind: 'packet',
      dir: 'b2c',
      client: 'd',
      conn: 2,
      type: 'CONNACK',
      arrive: 2 * l,
      reasonCode: 0,
      sessionPresent: false,
      ...s,
    },
    {
      t: 2 * l,
      kind: 'packet',
      dir: 'c2b',
      client: 'd',
      conn: 2,
      type: 'SUBSCRIBE',
      arrive: 3 * l,
      subscriptions: [{ topic: 'w/#', qos: 1 }],
      messageId: 1,
      ...s,
    },
    { t: 2000, kind: 'packet', dir: 'c2b', client: 'a', conn: 1, type: 'PINGREQ', arrive: 2000 + l, ...s },
    {
      t: 2000 + l,
      kind: 'packet',
      dir: 'b2c',
      client: 'a',
      conn: 1,
      type: 'PINGRESP',
      arrive: 2000 + 2 * l,
      ...s,
    },
    { t: 2500, kind: 'fault', target: 'a', fault: 'power-off', ...s },
    {
      t: 2500,
      kind: 'conn',
      client: 'a',
      conn: 1,
      side: 'client',
      state: 'closed',
      reason: 'network-error',
      ...s,
    },
  ];
}

export interface Knobs {
  /** When the broker times `a` out (ms); null: never. */
  timeoutAt?: number | null;
  /** The will reaches the dashboard. */
  will?: boolean;
  /** A second connection of `a` takes the first over at this time. */
  takeoverAt?: number | null;
  /** Will cause as written in the trace. */
  cause?: 'keepalive-timeout' | 'session-expired' | 'network-error';
}

export function simTrace(knobs: Knobs = {}, profile: BrokerProfileName = 'mosquitto-2.0'): TraceInput {
  const { timeoutAt = 9000, will = true, takeoverAt = null, cause = 'keepalive-timeout' } = knobs;
  const header: TraceHeader = { trace: 1, source: 'sim', scenario: scenario(profile) };
  const events: TraceEvent[] = opening(5, undefined);
  if (takeoverAt !== null) {
    events.push(
      { t: takeoverAt, kind: 'fault', target: 'a', fault: 'clone' },
      {
        t: takeoverAt,
        kind: 'packet',
        dir: 'c2b',
        client: 'a',
        conn: 3,
        type: 'CONNECT',
        arrive: takeoverAt + 5,
        keepAlive: 2,
        cleanStart: true,
        protocol: 4,
        will: WILL,
      },
      { t: takeoverAt + 5, kind: 'takeover', client: 'a', oldConn: 1, newConn: 3 },
      {
        t: takeoverAt + 5,
        kind: 'conn',
        client: 'a',
        conn: 1,
        side: 'broker',
        state: 'closed',
        reason: 'takeover',
      },
    );
  }
  if (timeoutAt !== null && takeoverAt === null) {
    events.push(
      {
        t: timeoutAt,
        kind: 'timeout',
        client: 'a',
        conn: 1,
        side: 'broker',
        keepAlive: 2,
        lastActivity: 2005,
      },
      {
        t: timeoutAt,
        kind: 'conn',
        client: 'a',
        conn: 1,
        side: 'broker',
        state: 'closed',
        reason: 'keepalive-timeout',
      },
    );
    if (will) {
      events.push(
        {
          t: timeoutAt,
          kind: 'will',
          client: 'a',
          conn: 1,
          topic: 'w/a',
          qos: 1,
          retain: false,
          cause,
          delayed: 0,
          payload: 'off',
          receivers: ['d'],
        },
        {
          t: timeoutAt,
          kind: 'packet',
          dir: 'b2c',
          client: 'd',
          conn: 2,
          type: 'PUBLISH',
          arrive: timeoutAt + 5,
          topic: 'w/a',
          qos: 1,
          retain: false,
          payload: 'off',
          messageId: 1,
        },
      );
    }
  }
  events.sort((x, y) => x.t - y.t);
  return { header, events };
}

/** The same story as a real run against Mosquitto records it: probe packets, log reports, no `will` event. */
export function liveTrace(knobs: Knobs = {}): TraceInput {
  const { timeoutAt = 6200, will = true, takeoverAt = null } = knobs;
  const header: TraceHeader = {
    trace: 1,
    source: 'live',
    scenario: scenario('mosquitto-2.0'),
    startedAt: '2026-01-01T00:00:00.000Z',
  };
  const events: TraceEvent[] = opening(0.5, 'probe');
  if (takeoverAt !== null) {
    events.push(
      { t: takeoverAt, kind: 'fault', target: 'a', fault: 'clone', source: 'probe' },
      {
        t: takeoverAt,
        kind: 'packet',
        dir: 'c2b',
        client: 'a',
        conn: 3,
        type: 'CONNECT',
        arrive: takeoverAt,
        keepAlive: 2,
        cleanStart: true,
        protocol: 4,
        will: WILL,
        source: 'probe',
      },
      { t: takeoverAt + 1, kind: 'takeover', client: 'a', oldConn: 1, newConn: 3, source: 'mosquitto-log' },
      {
        t: takeoverAt + 2,
        kind: 'conn',
        client: 'a',
        conn: 1,
        side: 'broker',
        state: 'closed',
        reason: 'takeover',
        source: 'probe',
      },
    );
  }
  if (timeoutAt !== null && takeoverAt === null) {
    events.push({
      t: timeoutAt,
      kind: 'conn',
      client: 'a',
      conn: 1,
      side: 'broker',
      state: 'closed',
      reason: 'keepalive-timeout',
      source: 'mosquitto-log',
    });
    if (will) {
      events.push({
        t: timeoutAt + 2,
        kind: 'packet',
        dir: 'b2c',
        client: 'd',
        conn: 2,
        type: 'PUBLISH',
        arrive: timeoutAt + 2,
        topic: 'w/a',
        qos: 1,
        retain: false,
        payload: 'off',
        messageId: 1,
        source: 'probe',
      });
    }
    events.push({
      t: timeoutAt + 3,
      kind: 'conn',
      client: 'a',
      conn: 1,
      side: 'broker',
      state: 'closed',
      reason: 'keepalive-timeout',
      source: 'probe',
    });
  }
  events.sort((x, y) => x.t - y.t);
  return { header, events };
}
