// A Chromium started without Playwright and a DevTools client that enables nothing but what it calls.
//
// Why not Playwright for the live benchmark: Playwright enables the Network domain on every page and
// worker it controls, so DevTools reports every WebSocket frame (`Network.webSocketFrameReceived`) to
// the test process. At 20 000 frames/s that reporting (browser main thread, DevTools pipe, the test
// process parsing it) took more CPU on this 2-core machine than the app itself, and the app was
// measured ingesting a third of what it ingests with no DevTools attached. A user's browser has no
// DevTools attached; this client only sends Runtime.evaluate / Runtime.getHeapUsage.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM_ARGS } from '../../../src/devtools/browser';

export interface BareChromium {
  /** The browser's DevTools WebSocket URL (also what Playwright's connectOverCDP takes). */
  wsEndpoint: string;
  close(): Promise<void>;
}

/** Starts Debian's Chromium on `url` with remote debugging on a free loopback port. */
export async function startBareChromium(url: string): Promise<BareChromium> {
  const profile = await mkdtemp(join(tmpdir(), 'kal-bench-'));
  const proc: ChildProcess = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [
      ...CHROMIUM_ARGS,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      url,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not start: ${seen}`)), 20_000);
    proc.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.once('exit', (code) => reject(new Error(`chromium exited with ${code}: ${seen}`)));
  });
  return {
    wsEndpoint,
    async close() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill();
        await exited;
      }
      await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** A flat-session DevTools client: `send(method, params, sessionId?)`. */
export class BareCdp {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (m.id === undefined) return;
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error.message));
      else w.resolve(m.result);
    });
  }

  static async connect(wsEndpoint: string): Promise<BareCdp> {
    const ws = new WebSocket(wsEndpoint, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new BareCdp(ws);
  }

  send<T = unknown>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  /** Attaches to the first target matching `match` (flat session); returns the session id. */
  async attach(match: (t: TargetInfo) => boolean): Promise<string> {
    const { targetInfos } = await this.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
    const target = targetInfos.find(match);
    if (!target)
      throw new Error(`no such target among ${targetInfos.map((t) => t.type + ' ' + t.url).join(', ')}`);
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: true,
    });
    return sessionId;
  }

  /** The value of `expression` in the session's context (awaited when it is a promise). */
  async evaluate<T>(sessionId: string, expression: string): Promise<T> {
    const r = await this.send<{ result: { value: T }; exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
      sessionId,
    );
    if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.text}`);
    return r.result.value;
  }

  /**
   * Used JS heap of the session's isolate plus the ArrayBuffers it holds (typed-array columns live
   * outside the JS heap), MB.
   */
  async memoryMb(sessionId: string): Promise<number> {
    const r = await this.send<{ usedSize: number; backingStorageSize?: number }>(
      'Runtime.getHeapUsage',
      {},
      sessionId,
    );
    return (r.usedSize + (r.backingStorageSize ?? 0)) / 1024 / 1024;
  }

  close(): void {
    this.ws.close();
  }
}
