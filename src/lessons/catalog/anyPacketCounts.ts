import type { Lesson } from '../types';

export const anyPacketCounts: Lesson = {
  lesson: 1,
  id: 'any-packet-counts',
  title: 'Any packet counts: publishing keeps a client alive, receiving does not',
  summary: 'A busy sensor never pings, a quiet one does, and a dashboard that only receives must ping too.',
  scenario: 'basics',
  profiles: ['spec', 'mosquitto-2.0', 'emqx', 'aedes'],
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  steps: [
    {
      title: 'Publishing is talking',
      at: 'packet:PUBLISH:c2b.sensor-busy',
      highlight: { lanes: ['sensor-busy'] },
      text:
        'sensor-busy publishes a reading every {packet:PUBLISH:c2b.sensor-busy#2.sincePreviousS} s, more often ' +
        'than its keep alive of {packet:CONNECT.sensor-busy.keepAliveS} s. Each PUBLISH tells the broker that ' +
        'sensor-busy is alive.',
      spec: ['MQTT-3.1.2-23'],
      check: {
        claim: 'the busy sensor publishes more often than its keep alive',
        expect: '{packet:PUBLISH:c2b.sensor-busy#2.sincePreviousS} < {packet:CONNECT.sensor-busy.keepAliveS}',
      },
    },
    {
      title: 'The quiet one pings',
      at: 'packet:PINGREQ.sensor-quiet',
      highlight: { lanes: ['sensor-quiet'] },
      text:
        'sensor-quiet has the same keep alive but nothing to publish, so it sends a PINGREQ every ' +
        '{packet:PINGREQ.sensor-quiet#2.sincePreviousS} s. A ping is just the smallest packet a client can send.',
      spec: ['MQTT-3.1.2-23'],
      check: {
        claim: 'an idle client pings once per keep alive',
        expect:
          'abs({packet:PINGREQ.sensor-quiet#2.sincePreviousS} - {packet:PINGREQ.sensor-quiet.keepAliveS}) < 0.01',
      },
    },
    {
      title: 'Any packet counts',
      at: 'packet:PUBLISH:c2b.sensor-busy#3',
      highlight: { lanes: ['sensor-busy', 'sensor-quiet'] },
      predict: {
        question: 'How many PINGREQs will sensor-busy send during the whole run?',
        choices: ['None', 'One every K seconds, like sensor-quiet', 'One after every PUBLISH, to be safe'],
        answer: 0,
        why: 'A client pings only when it has sent nothing else for K seconds, and sensor-busy is never that quiet.',
      },
      text:
        'sensor-busy sends {packet:PINGREQ.sensor-busy.count} PINGREQs in the whole run, and the broker never ' +
        'drops it: every packet it receives from a client restarts its keep-alive wait, a PUBLISH as much as a PINGREQ.',
      spec: ['MQTT-3.1.2-23', 'MQTT-3.1.2-24'],
      whatIf: {
        label: 'Publish every 15 s instead of every 4 s',
        set: { 'clients[1].publish.everyMs': 15_000 },
        text:
          'Now sensor-busy publishes only every {packet:PUBLISH:c2b.sensor-busy#2.sincePreviousS} s, longer than ' +
          'its keep alive, so over the whole run it fills the gaps with {packet:PINGREQ.sensor-busy.count} PINGREQs.',
        check: {
          claim: 'a client that publishes less often than K pings in between',
          expect: '{packet:PINGREQ.sensor-busy.count} >= 1 and {timeout.sensor-busy.count} == 0',
        },
      },
      check: {
        claim: 'publishes alone keep the busy sensor connected',
        expect: '{packet:PINGREQ.sensor-busy.count} == 0 and {timeout.sensor-busy.count} == 0',
      },
    },
    {
      title: 'Receiving is not talking',
      at: 'packet:PINGREQ.dashboard',
      highlight: { lanes: ['dashboard'] },
      predict: {
        question: 'The dashboard receives a reading every few seconds. Does it still need to ping?',
        choices: [
          'No: the messages it receives show the connection works',
          'Yes: only packets the broker receives from the dashboard count',
        ],
        answer: 1,
        why: 'Keep alive is about the client talking to the broker; what the broker sends to the client does not count.',
      },
      text:
        'Over the whole run the dashboard receives {packet:PUBLISH:b2c.dashboard.count} readings, at QoS 0, so it ' +
        'sends nothing back for them. Its keep alive is K = {packet:PINGREQ.dashboard.keepAliveS} s, and K after ' +
        'it last sent anything, it sends a PINGREQ all the same.',
      spec: ['MQTT-3.1.2-23'],
      check: [
        {
          claim: 'the dashboard receives many messages but acknowledges none',
          expect: '{packet:PUBLISH:b2c.dashboard.count} >= 5 and {packet:PUBACK:c2b.dashboard.count} == 0',
        },
        {
          claim: 'the dashboard pings K after it last sent anything (its SUBSCRIBE)',
          expect:
            'abs({packet:PINGREQ.dashboard.atS} - {packet:SUBSCRIBE.dashboard#last.atS} - ' +
            '{packet:PINGREQ.dashboard.keepAliveS}) < 0.01 and ' +
            '{packet:SUBSCRIBE.dashboard#last.atS} < {packet:PINGREQ.dashboard.atS} and ' +
            '{packet:PUBACK:c2b.dashboard.count} == 0 and {packet:PUBLISH:c2b.dashboard.count} == 0',
        },
      ],
    },
  ],
};
