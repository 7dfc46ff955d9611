// The Vite plugin on a real Vite dev server: MQTT over WebSocket at /mqtt on the dev server's own origin,
// plain MQTT on TCP, and Vite's HMR WebSocket still working next to it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import WebSocket from 'ws';
import { createServer, type ViteDevServer } from 'vite';
import { embeddedBrokerPlugin } from '../../src/embedded-broker/vitePlugin';

let server: ViteDevServer;
let root: string;
let origin: string;
const logs: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ka-vite-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
  server = await createServer({
    configFile: false,
    root,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    plugins: [embeddedBrokerPlugin({ mqttPort: 0 })],
    customLogger: {
      info: (m: string) => logs.push(m),
      warn: () => undefined,
      warnOnce: () => undefined,
      error: () => undefined,
      clearScreen: () => undefined,
      hasErrorLogged: () => false,
      hasWarned: false,
    },
  });
  await server.listen();
  const address = server.httpServer!.address() as AddressInfo;
  origin = `127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the embedded broker inside `npm start`', () => {
  it('serves MQTT over WebSocket at /mqtt on the dev server (same origin)', async () => {
    const c = await mqtt.connectAsync(`ws://${origin}/mqtt`, { clientId: 'vite-1', reconnectPeriod: 0 });
    const got = new Promise<string>((resolve) => c.on('message', (_t, p) => resolve(p.toString())));
    await c.subscribeAsync('hello');
    await c.publishAsync('hello', 'world');
    expect(await got).toBe('world');
    await c.endAsync();
    expect(logs.join('\n')).toMatch(
      /MQTT over WebSocket at \/mqtt on this server, plain MQTT at mqtt:\/\/127\.0\.0\.1:\d+/,
    );
  });

  it("still serves the page and Vite's HMR WebSocket", async () => {
    const res = await fetch(`http://${origin}/`);
    expect(res.status).toBe(200);
    const first = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(`ws://${origin}/`, ['vite-hmr']);
      ws.on('message', (data) => {
        ws.close();
        resolve(data.toString());
      });
      ws.on('error', reject);
    });
    expect(JSON.parse(first)).toMatchObject({ type: 'connected' });
  });
  it('refuses a DNS-rebound Host on /mqtt as Vite refuses it on the page', async () => {
    const port = origin.split(':')[1];
    const page = await new Promise<number>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.end();
    });
    expect(page).toBe(403);
    const upgrade = await new Promise<number | 'open'>((resolve) => {
      const ws = new WebSocket(`ws://${origin}/mqtt`, ['mqtt'], {
        headers: { host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve('open'));
      ws.on('error', () => undefined);
    });
    expect(upgrade).toBe(403);
  });
});
