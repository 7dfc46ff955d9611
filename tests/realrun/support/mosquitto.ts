// A real Mosquitto (Debian's 2.0.11, /usr/sbin/mosquitto) on loopback for real-run tests, configured
// as shared/MQTT-SEMANTICS.md says: a TCP listener and a websockets listener (`socket_domain ipv4`,
// else it binds every interface), both on 127.0.0.1, `allow_anonymous true`, `log_dest topic`,
// `log_type all`, `persistence false`. It drops to user `mosquitto`, so its directory and config are
// world-readable. Mosquitto cannot report a port 0 listener's port: free ports are found by binding
// port 0 first (a short race, retried).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MOSQUITTO = process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto';

export interface Mosquitto {
  tcpUrl: string;
  wsUrl: string;
  output(): string;
  /** Stops the process (SIGTERM, then SIGKILL) and removes its directory. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1');
  });
}

async function startOnce(): Promise<Mosquitto> {
  const tcpPort = await freePort();
  let wsPort = await freePort();
  while (wsPort === tcpPort) wsPort = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'ka-realrun-mosquitto-'));
  await chmod(dir, 0o755);
  const file = join(dir, 'mosquitto.conf');
  const config = [
    '# tests/realrun/support/mosquitto.ts: loopback only',
    'per_listener_settings false',
    'allow_anonymous true',
    'persistence false',
    'log_dest topic',
    'log_dest stdout',
    'log_type all',
    `listener ${tcpPort} 127.0.0.1`,
    `listener ${wsPort} 127.0.0.1`,
    'protocol websockets',
    'socket_domain ipv4',
    '',
  ].join('\n');
  await writeFile(file, config, { mode: 0o644 });
  let out = '';
  const child: ChildProcess = spawn(MOSQUITTO, ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exit;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && !exited) {
    if ((await canConnect(tcpPort)) && (await canConnect(wsPort))) {
      return {
        tcpUrl: `mqtt://127.0.0.1:${tcpPort}`,
        wsUrl: `ws://127.0.0.1:${wsPort}`,
        output: () => out,
        stop,
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`mosquitto did not start on ports ${tcpPort}/${wsPort}:\n${out}`);
}

/** Starts Mosquitto; the caller must `stop()` it (afterAll), even when a test fails. */
export async function startMosquitto(): Promise<Mosquitto> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce();
    } catch (err) {
      last = err;
    }
  }
  throw last;
}
