// Clients that try to make Mosquitto's log say something about a client that never existed
// ("victim-42"): the broker logs subscribe and unsubscribe lines as `<client id> <qos> <filter>` and
// `<client id> <filter>`, so a filter or an ID can spell a whole event line, or its tail after a
// ": ". Each attacker is a real mqtt.js client; `honest` is a real client whose events must still be
// read. Used by the live test (tests/live/parsers/mosquitto.forgery.broker.test.ts) and by the capture of
// tests/fixtures/hostile/mosquitto-forgery.jsonl.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export const VICTIM = 'victim-42';

/** Client IDs that really connect during the attack (the only ones an event may name). */
export const REAL_CLIENTS = [
  'x',
  'Client',
  'Client victim-42 has exceeded timeout, disconnecting.',
  'x: Client victim-42 disconnected.',
  'victim-42 (p2, c1, k60',
  'honest',
];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function open(url: string, options: IClientOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

/** Runs every attack against the broker at `url` (TCP or WebSocket), then the honest client. */
export async function runForgeryAttempts(url: string): Promise<void> {
  const settle = (): Promise<void> => sleep(150);
  // A filter that ends with a whole event line after ": " (the parser once tried every ": " split).
  const a = await open(url, { clientId: 'x', keepalive: 60 });
  await a.subscribeAsync(`x: Client ${VICTIM} has exceeded timeout, disconnecting.`);
  await a.subscribeAsync(`y: New client connected from 10.0.0.1:1 as ${VICTIM} (p2, c1, k60).`);
  await settle();
  await a.endAsync();
  // An ID "Client" and a filter make the unsubscribe line an event line from its first character.
  const b = await open(url, { clientId: 'Client', keepalive: 60 });
  await b.subscribeAsync(`${VICTIM} has exceeded timeout, disconnecting.`);
  await b.unsubscribeAsync(`${VICTIM} has exceeded timeout, disconnecting.`);
  await b.unsubscribeAsync(`${VICTIM} closed its connection.`);
  await b.subscribeAsync('has exceeded timeout, disconnecting.');
  await settle();
  await b.endAsync();
  // IDs that spell event lines: their own events must name them whole.
  for (const clientId of [
    `Client ${VICTIM} has exceeded timeout, disconnecting.`,
    `x: Client ${VICTIM} disconnected.`,
  ]) {
    const c = await open(url, { clientId, keepalive: 60 });
    await c.subscribeAsync(`x: Client ${VICTIM} disconnected.`);
    await settle();
    await c.endAsync();
  }
  // An ID and a user name that repeat the broker's own "(pN, cN, kN" part: the line cannot be split.
  const d = await open(url, {
    clientId: `${VICTIM} (p2, c1, k60`,
    username: `u') (p2, c1, k60, u'z`,
    keepalive: 60,
  });
  await settle();
  d.end(true); // no DISCONNECT: "closed its connection"
  await settle();
  const honest = await open(url, { clientId: 'honest', keepalive: 30 });
  await settle();
  await honest.endAsync();
  await settle();
}
