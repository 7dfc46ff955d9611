import type { Lesson } from '../types';

export const halfOpenTakeover: Lesson = {
  lesson: 1,
  id: 'half-open-takeover',
  title: 'Half-open connections and the take-over',
  summary: 'A device that reboots before the broker noticed it was gone takes its old connection over.',
  scenario: 'half-open-takeover',
  profiles: ['spec', 'mosquitto-2.0', 'emqx', 'hivemq', 'aedes', 'ejabberd-23'],
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  steps: [
    {
      title: 'Power off, connection still open',
      at: 'fault:power-off.sensor-1',
      highlight: { lanes: ['sensor-1'] },
      text:
        'At {fault:power-off.sensor-1.atS} s sensor-1 loses power without a word. Its keep alive is ' +
        '{packet:CONNECT.sensor-1.keepAliveS} s, so the broker would wait 1.5 × K of silence before giving up; ' +
        'until then it holds a half-open connection to a device that is gone.',
      spec: ['MQTT-3.1.2-24'],
      whatIf: {
        label: 'Keep alive 10 s instead of 60 s',
        set: { 'clients[0].keepAlive': 10 },
        text:
          'With K = {timeout:broker.sensor-1.keepAliveS} s the broker will give up on the silent connection at ' +
          '{timeout:broker.sensor-1.atS} s, before the power returns at {fault:power-on.sensor-1.atS} s, so there ' +
          'will be nothing left to take over.',
        check: {
          claim: 'with a short keep alive the broker times out first and no take-over happens',
          expect:
            '{timeout:broker.sensor-1.count} == 1 and {takeover.sensor-1.count} == 0 and ' +
            '{timeout:broker.sensor-1.atS} < {fault:power-on.sensor-1.atS}',
        },
      },
      check: {
        claim: 'the broker still holds the old connection when the power returns',
        expect:
          '{conn:closed:broker.sensor-1.atS} > {fault:power-on.sensor-1.atS} and {timeout.sensor-1.count} == 0',
      },
    },
    {
      title: 'Back, with the same client ID',
      at: 'fault:power-on.sensor-1',
      highlight: { lanes: ['sensor-1'] },
      predict: {
        question:
          'sensor-1 boots and connects again with the same client ID, while the broker still holds the old connection. What does the broker do?',
        choices: [
          'Refuses the new connection: that client ID is in use',
          'Closes the old connection and accepts the new one',
          'Keeps both connections open',
        ],
        answer: 1,
        why: 'One client ID, one connection: the newest CONNECT wins, which is exactly what a rebooted device needs.',
      },
      text:
        'Power returns {fault:power-on.sensor-1.sinceFaultS} s later and sensor-1 connects again with the same ' +
        'client ID. The broker still holds the old connection: only sensor-1 knows that it leads nowhere.',
      spec: ['MQTT-3.1.4-2'],
      check: {
        claim: 'the new CONNECT arrives while the old connection is still open at the broker',
        expect: '{conn:closed:broker.sensor-1.atS} >= {packet:CONNECT.sensor-1#2.arriveS}',
      },
    },
    {
      title: 'The take-over',
      at: 'takeover.sensor-1',
      highlight: { lanes: ['sensor-1'] },
      text:
        'The broker closes the old connection and keeps the new one: a take-over. This is not an error but the ' +
        'standard’s own way to clear a half-open connection, {takeover.sensor-1.sinceFaultS} s after power returned.',
      spec: ['MQTT-3.1.4-2'],
      check: {
        claim: 'the old connection is closed by the take-over, not by a timeout',
        expect:
          '{conn:closed:broker:takeover.sensor-1.count} == 1 and {takeover.sensor-1.oldConn} < {takeover.sensor-1.conn}',
      },
    },
    {
      title: 'The old connection’s will',
      at: 'will.sensor-1',
      highlight: { lanes: ['dashboard'] },
      text:
        'The old connection ended without a DISCONNECT, so its will goes out: the dashboard reads “offline” ' +
        '{will.sensor-1.sinceFaultS} s after sensor-1 came back. A device should publish its own “online” after ' +
        'it connects, to correct such a late will.',
      spec: ['MQTT-3.1.2-8', 'MQTT-3.1.4-2'],
      check: {
        claim: 'the take-over publishes the old connection’s will right away',
        expect: '{will:takeover.sensor-1.count} == 1 and {will.sensor-1.sinceFaultS} < 1',
      },
    },
  ],
};
