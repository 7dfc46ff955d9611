// The client-library models held against the real libraries: each keeps a connection to a real
// Mosquitto alive through a loopback relay that measures when each packet leaves the client, with one
// QoS 0 PUBLISH of the application's at 1.3 s and the link cut at 5 s. The simulation of the same
// scenario with that library's model must send as many PINGREQs, each as long after the packet before
// it, and give up as long after the last (± PREDICTION_MS); the other models must not: the three
// differ by 300 ms or more in this scenario. Real Eclipse Paho Python (Debian's python3-paho-mqtt) and mqtt.js 5 (this project's).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREDICTION_MS } from '../../../src/analysis/compare/tolerances';
import type { ClientLibraryName, Scenario } from '../../../src/scenario/types';
import { runToJsonl } from '../../../src/sim/run';
import { parseTrace } from '../../../src/trace/parse';
import { startMosquitto, type RunningMosquitto } from '../../live/support/mosquitto';

const K = 2;
const PUBLISH_AT_MS = 1300;
const LINK_DOWN_AT_MS = 5000;
const PYTHON = process.env.PYTHON3_PATH ?? '/usr/bin/python3';
const PAHO_SCRIPT = fileURLToPath(new URL('./support/pahoKeepAlive.py', import.meta.url));

/** What the relay saw of one client connection, in ms after its CONNECT. */
interface Seen {
  pings: number[];
  publishAt: number | null;
  /** When the client closed its socket (gave up), or null. */
  closedAt: number | null;
}

/**
 * A TCP relay to the broker that timestamps the client's packets by their first byte and, from
 * LINK_DOWN_AT_MS after the CONNECT, forwards nothing either way while holding both sockets open:
 * a link that went silent, as the simulation's `link-down`.
 */
function relay(brokerPort: number): Promise<{ server: Server; port: number; first: Promise<Seen> }> {
  let resolveSeen: (s: Seen) => void = () => undefined;
  const first = new Promise<Seen>((r) => (resolveSeen = r));
  let taken = false;
  const sockets: Socket[] = [];
  const server = createServer((client) => {
    sockets.push(client);
    const broker = createConnection(brokerPort, '127.0.0.1');
    sockets.push(broker);
    const mine = !taken;
    taken = true;
    const seen: Seen = { pings: [], publishAt: null, closedAt: null };
    let connectAt = -1;
    let down = false;
    client.on('data', (chunk: Buffer) => {
      const now = performance.now();
      if (connectAt < 0) {
        connectAt = now;
        setTimeout(() => (down = true), LINK_DOWN_AT_MS);
      }
      // On loopback each small packet arrives alone; only its type matters here. A packet sent on a
      // dead link is still sent.
      const type = chunk[0] >> 4;
      if (type === 12) seen.pings.push(now - connectAt);
      if (type === 3 && seen.publishAt === null) seen.publishAt = now - connectAt;
      if (!down) broker.write(chunk);
    });
    broker.on('data', (chunk: Buffer) => {
      if (!down) client.write(chunk);
    });
    client.on('close', () => {
      broker.destroy();
      if (mine) {
        seen.closedAt = connectAt < 0 ? null : performance.now() - connectAt;
        resolveSeen(seen);
      }
    });
    client.on('error', () => undefined);
    broker.on('error', () => client.destroy());
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, first }),
    ),
  );
}

