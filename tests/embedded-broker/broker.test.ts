// The embedded broker: real aedes, real sockets on 127.0.0.1, real mqtt.js clients (TCP and WebSocket).
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import { EMBEDDED_FILTER, parseEmbedded } from '../../src/live/parsers/embedded';
import type { BrokerReport } from '../../src/live/parsers';

let broker: EmbeddedBroker;
const clients: MqttClient[] = [];
const logs: string[] = [];

beforeAll(async () => {
  broker = await startEmbeddedBroker({ wsPort: 0, mqttPort: 0, log: (m) => logs.push(m) });
});

afterAll(async () => {
  for (const c of clients) c.end(true);
  await broker?.close();
});

async function client(url: string, options: mqtt.IClientOptions): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...options });
  clients.push(c);
  return c;
}

/** A watcher collecting the embedded broker's reports (parsed with the app's own parser). */
async function watcher(): Promise<{
  reports: BrokerReport[];
  topics: string[];
  wait(n: (r: BrokerReport[]) => boolean): Promise<void>;
}> {
  const reports: BrokerReport[] = [];
  const topics: string[] = [];
  const w = await client(broker.mqttUrl!, { clientId: `watch-${clients.length}` });
  w.on('message', (topic, payload) => {
    topics.push(topic);
    const parsed = parseEmbedded(topic, payload.toString());
    if (parsed) reports.push(...parsed.reports);
  });
  await w.subscribeAsync([EMBEDDED_FILTER, '$SYS/+/new/clients', '$SYS/+/disconnect/clients', 'will/#']);
  return {
    reports,
    topics,
    wait: (done) =>
      new Promise<void>((resolve, reject) => {
        const start = Date.now();
        const check = (): void => {
          if (done(reports)) resolve();
          else if (Date.now() - start > 5000) reject(new Error('timed out: ' + JSON.stringify(reports)));
          else setTimeout(check, 20);
        };
        check();
      }),
  };
}

describe('the embedded broker', () => {
  it('listens on 127.0.0.1 only, WebSocket at /mqtt and TCP', () => {
    expect(broker.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/mqtt$/);
    expect(broker.mqttUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
  });

  it('relies on aedes internals that exist (registerClient, client._parser)', () => {
    const internals = broker.aedes as unknown as { registerClient?: unknown };
    expect(typeof internals.registerClient).toBe('function');
  });

  it('reports connected (with keep alive), timeout (with idle time), will and disconnect reasons', async () => {
    const w = await watcher();
    const ws = await client(broker.wsUrl!, {
      clientId: 'emb-1',
      keepalive: 1,
      will: { topic: 'will/emb-1', payload: Buffer.from('gone'), qos: 1, retain: false },
    });
    ws.keepaliveManager?.destroy(); // silent from now on
    await w.wait((r) => r.some((x) => x.kind === 'disconnected' && x.clientId === 'emb-1'));
    const mine = w.reports.filter((r) => r.clientId === 'emb-1');
    expect(mine.map((r) => r.kind)).toEqual(['connected', 'timeout', 'will', 'disconnected']);
    expect(mine[0]).toMatchObject({ keepAlive: 1, protocol: 4, cleanStart: true, transport: 'websockets' });
    expect((mine[1] as { idleMs: number }).idleMs).toBeGreaterThanOrEqual(1500);
    expect((mine[1] as { idleMs: number }).idleMs).toBeLessThan(2500);
    expect(mine[2]).toMatchObject({
      topic: 'will/emb-1',
      qos: 1,
      retain: false,
      cause: 'keepalive-timeout',
      delayed: 0,
      payloadBytes: 4,
    });
    expect(mine[3]).toMatchObject({ reason: 'keepalive-timeout' });
    // The will reached a subscriber of both the event topics and the will topic (see NEVER_DUPLICATE).
    await new Promise((r) => setTimeout(r, 100));
    expect(w.topics).toContain('will/emb-1');
    expect(w.topics.filter((t) => t.endsWith('/new/clients')).length).toBeGreaterThan(0);
  });

  it('reports a take-over with both connection numbers, before the old will and close', async () => {
    const w = await watcher();
    await client(broker.mqttUrl!, {
      clientId: 'emb-2',
      will: { topic: 'will/emb-2', payload: Buffer.from('x'), qos: 0, retain: false },
    });
    await client(broker.mqttUrl!, { clientId: 'emb-2' });
    await w.wait((r) => r.filter((x) => x.kind === 'connected' && x.clientId === 'emb-2').length === 2);
    const mine = w.reports.filter((r) => r.clientId === 'emb-2');
    expect(
      mine.map((r) => `${r.kind}${'reason' in r ? ' ' + r.reason : ''}${'cause' in r ? ' ' + r.cause : ''}`),
    ).toEqual(['connected', 'takeover', 'will takeover', 'disconnected takeover', 'connected']);
    const [first, takeover, , , second] = mine;
    expect(takeover.brokerConn).toBe(first.brokerConn);
    expect((takeover as { newBrokerConn: string }).newBrokerConn).toBe(second.brokerConn);
  });

  it('DISCONNECT → client-disconnect, no will; a dropped socket → network-error and the will', async () => {
    const w = await watcher();
    const a = await client(broker.mqttUrl!, {
      clientId: 'emb-3',
      will: { topic: 'will/emb-3', payload: Buffer.from('x'), qos: 0, retain: false },
    });
    const b = await client(broker.mqttUrl!, {
      clientId: 'emb-4',
      will: { topic: 'will/emb-4', payload: Buffer.from('x'), qos: 0, retain: false },
    });
    await a.endAsync();
    b.end(true);
    await w.wait(
      (r) =>
        r.filter((x) => x.kind === 'disconnected' && (x.clientId === 'emb-3' || x.clientId === 'emb-4'))
          .length === 2,
    );
    const kinds = (id: string) =>
      w.reports
        .filter((r) => r.clientId === id)
        .map((r) => `${r.kind}${'reason' in r ? ' ' + r.reason : ''}`);
    expect(kinds('emb-3')).toEqual(['connected', 'disconnected client-disconnect']);
    expect(kinds('emb-4')).toEqual(['connected', 'will', 'disconnected network-error']);
  });

  it('refuses WebSocket upgrades from another origin, and leaves other paths alone', async () => {
    const url = broker.wsUrl!;
    const status = await new Promise<number | string>((resolve) => {
      const ws = new WebSocket(url, ['mqtt'], { headers: { origin: 'http://evil.example' } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve('open'));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
    const host = new URL(url).host;
    const sameOrigin = await new Promise<string>((resolve) => {
      const ws = new WebSocket(url, ['mqtt'], { headers: { origin: `http://${host}` } });
      ws.on('open', () => {
        ws.close();
        resolve('open');
      });
      ws.on('error', (e) => resolve(e.message));
    });
    expect(sameOrigin).toBe('open');
  });

  it('a busy TCP port: logged and skipped when tolerated, an error otherwise', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const log: string[] = [];
      const tolerant = await startEmbeddedBroker({
        wsPort: 0,
        mqttPort: port,
        tolerateBusyMqttPort: true,
        log: (m) => log.push(m),
      });
      expect(tolerant.mqttUrl).toBeNull();
      expect(tolerant.wsUrl).not.toBeNull();
      expect(log.join('\n')).toMatch(/is busy/);
      await tolerant.close();
      await expect(startEmbeddedBroker({ wsPort: 0, mqttPort: port, log: () => undefined })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });
});
