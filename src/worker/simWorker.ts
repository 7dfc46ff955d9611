// The simulation's Web Worker: runs sim/ off the page's thread and streams trace batches back
// (protocol.ts). Created by the page with
//   new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' })
/// <reference lib="webworker" />

import type { ToWorker } from './protocol';
import { Exporter } from './exporter';
import { SimRunner, type RunnerHost } from './runner';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// setTimeout(0) is clamped to 4 ms when nested; a MessageChannel yields without the clamp.
const channel = new MessageChannel();
const queue: (() => void)[] = [];
channel.port1.onmessage = () => queue.shift()?.();

const host: RunnerHost = {
  post: (message, transfer) => scope.postMessage(message, transfer ?? []),
  now: () => performance.now(),
  later(fn, ms) {
    let live = true;
    const run = (): void => {
      if (live) fn();
    };
    if (ms <= 0) {
      queue.push(run);
      channel.port2.postMessage(null);
      return () => {
        live = false;
      };
    }
    const id = setTimeout(run, ms);
    return () => {
      live = false;
      clearTimeout(id);
    };
  },
};

const runner = new SimRunner(host);
const exporter = new Exporter(host);

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'export') exporter.start(msg.requestId, msg.scenario);
  else if (msg.type === 'cancel-export') exporter.cancel(msg.requestId);
  else runner.handle(msg);
};
