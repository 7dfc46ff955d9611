// The simulation worker's code run in this process behind the WorkerPort interface, with real
// timers: lets the page controller be tested in Node.
import type { WorkerPort } from '../../src/worker/client';
import type { FromWorker, ToWorker } from '../../src/worker/protocol';
import { Exporter } from '../../src/worker/exporter';
import { SimRunner, type RunnerHost } from '../../src/worker/runner';

export function inProcessWorker(): WorkerPort & { sent: ToWorker[] } {
  const port: WorkerPort & { sent: ToWorker[] } = {
    sent: [],
    onmessage: null,
    onerror: null,
    postMessage(msg: ToWorker) {
      port.sent.push(msg);
      const copy = structuredClone(msg);
      setTimeout(() => {
        if (copy.type === 'export') exporter.start(copy.requestId, copy.scenario);
        else if (copy.type === 'cancel-export') exporter.cancel(copy.requestId);
        else runner.handle(copy);
      }, 0);
    },
    terminate() {},
  };
  const host: RunnerHost = {
    post: (m: FromWorker) => setTimeout(() => port.onmessage?.({ data: m } as MessageEvent<FromWorker>), 0),
    now: () => performance.now(),
    later: (fn, ms) => {
      const id = setTimeout(fn, ms);
      return () => clearTimeout(id);
    },
  };
  const runner = new SimRunner(host);
  const exporter = new Exporter(host);
  return port;
}

export async function waitFor(check: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
