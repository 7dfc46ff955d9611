import type { Lesson } from '../types';

export const keepAlive: Lesson = {
  lesson: 1,
  id: 'keep-alive',
  title: 'Keep alive: how a broker knows a client is still there',
  summary:
    'A quiet sensor pings to stay connected; when it loses power the broker waits 1.5 × its keep alive.',
  scenario: {
    scenario: 1,
    name: 'Keep alive',
    description: 'A sensor with keep alive 10 s and a will pings while idle, then loses power at 35 s.',
    seed: 11,
    durationMs: 150_000,
    protocol: 4,
    network: { latencyMs: 20, jitterMs: 5 },
    clients: [
      {
        id: 'sensor-1',
        keepAlive: 10,
        will: { topic: 'sensors/sensor-1/status', payload: 'offline', qos: 1, retain: true },
      },
      { id: 'dashboard', keepAlive: 60, subscribe: [{ topic: 'sensors/+/status', qos: 1 }] },
    ],
    events: [{ atMs: 35_000, client: 'sensor-1', do: 'power-off' }],
  },
  profiles: ['spec', 'mosquitto-2.0', 'emqx', 'hivemq'],
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  steps: [
    {
      title: 'A promise in the CONNECT',
      at: 'packet:CONNECT.sensor-1',
      highlight: { lanes: ['sensor-1'] },
      text:
        'sensor-1 connects and promises the broker, inside its CONNECT packet, to send something at least ' +
        'every {packet:CONNECT.sensor-1.keepAliveS} seconds. That promise is its keep alive, called K.',
      spec: ['MQTT-3.1.2-23'],
      check: {
        claim: 'the CONNECT carries a keep alive that is not off',
        expect: '{packet:CONNECT.sensor-1.keepAliveS} > 0',
      },
    },
    {
      title: 'Nothing to say: PINGREQ',
      at: 'packet:PINGREQ.sensor-1',
      highlight: { lanes: ['sensor-1'], events: ['packet:PINGREQ.sensor-1#2'] },
      predict: {
        question: 'sensor-1 has nothing to publish. What happens when K seconds pass?',
        choices: [
          'Nothing: the broker will ask whether it is still there',
          'sensor-1 sends a small PINGREQ packet',
          'sensor-1 disconnects and connects again',
        ],
        answer: 1,
        why: 'Keeping in touch is the client’s job: when it has sent nothing for K seconds, it sends a PINGREQ.',
      },
      text:
        'With nothing to publish, sensor-1 sends a PINGREQ at {packet:PINGREQ.sensor-1.atS} s and then one every ' +
        '{packet:PINGREQ.sensor-1#2.sincePreviousS} s. A PINGREQ carries no data: it only says “still here”.',
      spec: ['MQTT-3.1.2-23'],
      check: [
        {
          claim: 'the first PINGREQ comes within K of the CONNECT',
          expect: '{packet:PINGREQ.sensor-1.atS} <= {packet:PINGREQ.sensor-1.keepAliveS}',
        },
        {
          claim: 'an idle client pings every K seconds',
          expect:
            'abs({packet:PINGREQ.sensor-1#2.sincePreviousS} - {packet:PINGREQ.sensor-1#2.keepAliveS}) < 0.01',
        },
      ],
    },
    {
      title: 'The broker answers',
      at: 'packet:PINGRESP.sensor-1',
      text:
        'The broker answers every PINGREQ with a PINGRESP: over the whole run, {packet:PINGRESP.sensor-1.count} ' +
        'answers to {packet:PINGREQ.sensor-1.count} pings. Every packet the broker receives from sensor-1 restarts ' +
        'its wait.',
      spec: ['MQTT-3.12.4-1'],
      check: [
        {
          claim: 'every PINGREQ gets a PINGRESP',
          expect: '{packet:PINGRESP:b2c.sensor-1.count} == {packet:PINGREQ:c2b.sensor-1.count}',
        },
        {
          claim: 'the broker’s wait runs from the last packet it received',
          expect: '{timeout:broker.sensor-1.lastActivityS} == {packet:PINGREQ.sensor-1#last.arriveS}',
        },
      ],
    },
    {
      title: 'Power off',
      at: 'fault:power-off.sensor-1',
      highlight: { lanes: ['sensor-1'] },
      predict: {
        question: 'sensor-1 loses power and falls silent. When does the broker give up on it?',
        choices: [
          'At once',
          'After K = {packet:CONNECT.sensor-1.keepAliveS} s of silence',
          'After one and a half times K of silence',
          'Never: the connection still looks open',
        ],
        answer: 2,
        why: 'The broker allows 1.5 × K from the last packet it received, so one late ping does not cut a client off.',
      },
      text:
        'At {fault:power-off.sensor-1.atS} s sensor-1 loses power. It cannot say goodbye and nothing reaches ' +
        'the broker, so on the broker’s side the connection still looks open.',
      spec: ['MQTT-3.1.2-24'],
      check: {
        claim: 'the broker still holds the connection after the power-off',
        expect: '{conn:closed:broker.sensor-1.atS} > {fault:power-off.sensor-1.atS} + 1',
      },
    },
    {
      title: 'One and a half times K',
      at: 'timeout:broker.sensor-1',
      text:
        'The broker last heard from sensor-1 {timeout:broker.sensor-1.afterLastPacketS} s ago, which is more than ' +
        'K = {timeout:broker.sensor-1.keepAliveS} s. The standard tells a broker to wait 1.5 × K, here ' +
        '{@spec:timeout:broker.sensor-1.afterLastPacketS} s, but a real broker checks on its own schedule ' +
        '(Mosquitto 2.0 sweeps its clients every few seconds) and may notice a few seconds later. This run uses ' +
        '{profile.title}, which closes the connection now.',
      spec: ['MQTT-3.1.2-24'],
      whatIf: {
        label: 'Keep alive 60 s instead of 10 s',
        set: { 'clients[0].keepAlive': 60 },
        text:
          'With K = {timeout:broker.sensor-1.keepAliveS} s the broker waits {timeout:broker.sensor-1.afterLastPacketS} s ' +
          'after the last packet, and the dashboard hears of the power cut {will.sensor-1.sinceFaultS} s after it.',
        check: [
          {
            claim: 'a longer keep alive makes the broker wait 1.5 × K',
            expect:
              '{timeout:broker.sensor-1.afterLastPacketS} >= detectLo({timeout:broker.sensor-1.keepAliveS}) and ' +
              '{timeout:broker.sensor-1.afterLastPacketS} <= detectHi({timeout:broker.sensor-1.keepAliveS})',
          },
          {
            claim: 'the will comes at least 1.5 × K after the last packet',
            expect: '{will.sensor-1.afterLastPacketS} >= 1.5 * {timeout:broker.sensor-1.keepAliveS}',
          },
        ],
      },
      check: [
        {
          claim: 'the broker waits longer than K',
          expect: '{timeout:broker.sensor-1.afterLastPacketS} > {timeout:broker.sensor-1.keepAliveS}',
        },
        {
          claim: 'the standard’s wait is exactly 1.5 × K',
          expect:
            '{@spec:timeout:broker.sensor-1.afterLastPacketS} == 1.5 * {@spec:timeout:broker.sensor-1.keepAliveS}',
        },
        {
          claim: 'this broker notices no sooner than the standard says, at most a few seconds later',
          expect:
            '{timeout:broker.sensor-1.afterLastPacketS} >= {@spec:timeout:broker.sensor-1.afterLastPacketS} and ' +
            '{timeout:broker.sensor-1.afterLastPacketS} <= {@spec:timeout:broker.sensor-1.afterLastPacketS} + 8',
        },
        {
          claim: 'the wait falls in the profile’s detection window around 1.5 × K',
          expect:
            '{timeout:broker.sensor-1.afterLastPacketS} >= detectLo({timeout:broker.sensor-1.keepAliveS}) and ' +
            '{timeout:broker.sensor-1.afterLastPacketS} <= detectHi({timeout:broker.sensor-1.keepAliveS})',
        },
      ],
    },
    {
      title: 'The will goes out',
      at: 'will.sensor-1',
      highlight: { lanes: ['dashboard'] },
      text:
        'A connection closed by the keep-alive timer counts as a failure, so the broker publishes sensor-1’s will. ' +
        'The dashboard learns that sensor-1 is offline {will.sensor-1.sinceFaultS} s after its power went off.',
      spec: ['MQTT-3.1.2-8'],
      check: [
        {
          claim: 'the will is published because of the keep-alive timeout',
          expect: '{will:keepalive-timeout.sensor-1.count} == 1 and {will.sensor-1.receivers} >= 1',
        },
        {
          claim: 'the will goes out when the timer fires',
          expect: 'abs({will.sensor-1.atS} - {timeout:broker.sensor-1.atS}) < 0.001',
        },
      ],
    },
  ],
};
