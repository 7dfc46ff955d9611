import type { Lesson } from '../types';

export const deadBroker: Lesson = {
  lesson: 1,
  id: 'dead-broker',
  title: 'When the broker goes silent',
  summary:
    'A client notices a silent broker by the PINGRESP that does not come, then reconnects with back-off.',
  scenario: {
    scenario: 1,
    name: 'Dead broker',
    description:
      'A sensor with keep alive 10 s pings its broker. At 23 s the network to the broker goes dark without a ' +
      'sound, as if the broker had died; at 55 s it works again. The sensor reconnects with back-off.',
    seed: 21,
    durationMs: 120_000,
    protocol: 4,
    network: { latencyMs: 20, jitterMs: 5 },
    clients: [
      {
        id: 'sensor-1',
        keepAlive: 10,
        will: { topic: 'sensors/sensor-1/status', payload: 'offline', qos: 1, retain: true },
        reconnect: { minMs: 2_000, maxMs: 16_000, jitter: 0 },
      },
      { id: 'dashboard', keepAlive: 60, subscribe: [{ topic: 'sensors/+/status', qos: 1 }] },
    ],
    events: [
      { atMs: 23_000, client: 'sensor-1', do: 'link-down' },
      { atMs: 55_000, client: 'sensor-1', do: 'link-up' },
    ],
  },
  profiles: ['spec', 'mosquitto-2.0', 'emqx', 'hivemq'],
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  steps: [
    {
      title: 'The answer is the signal',
      at: 'packet:PINGRESP.sensor-1',
      highlight: { lanes: ['sensor-1'], events: ['packet:PINGREQ.sensor-1'] },
      text:
        'sensor-1 pings every {packet:PINGREQ.sensor-1#2.sincePreviousS} s, and each PINGRESP comes back ' +
        '{packet:PINGRESP.sensor-1.flightMs} ms after the broker sent it. For the client, that answer is the proof ' +
        'that the broker is still there.',
      spec: ['MQTT-3.12.4-1'],
      check: {
        claim: 'each ping is answered within a second',
        expect:
          '{packet:PINGRESP.sensor-1.arriveS} - {packet:PINGREQ.sensor-1.atS} < 1 and ' +
          '{packet:PINGRESP:b2c.sensor-1#2.arriveS} - {packet:PINGREQ:c2b.sensor-1#2.atS} < 1',
      },
    },
    {
      title: 'Silence',
      at: 'fault:link-down.sensor-1',
      highlight: { lanes: ['sensor-1'] },
      predict: {
        question:
          'The broker stops answering: nothing gets through in either direction. How does sensor-1 find out?',
        choices: [
          'The broker sends it a last message',
          'Its next PINGREQ gets no PINGRESP',
          'The network tells it at once',
          'It never finds out',
        ],
        answer: 1,
        why: 'A dead broker, or a dead path to it, sends nothing at all. Only a missing answer can give it away.',
      },
      text:
        'At {fault:link-down.sensor-1.atS} s the path to the broker goes dark without a sound: no packet gets ' +
        'through either way, and no connection is closed. To sensor-1 this looks just like a dead broker.',
      spec: ['MQTT-3.12.4-1'],
      check: {
        claim: 'nothing tells sensor-1 at once',
        expect: '{conn:closed:client.sensor-1.atS} > {fault:link-down.sensor-1.atS} + 1',
      },
    },
    {
      title: 'A ping into the void',
      at: 'packet:PINGREQ:lost.sensor-1',
      text:
        'At {packet:PINGREQ:lost.sensor-1.atS} s sensor-1 has been quiet for its keep alive and sends a PINGREQ, ' +
        'as usual. This one is lost on the way.',
      spec: ['MQTT-3.1.2-23'],
      check: {
        claim: 'the first ping after the failure is lost',
        expect:
          '{packet:PINGREQ:lost.sensor-1.atS} > {fault:link-down.sensor-1.atS} and ' +
          '{packet:PINGREQ:lost.sensor-1.atS} < {fault:link-down.sensor-1.atS} + {packet:PINGREQ:lost.sensor-1.keepAliveS}',
      },
    },
    {
      title: 'No answer: the client gives up',
      at: 'timeout:client.sensor-1',
      highlight: { lanes: ['sensor-1'] },
      predict: {
        question: 'How long does sensor-1 wait for the PINGRESP before it gives up on the connection?',
        choices: ['Exactly its keep alive, as the standard demands', 'As long as its client library decides'],
        answer: 1,
        why: 'The standard only asks for “a reasonable amount of time”; each client library picks its own wait.',
      },
      text:
        'No PINGRESP comes. At {timeout:client.sensor-1.atS} s, half a keep alive after its ping, sensor-1 closes ' +
        'the connection. The standard only asks for “a reasonable amount of time”; that half keep alive is the ' +
        'wait the mqtt.js library chose, and other libraries choose others.',
      spec: ['MQTT-3.12.4-1'],
      whatIf: {
        label: 'Keep alive 30 s instead of 10 s',
        set: { 'clients[0].keepAlive': 30 },
        text:
          'With K = {timeout:client.sensor-1.keepAliveS} s sensor-1 pings later and waits longer: it gives up at ' +
          '{timeout:client.sensor-1.atS} s, {timeout:client.sensor-1.sinceFaultS} s after the broker went silent.',
        check: {
          claim: 'the client still waits half its keep alive after its ping',
          expect:
            'abs({timeout:client.sensor-1.atS} - {packet:PINGREQ:lost.sensor-1.atS} - {timeout:client.sensor-1.keepAliveS} / 2) < 0.01',
        },
      },
      check: {
        claim: 'the client gives up half a keep alive after its unanswered ping',
        expect:
          'abs({timeout:client.sensor-1.atS} - {packet:PINGREQ:lost.sensor-1.atS} - {timeout:client.sensor-1.keepAliveS} / 2) < 0.01 and ' +
          '{conn:closed:client:ping-timeout.sensor-1.count} == 1',
      },
    },
    {
      title: 'The broker gives up too',
      at: 'timeout:broker.sensor-1',
      highlight: { lanes: ['dashboard'], events: ['will.sensor-1'] },
      text:
        'The broker has not heard from sensor-1 either. After {timeout:broker.sensor-1.afterLastPacketS} s of ' +
        'silence it closes its end too and publishes sensor-1’s will. Each side keeps its own timer.',
      spec: ['MQTT-3.1.2-24', 'MQTT-3.1.2-8'],
      check: {
        claim: 'the broker times sensor-1 out on its own, in its detection window',
        expect:
          '{timeout:broker.sensor-1.afterLastPacketS} >= detectLo({timeout:broker.sensor-1.keepAliveS}) and ' +
          '{timeout:broker.sensor-1.afterLastPacketS} <= detectHi({timeout:broker.sensor-1.keepAliveS}) and ' +
          '{will:keepalive-timeout.sensor-1.count} == 1',
      },
    },
    {
      title: 'Back-off until it works',
      at: 'conn:open:broker.sensor-1#2',
      highlight: { lanes: ['sensor-1'] },
      text:
        'sensor-1 tries to reconnect, waiting longer after each failure; {packet:CONNECT:lost.sensor-1.count} ' +
        'attempts are lost in the dark. The path works again at {fault:link-up.sensor-1.atS} s, and the next ' +
        'attempt, at {conn:open:broker.sensor-1#2.atS} s, gets through.',
      spec: [],
      check: {
        claim: 'attempts fail while the path is dark and one succeeds after it returns',
        expect:
          '{packet:CONNECT:lost.sensor-1.count} >= 1 and {conn:open:broker.sensor-1#2.atS} > {fault:link-up.sensor-1.atS}',
      },
    },
  ],
};
