// The page's handle on the simulation worker. `createSimWorker` uses the URL pattern Vite bundles
// (a separate ES module chunk, resolved relative to the page, so dist/ works from any sub-path).

import type { FromWorker, ToWorker } from './protocol';

export interface WorkerPort {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export function createSimWorker(): WorkerPort {
  return new Worker(new URL('./simWorker.ts', import.meta.url), {
    type: 'module',
    name: 'simulation',
  }) as unknown as WorkerPort;
}
