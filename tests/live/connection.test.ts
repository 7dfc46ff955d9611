// The connection form's checks and the clear errors of a connection that cannot be made: each against
// a real endpoint (the embedded broker with a password, a closed port, an http server that is no
// WebSocket, a WebSocket server that is no MQTT broker).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import { createLiveClock } from '../../src/live/clock';
import type { LiveConnectError } from '../../src/live/errors';
import { backoffDelay } from '../../src/live/liveConnection';
import { checkBrokerUrl, validateLiveOptions } from '../../src/live/options';
import type { LiveFormInput, LiveClientOptions } from '../../src/live/options';
import { TracedClient } from '../../src/live/tracedClient';
import { ConnRegistry } from '../../src/live/conns';
import { nodeWebSocket } from '../../src/live/node';
import type { TraceEvent } from '../../src/trace';

const form = (over: Partial<LiveFormInput> = {}): LiveFormInput => ({
  url: 'ws://127.0.0.1:8080/mqtt',
  clientId: 'lab',
  username: '',
  password: '',
  protocol: 4,
  keepAlive: '30',
  cleanStart: true,
  ...over,
});

describe('the connection form', () => {
  it('accepts a good form', () => {
    expect(validateLiveOptions(form())).toEqual({
      ok: true,
      options: {
        url: 'ws://127.0.0.1:8080/mqtt',
        clientId: 'lab',
        protocol: 4,
        keepAlive: 30,
        cleanStart: true,
      },
    });
  });

  it('names the field of a bad URL or a wrong scheme', () => {
    expect(checkBrokerUrl('not a url')?.message).toBe('Broker URL: not a valid URL (got "not a url")');
    expect(checkBrokerUrl('mqtt://broker:1883')?.message).toMatch(
      /^Broker URL: must start with ws:\/\/ or wss:\/\/.*\(got "mqtt:\/\/"\)$/,
    );
    expect(checkBrokerUrl('')?.field).toBe('url');
    expect(checkBrokerUrl('wss://broker.example/mqtt')).toBeNull();
  });

  it('names keep alive, MQTT version and client ID problems', () => {
    const result = validateLiveOptions(
      form({ keepAlive: '70000', protocol: '3', clientId: '', cleanStart: false }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field).sort()).toEqual(['clientId', 'keepAlive', 'protocol']);
    expect(result.errors.find((e) => e.field === 'keepAlive')?.message).toBe(
      'Keep alive: must be a whole number of seconds 0..65535 (got "70000")',
    );
  });

  it('backs off 1, 2, 4 … s up to 30 s', () => {
    const b = { minMs: 1000, maxMs: 30000, jitter: 0 };
    expect([1, 2, 3, 6, 10].map((n) => backoffDelay(n, b))).toEqual([1000, 2000, 4000, 30000, 30000]);
  });
});

let broker: EmbeddedBroker;
let http: Server;
let wsOnly: Server;
let closedPort: number;

const listen = (s: Server): Promise<number> =>
  new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));

beforeAll(async () => {
  broker = await startEmbeddedBroker({
    wsPort: 0,
    log: () => undefined,
    authenticate: (u, p) => u === undefined || (u === 'alice' && p === 'secret'),
  });
  http = createServer((_req, res) => res.writeHead(200).end('hello'));
  await listen(http);
  wsOnly = createServer();
  new WebSocketServer({ server: wsOnly }); // accepts WebSockets, never says a word
  await listen(wsOnly);
  const tmp = createServer();
  closedPort = await listen(tmp);
  await new Promise<void>((r) => tmp.close(() => r()));
});

afterAll(async () => {
  await broker?.close();
  http?.closeAllConnections();
  await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
  wsOnly?.closeAllConnections();
  await new Promise<void>((r) => (wsOnly ? wsOnly.close(() => r()) : r()));
});

async function attempt(
  options: Partial<LiveClientOptions>,
): Promise<{ error: LiveConnectError | null; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const client = new TracedClient(
    {
      url: broker.wsUrl!,
      clientId: 'lab',
      protocol: 4,
      keepAlive: 30,
      cleanStart: true,
      connectTimeoutMs: 1500,
      ...options,
    },
    {
      clock: createLiveClock(),
      registry: new ConnRegistry(),
      emit: (e) => events.push(e),
      source: 'self',
      createWebSocket: nodeWebSocket,
    },
  );
  try {
    await client.connect();
    await client.disconnect();
    return { error: null, events };
  } catch (err) {
    client.destroy();
    return { error: err as LiveConnectError, events };
  }
}

const port = (s: Server): number => (s.address() as AddressInfo).port;

describe('clear errors from real endpoints', () => {
  it('connects with the right password', async () => {
    expect((await attempt({ username: 'alice', password: 'secret' })).error).toBeNull();
  });

  it('refused auth: the CONNACK code, naming the password', async () => {
    const { error, events } = await attempt({ username: 'alice', password: 'wrong' });
    expect(error).toMatchObject({ code: 'refused', field: 'password', connackCode: 4 });
    expect(error?.message).toBe(
      'The broker refused the connection: bad user name or password (CONNACK code 4) — check the user name and password.',
    );
    // The refusal is on the timeline too; the password never is.
    expect(events.find((e) => e.kind === 'packet' && e.type === 'CONNACK')).toMatchObject({ reasonCode: 4 });
    expect(JSON.stringify(events)).not.toContain('wrong');
  });

  it('aedes refuses MQTT 5: unacceptable protocol version', async () => {
    const { error } = await attempt({ protocol: 5 });
    expect(error?.code === 'refused' || error?.code === 'not-mqtt').toBe(true);
    expect(error?.field).toBe(error?.code === 'refused' ? 'protocol' : 'url');
  });

  it('unreachable host (closed port)', async () => {
    const { error, events } = await attempt({ url: `ws://127.0.0.1:${closedPort}/mqtt` });
    expect(error).toMatchObject({ code: 'unreachable', field: 'url' });
    expect(error?.message).toMatch(
      /^Cannot open a WebSocket to ws:\/\/127\.0\.0\.1:\d+\/mqtt: the host is unreachable/,
    );
    expect(events).toEqual([]); // a socket that never opened leaves no events
  });

  it('an http server that is no WebSocket endpoint', async () => {
    const { error } = await attempt({ url: `ws://127.0.0.1:${port(http)}/mqtt` });
    expect(error).toMatchObject({ code: 'unreachable', field: 'url' });
    expect(error?.message).toContain('Unexpected server response: 200');
  });

  it('a WebSocket endpoint that is no MQTT broker', async () => {
    const { error, events } = await attempt({ url: `ws://127.0.0.1:${port(wsOnly)}/` });
    expect(error).toMatchObject({ code: 'not-mqtt', field: 'url' });
    expect(error?.message).toMatch(/opened but sent no MQTT CONNACK within 1\.5 s/);
    expect(events.map((e) => e.kind)).toContain('conn');
  });
});
