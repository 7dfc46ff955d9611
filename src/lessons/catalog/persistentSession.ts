import type { Lesson } from '../types';

export const persistentSession: Lesson = {
  lesson: 1,
  id: 'persistent-session',
  title: 'Persistent sessions: what waits for a client that is away',
  summary: 'QoS 1 messages published while a client is offline wait in its session; QoS 0 messages do not.',
  scenario: {
    scenario: 1,
    name: 'Persistent session',
    description:
      'An MQTT 5 phone keeps a one-hour session: alarms at QoS 1 and weather at QoS 0. It goes offline from 12 s ' +
      'to 40 s while both keep publishing every 5 s.',
    seed: 6,
    durationMs: 60_000,
    protocol: 5,
    network: { latencyMs: 40, jitterMs: 10 },
    clients: [
      {
        id: 'phone',
        keepAlive: 30,
        cleanStart: false,
        sessionExpiry: 3_600,
        subscribe: [
          { topic: 'alerts/#', qos: 1 },
          { topic: 'weather/#', qos: 0 },
        ],
      },
      {
        id: 'alarm',
        keepAlive: 30,
        publish: { topic: 'alerts/door', everyMs: 5_000, qos: 1, payload: 'door open' },
      },
      {
        id: 'weather',
        keepAlive: 30,
        publish: { topic: 'weather/now', everyMs: 5_000, qos: 0, offsetMs: 2_500, payload: 'sunny' },
      },
    ],
    events: [
      { atMs: 12_000, client: 'phone', do: 'disconnect' },
      { atMs: 40_000, client: 'phone', do: 'connect' },
    ],
  },
  profiles: ['spec', 'mosquitto-2.0', 'emqx', 'hivemq', 'ejabberd-23'],
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  steps: [
    {
      title: 'A session that outlives the connection',
      at: 'packet:SUBSCRIBE.phone',
      highlight: { lanes: ['phone'] },
      text:
        'The phone connects with Clean Start 0 and asks the broker to keep its session for ' +
        '{packet:CONNECT.phone.sessionExpiryS} s after it leaves. It subscribes to alarms at QoS 1 and to the ' +
        'weather at QoS 0.',
      spec: ['MQTT-3.1.2-23', 'MQTT-4.1.0-1'],
      check: {
        claim: 'the phone asks for a session that outlives its connection',
        expect: '{packet:CONNECT.phone.sessionExpiryS} > 0 and {session:created.phone.count} == 1',
      },
    },
    {
      title: 'The phone goes away',
      at: 'fault:disconnect.phone',
      highlight: { lanes: ['phone', 'alarm', 'weather'] },
      predict: {
        question:
          'The phone goes offline while the alarm and the weather station keep publishing. What does it get when it comes back?',
        choices: ['Nothing: it missed it all', 'The alarms, but not the weather', 'Everything it missed'],
        answer: 1,
        why: 'The broker keeps QoS 1 and QoS 2 messages for an absent session; QoS 0 ones are not kept.',
      },
      text:
        'At {fault:disconnect.phone.atS} s the phone disconnects. Its session stays at the broker with its ' +
        'subscriptions, and messages keep arriving for it.',
      spec: ['MQTT-3.1.2-23'],
      check: {
        claim: 'the session survives the disconnect',
        expect: '{session:expired.phone.count} == 0 and {session:resumed.phone.count} == 1',
      },
    },
    {
      title: 'Resumed, with messages waiting',
      at: 'session:resumed.phone',
      highlight: { lanes: ['phone'] },
      text:
        'The phone reconnects at {session:resumed.phone.atS} s and resumes its session: {session:resumed.phone.queued} ' +
        'alarms were waiting for it, kept because they are QoS 1.',
      spec: ['MQTT-3.1.2-5', 'MQTT-4.5.0-1'],
      whatIf: {
        label: 'Subscribe to alarms at QoS 0',
        set: { 'clients[0].subscribe[0].qos': 0 },
        text:
          'With the alarms at QoS 0 nothing is kept: {session:resumed.phone.queued} messages wait for the phone, and ' +
          'every alarm published while it was away is lost to it.',
        check: {
          claim: 'nothing is queued for QoS 0 subscriptions',
          expect: '{session:resumed.phone.queued} == 0',
        },
      },
      check: {
        claim: 'QoS 1 alarms wait for the absent phone',
        expect: '{session:resumed.phone.queued} >= 3',
      },
    },
    {
      title: 'Delivered on return',
      at: 'packet:CONNACK.phone#2',
      highlight: { lanes: ['phone'] },
      text:
        'The broker says the session is still there (session present {packet:CONNACK.phone#2.sessionPresent}) and ' +
        'sends the waiting alarms straight away. Over the whole run the phone gets ' +
        '{packet:PUBLISH:b2c:qos1.phone.count} of the {packet:PUBLISH:c2b.alarm.count} alarms.',
      spec: ['MQTT-3.2.2-3', 'MQTT-4.5.0-1'],
      check: {
        claim: 'every alarm reaches the phone, even those sent while it was away',
        expect:
          '{packet:CONNACK.phone#2.sessionPresent} == 1 and ' +
          '{packet:PUBLISH:b2c:qos1.phone.count} == {packet:PUBLISH:c2b.alarm.count}',
      },
    },
    {
      title: 'QoS 0 is not kept',
      at: 'packet:PUBLISH:b2c:qos0.phone#last',
      highlight: { lanes: ['weather'] },
      text:
        'The weather station published {packet:PUBLISH:c2b.weather.count} readings at QoS 0, but the phone got only ' +
        '{packet:PUBLISH:b2c:qos0.phone.count}: those that came while it was away were not kept for it.',
      spec: ['MQTT-4.5.0-1'],
      check: {
        claim: 'QoS 0 messages published while the phone was away are missing',
        expect: '{packet:PUBLISH:b2c:qos0.phone.count} < {packet:PUBLISH:c2b.weather.count}',
      },
    },
  ],
};
