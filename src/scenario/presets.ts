// Presets: small scenarios that each tell one story about keep alive, wills or take-overs, plus two
// fleets for scale. Every preset passes `loadScenario` (tests/scenario/presets.test.ts). They are shared
// objects: copy one (structuredClone) before editing it.

import type { ClientSpec, Scenario, WillSpec } from './types';

export interface Preset {
  /** The URL name: `#preset=<name>`. */
  name: string;
  title: string;
  description: string;
  scenario: Scenario;
}

const statusWill: WillSpec = { topic: 'sensors/{id}/status', payload: 'offline', qos: 1, retain: true };
const statusDashboard: ClientSpec = {
  id: 'dashboard',
  keepAlive: 60,
  subscribe: [{ topic: 'sensors/+/status', qos: 1 }],
};

function preset(
  name: string,
  title: string,
  description: string,
  body: Omit<Scenario, 'scenario' | 'name' | 'description'>,
): Preset {
  return { name, title, description, scenario: { scenario: 1, name: title, description, ...body } };
}

const basics = preset(
  'basics',
  'Keep alive basics',
  'A quiet sensor with keep alive 10 s sends PINGREQ every 10 s and gets PINGRESP. A busy sensor publishes every 4 s, ' +
    'so its publishes keep the connection alive and it never needs to ping. A dashboard watches everything. The ' +
    'clients follow the standard’s rule exactly (client library "spec"); with mqtt.js ("mqttjs-5") the busy sensor ' +
    'would ping all the same, since only acknowledgements restart its timer.',
  {
    seed: 1,
    durationMs: 60_000,
    protocol: 4,
    network: { latencyMs: 20, jitterMs: 5 },
    // The standard's client: this preset shows the rule itself.
    clients: [
      { id: 'sensor-quiet', keepAlive: 10, library: 'spec' },
      {
        id: 'sensor-busy',
        keepAlive: 10,
        library: 'spec',
        publish: { topic: 'sensors/{id}/temp', everyMs: 4_000 },
      },
      { id: 'dashboard', keepAlive: 30, library: 'spec', subscribe: ['sensors/#'] },
    ],
  },
);

const crashVsPowerOff = preset(
  'crash-vs-power-off',
  'Power loss vs crash',
  'Three sensors with keep alive 10 s and retained wills. At 30 s sensor-1 loses power: the broker notices only when ' +
    '1.5 × keep alive passes in silence. Sensor-2 crashes at the same moment: its OS closes the socket, so the will goes ' +
    'out at once. Sensor-3 disconnects politely at 45 s: no will at all.',
  {
    seed: 7,
    durationMs: 120_000,
    protocol: 4,
    broker: { profile: 'spec', serverKeepAlive: null },
    network: { latencyMs: 20, jitterMs: 5, loss: 0 },
    clients: [
      {
        id: 'sensor-{n}',
        count: 3,
        keepAlive: 10,
        connectAtMs: 0,
        cleanStart: true,
        sessionExpiry: 0,
        will: { ...statusWill, delay: 0 },
        publish: { topic: 'sensors/{id}/temp', everyMs: 30_000, qos: 0 },
        subscribe: [],
        reconnect: { minMs: 1_000, maxMs: 30_000, jitter: 0.5 },
      },
      { id: 'dashboard', keepAlive: 60, subscribe: ['sensors/+/status'] },
    ],
    events: [
      { atMs: 30_000, client: 'sensor-1', do: 'power-off' },
      { atMs: 30_000, client: 'sensor-2', do: 'crash' },
      { atMs: 45_000, client: 'sensor-3', do: 'disconnect' },
    ],
  },
);

const halfOpenTakeover = preset(
  'half-open-takeover',
  'Half-open connection and take-over',
  'A sensor with keep alive 60 s loses power at 15 s. The broker cannot tell: it keeps the half-open connection and ' +
    'would wait 90 s for a packet. Power returns at 35 s and the sensor connects again with the same client ID, so ' +
    'the broker closes the old connection (take-over) and publishes its will.',
  {
    seed: 3,
    durationMs: 90_000,
    protocol: 4,
    network: { latencyMs: 30, jitterMs: 5 },
    clients: [{ id: 'sensor-1', keepAlive: 60, will: statusWill }, statusDashboard],
    events: [
      { atMs: 15_000, client: 'sensor-1', do: 'power-off' },
      { atMs: 35_000, client: 'sensor-1', do: 'power-on' },
    ],
  },
);

const clientIdClash = preset(
  'client-id-clash',
  'Client-ID clash',
  'Two meters were flashed with one client ID. Each connect takes the ID over from the other (MQTT 5: DISCONNECT ' +
    '0x8E "Session taken over"); both reconnect after a back-off and kick each other out again and again, and the ' +
    'dashboard sees the will flap.',
  {
    seed: 4,
    durationMs: 60_000,
    protocol: 5,
    network: { latencyMs: 25, jitterMs: 5 },
    clients: [
      {
        id: 'meter-7',
        keepAlive: 20,
        will: { topic: 'meters/{id}/status', payload: 'offline', qos: 1, retain: true },
        publish: { topic: 'meters/{id}/kwh', everyMs: 5_000 },
        reconnect: { minMs: 2_000, maxMs: 8_000, jitter: 0.3 },
      },
      { id: 'dashboard', keepAlive: 60, subscribe: [{ topic: 'meters/+/status', qos: 1 }] },
    ],
    events: [{ atMs: 8_000, client: 'meter-7', do: 'clone' }],
  },
);

