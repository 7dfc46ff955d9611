import type { Lesson } from '../types';

export const choosingKeepAlive: Lesson = {
  lesson: 1,
  id: 'choosing-keep-alive',
  title: 'Choosing a keep alive for a fleet',
  summary: 'A short keep alive finds a dead device sooner and costs more pings; keep alive 0 never finds it.',
  scenario: {
    scenario: 1,
    name: 'Choosing keep alive',
    description:
      'Three fast sensors (keep alive 10 s), three slow ones (60 s) and a legacy device with keep alive 0, all ' +
      'with wills. fast-1, slow-1 and legacy lose power at 40 s.',
    seed: 41,
    durationMs: 180_000,
    protocol: 4,
    network: { latencyMs: 30, jitterMs: 10 },
    clients: [
      {
        id: 'fast-{n}',
        count: 3,
        keepAlive: 10,
        connectSpreadMs: 3_000,
        will: { topic: 'fleet/{id}/status', payload: 'offline', qos: 1 },
      },
      {
        id: 'slow-{n}',
        count: 3,
        keepAlive: 60,
        connectSpreadMs: 3_000,
        will: { topic: 'fleet/{id}/status', payload: 'offline', qos: 1 },
      },
      { id: 'legacy', keepAlive: 0, will: { topic: 'fleet/legacy/status', payload: 'offline', qos: 1 } },
      { id: 'dashboard', keepAlive: 60, subscribe: [{ topic: 'fleet/+/status', qos: 1 }] },
    ],
    events: [
      { atMs: 40_000, client: 'fast-1', do: 'power-off' },
      { atMs: 40_000, client: 'slow-1', do: 'power-off' },
      { atMs: 40_000, client: 'legacy', do: 'power-off' },
    ],
  },
  profiles: ['spec', 'mosquitto-2.0', 'emqx', 'hivemq'],
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  calculator: true,
  steps: [
    {
      title: 'What a ping costs',
      at: 'packet:PINGREQ.fast-2',
      highlight: { lanes: ['fast-2', 'slow-2'] },
      text:
        'An idle sensor pings once per keep alive, and each ping is a PINGREQ up and a PINGRESP down: radio time and ' +
        'battery for the device, work for the broker. Over the whole run fast-2 (keep alive {packet:CONNECT.fast-2.keepAliveS} s) ' +
        'sends {packet:PINGREQ.fast-2.count} pings, slow-2 (keep alive {packet:CONNECT.slow-2.keepAliveS} s) only ' +
        '{packet:PINGREQ.slow-2.count}.',
      spec: ['MQTT-3.1.2-23', 'MQTT-3.12.4-1'],
      check: {
        claim: 'a short keep alive costs many more pings',
        expect: '{packet:PINGREQ.fast-2.count} >= 4 * {packet:PINGREQ.slow-2.count}',
      },
    },
    {
      title: 'Three sensors lose power',
      at: 'fault:power-off.fast-1',
      highlight: { lanes: ['fast-1', 'slow-1', 'legacy'] },
      predict: {
        question:
          'fast-1, slow-1 and legacy lose power at the same moment. Whose will reaches the dashboard first?',
        choices: ['fast-1’s', 'slow-1’s', 'legacy’s', 'All three together'],
        answer: 0,
        why: 'The broker gives up on a silent client about 1.5 × K after its last packet, so the smallest K is found first.',
      },
      text:
        'At {fault:power-off.fast-1.atS} s fast-1, slow-1 and legacy lose power. None of them can say goodbye: only ' +
        'keep alive can tell the broker.',
      spec: ['MQTT-3.1.2-24'],
      check: {
        claim: 'the three sensors lose power together',
        expect:
          '{fault:power-off.fast-1.atS} == {fault:power-off.slow-1.atS} and ' +
          '{fault:power-off.fast-1.atS} == {fault:power-off.legacy.atS}',
      },
    },
    {
      title: 'Keep alive 0 is not a default',
      at: 'fault:power-off.legacy',
      highlight: { lanes: ['legacy'] },
      text:
        'legacy, though, connected with keep alive {packet:CONNECT.legacy.keepAliveS}, and K = 0 does not mean ' +
        '“use the default”: it turns keep alive off. ' +
        'The broker has no deadline for legacy, so it will hold this dead connection for as long as it runs: over ' +
        'the whole run the dashboard gets {will.legacy.count} wills from legacy.',
      spec: ['MQTT-3.1.2-24'],
      check: [
        {
          claim: 'legacy loses power with the others, and its keep alive is off',
          expect:
            '{fault:power-off.legacy.atS} == {fault:power-off.fast-1.atS} and {packet:CONNECT.legacy.keepAliveS} == 0',
        },
        {
          claim: 'with keep alive 0 a silent client is never dropped',
          expect:
            '{will.legacy.count} == 0 and {timeout.legacy.count} == 0 and {conn:closed:broker.legacy.count} == 0 and ' +
            '{packet:PINGREQ.legacy.count} == 0',
        },
      ],
    },
    {
      title: 'Short keep alive, early alarm',
      at: 'will.fast-1',
      highlight: { lanes: ['fast-1', 'dashboard'] },
      text:
        'The broker gives up on fast-1 {timeout:broker.fast-1.afterLastPacketS} s after its last packet, and the ' +
        'dashboard hears of the power loss {will.fast-1.sinceFaultS} s after it happened.',
      spec: ['MQTT-3.1.2-24', 'MQTT-3.1.2-8'],
      check: {
        claim: 'fast-1 is found within its detection window',
        expect:
          '{timeout:broker.fast-1.afterLastPacketS} >= detectLo({timeout:broker.fast-1.keepAliveS}) and ' +
          '{timeout:broker.fast-1.afterLastPacketS} <= detectHi({timeout:broker.fast-1.keepAliveS})',
      },
    },
    {
      title: 'Long keep alive, late alarm',
      at: 'will.slow-1',
      highlight: { lanes: ['slow-1', 'dashboard', 'legacy'] },
      text:
        'slow-1’s will comes {will.slow-1.sinceFaultS} s after the power loss: the price of fewer pings is a later ' +
        'alarm, and legacy, with keep alive off, is still held half-open. Pick the longest keep alive whose 1.5 × K ' +
        'you can afford to wait; the calculator does the sums for a fleet.',
      spec: ['MQTT-3.1.2-24'],
      whatIf: {
        label: 'Slow sensors at keep alive 30 s',
        set: { 'clients[1].keepAlive': 30 },
        text:
          'With K = {timeout:broker.slow-1.keepAliveS} s slow-1’s will comes {will.slow-1.sinceFaultS} s after the ' +
          'power loss, and over the whole run slow-2 now sends {packet:PINGREQ.slow-2.count} pings.',
        check: {
          claim: 'halving K finds the dead sensor sooner and costs more pings',
          expect:
            '{timeout:broker.slow-1.afterLastPacketS} <= detectHi({timeout:broker.slow-1.keepAliveS}) and ' +
            '{packet:PINGREQ.slow-2.count} >= 4',
        },
      },
      check: [
        {
          claim: 'slow-1 is found within its detection window',
          expect:
            '{timeout:broker.slow-1.afterLastPacketS} >= detectLo({timeout:broker.slow-1.keepAliveS}) and ' +
            '{timeout:broker.slow-1.afterLastPacketS} <= detectHi({timeout:broker.slow-1.keepAliveS})',
        },
        {
          claim: 'the long keep alive raises the alarm much later',
          expect: '{will.slow-1.sinceFaultS} > 2 * {will.fast-1.sinceFaultS}',
        },
        {
          claim: 'the broker still holds legacy’s dead connection',
          expect:
            '{conn:closed:broker.legacy.count} == 0 and {fault:power-off.legacy.atS} < {will.slow-1.atS}',
        },
      ],
    },
  ],
};
