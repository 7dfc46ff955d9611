// The broker addresses a real run may use: the `--against` URLs, checked once (one, or two for one
// broker: an mqtt:// or mqtts:// one and a ws:// or wss:// one). Every connection the runner opens (the
// scenario's clients, clones, reconnects, its own watcher) goes to exactly the --against addresses;
// there is no other address anywhere in the runner, and it never scans. A user name and password in a
// URL go in CONNECT only: `url` is the address without them, and no message ever shows the password.
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
  /** From `user:password@` in the URL, decoded; a client's own beat them. */
  username: string | null;
  password: string | null;
}

export class TargetError extends Error {}

const DEFAULT_PORTS: Record<TargetScheme, number> = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 };

const quote = (v: string): string => JSON.stringify(v.length > 80 ? v.slice(0, 77) + '...' : v);

/**
 * The URL as a message may show it: a password between `//user:` and the last `@` is masked, even in a
 * URL too broken to parse.
 */
export function redactUrl(raw: string): string {
  const m = /^([^:/?#@]*:\/\/)?(.*)@/s.exec(raw);
  const colon = m === null ? -1 : m[2].indexOf(':');
  if (m === null || colon < 0) return raw;
  return `${m[1] ?? ''}${m[2].slice(0, colon)}:********@${raw.slice(m[0].length)}`;
}

/** Checks the `--against` value; the message of a TargetError names the flag. */
export function parseTarget(raw: string): Target {
  const text = raw.trim();
  const fail = (why: string): never => {
    throw new TargetError(`--against: ${why} (got ${quote(redactUrl(raw))})`);
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
  const username = url.username === '' ? null : decodeUserInfo(url.username, fail);
  const password = url.password === '' ? null : decodeUserInfo(url.password, fail);
  if (password !== null && username === null) fail('has a password without a user name');
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
    username,
    password,
  };
}

function decodeUserInfo(text: string, fail: (why: string) => never): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return fail('has a user name or password that is not valid percent-encoding');
  }
}

/**
 * Checks every `--against` value: one address, or two for one broker, one mqtt:// (or mqtts://) and one
 * ws:// (or wss://). A client goes to the address of its transport (transports.ts).
 */
export function parseTargets(raws: readonly string[]): Target[] {
  if (raws.length === 0) throw new TargetError('--against: needs a broker address');
  if (raws.length > 2)
    throw new TargetError(
      `--against: at most twice, one mqtt:// (or mqtts://) and one ws:// (or wss://) address (got ${raws.length})`,
    );
  const targets = raws.map(parseTarget);
  if (targets.length === 2 && targets[0].transport === targets[1].transport) {
    const kind = targets[0].transport === 'tcp' ? 'mqtt:// (or mqtts://)' : 'ws:// (or wss://)';
    throw new TargetError(
      `--against: given twice, both ${kind}: give one mqtt:// (or mqtts://) and one ws:// (or wss://) address of the same broker`,
    );
  }
  return targets;
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
