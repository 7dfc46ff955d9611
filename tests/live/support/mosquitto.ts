// Starts Debian's real Mosquitto (/usr/sbin/mosquitto) on loopback for tests and fixture capture,
// with the configuration of docs/brokers.md ("Running the real brokers on loopback"): a TCP listener and
// a websockets listener, both on 127.0.0.1 only, `log_dest topic` so the broker's log lines arrive on
// `$SYS/broker/log/#`, `persistence false`. Mosquitto cannot listen on port 0 and report it, so free
// ports are found by binding port 0 first (a short race, retried).

import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnect, freePort } from './ports';

export const MOSQUITTO_PATH = process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto';

export interface MosquittoOptions {
  /** `log_timestamp_format` (strftime); omitted: epoch seconds. */
  logTimestampFormat?: string;
  /** Extra configuration lines (global section). */
  extra?: string[];
}

export interface RunningMosquitto {
  tcpPort: number;
  wsPort: number;
  /** `mqtt://127.0.0.1:PORT` */
  tcpUrl: string;
  /** `ws://127.0.0.1:PORT` (Mosquitto serves MQTT on any path) */
  wsUrl: string;
  /** What Mosquitto wrote to stdout/stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

function config(tcpPort: number, wsPort: number, options: MosquittoOptions): string {
  return [
    '# written by tests/live/support/mosquitto.ts: loopback only',
    'per_listener_settings false',
    'allow_anonymous true',
    'persistence false',
    'log_dest topic',
    'log_dest stdout',
    'log_type all',
    ...(options.logTimestampFormat ? [`log_timestamp_format ${options.logTimestampFormat}`] : []),
    ...(options.extra ?? []),
    `listener ${tcpPort} 127.0.0.1`,
    `listener ${wsPort} 127.0.0.1`,
    'protocol websockets',
    'socket_domain ipv4',
    '',
  ].join('\n');
}

async function startOnce(options: MosquittoOptions): Promise<RunningMosquitto> {
  const tcpPort = await freePort();
  let wsPort = await freePort();
  while (wsPort === tcpPort) wsPort = await freePort();
  // Mosquitto drops to user `mosquitto`: the directory and file must be readable by it.
  const dir = await mkdtemp(join(tmpdir(), 'ka-mosquitto-'));
  await chmod(dir, 0o755);
  const file = join(dir, 'mosquitto.conf');
  await writeFile(file, config(tcpPort, wsPort, options), { mode: 0o644 });
  let out = '';
  const child: ChildProcess = spawn(MOSQUITTO_PATH, ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  while (Date.now() < deadline) {
    if (exited) break;
    if ((await canConnect(tcpPort)) && (await canConnect(wsPort))) {
      return {
        tcpPort,
        wsPort,
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
export async function startMosquitto(options: MosquittoOptions = {}): Promise<RunningMosquitto> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(options);
    } catch (err) {
      last = err;
    }
  }
  throw last;
}