const delayedSensor = (id: string): ClientSpec => ({
  id,
  keepAlive: 10,
  cleanStart: false,
  sessionExpiry: 120,
  will: { ...statusWill, delay: 30 },
});

const willDelay = preset(
  'will-delay',
  'Will Delay Interval',
  'MQTT 5 sensors with a 30 s will delay both crash at 10 s. sensor-back boots again at 25 s and resumes its session ' +
    'within the delay, so its will is cancelled. sensor-gone stays away, so its will goes out 30 s after the crash.',
  {
    seed: 5,
    durationMs: 60_000,
    protocol: 5,
    network: { latencyMs: 20, jitterMs: 5 },
    clients: [delayedSensor('sensor-back'), delayedSensor('sensor-gone'), statusDashboard],
    events: [
      { atMs: 10_000, client: 'sensor-back', do: 'crash' },
      { atMs: 10_000, client: 'sensor-gone', do: 'crash' },
      { atMs: 25_000, client: 'sensor-back', do: 'power-on' },
    ],
  },
);

const persistentSession = preset(
  'persistent-session',
  'Persistent session',
  'An MQTT 5 phone subscribes at QoS 1 with Clean Start 0 and a one-hour session. It goes offline at 12 s while an ' +
    'alarm keeps publishing QoS 1 alerts; the broker queues them and delivers them when the phone reconnects at 40 s.',
  {
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
        subscribe: [{ topic: 'alerts/#', qos: 1 }],
      },
      {
        id: 'alarm',
        keepAlive: 30,
        publish: { topic: 'alerts/{id}', everyMs: 5_000, qos: 1, payload: 'door open' },
      },
    ],
    events: [
      { atMs: 12_000, client: 'phone', do: 'disconnect' },
      { atMs: 40_000, client: 'phone', do: 'connect' },
    ],
  },
);

const reconnectStorm = preset(
  'reconnect-storm',
  'Reconnect storm',
  '200 devices lose the broker when it restarts at 60 s and stays down for 10 s. Their back-off (1 s doubling to 30 s, ' +
    'with 50 % jitter) decides whether they hammer it all at once or come back spread out.',
  {
    seed: 8,
    durationMs: 180_000,
    protocol: 4,
    network: { latencyMs: 30, jitterMs: 10 },
    clients: [
      {
        id: 'device-{n}',
        count: 200,
        keepAlive: 30,
        connectSpreadMs: 20_000,
        publish: { topic: 'storm/{id}/temp', everyMs: 20_000, offsetSpreadMs: 20_000 },
        reconnect: { minMs: 1_000, maxMs: 30_000, jitter: 0.5 },
      },
    ],
    events: [{ atMs: 60_000, do: 'broker-restart', downMs: 10_000 }],
  },
);

/** 100000 → "100,000" (not toLocaleString: the same text on every platform). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A fleet: `count` sensors publishing QoS 1 every 5 minutes, a dashboard, and a few faults over an hour. */
function fleet(name: string, count: number, keepAlive: number, seed: number): Preset {
  const reconnect = { minMs: 1_000, maxMs: 60_000, jitter: 0.5 };
  return preset(
    name,
    `Fleet of ${thousands(count)} sensors`,
    `${thousands(count)} sensors with keep alive ${keepAlive} s boot over a minute and publish QoS 1 ` +
      'readings every 5 minutes; in between they ping. A dashboard watches their wills. During the hour a few ' +
      'sensors lose power, crash, or lose their network for a while.',
    {
      seed,
      durationMs: 3_600_000,
      protocol: 4,
      network: { latencyMs: 40, jitterMs: 10 },
      clients: [
        {
          id: 'sensor-{n}',
          count,
          keepAlive,
          connectSpreadMs: 60_000,
          will: { topic: 'fleet/{id}/status', payload: 'offline', qos: 1, retain: true },
          publish: {
            topic: 'fleet/{id}/temp',
            everyMs: 300_000,
            qos: 1,
            offsetMs: 5_000,
            offsetSpreadMs: 295_000,
          },
          reconnect,
        },
        { id: 'dashboard', keepAlive: 60, subscribe: [{ topic: 'fleet/+/status', qos: 1 }], reconnect },
      ],
      events: [
        { atMs: 600_000, client: 'sensor-17', do: 'power-off' },
        { atMs: 900_000, client: 'sensor-42', do: 'crash' },
        // Longer than 1.5 × keep alive: the broker times the sensor out while it cannot be reached.
        { atMs: 1_200_000, client: 'sensor-99', do: 'link-down' },
        { atMs: 1_350_000, client: 'sensor-99', do: 'link-up' },
        { atMs: 1_800_000, client: 'sensor-17', do: 'power-on' },
        { atMs: 2_400_000, client: 'sensor-256', do: 'power-off' },
        // Shorter than 1.5 × keep alive: the broker keeps the sensor (a PINGREQ lost in it may still make the
        // sensor give up on its connection and reconnect).
        { atMs: 3_000_000, client: 'sensor-1000', do: 'link-down' },
        { atMs: 3_015_000, client: 'sensor-1000', do: 'link-up' },
      ],
    },
  );
}

export const PRESETS: readonly Preset[] = [
  basics,
  crashVsPowerOff,
  halfOpenTakeover,
  clientIdClash,
  willDelay,
  persistentSession,
  reconnectStorm,
  fleet('fleet-10k', 10_000, 30, 10_000),
  fleet('fleet-100k', 100_000, 60, 100_000),
];

export function getPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
