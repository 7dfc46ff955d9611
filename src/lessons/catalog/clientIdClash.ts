import type { Lesson } from '../types';

export const clientIdClash: Lesson = {
  lesson: 1,
  id: 'client-id-clash',
  title: 'Two devices, one client ID',
  summary: 'Two meters with the same client ID take the connection from each other again and again.',
  scenario: 'client-id-clash',
  profiles: ['spec', 'emqx', 'hivemq', 'ejabberd-23'],
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  steps: [
    {
      title: 'A second meter-7',
      at: 'fault:clone.meter-7',
      highlight: { lanes: ['meter-7'] },
      predict: {
        question: 'A second meter, flashed with the same client ID, connects. What does the broker do?',
        choices: [
          'Refuses the newcomer: that client ID is taken',
          'Closes the first meter’s connection and keeps the newcomer',
          'Lets the two meters share the client ID',
        ],
        answer: 1,
        why: 'A client ID names one session with one connection; a new CONNECT with that ID replaces the old connection.',
      },
      text:
        'At {fault:clone.meter-7.atS} s a second meter connects with the client ID meter-7. The timeline draws a ' +
        'lane per client ID, so both meters draw on the one lane meter-7, and that is exactly the problem: to the ' +
        'broker, too, a client ID names one client, so it cannot keep both.',
      spec: ['MQTT-3.1.4-3'],
      check: {
        claim: 'the second meter’s CONNECT takes the client ID over',
        expect:
          '{takeover.meter-7.atS} > {fault:clone.meter-7.atS} and {takeover.meter-7.atS} < {fault:clone.meter-7.atS} + 1',
      },
    },
    {
      title: 'Session taken over',
      at: 'packet:DISCONNECT:b2c.meter-7',
      highlight: { lanes: ['meter-7'], events: ['takeover.meter-7'] },
      text:
        'The broker keeps the newcomer and closes the first meter’s connection. With MQTT 5 it says why first: ' +
        'this DISCONNECT, with reason code {packet:DISCONNECT:b2c.meter-7.reasonCodeHex}, “Session taken over”, ' +
        'goes down the meter-7 lane to the first meter.',
      spec: ['MQTT-3.1.4-3'],
      check: [
        {
          claim: 'the old connection is told 0x8E the moment it is taken over',
          expect:
            '{packet:DISCONNECT:b2c.meter-7.reasonCode} == 142 and ' +
            '{packet:DISCONNECT:b2c.meter-7.atS} == {takeover.meter-7.atS} and ' +
            '{packet:DISCONNECT:b2c.meter-7.conn} == {takeover.meter-7.oldConn}',
        },
        {
          claim: 'the broker closes the old connection because of the take-over',
          expect: '{conn:closed:broker:takeover.meter-7.atS} == {takeover.meter-7.atS}',
        },
      ],
    },
    {
      title: 'A will for a meter that is online',
      at: 'will.meter-7',
      highlight: { lanes: ['dashboard'] },
      text:
        'The first meter did not disconnect, so the broker publishes its will: the dashboard reads “offline” ' +
        'for meter-7, although a meter-7 is online.',
      spec: ['MQTT-3.1.2-8'],
      check: {
        claim: 'the take-over publishes the old connection’s will',
        expect: '{will:takeover.meter-7.count} >= 1 and {will.meter-7.receivers} >= 1',
      },
    },
    {
      title: 'Kicked out, it comes back',
      at: 'takeover.meter-7#2',
      predict: {
        question: 'The kicked-out meter is set to reconnect after a short back-off. What happens next?',
        choices: [
          'It reconnects and the two meters settle down',
          'It reconnects and kicks the other meter out, and so on',
          'The broker refuses it from now on',
        ],
        answer: 1,
        why: 'Each CONNECT with the ID takes it over again, so two reconnecting devices kick each other out forever.',
      },
      text:
        'The first meter reconnects {takeover.meter-7#2.sincePreviousS} s later and takes the ID back; then the ' +
        'other one does the same. Over the whole run the broker counts {takeover.meter-7.count} take-overs, and ' +
        'the dashboard gets {will.meter-7.count} “offline” wills.',
      spec: ['MQTT-3.1.4-3', 'MQTT-3.1.2-8'],
      whatIf: {
        label: 'Back off for 10 to 30 s instead',
        set: { 'clients[0].reconnect': { minMs: 10_000, maxMs: 30_000, jitter: 0.3 } },
        text:
          'A longer back-off only slows the fight: over the whole run {takeover.meter-7.count} take-overs, the ' +
          'first two {takeover.meter-7#2.sincePreviousS} s apart.',
        check: {
          claim: 'a longer back-off slows the take-overs but does not stop them',
          expect: '{takeover.meter-7.count} >= 2 and {takeover.meter-7#2.sincePreviousS} >= 5',
        },
      },
      check: {
        claim: 'the meters take the ID from each other again and again, each time with a will',
        expect: '{takeover.meter-7.count} >= 5 and {will.meter-7.count} == {takeover.meter-7.count}',
      },
    },
    {
      title: 'The fix is a unique ID',
      at: 'takeover.meter-7#last',
      text:
        'The fight goes on until the end of the run, {takeover.meter-7#last.sinceFaultS} s after the second meter ' +
        'appeared. No broker setting fixes it: every device needs its own client ID.',
      spec: ['MQTT-3.1.4-3'],
      check: {
        claim: 'the take-overs go on for as long as both meters run',
        expect: '{takeover.meter-7#last.atS} > {fault:clone.meter-7.atS} + 30',
      },
    },
  ],
};
