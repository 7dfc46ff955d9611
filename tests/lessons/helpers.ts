// Shared helpers of the lesson tests: a small valid lesson to break, a hand-made trace whose facts
// are easy to work out, and the issue lines a call produces.

import { LessonError } from '../../src/lessons/errors';
import { LessonTrace } from '../../src/lessons/trace';
import type { Lesson } from '../../src/lessons/types';
import type { TraceEvent } from '../../src/trace/types';

/**
 * A valid lesson, fresh on each call: sensor-1 (keep alive 10 s, a will) pings, loses power at 12 s,
 * and the broker drops it 1.5 × K after its last packet; a dashboard watches.
 */
export function tinyLesson(): Lesson {
  return {
    lesson: 1,
    id: 'tiny',
    title: 'Tiny',
    summary: 'A sensor pings, loses power, and is dropped.',
    scenario: {
      scenario: 1,
      name: 'Tiny',
      seed: 1,
      durationMs: 40_000,
      protocol: 4,
      network: { latencyMs: 20 },
      clients: [
        { id: 'sensor-1', keepAlive: 10, will: { topic: 'sensors/sensor-1/status', payload: 'offline' } },
        { id: 'dashboard', keepAlive: 60, subscribe: ['sensors/+/status'] },
      ],
      events: [{ atMs: 12_000, client: 'sensor-1', do: 'power-off' }],
    },
    profiles: ['spec'],
    library: 'spec',
    steps: [
      {
        title: 'A ping',
        at: 'packet:PINGREQ.sensor-1',
        text: 'sensor-1 pings at {packet:PINGREQ.sensor-1.atS} s.',
        spec: ['MQTT-3.1.2-23'],
        check: {
          claim: 'it pings within K',
          expect: '{packet:PINGREQ.sensor-1.atS} <= {packet:PINGREQ.sensor-1.keepAliveS}',
        },
      },
      {
        title: 'Power off',
        at: 'fault:power-off.sensor-1',
        highlight: { lanes: ['sensor-1', 'broker'], events: ['packet:PINGRESP.sensor-1'] },
        predict: {
          question: 'When does the broker notice?',
          choices: ['At once', 'After 1.5 × K', 'Never'],
          answer: 1,
          why: 'It waits 1.5 × K.',
        },
        text: 'Power goes off at {fault:power-off.sensor-1.atS} s.',
        spec: ['MQTT-3.1.2-24'],
        check: [{ claim: 'the power goes off', expect: '{fault:power-off.sensor-1.count} == 1' }],
      },
      {
        title: 'Dropped',
        at: 'timeout:broker.sensor-1',
        text: 'Dropped {timeout:broker.sensor-1.afterLastPacketS} s after the last packet.',
        spec: ['MQTT-3.1.2-24'],
        whatIf: {
          label: 'Keep alive 20 s',
          set: { 'clients[0].keepAlive': 20 },
          text: 'Now {timeout:broker.sensor-1.afterLastPacketS} s.',
          check: {
            claim: 'the broker waits 1.5 × K',
            expect:
              '{timeout:broker.sensor-1.afterLastPacketS} == 1.5 * {timeout:broker.sensor-1.keepAliveS}',
          },
        },
        check: {
          claim: 'the broker waits 1.5 × K',
          expect: '{timeout:broker.sensor-1.afterLastPacketS} == 1.5 * {timeout:broker.sensor-1.keepAliveS}',
        },
      },
    ],
  };
}

/** The formatted issue lines `run` throws as a LessonError; [] when it does not throw. */
export function issueLines(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof LessonError) return err.message.split('\n');
    throw err;
  }
  return [];
}

/**
 * A hand-made trace (client IDs with dots): sensor.a connects (keep alive 10), pings at 10 s (its
 * PINGRESP is lost), loses power at 12 s and is timed out at 25.02 s (15 s after its ping arrived),
 * with a will; then the broker restarts, and a second connection is told 0x8E.
 */
export function handTrace(): LessonTrace {
  const c = 'sensor.a';
  const events: TraceEvent[] = [
    { t: 0, kind: 'packet', dir: 'c2b', client: c, conn: 1, type: 'CONNECT', arrive: 20, keepAlive: 10 },
    {
      t: 20,
      kind: 'packet',
      dir: 'b2c',
      client: c,
      conn: 1,
      type: 'CONNACK',
      arrive: 40,
      reasonCode: 0,
      sessionPresent: false,
    },
    { t: 10_000, kind: 'packet', dir: 'c2b', client: c, conn: 1, type: 'PINGREQ', arrive: 10_020 },
    { t: 10_020, kind: 'packet', dir: 'b2c', client: c, conn: 1, type: 'PINGRESP', arrive: null },
    { t: 12_000, kind: 'fault', target: c, fault: 'power-off' },
    { t: 25_020, kind: 'timeout', client: c, conn: 1, side: 'broker', keepAlive: 10, lastActivity: 10_020 },
    {
      t: 25_020,
      kind: 'conn',
      client: c,
      conn: 1,
      side: 'broker',
      state: 'closed',
      reason: 'keepalive-timeout',
    },
    {
      t: 25_020,
      kind: 'will',
      client: c,
      conn: 1,
      topic: 'sensors/a/status',
      qos: 1,
      retain: false,
      cause: 'keepalive-timeout',
      delayed: 0,
      receivers: ['dash'],
    },
    { t: 30_000, kind: 'fault', target: 'broker', fault: 'broker-restart' },
    {
      t: 31_000,
      kind: 'packet',
      dir: 'c2b',
      client: c,
      conn: 2,
      type: 'CONNECT',
      arrive: 31_020,
      keepAlive: 30,
    },
    {
      t: 31_020,
      kind: 'packet',
      dir: 'b2c',
      client: c,
      conn: 2,
      type: 'DISCONNECT',
      arrive: 31_041.5,
      reasonCode: 0x8e,
    },
    { t: 31_020, kind: 'session', client: c, state: 'resumed', queued: 3 },
  ];
  return new LessonTrace(events, 'spec');
}
