// The embedded broker (Node only, never bundled into the static site): aedes with MQTT over WebSocket
// at path /mqtt (on a given http server, e.g. Vite's dev server, or its own) and plain MQTT over TCP,
// both on 127.0.0.1. Besides aedes's own `$SYS/<id>/new/clients` and `$SYS/<id>/disconnect/clients`,
// it publishes what a live view needs to see other clients' keep alive, on the topics documented in
// src/live/parsers/embedded.ts: `$SYS/<id>/keepalive-lab/{broker,connected,disconnected,timeout,
// takeover,will}`.
//
// How each is known (aedes 1.2): a connection's number is given when the socket is handed to aedes;
// its last activity is the last packet aedes's parser produced for it (the same thing aedes's keep-alive
// timer is refreshed by); a timeout is aedes's `keepaliveTimeout` event; a DISCONNECT is seen on the
// parser; a take-over is a new connection registering a client ID whose previous connection is still
// open (aedes then closes the old one first: registerClient); a will is the client's will going through
// `authorizePublish` while the client is closing.
//
// What aedes does not check itself is checked around it: a packet longer than `maxPacketSize` or a
// string that is not well-formed UTF-8 closes the connection before aedes buffers or decodes it
// (packetGuard.ts); a WebSocket upgrade must name this server as its Host (hostCheck.ts: no DNS
// rebinding); an empty client ID with clean session 0 gets CONNACK 0x02 ([MQTT-3.1.3-8]).
//
// One file because its reports hook aedes at the places listed above, and each hook reads the same
// per-connection records; the checks around aedes are in their own files.
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes, type Client, type PublishPacket } from 'aedes';
import { WebSocketServer, createWebSocketStream, type WebSocket } from 'ws';
import type { Reason } from '../trace';
import {
  EMBEDDED_BROKER_NAME,
  embeddedTopic,
  type EmbeddedBrokerInfo,
  type EmbeddedConnected,
  type EmbeddedDisconnected,
  type EmbeddedEventName,
  type EmbeddedTakeover,
  type EmbeddedTimeout,
  type EmbeddedWill,
} from '../live/parsers/embedded.ts';
import { GuardedStream } from './guardedStream.ts';
import { upgradeAllowed, type AllowedHosts } from './hostCheck.ts';
import type { GuardViolation } from './packetGuard.ts';

export const DEFAULT_MQTT_PORT = 1883;
export const DEFAULT_WS_PATH = '/mqtt';
/** The longest packet a client may send, bytes (fixed header included): 1 MiB. */
export const DEFAULT_MAX_PACKET_SIZE = 1024 * 1024;

export interface EmbeddedBrokerOptions {
  /** Interface to listen on; only 127.0.0.1 (or ::1) makes sense for a dev tool. */
  host?: string;
  /** Plain MQTT TCP port; 0 picks a free one; null: no TCP listener. Default null. */
  mqttPort?: number | null;
  /** Attach the WebSocket endpoint to this http server (its 'upgrade' event, path `wsPath`). */
  wsServer?: HttpServer;
  /** Or listen for WebSockets on this port (0: a free one). Ignored with `wsServer`. */
  wsPort?: number;
  wsPath?: string;
  /** aedes broker id (default: a random UUID). */
  id?: string;
  /** Where messages go (default console). */
  log?: (message: string) => void;
  /** A busy TCP port is logged and skipped (true, for `npm start`) or an error (false, default). */
  tolerateBusyMqttPort?: boolean;
  /** Checks user name and password (default: everyone is welcome); false → CONNACK 4. */
  authenticate?: (username: string | undefined, password: string | undefined) => boolean;
  /** The longest packet a client may send, bytes; a longer one closes its connection. */
  maxPacketSize?: number;
  /**
   * Host names a WebSocket upgrade may name besides IP addresses and `localhost` (Vite's
   * `server.allowedHosts`; true: any). Default: none.
   */
  allowedHosts?: AllowedHosts;
}

export interface EmbeddedBroker {
  readonly id: string;
  readonly aedes: Aedes;
  /** ws://127.0.0.1:PORT/mqtt, or null when attached to a server that is not listening yet. */
  readonly wsUrl: string | null;
  /** mqtt://127.0.0.1:PORT, or null without a TCP listener. */
  readonly mqttUrl: string | null;
  close(): Promise<void>;
}

