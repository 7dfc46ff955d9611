// Short scenarios (≤ 22 s), one per row of the broker table of docs/brokers.md, to be run against each
// real broker and against its profile in the simulator and compared (tests/e2e/brokers.test.ts). Client IDs and topics carry a prefix so that all scenarios
// can run at once against one broker.
import type { BrokerProfileName, ClientSpec, Scenario } from '../../../src/scenario/types';

export interface Row {
  /** Short name, used in test titles and as the ID prefix. */
  name: string;
  /** The broker table row it shows. */
  shows: string;
  /** MQTT 3.1.1 only (aedes refuses MQTT 5). */
  v3only: boolean;
  scenario(profile: BrokerProfileName, prefix: string): Scenario;
}

// 25 ms each way, which the runner's gate adds to real packets too. A library that pings K after its
// CONNACK (mqtt.js) is then one round trip clear of the checks of a broker whose timer started at
// CONNECT (RabbitMQ, ActiveMQ): with 5 ms a late broker timer once caught a Web MQTT ping on the
// wrong side of a check.
const NETWORK = { latencyMs: 25, jitterMs: 0 };

function scenario(
  name: string,
  profile: BrokerProfileName,
  durationMs: number,
  protocol: 4 | 5,
  clients: ClientSpec[],
  events: Scenario['events'],
): Scenario {
  return {
    scenario: 1,
    name,
    seed: 11,
    durationMs,
    protocol,
    broker: { profile },
    network: NETWORK,
    clients,
    events,
  };
}

const will = (p: string, qos: 0 | 1 = 1) => ({ topic: `${p}/will/{id}`, payload: 'offline', qos });
const dashboard = (p: string): ClientSpec => ({
  id: `${p}-dash`,
  keepAlive: 30,
  subscribe: [{ topic: `${p}/will/#`, qos: 1 }],
});