/** What the model of `library` does in the same scenario, from the simulated trace. */
function simulated(library: ClientLibraryName): Seen {
  const scenario: Scenario = {
    scenario: 1,
    name: `${library} keeps alive`,
    seed: 1,
    durationMs: 12_000,
    protocol: 4,
    broker: { profile: 'mosquitto-2.0' },
    network: { latencyMs: 0 },
    clients: [{ id: 'lib', keepAlive: K, library }],
    events: [
      { atMs: PUBLISH_AT_MS, client: 'lib', do: 'publish', topic: 'lib/x', payload: '1', qos: 0 },
      { atMs: LINK_DOWN_AT_MS, client: 'lib', do: 'link-down' },
    ],
  };
  const lines: string[] = [];
  runToJsonl(scenario, (l) => lines.push(l));
  const seen: Seen = { pings: [], publishAt: null, closedAt: null };
  for (const e of parseTrace(lines.join('')).events) {
    if (e.kind === 'packet' && e.dir === 'c2b' && e.type === 'PINGREQ') seen.pings.push(e.t);
    if (e.kind === 'packet' && e.dir === 'c2b' && e.type === 'PUBLISH') seen.publishAt = e.t;
    if (e.kind === 'conn' && e.side === 'client' && e.state === 'closed' && e.reason === 'ping-timeout')
      seen.closedAt = e.t;
  }
  return seen;
}

/**
 * The gaps between what the client did: the PUBLISH, each PINGREQ, the close. Each is the library's
 * decision given what came before, so comparing gaps compares decisions, and a real loop that runs a
 * few ms late on a busy machine does not carry its lateness into every later time.
 */
function gaps(s: Seen): number[] {
  const times = [s.publishAt ?? NaN, ...s.pings, s.closedAt ?? NaN];
  return times.map((t, i) => (i === 0 ? t : t - times[i - 1]));
}

/** Whether `real` is `model` within `ms`: as many pings, every gap as long. */
function agrees(real: Seen, model: Seen, ms: number): boolean {
  const a = gaps(real);
  const b = gaps(model);
  return a.length === b.length && a.every((g, i) => Math.abs(g - b[i]) <= ms);
}

const round = (s: Seen) => ({
  pings: s.pings.map((t) => Math.round(t)),
  publishAt: s.publishAt === null ? null : Math.round(s.publishAt),
  closedAt: s.closedAt === null ? null : Math.round(s.closedAt),
});

const LIBRARIES: ClientLibraryName[] = ['mqttjs-5', 'paho-python', 'spec'];

/** The real library agrees with its own model, and with no other. */
function expectOnlyModel(real: Seen, library: ClientLibraryName): void {
  const model = simulated(library);
  expect(
    agrees(real, model, PREDICTION_MS),
    `real ${JSON.stringify(round(real))}, model ${JSON.stringify(model)}`,
  ).toBe(true);
  for (const other of LIBRARIES.filter((l) => l !== library))
    expect(agrees(real, simulated(other), PREDICTION_MS), other).toBe(false);
}

let mosquitto: RunningMosquitto;
const relays: Server[] = [];

beforeAll(async () => {
  mosquitto = await startMosquitto();
});

afterAll(async () => {
  for (const r of relays) r.close();
  await mosquitto?.stop();
});

async function through(): Promise<{ port: number; first: Promise<Seen> }> {
  const r = await relay(Number(new URL(mosquitto.tcpUrl).port));
  relays.push(r.server);
  return r;
}

describe('the client-library models against the real libraries', () => {
  it('mqttjs-5: real mqtt.js 5 pings 2 K/2 after CONNACK whatever it publishes, and gives up one tick after an unanswered ping', async () => {
    const { port, first } = await through();
    const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
      clientId: 'lib-mqttjs',
      keepalive: K,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    client.on('error', () => undefined);
    setTimeout(() => client.publish('lib/mqttjs', '1', { qos: 0 }), PUBLISH_AT_MS);
    const real = await first;
    client.end(true);
    expectOnlyModel(real, 'mqttjs-5');
  }, 30_000);

  it('paho-python: real Paho Python 1.6 pings K after its last packet in or out on its 1 s loop, and gives up at the first check K after an unanswered ping', async () => {
    const { port, first } = await through();
    const child = spawn(
      PYTHON,
      [PAHO_SCRIPT, '127.0.0.1', String(port), 'lib-paho', String(K), String(PUBLISH_AT_MS), '15'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const real = await first;
      expect(await exited, out).toBe(0);
      // MQTT_ERR_KEEPALIVE: Paho closed because its PINGREQ went unanswered.
      expect(out).toContain('closed 16');
      expectOnlyModel(real, 'paho-python');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