/** aedes internals this module relies on (aedes 1.2.0; tests/embedded-broker checks them). */
interface ClientInternals {
  _parser?: { on(event: 'packet', listener: (packet: { cmd: string }) => void): void };
  duplicates?: Record<string, number>;
}

/**
 * aedes drops a message whose broker counter is not above the last one forwarded to that client
 * (`dedupe`, meant for clusters of brokers). On one broker that drops real messages: a QoS 1 will is
 * stored before it is forwarded, so a later QoS 0 message (aedes's own `$SYS/<id>/disconnect/clients`,
 * or our event topics) overtakes it and the will is never delivered to a client subscribed to both.
 * This broker is never part of a cluster: no message is a duplicate.
 */
const NEVER_DUPLICATE: Record<string, number> = new Proxy(Object.create(null) as Record<string, number>, {
  get: () => undefined,
  set: () => true,
  deleteProperty: () => true,
});
interface AedesInternals {
  registerClient?: (client: Client) => void;
}

interface ConnRecord {
  conn: number;
  transport: 'tcp' | 'websockets';
  address?: string;
  lastActivity: number;
  keepAlive: number;
  protocol: number;
  clean: boolean;
  disconnectReceived: boolean;
  timedOut: boolean;
  takenOverBy: number | null;
  error: string | null;
  registered: boolean;
}

function hostForUrl(address: AddressInfo): string {
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}

