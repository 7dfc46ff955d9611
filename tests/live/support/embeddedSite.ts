// The built site and the embedded broker on one origin, as `npm start` serves them: dist/ under a
// sub-path and the broker's WebSocket endpoint at /mqtt of the same server (the broker accepts a page's
// upgrade only from its own origin), plus plain MQTT on a free TCP port for test clients. Loopback only.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import {
  startEmbeddedBroker,
  type EmbeddedBroker,
  type EmbeddedBrokerOptions,
} from '../../../src/embedded-broker';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.png': 'image/png',
};

export interface EmbeddedSite {
  /** The app, e.g. http://127.0.0.1:PORT/labs/keepalive/ */
  url: string;
  /** ws://127.0.0.1:PORT/mqtt: the same origin as the app. */
  wsUrl: string;
  /** mqtt://127.0.0.1:PORT for test clients. */
  mqttUrl: string;
  broker: EmbeddedBroker;
  close(): Promise<void>;
}

export async function serveEmbeddedSite(
  options: Pick<EmbeddedBrokerOptions, 'authenticate'> = {},
  subPath = '/labs/keepalive/',
): Promise<EmbeddedSite> {
  const root = resolve('dist');
  await stat(join(root, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run `npm run build` first');
  });
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith(subPath)) {
      res.writeHead(404).end('not under the sub-path');
      return;
    }
    const file = normalize(
      join(root, decodeURIComponent(url.pathname.slice(subPath.length) || 'index.html')),
    );
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const broker = await startEmbeddedBroker({
    ...options,
    wsServer: server,
    mqttPort: 0,
    log: () => undefined,
  });
  return {
    url: `http://127.0.0.1:${port}${subPath}`,
    wsUrl: `ws://127.0.0.1:${port}/mqtt`,
    mqttUrl: broker.mqttUrl!,
    broker,
    async close() {
      await broker.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
