import type { Lesson } from '../types';

export const willDelay: Lesson = {
  lesson: 1,
  id: 'will-delay',
  title: 'Will delay: no false alarm for a quick reboot',
  summary: 'With an MQTT 5 will delay, a sensor that comes straight back never raises the alarm.',
  scenario: 'will-delay',
  profiles: ['spec', 'mosquitto-2.0', 'emqx', 'hivemq', 'ejabberd-23'],
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  steps: [
    {
      title: 'Asking the broker to wait',
      at: 'packet:CONNECT.sensor-back',
      highlight: { lanes: ['sensor-back', 'sensor-gone'] },
      text:
        'Both sensors connect with MQTT 5 and ask the broker to hold their will for {packet:CONNECT.sensor-back.willDelayS} s ' +
        'after an unexpected end: the Will Delay Interval. Their sessions outlive a connection by ' +
        '{packet:CONNECT.sensor-back.sessionExpiryS} s, so there is something to come back to.',
      spec: ['MQTT-3.1.3-9', 'MQTT-3.1.2-23'],
      check: {
        claim: 'the sensors ask for a will delay inside a longer session',
        expect:
          '{packet:CONNECT.sensor-back.willDelayS} > 0 and ' +
          '{packet:CONNECT.sensor-back.sessionExpiryS} > {packet:CONNECT.sensor-back.willDelayS}',
      },
    },
    {
      title: 'Both crash',
      at: 'fault:crash.sensor-back',
      highlight: { lanes: ['sensor-back', 'sensor-gone'], events: ['fault:crash.sensor-gone'] },
      predict: {
        question: 'Both sensors crash. When does the dashboard hear that sensor-gone is offline?',
        choices: [
          'At once, as after any crash',
          'After the will delay, if sensor-gone has not come back by then',
          'Never: a crashed sensor cannot send its will',
        ],
        answer: 1,
        why: 'The broker sees the crash at once but holds the will for the delay, in case the sensor comes back.',
      },
      text:
        'At {fault:crash.sensor-back.atS} s both sensors crash, and the broker sees both connections close. Without ' +
        'a delay, both wills would go out now; instead, the broker waits.',
      spec: ['MQTT-3.1.3-9'],
      check: {
        claim: 'no will goes out when the connections close',
        expect:
          '{will.sensor-gone.atS} > {conn:closed:broker.sensor-gone.atS} + 1 and {will.sensor-back.count} == 0',
      },
    },
    {
      title: 'Back in time',
      at: 'session:resumed.sensor-back',
      highlight: { lanes: ['sensor-back', 'dashboard'] },
      text:
        'sensor-back boots again {fault:power-on.sensor-back.sinceFaultS} s after its crash, inside the delay, and ' +
        'resumes its session with Clean Start 0. The broker cancels the waiting will: the dashboard never hears a ' +
        'false alarm.',
      spec: ['MQTT-3.1.3-9', 'MQTT-3.1.2-5'],
      whatIf: {
        label: 'No will delay for sensor-back',
        set: { 'clients[0].will.delay': 0 },
        spec: ['MQTT-3.1.2-8'],
        text:
          'Without a delay, the dashboard reads “offline” for sensor-back {will.sensor-back.sinceFaultS} s after the ' +
          'crash, although sensor-back is back {fault:power-on.sensor-back.sinceFaultS} s later: a false alarm.',
        check: {
          claim: 'without a will delay the will goes out at the crash',
          expect: '{will.sensor-back.count} == 1 and {will.sensor-back.sinceFaultS} < 1',
        },
      },
      check: {
        claim: 'resuming the session within the delay cancels the will',
        expect:
          '{will.sensor-back.count} == 0 and ' +
          '{fault:power-on.sensor-back.sinceFaultS} < {packet:CONNECT.sensor-back.willDelayS}',
      },
    },
    {
      title: 'Gone for good',
      at: 'will.sensor-gone',
      highlight: { lanes: ['sensor-gone', 'dashboard'] },
      text:
        'sensor-gone has not come back, so {will.sensor-gone.delayS} s after its connection closed the broker ' +
        'publishes its will. The alarm is real, and it came exactly one will delay late.',
      spec: ['MQTT-3.1.3-9', 'MQTT-3.1.2-8'],
      check: {
        claim: 'the will goes out one will delay after the close',
        expect:
          '{will.sensor-gone.delayS} == {packet:CONNECT.sensor-gone.willDelayS} and ' +
          'abs({will.sensor-gone.atS} - {conn:closed:broker.sensor-gone.atS} - {will.sensor-gone.delayS}) < 0.01',
      },
    },
  ],
};
