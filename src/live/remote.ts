// The page's side of the live worker: the live session's API, run in worker.ts. Trace events go to the
// page's trace as they arrive (the shell applies them per frame); state arrives a few times a second.
import { LiveConnectError } from './errors';
import type { TrafficFilter } from './filter';
import type { LivePublish } from './liveConnection';
import type { LiveClientOptions } from './options';
import type { FromWorker, LiveRequest, ToWorker } from './protocol';
import type { ProbeAction } from './probes';
import type { Budget } from './ring';
import type { LiveSnapshot } from './session';
import type { LiveSubscription } from './subscriptions';
import type { TrafficSummary } from './trafficSummary';
import type { LiveTraceSink } from './types';

/** What the live views use, whether the session runs in a worker or not. */
export interface LiveSessionApi {
  subscribe(listener: () => void): () => void;
  getSnapshot(): LiveSnapshot | null;
  traffic(): TrafficSummary | null;
  /** Trace ms now (the session's clock, extrapolated since the last state). */
  now(): number;
  connect(options: LiveClientOptions, subscriptions?: readonly LiveSubscription[]): Promise<void>;
  disconnect(): Promise<void>;
  /** Adds (or changes) one of the page's subscriptions. */
  addSubscription(subscription: LiveSubscription): Promise<void>;
  removeSubscription(filter: string): Promise<void>;
  publish(message: LivePublish): Promise<void>;
  /** The filter the traffic view and the timeline follow; null for none. */
  setFilter(filter: TrafficFilter | null): Promise<void>;
  startProbe(options: LiveClientOptions): Promise<void>;
  probeAction(key: string, action: ProbeAction): Promise<void>;
  removeProbe(key: string): void;
  setBudget(budget: Budget): void;
  selectTopic(topic: string | null): void;
  dispose(): Promise<void>;
}

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  terminate(): void;
}

export class RemoteLiveSession implements LiveSessionApi {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(): void; reject(err: Error): void }>();
  private readonly listeners = new Set<() => void>();
  private snapshot: LiveSnapshot | null = null;
  private summary: TrafficSummary | null = null;
  private nowAt = 0;
  private nowMs = 0;

  constructor(
    private readonly worker: WorkerLike,
    private readonly trace: LiveTraceSink,
  ) {
    worker.onmessage = (e) => this.receive(e.data);
  }

  private receive(m: FromWorker): void {
    switch (m.type) {
      case 'begin':
        this.trace.begin(m.header);
        return;
      case 'append':
        this.trace.append(m.events);
        return;
      case 'drop':
        this.trace.dropOldest(m.count);
        return;
      case 'state':
        this.snapshot = m.snapshot;
        this.summary = m.traffic;
        this.nowMs = m.nowMs;
        this.nowAt = performance.now();
        for (const l of [...this.listeners]) l();
        return;
      case 'reply': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.error) {
          const e = m.error;
          p.reject(
            e.code ? new LiveConnectError(e.code, e.message, e.field, e.connackCode) : new Error(e.message),
          );
        } else p.resolve();
        return;
      }
    }
  }

  private request(r: LiveRequest): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...r, id } as ToWorker);
    });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot(): LiveSnapshot | null {
    return this.snapshot;
  }

  traffic(): TrafficSummary | null {
    return this.summary;
  }

  now(): number {
    return this.snapshot === null ? 0 : this.nowMs + (performance.now() - this.nowAt);
  }

  connect(options: LiveClientOptions, subscriptions?: readonly LiveSubscription[]): Promise<void> {
    return this.request({ type: 'connect', options, ...(subscriptions ? { subscriptions } : {}) });
  }

  disconnect(): Promise<void> {
    return this.request({ type: 'disconnect' });
  }

  addSubscription(subscription: LiveSubscription): Promise<void> {
    return this.request({ type: 'subscribe', subscription });
  }

  removeSubscription(filter: string): Promise<void> {
    return this.request({ type: 'unsubscribe', filter });
  }

  publish(message: LivePublish): Promise<void> {
    return this.request({ type: 'publish', message });
  }

  setFilter(filter: TrafficFilter | null): Promise<void> {
    return this.request({ type: 'filter', filter });
  }

  startProbe(options: LiveClientOptions): Promise<void> {
    return this.request({ type: 'startProbe', options });
  }

  probeAction(key: string, action: ProbeAction): Promise<void> {
    return this.request({ type: 'probeAction', key, action });
  }

  removeProbe(key: string): void {
    void this.request({ type: 'removeProbe', key });
  }

  setBudget(budget: Budget): void {
    void this.request({ type: 'setBudget', budget });
  }

  selectTopic(topic: string | null): void {
    void this.request({ type: 'select', topic });
  }

  async dispose(): Promise<void> {
    await Promise.race([this.request({ type: 'dispose' }), new Promise((r) => setTimeout(r, 2000))]);
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('the live session ended'));
    this.pending.clear();
    this.listeners.clear();
  }
}

/** Starts the live worker (Vite bundles worker.ts as a module worker). */
export function startLiveWorker(trace: LiveTraceSink): RemoteLiveSession {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'live' });
  return new RemoteLiveSession(worker as unknown as WorkerLike, trace);
}