export const ROWS: Row[] = [
  {
    name: 'ka-window',
    shows: 'keep-alive detection after the last packet; on timeout: close (3.1.1)',
    v3only: true,
    scenario: (profile, p) =>
      scenario(
        'keep-alive detection window',
        profile,
        18_000,
        4,
        [
          // Silent since its ping at 2 s, since CONNECT (K = 5), and since CONNECT (K = 2).
          { id: `${p}-k2`, keepAlive: 2, will: will(p) },
          { id: `${p}-k5`, keepAlive: 5, will: will(p) },
          { id: `${p}-k2c`, keepAlive: 2, will: will(p) },
          dashboard(p),
        ],
        [
          { atMs: 2_500, client: `${p}-k2`, do: 'power-off' },
          { atMs: 2_500, client: `${p}-k5`, do: 'power-off' },
          { atMs: 1_000, client: `${p}-k2c`, do: 'power-off' },
        ],
      ),
  },
  {
    name: 'ka-ping-k5',
    shows: 'keep-alive detection after the last ping with K = 5 (3.1.1)',
    v3only: true,
    scenario: (profile, p) =>
      scenario(
        'keep-alive detection after a ping, K = 5',
        profile,
        22_000,
        4,
        [{ id: `${p}-k5`, keepAlive: 5, will: will(p) }, dashboard(p)],
        [{ atMs: 6_000, client: `${p}-k5`, do: 'power-off' }],
      ),
  },
  {
    name: 'close-kinds',
    shows: 'a crash publishes the will, a DISCONNECT discards it (3.1.1)',
    v3only: true,
    scenario: (profile, p) =>
      scenario(
        'crash and graceful close',
        profile,
        5_000,
        4,
        [
          { id: `${p}-crash`, keepAlive: 30, will: will(p) },
          { id: `${p}-bye`, keepAlive: 30, will: will(p) },
          dashboard(p),
        ],
        [
          { atMs: 2_000, client: `${p}-crash`, do: 'crash' },
          { atMs: 2_000, client: `${p}-bye`, do: 'disconnect' },
        ],
      ),
  },
  {
    name: 'session-present',
    shows: 'CONNACK session present on resume: no subscription, a QoS 0 one, a QoS 1 one (3.1.1)',
    v3only: true,
    scenario: (profile, p) =>
      scenario(
        'session present',
        profile,
        4_000,
        4,
        [
          { id: `${p}-none`, keepAlive: 30, cleanStart: false },
          { id: `${p}-q0`, keepAlive: 30, cleanStart: false, subscribe: [{ topic: `${p}/q0/#`, qos: 0 }] },
          { id: `${p}-q1`, keepAlive: 30, cleanStart: false, subscribe: [{ topic: `${p}/q1/#`, qos: 1 }] },
        ],
        [
          { atMs: 1_000, client: `${p}-none`, do: 'disconnect' },
          { atMs: 1_000, client: `${p}-q0`, do: 'disconnect' },
          { atMs: 1_000, client: `${p}-q1`, do: 'disconnect' },
          { atMs: 2_000, client: `${p}-none`, do: 'connect' },
          { atMs: 2_000, client: `${p}-q0`, do: 'connect' },
          { atMs: 2_000, client: `${p}-q1`, do: 'connect' },
        ],
      ),
  },
  {
    name: 'v5-timeout',
    shows: 'on timeout: close only, no DISCONNECT 0x8D (5.0); keep alive 0: the Server Keep Alive imposed',
    v3only: false,
    scenario: (profile, p) =>
      scenario(
        'MQTT 5 keep-alive timeout',
        profile,
        14_000,
        5,
        [{ id: `${p}-k2`, keepAlive: 2, will: will(p) }, { id: `${p}-k0`, keepAlive: 0 }, dashboard(p)],
        [{ atMs: 2_500, client: `${p}-k2`, do: 'power-off' }],
      ),
  },
  {
    name: 'takeover-v3',
    shows: "old connection's will on take-over (3.1.1): clean session vs persistent session",
    v3only: true,
    scenario: (profile, p) =>
      scenario(
        'take-over wills, MQTT 3.1.1',
        profile,
        6_000,
        4,
        [
          { id: `${p}-clean`, keepAlive: 30, cleanStart: true, will: will(p) },
          // A subscription: aedes reports a session as present only when it holds subscriptions.
          { id: `${p}-kept`, keepAlive: 30, cleanStart: false, will: will(p), subscribe: [`${p}/cmd/{id}`] },
          dashboard(p),
        ],
        [
          { atMs: 2_000, client: `${p}-clean`, do: 'clone' },
          { atMs: 2_000, client: `${p}-kept`, do: 'clone' },
        ],
      ),
  },
  {
    name: 'takeover-v5',
    shows: "old connection's will on take-over (5.0), and what the old client sees (no 0x8E in 2.0.11)",
    v3only: false,
    scenario: (profile, p) =>
      scenario(
        'take-over wills, MQTT 5',
        profile,
        6_000,
        5,
        [
          // Session ends at the close: the will goes out.
          { id: `${p}-ends`, keepAlive: 30, will: will(p) },
          // Resumed take-over, no will delay: the standard publishes, Mosquitto 2.0.11 drops it.
          { id: `${p}-resumed`, keepAlive: 30, cleanStart: false, sessionExpiry: 60, will: will(p) },
          // Resumed take-over with a will delay: nobody publishes.
          {
            id: `${p}-delayed`,
            keepAlive: 30,
            cleanStart: false,
            sessionExpiry: 60,
            will: { ...will(p), delay: 5 },
          },
          // Clean Start 1 with a will delay: the standard publishes at once, Mosquitto drops it.
          {
            id: `${p}-fresh`,
            keepAlive: 30,
            cleanStart: true,
            sessionExpiry: 60,
            will: { ...will(p), delay: 5 },
          },
          dashboard(p),
        ],
        [
          { atMs: 2_000, client: `${p}-ends`, do: 'clone' },
          { atMs: 2_000, client: `${p}-resumed`, do: 'clone' },
          { atMs: 2_000, client: `${p}-delayed`, do: 'clone' },
          { atMs: 2_000, client: `${p}-fresh`, do: 'clone' },
        ],
      ),
  },
  {
    name: 'will-delay',
    shows:
      'will delay (5.0): published W s after the close, not shortened by Session Expiry 0, cancelled by a resume',
    v3only: false,
    scenario: (profile, p) =>
      scenario(
        'Will Delay Interval',
        profile,
        10_000,
        5,
        [
          {
            id: `${p}-w3`,
            keepAlive: 30,
            cleanStart: false,
            sessionExpiry: 60,
            will: { ...will(p), delay: 3 },
          },
          { id: `${p}-w3s0`, keepAlive: 30, will: { ...will(p), delay: 3 } },
          {
            id: `${p}-back`,
            keepAlive: 30,
            cleanStart: false,
            sessionExpiry: 60,
            will: { ...will(p), delay: 5 },
          },
          dashboard(p),
        ],
        [
          { atMs: 2_000, client: `${p}-w3`, do: 'crash' },
          { atMs: 2_000, client: `${p}-w3s0`, do: 'crash' },
          { atMs: 2_000, client: `${p}-back`, do: 'crash' },
          { atMs: 4_000, client: `${p}-back`, do: 'power-on' },
        ],
      ),
  },
  {
    name: 'disconnect-0x04',
    shows: 'DISCONNECT 0x04 publishes the will at once; DISCONNECT 0x00 discards it (5.0)',
    v3only: false,
    scenario: (profile, p) =>
      scenario(
        'DISCONNECT with will',
        profile,
        5_000,
        5,
        [
          { id: `${p}-dw`, keepAlive: 30, will: will(p) },
          { id: `${p}-dn`, keepAlive: 30, will: will(p) },
          dashboard(p),
        ],
        [
          { atMs: 2_000, client: `${p}-dw`, do: 'disconnect-with-will' },
          { atMs: 2_000, client: `${p}-dn`, do: 'disconnect' },
        ],
      ),
  },
  {
    name: 'session-expiry',
    shows:
      'session expiry (5.0): resumed within the interval, new after it; an expiring session sends its delayed will; a long one capped or granted',
    v3only: false,
    scenario: (profile, p) =>
      scenario(
        'Session Expiry Interval',
        profile,
        12_000,
        5,
        [
          { id: `${p}-s3`, keepAlive: 30, cleanStart: false, sessionExpiry: 3 },
          {
            id: `${p}-exp`,
            keepAlive: 30,
            cleanStart: false,
            sessionExpiry: 2,
            will: { ...will(p), delay: 30 },
          },
          // Ten minutes asked for: ejabberd grants 300 s and says so in CONNACK.
          { id: `${p}-long`, keepAlive: 30, cleanStart: false, sessionExpiry: 600 },
          dashboard(p),
        ],
        [
          { atMs: 1_000, client: `${p}-s3`, do: 'disconnect' },
          { atMs: 2_500, client: `${p}-s3`, do: 'connect' },
          { atMs: 3_500, client: `${p}-s3`, do: 'disconnect' },
          { atMs: 9_500, client: `${p}-s3`, do: 'connect' },
          { atMs: 1_000, client: `${p}-exp`, do: 'crash' },
        ],
      ),
  },
  {
    name: 'offline-queue',
    shows: 'offline QoS 1 messages are queued and delivered on resume; QoS 0 ones are not (3.1.1)',
    v3only: true,
    scenario: (profile, p) =>
      scenario(
        'offline QoS 1 queueing',
        profile,
        8_000,
        4,
        [
          { id: `${p}-sub`, keepAlive: 30, cleanStart: false, subscribe: [{ topic: `${p}/q/#`, qos: 1 }] },
          { id: `${p}-pub`, keepAlive: 30 },
        ],
        [
          { atMs: 1_000, client: `${p}-sub`, do: 'disconnect' },
          { atMs: 2_000, client: `${p}-pub`, do: 'publish', topic: `${p}/q/a`, payload: 'one', qos: 1 },
          { atMs: 2_500, client: `${p}-pub`, do: 'publish', topic: `${p}/q/b`, payload: 'two', qos: 1 },
          { atMs: 3_000, client: `${p}-pub`, do: 'publish', topic: `${p}/q/c`, payload: 'zero', qos: 0 },
          { atMs: 5_000, client: `${p}-sub`, do: 'connect' },
        ],
      ),
  },
];