function listen(server: HttpServer | NetServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: HttpServer | NetServer): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
  });
}

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions = {}): Promise<EmbeddedBroker> {
  const host = options.host ?? '127.0.0.1';
  const wsPath = options.wsPath ?? DEFAULT_WS_PATH;
  const log = options.log ?? ((m: string) => console.log(m));
  const check = options.authenticate;
  const maxPacketSize = options.maxPacketSize ?? DEFAULT_MAX_PACKET_SIZE;
  const allowedHosts = options.allowedHosts ?? [];
  /** Clients whose CONNECT had an empty client ID and clean session 0. */
  const emptyIdKept = new WeakSet<Client>();
  const aedes = await Aedes.createBroker({
    ...(options.id ? { id: options.id } : {}),
    preConnect: (client, packet, callback) => {
      // aedes 1.2 gives such a client a generated ID and CONNACK 0 (fixed upstream after 1.2).
      if (packet.clientId === '' && packet.clean === false) emptyIdKept.add(client);
      callback(null, true);
    },
    authenticate: (client, username, password, done) => {
      // A zero-byte client ID asks for a session the broker cannot find again: refused with 0x02,
      // then the connection closes (3.1.1 [MQTT-3.1.3-8]).
      if (emptyIdKept.has(client)) {
        done(
          Object.assign(new Error('empty client identifier with clean session 0'), { returnCode: 2 }),
          false,
        );
      } else if (check === undefined || check(username, password?.toString('utf8'))) done(null, true);
      else done(Object.assign(new Error('bad user name or password'), { returnCode: 4 }), false);
    },
    authorizePublish: (client, packet, callback) => {
      if (client && packet.topic.startsWith('$SYS/')) {
        callback(new Error('$SYS/ topic is reserved'));
        return;
      }
      if (client && client.closed && isWillOf(client, packet)) willPublished(client, packet);
      callback(null);
    },
  });
  const id = aedes.id;
  const records = new WeakMap<Client, ConnRecord>();
  /** The open, registered connection of each client ID. */
  const openById = new Map<string, Client>();
  let nextConn = 0;
  let closing = false;

  const publish = (event: EmbeddedEventName, body: object, retain = false): void => {
    aedes.publish(
      {
        cmd: 'publish',
        topic: embeddedTopic(id, event),
        payload: Buffer.from(JSON.stringify(body)),
        qos: 0,
        retain,
        dup: false,
      },
      () => undefined,
    );
  };

  const info: EmbeddedBrokerInfo = {
    broker: EMBEDDED_BROKER_NAME,
    version: 1,
    aedes: (aedes as unknown as { version: string }).version,
    startedAt: new Date().toISOString(),
  };
  publish('broker', info, true);

  // The client a will belongs to: aedes passes the client's own will object to authorizePublish.
  function isWillOf(client: Client, packet: PublishPacket): boolean {
    return (client as unknown as { will: unknown }).will === packet;
  }

  function reasonOf(rec: ConnRecord): Reason {
    if (rec.takenOverBy !== null) return 'takeover';
    if (rec.timedOut) return 'keepalive-timeout';
    if (rec.disconnectReceived) return 'client-disconnect';
    if (closing) return 'server-shutdown';
    if (rec.error !== null && /invalid|protocol|malformed|header|parse/i.test(rec.error))
      return 'protocol-error';
    return 'network-error';
  }

  function willPublished(client: Client, packet: PublishPacket): void {
    const rec = records.get(client);
    if (!rec) return;
    const payload = packet.payload;
    const body: EmbeddedWill = {
      clientId: client.id,
      conn: rec.conn,
      ts: Date.now(),
      topic: packet.topic,
      qos: packet.qos,
      retain: packet.retain,
      cause: reasonOf(rec),
      delayed: 0,
      payloadBytes: typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length,
    };
    publish('will', body);
  }

  // Take-overs: aedes closes the previous connection of a client ID inside registerClient.
  const internals = aedes as unknown as AedesInternals;
  const register = internals.registerClient?.bind(aedes);
  if (register) {
    internals.registerClient = (client: Client): void => {
      const previous = openById.get(client.id);
      const rec = records.get(client);
      if (previous && previous !== client && !previous.closed && rec) {
        const old = records.get(previous);
        if (old) {
          old.takenOverBy = rec.conn;
          const body: EmbeddedTakeover = {
            clientId: client.id,
            oldConn: old.conn,
            newConn: rec.conn,
            ts: Date.now(),
          };
          publish('takeover', body);
        }
      }
      register(client);
    };
  } else {
    log('[embedded broker] this aedes has no registerClient: take-overs are not reported');
  }

  aedes.on('client', (client) => {
    const rec = records.get(client);
    openById.set(client.id, client);
    if (!rec) return;
    rec.registered = true;
    rec.clean = client.clean;
    rec.protocol = client.version;
    const body: EmbeddedConnected = {
      clientId: client.id,
      conn: rec.conn,
      ts: Date.now(),
      protocol: rec.protocol,
      cleanStart: rec.clean,
      keepAlive: rec.keepAlive,
      ...(rec.address ? { address: rec.address } : {}),
      transport: rec.transport,
    };
    publish('connected', body);
  });

  aedes.on('keepaliveTimeout', (client) => {
    const rec = records.get(client);
    if (!rec) return;
    rec.timedOut = true;
    const ts = Date.now();
    const body: EmbeddedTimeout = {
      clientId: client.id,
      conn: rec.conn,
      ts,
      keepAlive: rec.keepAlive,
      lastActivity: rec.lastActivity,
      idleMs: ts - rec.lastActivity,
    };
    publish('timeout', body);
  });

  const onError = (client: Client, err: Error): void => {
    const rec = records.get(client);
    if (rec && rec.error === null) rec.error = err.message;
  };
  aedes.on('clientError', onError);
  aedes.on('connectionError', onError);

  aedes.on('clientDisconnect', (client) => {
    if (openById.get(client.id) === client) openById.delete(client.id);
    const rec = records.get(client);
    if (!rec) return;
    const body: EmbeddedDisconnected = {
      clientId: client.id,
      conn: rec.conn,
      ts: Date.now(),
      reason: reasonOf(rec),
      ...(rec.error !== null && !rec.timedOut ? { error: rec.error } : {}),
    };
    publish('disconnected', body);
  });

  /** Why a guarded connection was closed, in words `reasonOf` reads as a protocol error. */
  function violationText(v: GuardViolation): string {
    if (v.kind === 'too-large')
      return `protocol error: a packet of ${v.size} bytes, more than the ${v.max} allowed`;
    if (v.kind === 'malformed-length') return 'protocol error: malformed remaining length';
    return `protocol error: the ${v.field} is not well-formed UTF-8 without U+0000`;
  }

  /** Hands one connection to aedes, behind the packet guard, recording what the events above need. */
  function handle(
    socket: Duplex,
    transport: ConnRecord['transport'],
    address: string | undefined,
    req?: IncomingMessage,
  ): void {
    let rec: ConnRecord | null = null;
    const stream = new GuardedStream(socket, maxPacketSize, (v) => {
      const text = violationText(v);
      log(`[embedded broker] closed ${address ?? 'a connection'}: ${text}`);
      if (rec !== null && rec.error === null) rec.error = text;
    });
    stream.on('error', () => undefined);
    const client = aedes.handle(stream, req);
    rec = {
      conn: ++nextConn,
      transport,
      ...(address ? { address } : {}),
      lastActivity: Date.now(),
      keepAlive: 0,
      protocol: 0,
      clean: true,
      disconnectReceived: false,
      timedOut: false,
      takenOverBy: null,
      error: null,
      registered: false,
    };
    records.set(client, rec);
    const record = rec;
    const internals = client as unknown as ClientInternals;
    if (internals.duplicates !== undefined) internals.duplicates = NEVER_DUPLICATE;
    const parser = internals._parser;
    parser?.on('packet', (packet) => {
      record.lastActivity = Date.now();
      if (packet.cmd === 'connect') {
        const p = packet as unknown as { keepalive?: number; protocolVersion?: number; clean?: boolean };
        record.keepAlive = p.keepalive ?? 0;
        record.protocol = p.protocolVersion ?? 0;
        record.clean = p.clean ?? true;
      } else if (packet.cmd === 'disconnect') {
        record.disconnectReceived = true;
      }
    });
  }

  // --- WebSocket endpoint ------------------------------------------------------------------------

  // ws keeps a whole frame before handing it on: a frame is never longer than one packet may be.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxPacketSize });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    const stream = createWebSocketStream(ws);
    stream.on('error', () => undefined);
    const address = req.socket.remoteAddress
      ? `${req.socket.remoteAddress}:${req.socket.remotePort}`
      : undefined;
    handle(stream, 'websockets', address, req);
  });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== wsPath) return; // not ours (e.g. Vite's HMR socket): leave it alone
    if (!upgradeAllowed(req, allowedHosts)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  let httpServer: HttpServer | null = null;
  let ownHttp = false;
  if (options.wsServer) httpServer = options.wsServer;
  else if (options.wsPort !== undefined) {
    httpServer = createHttpServer((_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain' }).end('MQTT over WebSocket at ' + wsPath + '\n');
    });
    ownHttp = true;
    await listen(httpServer, options.wsPort, host);
  }
  httpServer?.on('upgrade', onUpgrade);

  // --- TCP endpoint --------------------------------------------------------------------------------

  let tcp: NetServer | null = null;
  const tcpSockets = new Set<Socket>();
  if (options.mqttPort !== undefined && options.mqttPort !== null) {
    const server = createNetServer((socket) => {
      tcpSockets.add(socket);
      socket.on('close', () => tcpSockets.delete(socket));
      handle(socket, 'tcp', `${socket.remoteAddress}:${socket.remotePort}`);
    });
    try {
      await listen(server, options.mqttPort, host);
      tcp = server;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (options.tolerateBusyMqttPort && code === 'EADDRINUSE') {
        log(
          `[embedded broker] ${host}:${options.mqttPort} is busy: no plain MQTT (TCP) listener; WebSockets at ${wsPath} still work`,
        );
      } else {
        aedes.close();
        if (ownHttp && httpServer) await closeServer(httpServer);
        throw err;
      }
    }
  }

  const wsAddress = httpServer?.address();
  const wsUrl =
    wsAddress && typeof wsAddress === 'object'
      ? `ws://${hostForUrl(wsAddress)}:${wsAddress.port}${wsPath}`
      : null;
  const tcpAddress = tcp?.address();
  const mqttUrl =
    tcpAddress && typeof tcpAddress === 'object'
      ? `mqtt://${hostForUrl(tcpAddress)}:${tcpAddress.port}`
      : null;

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing = true;
      httpServer?.off('upgrade', onUpgrade);
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      for (const ws of sockets) ws.terminate();
      for (const s of tcpSockets) s.destroy();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      if (tcp) await closeServer(tcp);
      if (ownHttp && httpServer) {
        httpServer.closeAllConnections();
        await closeServer(httpServer);
      }
    })());

  return { id, aedes, wsUrl, mqttUrl, close };
}
