// Ports and processes for the real brokers the tests start on loopback. A broker that cannot listen
// on port 0 and report it gets a port found by binding port 0 first (a short race: callers retry).
// Every broker runs in its own process group, so `stop()` ends it and whatever it spawned, by PID.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer, Socket } from 'node:net';

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

/** `n` distinct free ports. */
export async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
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

export interface GroupProcess {
  readonly pid: number;
  /** What it wrote to stdout and stderr so far. */
  output(): string;
  exited(): boolean;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`; resolves when the leader exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns `command` as the leader of a new process group, collecting its output. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions = {}): GroupProcess {
  const child: ChildProcess = spawn(command, args, {
    ...options,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  let done = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      done = true;
      resolve();
    }),
  );
  child.once('error', (err) => {
    out += `\n${String(err)}`;
    done = true;
  });
  const pid = child.pid ?? -1;
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      // the group is gone already
    }
  };
  return {
    pid,
    output: () => out,
    exited: () => done,
    async stop(graceMs = 5000) {
      if (pid > 0) signal('SIGTERM');
      if (!done) {
        const timer = setTimeout(() => signal('SIGKILL'), graceMs);
        await exit;
        clearTimeout(timer);
      }
      // Children that outlive the leader (Erlang's port programs) go with the group.
      if (pid > 0) signal('SIGKILL');
    },
  };
}

/** Waits until every port accepts a connection, the process exits, or `ms` pass. */
export async function waitForPorts(proc: GroupProcess, ports: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !proc.exited()) {
    const open = await Promise.all(ports.map(canConnect));
    if (open.every(Boolean)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
