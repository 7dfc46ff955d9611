// Serves the built dist/ under a sub-path on 127.0.0.1, as a static host would: the app must work
// from any sub-path, so tests never serve it from the root. Node-only developer tooling, used by the
// end-to-end tests and `npm run bench:app`.

import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

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

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/**
 * An http server on a free loopback port that serves dist/ under `subPath` (404 elsewhere, 403 outside
 * dist/). Others may hang more on it (the embedded broker's /mqtt upgrade).
 */
export async function listenDist(subPath = '/labs/keepalive/'): Promise<{ server: Server; port: number }> {
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
    const relative = url.pathname.slice(subPath.length) || 'index.html';
    const file = normalize(join(root, decodeURIComponent(relative)));
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
  return { server, port: (server.address() as AddressInfo).port };
}

export async function serveDist(subPath = '/labs/keepalive/'): Promise<StaticSite> {
  const { server, port } = await listenDist(subPath);
  return {
    url: `http://127.0.0.1:${port}${subPath}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
