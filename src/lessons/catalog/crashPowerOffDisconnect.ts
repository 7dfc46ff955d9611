import type { Lesson } from '../types';

export const crashPowerOffDisconnect: Lesson = {
  lesson: 1,
  id: 'crash-power-off-disconnect',
  title: 'Crash, power loss, goodbye: three ways to leave',
  summary:
    'A crash is noticed at once, a power loss only by keep alive, and a DISCONNECT sends no will at all.',
  scenario: 'crash-vs-power-off',
  profiles: ['spec', 'mosquitto-2.0', 'emqx', 'hivemq', 'aedes', 'ejabberd-23'],
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  steps: [
    {
      title: 'Two sensors stop at once',
      at: 'fault:power-off.sensor-1',
      highlight: { lanes: ['sensor-1', 'sensor-2'], events: ['fault:crash.sensor-2'] },
      predict: {
        question:
          'At the same moment sensor-1 loses power and sensor-2’s program crashes. Whose will does the dashboard get first?',
        choices: ['sensor-1’s', 'sensor-2’s', 'Both at the same moment', 'Neither: no one said goodbye'],
        answer: 1,
        why:
          'A crashed program’s computer still closes its network connection, and the broker hears that at once. ' +
          'A device without power closes nothing.',
      },
      text:
        'At {fault:power-off.sensor-1.atS} s sensor-1 loses power and sensor-2’s program crashes. Both stop ' +
        'talking at the same instant, but they leave in different ways.',
      spec: ['MQTT-3.1.2-8'],
      check: {
        claim: 'the power loss and the crash happen at the same moment',
        expect: '{fault:power-off.sensor-1.atS} == {fault:crash.sensor-2.atS}',
      },
    },
    {
      title: 'A crash closes the connection',
      at: 'conn:closed:broker.sensor-2',
      highlight: { lanes: ['sensor-2', 'dashboard'], events: ['will.sensor-2'] },
      text:
        'When a program crashes, its computer still closes its network connection, so the broker sees the close ' +
        '{conn:closed:broker.sensor-2.sinceFaultS} s after the crash. No DISCONNECT came first, so it publishes ' +
        'sensor-2’s will at once.',
      spec: ['MQTT-3.1.2-8'],
      check: [
        {
          claim: 'the broker sees the crash within a second',
          expect: '{conn:closed:broker:network-error.sensor-2.sinceFaultS} < 1',
        },
        {
          claim: 'the will goes out the moment the connection closes',
          expect:
            '{will:network-error.sensor-2.count} == 1 and abs({will.sensor-2.atS} - {conn:closed:broker.sensor-2.atS}) < 0.001',
        },
      ],
    },
    {
      title: 'Power loss leaves the connection half-open',
      at: 'conn:closed:broker.sensor-1',
      highlight: { lanes: ['sensor-1'], events: ['fault:power-off.sensor-1'] },
      text:
        'Meanwhile sensor-1’s end of the connection died with the power, but nothing travelled to the broker, so ' +
        'the broker’s end stayed open: a half-open connection, for {conn:closed:broker.sensor-1.sinceFaultS} s. The ' +
        'network alone would not have told the broker for a very long time; keep alive ends it now.',
      spec: ['MQTT-3.1.2-24'],
      check: [
        {
          claim: 'the broker kept the dead connection open well after the power loss',
          expect:
            '{conn:closed:broker.sensor-1.sinceFaultS} > 1 and {conn:closed:client.sensor-1.atS} == {fault:power-off.sensor-1.atS}',
        },
        {
          claim: 'it is the keep-alive timer that closes it',
          expect: '{conn:closed:broker:keepalive-timeout.sensor-1.count} == 1',
        },
      ],
    },
    {
      title: 'Keep alive catches the silent one',
      at: 'will.sensor-1',
      highlight: { lanes: ['sensor-1', 'dashboard'], events: ['timeout:broker.sensor-1'] },
      text:
        'After {timeout:broker.sensor-1.afterLastPacketS} s without a packet from sensor-1, the broker gave up on ' +
        'it, and now it publishes its will: the dashboard hears of the power loss {will.sensor-1.sinceFaultS} s ' +
        'after it happened, against {will.sensor-2.sinceFaultS} s for the crash.',
      spec: ['MQTT-3.1.2-24', 'MQTT-3.1.2-8'],
      whatIf: {
        label: 'Keep alive 30 s instead of 10 s',
        set: { 'clients[0].keepAlive': 30 },
        text:
          'With K = {timeout:broker.sensor-1.keepAliveS} s the power loss reaches the dashboard ' +
          '{will.sensor-1.sinceFaultS} s after it happened, while the crash still takes {will.sensor-2.sinceFaultS} s: ' +
          'keep alive only matters for an end nobody announces.',
        check: {
          claim: 'a longer keep alive delays only the silent sensor’s will',
          expect:
            '{will.sensor-1.afterLastPacketS} >= detectLo({timeout:broker.sensor-1.keepAliveS}) and ' +
            '{will.sensor-2.sinceFaultS} < 1',
        },
      },
      check: [
        {
          claim: 'the broker drops sensor-1 in its detection window',
          expect:
            '{timeout:broker.sensor-1.afterLastPacketS} >= detectLo({timeout:broker.sensor-1.keepAliveS}) and ' +
            '{timeout:broker.sensor-1.afterLastPacketS} <= detectHi({timeout:broker.sensor-1.keepAliveS})',
        },
        {
          claim: 'the silent sensor’s will comes much later than the crashed one’s',
          expect:
            '{will:keepalive-timeout.sensor-1.count} == 1 and {will.sensor-1.sinceFaultS} > {will.sensor-2.sinceFaultS} + 5',
        },
      ],
    },
    {
      title: 'A polite goodbye',
      at: 'fault.sensor-3',
      highlight: { lanes: ['sensor-3', 'dashboard'] },
      predict: {
        question: 'sensor-3 says goodbye with a DISCONNECT packet. What does the dashboard hear?',
        choices: ['sensor-3’s will, as for any other end', 'Nothing: the will is deleted'],
        answer: 1,
        why: 'A will is for an unannounced end. A DISCONNECT announces it, so the broker deletes the will.',
      },
      text:
        'At {fault.sensor-3.atS} s sensor-3 sends DISCONNECT, then closes its connection. The broker deletes its ' +
        'will, and the dashboard hears nothing: {will.sensor-3.count} wills for sensor-3 in the whole run.',
      spec: ['MQTT-3.14.4-3'],
      whatIf: {
        label: 'sensor-3 loses power instead',
        set: { 'events[2].do': 'power-off' },
        spec: ['MQTT-3.1.2-24', 'MQTT-3.1.2-8'],
        text:
          'Losing power announces nothing, so sensor-3’s will goes out after all, once keep alive runs out: ' +
          '{will.sensor-3.sinceFaultS} s after the power cut.',
        check: {
          claim: 'without a DISCONNECT the will is published after the keep-alive timeout',
          expect: '{will:keepalive-timeout.sensor-3.count} == 1',
        },
      },
      check: {
        claim: 'a DISCONNECT means no will',
        expect: '{packet:DISCONNECT:c2b.sensor-3.count} == 1 and {will.sensor-3.count} == 0',
      },
    },
  ],
};
