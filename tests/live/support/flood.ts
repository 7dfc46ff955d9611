// Runs floodPublisher.mjs in a worker thread; resolves with what it sent. `stop()` ends it early.
import { Worker } from 'node:worker_threads';

export interface FloodResult {
  sent: number;
  elapsed: number;
}

export function flood(
  url: string,
  topic: string,
  rate: number,
  seconds: number,
): { done: Promise<FloodResult>; stop(): Promise<void> } {
  const worker = new Worker(new URL('./floodPublisher.mjs', import.meta.url), {
    workerData: { url, topic, rate, seconds },
  });
  const done = new Promise<FloodResult>((resolve, reject) => {
    worker.once('message', (m: FloodResult) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? undefined : reject(new Error(`flood publisher exited with ${code}`)),
    );
  });
  return { done, stop: async () => void (await worker.terminate()) };
}
