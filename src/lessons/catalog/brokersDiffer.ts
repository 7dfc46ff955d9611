import type { Lesson } from '../types';

export const brokersDiffer: Lesson = {
  lesson: 1,
  id: 'brokers-differ',
  title: 'Real brokers differ',
  summary:
    'Eight brokers, one silent client: when each notices, which says why, and who publishes the old will.',
  scenario: {
    scenario: 1,
    name: 'Brokers differ',
    description:
      'sensor (MQTT 3.1.1) and sensor-v5 (MQTT 5) have keep alive 10 s and lose power at 25 s; sensor-v5 is back ' +
      'at 45 s, after every broker dropped it. sensor-b has keep alive 60 s, loses power at 55 s and is back at ' +
      '70 s, before any broker noticed. A dashboard watches.',
    seed: 31,
    durationMs: 100_000,
    protocol: 4,
    network: { latencyMs: 20, jitterMs: 5 },
    clients: [
      { id: 'sensor', keepAlive: 10, will: { topic: 'sensors/sensor/status', payload: 'offline', qos: 1 } },
      {
        id: 'sensor-v5',
        keepAlive: 10,
        protocol: 5,
        will: { topic: 'sensors/sensor-v5/status', payload: 'offline', qos: 1 },
      },
      {
        id: 'sensor-b',
        keepAlive: 60,
        will: { topic: 'sensors/sensor-b/status', payload: 'offline', qos: 1 },
      },
      { id: 'dashboard', keepAlive: 60, subscribe: [{ topic: 'sensors/+/status', qos: 1 }] },
    ],
    events: [
      { atMs: 25_000, client: 'sensor', do: 'power-off' },
      { atMs: 25_000, client: 'sensor-v5', do: 'power-off' },
      { atMs: 45_000, client: 'sensor-v5', do: 'power-on' },
      { atMs: 55_000, client: 'sensor-b', do: 'power-off' },
      { atMs: 70_000, client: 'sensor-b', do: 'power-on' },
    ],
  },
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  profiles: [
    'spec',
    'mosquitto-2.0',
    'emqx',
    'hivemq',
    'aedes',
    'rabbitmq-3.10',
    'activemq-5.17',
    'ejabberd-23',
  ],
  steps: [
    {
      title: 'Not every broker speaks MQTT 5',
      at: 'conn:open:broker.sensor-v5',
      highlight: { lanes: ['sensor-v5'] },
      text:
        'sensor-v5 connects with MQTT 5, the others with MQTT 3.1.1. Aedes, RabbitMQ 3.10 and ActiveMQ 5.17 only ' +
        'speak MQTT 3.1.1 and turn sensor-v5 away at once (the connection ends with a ' +
        '{@aedes:conn:closed:broker.sensor-v5.reason}); the other five accept it.',
      spec: ['MQTT-3.1.2-2'],
      check: [
        {
          claim: 'Aedes, RabbitMQ and ActiveMQ refuse MQTT 5 at once',
          expect:
            '{@aedes:conn:closed:broker:protocol-error.sensor-v5.atS} < 1 and ' +
            '{@rabbitmq-3.10:conn:closed:broker:protocol-error.sensor-v5.atS} < 1 and ' +
            '{@activemq-5.17:conn:closed:broker:protocol-error.sensor-v5.atS} < 1',
        },
        {
          claim: 'the other brokers accept it',
          expect:
            '{@spec:conn:closed:broker:protocol-error.sensor-v5.count} == 0 and ' +
            '{@mosquitto-2.0:conn:closed:broker:protocol-error.sensor-v5.count} == 0 and ' +
            '{@emqx:conn:closed:broker:protocol-error.sensor-v5.count} == 0 and ' +
            '{@hivemq:conn:closed:broker:protocol-error.sensor-v5.count} == 0 and ' +
            '{@ejabberd-23:conn:closed:broker:protocol-error.sensor-v5.count} == 0',
        },
      ],
    },
    {
      title: 'One silent client',
      at: 'fault:power-off.sensor',
      highlight: { lanes: ['sensor'] },
      predict: {
        question:
          'sensor, with keep alive {fault:power-off.sensor.keepAliveS} s, loses power. Do all eight brokers notice after the same time?',
        choices: [
          'Yes: the standard says 1.5 × K, so all notice together',
          'Roughly: 1.5 × K is the start, and each broker’s timer adds its own delay',
          'No: each broker picks any time it likes',
        ],
        answer: 1,
        why: 'Every broker starts from the same rule, but their timers tick in different ways, in seconds or in sweeps.',
      },
      text:
        'At {fault:power-off.sensor.atS} s sensor loses power. Its last packet reached the broker ' +
        '{fault:power-off.sensor.afterLastPacketS} s earlier, and from then on it is silent under every broker.',
      spec: ['MQTT-3.1.2-24'],
      check: {
        claim: 'the power goes off within a keep alive of the last packet',
        expect: '{fault:power-off.sensor.afterLastPacketS} < {fault:power-off.sensor.keepAliveS}',
      },
    },
    {
      title: 'When each broker notices',
      at: 'timeout:broker.sensor',
      highlight: { lanes: ['sensor'] },
      text:
        'Seconds from sensor’s last packet to its timeout: a standard broker {@spec:timeout:broker.sensor.afterLastPacketS}, ' +
        'Mosquitto 2.0 {@mosquitto-2.0:timeout:broker.sensor.afterLastPacketS}, EMQX {@emqx:timeout:broker.sensor.afterLastPacketS}, ' +
        'HiveMQ {@hivemq:timeout:broker.sensor.afterLastPacketS}, Aedes {@aedes:timeout:broker.sensor.afterLastPacketS}, ' +
        'RabbitMQ 3.10 {@rabbitmq-3.10:timeout:broker.sensor.afterLastPacketS}, ActiveMQ 5.17 ' +
        '{@activemq-5.17:timeout:broker.sensor.afterLastPacketS}, ejabberd 23 {@ejabberd-23:timeout:broker.sensor.afterLastPacketS}. ' +
        'This run uses {profile.title}.',
      spec: ['MQTT-3.1.2-24'],
      whatIf: {
        label: 'Keep alive 20 s for sensor',
        set: { 'clients[0].keepAlive': 20 },
        text:
          'With K = {timeout:broker.sensor.keepAliveS} s: a standard broker {@spec:timeout:broker.sensor.afterLastPacketS}, ' +
          'Mosquitto 2.0 {@mosquitto-2.0:timeout:broker.sensor.afterLastPacketS}, EMQX {@emqx:timeout:broker.sensor.afterLastPacketS}, ' +
          'HiveMQ {@hivemq:timeout:broker.sensor.afterLastPacketS}, Aedes {@aedes:timeout:broker.sensor.afterLastPacketS}, ' +
          'RabbitMQ 3.10 {@rabbitmq-3.10:timeout:broker.sensor.afterLastPacketS}, ActiveMQ 5.17 ' +
          '{@activemq-5.17:timeout:broker.sensor.afterLastPacketS}, ejabberd 23 {@ejabberd-23:timeout:broker.sensor.afterLastPacketS}. ' +
          'Every broker’s wait grows with K.',
        check: [
          {
            claim: 'this broker still notices within its window for the new K',
            expect:
              '{timeout:broker.sensor.afterLastPacketS} >= detectLo({timeout:broker.sensor.keepAliveS}) and ' +
              '{timeout:broker.sensor.afterLastPacketS} <= detectHi({timeout:broker.sensor.keepAliveS})',
          },
          {
            claim: 'a standard broker waits 1.5 × the new K',
            expect:
              '{@spec:timeout:broker.sensor.afterLastPacketS} == 1.5 * {@spec:timeout:broker.sensor.keepAliveS}',
          },
        ],
      },
      check: [
        {
          claim: 'this broker notices within its own detection window',
          expect:
            '{timeout:broker.sensor.afterLastPacketS} >= detectLo({timeout:broker.sensor.keepAliveS}) and ' +
            '{timeout:broker.sensor.afterLastPacketS} <= detectHi({timeout:broker.sensor.keepAliveS})',
        },
        {
          claim: 'a standard broker waits exactly 1.5 × K, RabbitMQ at least twice K',
          expect:
            '{@spec:timeout:broker.sensor.afterLastPacketS} == 1.5 * {@spec:timeout:broker.sensor.keepAliveS} and ' +
            '{@rabbitmq-3.10:timeout:broker.sensor.afterLastPacketS} >= 2 * {@rabbitmq-3.10:timeout:broker.sensor.keepAliveS}',
        },
        {
          claim: 'no broker drops the client before 1.5 × K',
          expect:
            'min({@spec:timeout:broker.sensor.afterLastPacketS}, {@mosquitto-2.0:timeout:broker.sensor.afterLastPacketS}, ' +
            '{@emqx:timeout:broker.sensor.afterLastPacketS}, {@hivemq:timeout:broker.sensor.afterLastPacketS}, ' +
            '{@aedes:timeout:broker.sensor.afterLastPacketS}, {@rabbitmq-3.10:timeout:broker.sensor.afterLastPacketS}, ' +
            '{@activemq-5.17:timeout:broker.sensor.afterLastPacketS}, {@ejabberd-23:timeout:broker.sensor.afterLastPacketS}) ' +
            '>= 1.5 * {timeout:broker.sensor.keepAliveS}',
        },
      ],
    },
    {
      title: 'Told why, or not',
      at: 'conn:closed:broker.sensor-v5#last',
      highlight: { lanes: ['sensor-v5'] },
      text:
        'sensor-v5 lost power at the same moment as sensor. A standard broker, EMQX, HiveMQ and ejabberd 23 drop this MQTT 5 ' +
        'client with a DISCONNECT first, reason code {@spec:packet:DISCONNECT:b2c.sensor-v5.reasonCodeHex}, ' +
        '“Keep Alive timeout”; Mosquitto 2.0 just closes the connection ' +
        '({@mosquitto-2.0:packet:DISCONNECT:b2c.sensor-v5.count} DISCONNECT packets). Aedes, RabbitMQ 3.10 and ' +
        'ActiveMQ 5.17 speak only MQTT 3.1.1: they refused sensor-v5 at the start and refuse it again when it comes ' +
        'back, so they never have a connection to time out.',
      spec: ['MQTT-3.1.2-22'],
      specProtocol: 5,
      check: [
        {
          claim: 'the standard, EMQX, HiveMQ and ejabberd send 0x8D',
          expect:
            '{@spec:packet:DISCONNECT:b2c.sensor-v5.reasonCode} == 141 and ' +
            '{@emqx:packet:DISCONNECT:b2c.sensor-v5.reasonCode} == 141 and ' +
            '{@hivemq:packet:DISCONNECT:b2c.sensor-v5.reasonCode} == 141 and ' +
            '{@ejabberd-23:packet:DISCONNECT:b2c.sensor-v5.reasonCode} == 141',
        },
        {
          claim: 'Mosquitto 2.0 closes without a DISCONNECT',
          expect:
            '{@mosquitto-2.0:packet:DISCONNECT:b2c.sensor-v5.count} == 0 and ' +
            '{@mosquitto-2.0:timeout:broker.sensor-v5.count} == 1',
        },
        {
          claim: 'Aedes, RabbitMQ and ActiveMQ refuse sensor-v5 twice and never time it out',
          expect:
            '{@aedes:conn:closed:broker:protocol-error.sensor-v5.count} == 2 and {@aedes:timeout.sensor-v5.count} == 0 and ' +
            '{@rabbitmq-3.10:conn:closed:broker:protocol-error.sensor-v5.count} == 2 and ' +
            '{@rabbitmq-3.10:timeout.sensor-v5.count} == 0 and ' +
            '{@activemq-5.17:conn:closed:broker:protocol-error.sensor-v5.count} == 2 and ' +
            '{@activemq-5.17:timeout.sensor-v5.count} == 0',
        },
        {
          claim: 'the step shows this broker dropping sensor-v5 for silence, or refusing it again',
          expect:
            '({conn:closed:broker.sensor-v5.count} == 1 and {conn:closed:broker:keepalive-timeout.sensor-v5.count} == 1) or ' +
            '{conn:closed:broker:protocol-error.sensor-v5.count} == 2',
        },
        {
          claim: 'sensor-v5 comes back only after every broker dropped it',
          expect:
            'max({@spec:timeout:broker.sensor-v5.atS}, {@mosquitto-2.0:timeout:broker.sensor-v5.atS}, {@emqx:timeout:broker.sensor-v5.atS}, ' +
            '{@hivemq:timeout:broker.sensor-v5.atS}, {@ejabberd-23:timeout:broker.sensor-v5.atS}) < {fault:power-on.sensor-v5.atS}',
        },
      ],
    },
    {
      title: 'Who publishes the old will on a take-over',
      at: 'takeover.sensor-b',
      highlight: { lanes: ['sensor-b', 'dashboard'] },
      text:
        'sensor-b loses power and is back {fault:power-on.sensor-b.sinceFaultS} s later, before any broker noticed, ' +
        'so its new connection takes the old one over. Wills of the old connection: a standard broker ' +
        '{@spec:will:takeover.sensor-b.count}, Mosquitto 2.0 {@mosquitto-2.0:will:takeover.sensor-b.count}, ' +
        'EMQX {@emqx:will:takeover.sensor-b.count}, HiveMQ {@hivemq:will:takeover.sensor-b.count}, ' +
        'Aedes {@aedes:will:takeover.sensor-b.count}, RabbitMQ 3.10 {@rabbitmq-3.10:will:takeover.sensor-b.count}, ' +
        'ActiveMQ 5.17 {@activemq-5.17:will:takeover.sensor-b.count}, ejabberd 23 {@ejabberd-23:will:takeover.sensor-b.count}.',
      spec: ['MQTT-3.1.4-2', 'MQTT-3.1.2-8'],
      check: [
        {
          claim: 'every broker takes the old connection over',
          expect: '{takeover.sensor-b.count} == 1 and {timeout.sensor-b.count} == 0',
        },
        {
          claim: 'the standard, Mosquitto, EMQX, HiveMQ, Aedes and ejabberd publish the old will',
          expect:
            '{@spec:will:takeover.sensor-b.count} == 1 and {@mosquitto-2.0:will:takeover.sensor-b.count} == 1 and ' +
            '{@emqx:will:takeover.sensor-b.count} == 1 and {@hivemq:will:takeover.sensor-b.count} == 1 and ' +
            '{@aedes:will:takeover.sensor-b.count} == 1 and {@ejabberd-23:will:takeover.sensor-b.count} == 1',
        },
        {
          claim: 'RabbitMQ and ActiveMQ drop it',
          expect: '{@rabbitmq-3.10:will.sensor-b.count} == 0 and {@activemq-5.17:will.sensor-b.count} == 0',
        },
      ],
    },
  ],
};
