// The simulation worker as the controllers share it: created on first use, its messages handed to
// one router (the composing AppController), its failure shown as the run's error.

import type { WorkerPort } from '../../worker/client';
import type { FromWorker, ToWorker } from '../../worker/protocol';
import type { ControllerEnv } from './env';
import type { AppStores } from './stores';

export class SimWorker {
  private port: WorkerPort | null = null;

  constructor(
    private readonly env: Pick<ControllerEnv, 'createWorker'>,
    private readonly stores: AppStores,
    private readonly route: (msg: FromWorker) => void,
  ) {}

  /** Posts to the worker, creating it first if need be. */
  post(msg: ToWorker): void {
    this.open().postMessage(msg);
  }

  /** Posts only to a worker that exists (an acknowledgement, a cancel: nothing to say to a new one). */
  postIfOpen(msg: ToWorker): void {
    this.port?.postMessage(msg);
  }

  private open(): WorkerPort {
    if (this.port === null) {
      const port = this.env.createWorker();
      port.onmessage = (e) => this.route(e.data);
      port.onerror = (e) => {
        const t = this.stores.trace();
        t.setStatus('error');
        t.notify('error', 'run', `The simulation worker failed: ${e.message}`);
      };
      this.port = port;
    }
    return this.port;
  }
}
