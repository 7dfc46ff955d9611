// The one broker address a real run may use: the `--against` URL, checked once. Every connection the
// runner opens (the scenario's clients, clones, reconnects, its own watcher) goes to exactly this
// host and port; there is no other address anywhere in the runner, and it never scans.
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import WebSocket, { createWebSocketStream } from 'ws';
import type { RawStream } from './gate';

export type TargetScheme = 'mqtt' | 'mqtts' | 'ws' | 'wss';

export interface Target {
  scheme: TargetScheme;
  host: string;
  port: number;
  /** WebSocket path ("/" when none); "" for TCP. */
  path: string;
  /** The URL as normalised, e.g. `mqtt://127.0.0.1:1883` or `ws://127.0.0.1:8080/mqtt`. */
  url: string;
  transport: 'tcp' | 'websockets';
}

export class TargetError extends Error {}

const DEFAULT_PORTS: Record<TargetScheme, number> = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 };

const quote = (v: string): string => JSON.stringify(v.length > 80 ? v.slice(0, 77) + '...' : v);

/** Checks the `--against` value; the message of a TargetError names the flag. */
export function parseTarget(raw: string): Target {
  const text = raw.trim();
  const fail = (why: string): never => {
    throw new TargetError(`--against: ${why} (got ${quote(raw)})`);
  };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('not a URL; use mqtt://host:port or ws://host:port/path');
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'mqtt' && scheme !== 'mqtts' && scheme !== 'ws' && scheme !== 'wss') {
    return fail('must start with mqtt://, mqtts://, ws:// or wss://');
  }
  if (url.hostname === '') fail('has no host');
  if (url.username !== '' || url.password !== '')
    fail('user names and passwords in the URL are not supported');
  if (url.search !== '' || url.hash !== '') fail('must not have a query or a fragment');
  const isWs = scheme === 'ws' || scheme === 'wss';
  if (!isWs && url.pathname !== '' && url.pathname !== '/') fail('an mqtt:// address has no path');
  const port = url.port === '' ? DEFAULT_PORTS[scheme] : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const path = isWs ? url.pathname || '/' : '';
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    scheme,
    host,
    port,
    path,
    url: `${scheme}://${hostPart}:${port}${path}`,
    transport: isWs ? 'websockets' : 'tcp',
  };
}

export interface OpenedSocket {
  stream: RawStream;
  /** Calls back once the connection is open (TCP connected, WebSocket handshake done). */
  onOpen(listener: () => void): void;
}

/** A new socket to the target (and nowhere else). */
export function openSocket(target: Target): OpenedSocket {
  switch (target.scheme) {
    case 'mqtt': {
      const socket = netConnect({ host: target.host, port: target.port });
      socket.setNoDelay(true);
      return { stream: socket, onOpen: (l) => socket.once('connect', l) };
    }
    case 'mqtts': {
      const socket = tlsConnect({ host: target.host, port: target.port, servername: target.host });
      return { stream: socket, onOpen: (l) => socket.once('secureConnect', l) };
    }
    case 'ws':
    case 'wss': {
      const ws = new WebSocket(target.url, ['mqtt']);
      const stream = createWebSocketStream(ws);
      return { stream, onOpen: (l) => ws.once('open', l) };
    }
  }
}
