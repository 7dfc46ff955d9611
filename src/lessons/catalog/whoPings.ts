import type { Lesson } from '../types';

export const whoPings: Lesson = {
  lesson: 1,
  id: 'who-pings',
  title: 'Who pings whom? Three beliefs about keep alive, tested',
  summary: 'The client pings, the broker waits 1.5 × K, and a polite goodbye sends no will.',
  scenario: {
    scenario: 1,
    name: 'Who pings',
    description:
      'Two quiet sensors with keep alive 10 s and wills. sensor-a loses power at 25 s; sensor-b says goodbye ' +
      'politely at 60 s. A dashboard watches their status topics.',
    seed: 12,
    durationMs: 90_000,
    protocol: 4,
    network: { latencyMs: 20, jitterMs: 5 },
    clients: [
      {
        id: 'sensor-a',
        keepAlive: 10,
        will: { topic: 'sensors/sensor-a/status', payload: 'offline', qos: 1, retain: true },
      },
      {
        id: 'sensor-b',
        keepAlive: 10,
        will: { topic: 'sensors/sensor-b/status', payload: 'offline', qos: 1, retain: true },
      },
      { id: 'dashboard', keepAlive: 60, subscribe: [{ topic: 'sensors/+/status', qos: 1 }] },
    ],
    events: [
      { atMs: 25_000, client: 'sensor-a', do: 'power-off' },
      { atMs: 60_000, client: 'sensor-b', do: 'disconnect' },
    ],
  },
  profiles: ['spec', 'mosquitto-2.0', 'emqx', 'hivemq', 'aedes'],
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  steps: [
    {
      title: 'Who sends PINGREQ?',
      at: 'packet:PINGREQ.sensor-a',
      highlight: { lanes: ['sensor-a', 'sensor-b'] },
      predict: {
        question: 'The sensors are idle. Who sends the PINGREQ that checks the connection?',
        choices: [
          'The broker, to see whether each client is still there',
          'Each client, on its own',
          'They take turns',
        ],
        answer: 1,
        why: 'Only the client has a duty to keep in touch; the broker never starts a ping.',
      },
      text:
        'This PINGREQ goes up from sensor-a to the broker, and so does every other one: over the whole run, ' +
        '{packet:PINGREQ:c2b.*.count} PINGREQs go up from clients and {packet:PINGREQ:b2c.*.count} come down ' +
        'from the broker. Keeping the connection alive is the client’s job.',
      spec: ['MQTT-3.1.2-23'],
      check: {
        claim: 'this PINGREQ goes up, and only clients send PINGREQ',
        expect:
          '{packet:PINGREQ:c2b.sensor-a.atS} == {packet:PINGREQ.sensor-a.atS} and ' +
          '{packet:PINGREQ:b2c.*.count} == 0 and {packet:PINGREQ:c2b.*.count} >= 2',
      },
    },
    {
      title: 'The broker only answers',
      at: 'packet:PINGRESP.sensor-a',
      text:
        'The broker sends a PINGRESP only in answer to a PINGREQ: over the whole run, ' +
        '{packet:PINGRESP:b2c.*.count} answers to {packet:PINGREQ:c2b.*.count} pings. To know whether a client is ' +
        'alive, the broker just listens.',
      spec: ['MQTT-3.12.4-1'],
      check: {
        claim: 'every PINGRESP answers a PINGREQ, and every PINGREQ is answered',
        expect:
          '{packet:PINGRESP:b2c.*.count} == {packet:PINGREQ:c2b.*.count} and {packet:PINGRESP:c2b.*.count} == 0',
      },
    },
    {
      title: 'sensor-a goes silent',
      at: 'fault:power-off.sensor-a',
      highlight: { lanes: ['sensor-a'] },
      predict: {
        question: 'sensor-a loses power. How long after its last packet does the broker drop it?',
        choices: [
          'K = {fault:power-off.sensor-a.keepAliveS} s: the keep alive is the deadline',
          'One and a half times K',
          'Twice K',
          'Never: nothing tells the broker',
        ],
        answer: 1,
        why: 'The standard gives a client half a keep alive of grace: the broker waits 1.5 × K after the last packet.',
      },
      text:
        'At {fault:power-off.sensor-a.atS} s sensor-a loses power. Its last packet reached the broker ' +
        '{fault:power-off.sensor-a.afterLastPacketS} s before that, well within its keep alive.',
      spec: ['MQTT-3.1.2-24'],
      check: {
        claim: 'the power goes off within a keep alive of the last packet',
        expect: '{fault:power-off.sensor-a.afterLastPacketS} < {fault:power-off.sensor-a.keepAliveS}',
      },
    },
    {
      title: 'Not K, but 1.5 × K',
      at: 'timeout:broker.sensor-a',
      highlight: { lanes: ['sensor-a'] },
      text:
        'The broker does not drop sensor-a K = {timeout:broker.sensor-a.keepAliveS} s after its last packet, but ' +
        '{timeout:broker.sensor-a.afterLastPacketS} s after it. The standard says 1.5 × K, and a real broker’s ' +
        'timer can add a few seconds more.',
      spec: ['MQTT-3.1.2-24'],
      whatIf: {
        label: 'Give sensor-a keep alive 20 s',
        set: { 'clients[0].keepAlive': 20 },
        text:
          'With K = {timeout:broker.sensor-a.keepAliveS} s the broker drops sensor-a ' +
          '{timeout:broker.sensor-a.afterLastPacketS} s after its last packet: again one and a half times K, or a little more.',
        check: {
          claim: 'the broker waits at least 1.5 × K whatever K is',
          expect:
            '{timeout:broker.sensor-a.afterLastPacketS} >= 1.5 * {timeout:broker.sensor-a.keepAliveS} and ' +
            '{timeout:broker.sensor-a.afterLastPacketS} <= detectHi({timeout:broker.sensor-a.keepAliveS})',
        },
      },
      check: {
        claim: 'the broker waits at least 1.5 × K, not K',
        expect:
          '{timeout:broker.sensor-a.afterLastPacketS} >= 1.5 * {timeout:broker.sensor-a.keepAliveS} and ' +
          '{timeout:broker.sensor-a.afterLastPacketS} <= detectHi({timeout:broker.sensor-a.keepAliveS})',
      },
    },
    {
      title: 'A will for a silent death',
      at: 'will.sensor-a',
      highlight: { lanes: ['dashboard'] },
      text:
        'sensor-a never said goodbye, so when the broker gives up on it, it publishes sensor-a’s will. The dashboard ' +
        'reads “offline” {will.sensor-a.sinceFaultS} s after the power went off.',
      spec: ['MQTT-3.1.2-8'],
      check: {
        claim: 'a connection dropped by the keep-alive timer publishes the will',
        expect: '{will:keepalive-timeout.sensor-a.count} == 1 and {will.sensor-a.receivers} >= 1',
      },
    },
    {
      title: 'A polite goodbye: no will',
      at: 'fault.sensor-b',
      highlight: { lanes: ['sensor-b', 'dashboard'] },
      predict: {
        question: 'sensor-b disconnects politely, with a DISCONNECT packet. Does the dashboard get its will?',
        choices: [
          'Yes: a will goes out whenever a client disconnects',
          'No: a polite goodbye cancels the will',
        ],
        answer: 1,
        why: 'A will is for an unexpected end. DISCONNECT tells the broker the end was meant, so it deletes the will.',
      },
      text:
        'sensor-b sends DISCONNECT at {fault.sensor-b.atS} s and closes its connection. The broker deletes its ' +
        'will unpublished: {will.sensor-b.count} wills for sensor-b in the whole run.',
      spec: ['MQTT-3.14.4-3'],
      whatIf: {
        label: 'sensor-b crashes instead',
        set: { 'events[1].do': 'crash' },
        spec: ['MQTT-3.1.2-8'],
        text: 'A crash sends no DISCONNECT, so the broker publishes sensor-b’s will {will.sensor-b.sinceFaultS} s later.',
        check: {
          claim: 'a crash, unlike a DISCONNECT, publishes the will',
          expect: '{will.sensor-b.count} == 1 and {packet:DISCONNECT:c2b.sensor-b.count} == 0',
        },
      },
      check: {
        claim: 'a DISCONNECT deletes the will',
        expect: '{packet:DISCONNECT:c2b.sensor-b.count} == 1 and {will.sensor-b.count} == 0',
      },
    },
  ],
};
