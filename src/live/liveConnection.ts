// The page's own connection: its subscriptions, what it publishes, its state, and reconnecting after a
// loss with the backoff every client of the lab follows (src/base/backoff.ts). Each retry is a `fault`
// event "connect" on the client's lane, with the attempt's number and the backoff it waited
// (`attempt`, `backoffMs`): the timeline shows the waits doubling.
import type { Packet } from 'mqtt';
import { reconnectDelay, type Backoff } from '../base/backoff';
import type { FaultEvent } from '../trace';
import { LiveConnectError } from './errors';
import { wireBytes } from './mqttOptions';
import type { LiveClientOptions, UserProperties } from './options';
import {
  SubscriptionSet,
  wireSubscription,
  type LiveSubscription,
  type WireSubscription,
} from './subscriptions';
import { TracedClient, type TracedClientDeps } from './tracedClient';

export type { Backoff } from '../base/backoff';

export type LiveConnectionState =
  | { status: 'idle' }
  | { status: 'connecting' }
  | { status: 'connected'; sinceMs: number; refusedFilters: string[] }
  | { status: 'reconnecting'; attempt: number; retryAtMs: number; lastError: string }
  | { status: 'error'; error: LiveConnectError }
  | { status: 'closed' };

export const DEFAULT_BACKOFF: Backoff = { minMs: 1000, maxMs: 30000, jitter: 0.2 };

/** The wait before retry `attempt` (1 for the first retry after a loss), ms. */
export function backoffDelay(attempt: number, b: Backoff, random: () => number = Math.random): number {
  return reconnectDelay(b, Math.max(0, attempt - 1), { next: random });
}

export interface LiveConnectionOptions extends LiveClientOptions {
  /** The subscriptions to make on every connection (live mode's own included). */
  subscriptions: SubscriptionSet;
  backoff?: Backoff;
}

/** A message the page publishes. */
export interface LivePublish {
  topic: string;
  payload: Uint8Array;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** MQTT 5 properties (left out under 3.1.1). */
  messageExpiry?: number;
  contentType?: string;
  userProperties?: UserProperties;
}

export type MessageListener = (
  topic: string,
  payload: Uint8Array,
  packet: { qos: 0 | 1 | 2; retain: boolean; dup: boolean },
) => void;

/** What mqtt.js hands a subscribe callback last: the SUBACK, whose `granted` is in the order sent. */
type Suback = { granted?: (number | { qos: number })[] } | undefined;

export class LiveConnection {
  readonly traced: TracedClient;
  private current: LiveConnectionState = { status: 'idle' };
  private readonly stateListeners = new Set<(s: LiveConnectionState) => void>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Retries since the last good connection. */
  private attempt = 0;
  private stopped = false;

  constructor(
    readonly options: LiveConnectionOptions,
    private readonly deps: TracedClientDeps,
  ) {
    this.traced = new TracedClient(options, deps);
    this.traced.on((e) => {
      if (e.type === 'close' && e.close && !e.close.byUs && this.current.status === 'connected')
        this.lost('the connection closed');
    });
  }

  get state(): LiveConnectionState {
    return this.current;
  }

  get subscriptions(): SubscriptionSet {
    return this.options.subscriptions;
  }

  onState(listener: (s: LiveConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onMessage(listener: MessageListener): () => void {
    const handler = (
      topic: string,
      payload: Uint8Array,
      packet: { qos: 0 | 1 | 2; retain: boolean; dup: boolean },
    ): void => listener(topic, payload, packet);
    this.traced.client.on('message', handler);
    return () => this.traced.client.off('message', handler);
  }

  private set(s: LiveConnectionState): void {
    this.current = s;
    for (const l of [...this.stateListeners]) l(s);
  }

  /** Connects and subscribes; rejects (and the state says why) when the first attempt fails. */
  async start(): Promise<void> {
    this.stopped = false;
    this.set({ status: 'connecting' });
    try {
      await this.traced.connect();
    } catch (err) {
      const error = err instanceof LiveConnectError ? err : new LiveConnectError('closed', String(err));
      this.set({ status: 'error', error });
      throw error;
    }
    await this.connected();
  }

  private async connected(): Promise<void> {
    this.attempt = 0;
    this.subscriptions.resetAll();
    await this.sendSubscribe(this.subscriptions.all());
    if (this.stopped) return;
    this.set({
      status: 'connected',
      sinceMs: this.deps.clock.now(),
      refusedFilters: this.subscriptions.refused(),
    });
  }

  /** SUBSCRIBE for `subs` in one packet; each one's state follows the SUBACK (all refused on an error). */
  private sendSubscribe(subs: readonly LiveSubscription[]): Promise<void> {
    if (subs.length === 0) return Promise.resolve();
    const map: Record<string, WireSubscription> = {};
    for (const s of subs) map[s.filter] = wireSubscription(s, this.options.protocol);
    return new Promise((resolve) => {
      this.traced.client.subscribe(map, (err, granted, packet?: Packet) => {
        const codes = (packet as Suback)?.granted;
        const order = granted ?? [];
        if (codes !== undefined && codes.length === order.length) {
          order.forEach((g, i) => {
            const c = codes[i];
            this.subscriptions.answered(g.topic, typeof c === 'number' ? c : c.qos);
          });
        } else if (err) {
          for (const s of subs) this.subscriptions.answered(s.filter, 0x80);
        } else for (const g of order) this.subscriptions.answered(g.topic, g.qos);
        resolve();
      });
    });
  }

  /** Adds (or changes) a subscription; sent at once when connected, else at the next connection. */
  async subscribe(sub: LiveSubscription): Promise<void> {
    this.subscriptions.put(sub);
    if (this.current.status === 'connected') {
      await this.sendSubscribe([sub]);
      this.refreshRefused();
    }
  }

  /** Removes a subscription (UNSUBSCRIBE when connected). */
  async unsubscribe(filter: string): Promise<void> {
    if (!this.subscriptions.remove(filter)) return;
    if (this.current.status !== 'connected') return;
    await new Promise<void>((resolve) => this.traced.client.unsubscribe(filter, () => resolve()));
    this.refreshRefused();
  }

  private refreshRefused(): void {
    const s = this.current;
    if (s.status === 'connected') this.set({ ...s, refusedFilters: this.subscriptions.refused() });
  }

  /** Publishes; resolves once written (QoS 0) or acknowledged (QoS 1 and 2). */
  publish(msg: LivePublish): Promise<void> {
    if (this.current.status !== 'connected')
      return Promise.reject(new Error('Not connected: connect to a broker first, then publish.'));
    const v5 = this.options.protocol === 5;
    const properties = {
      ...(v5 && msg.messageExpiry !== undefined ? { messageExpiryInterval: msg.messageExpiry } : {}),
      ...(v5 && msg.contentType !== undefined ? { contentType: msg.contentType } : {}),
      ...(v5 && msg.userProperties !== undefined ? { userProperties: msg.userProperties } : {}),
    };
    const opts = {
      qos: msg.qos,
      retain: msg.retain,
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    };
    return new Promise((resolve, reject) => {
      this.traced.client.publish(msg.topic, wireBytes(msg.payload), opts, (err) =>
        err ? reject(new Error(`The broker did not take the message: ${err.message}`)) : resolve(),
      );
    });
  }

  private lost(why: string): void {
    if (this.stopped) return;
    this.attempt++;
    const delay = backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    const attempt = this.attempt;
    this.set({
      status: 'reconnecting',
      attempt,
      retryAtMs: this.deps.clock.now() + delay,
      lastError: why,
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      const e: FaultEvent = {
        t: this.deps.clock.now(),
        kind: 'fault',
        target: this.options.clientId,
        fault: 'connect',
        source: this.deps.source,
        attempt,
        backoffMs: delay,
      };
      this.deps.emit(e);
      this.traced.connect().then(
        () => this.connected(),
        (err: unknown) => {
          if (this.stopped) return;
          if (err instanceof LiveConnectError && err.code === 'refused') {
            this.set({ status: 'error', error: err });
            return;
          }
          this.lost(err instanceof Error ? err.message : String(err));
        },
      );
    }, delay);
  }

  /** Disconnects (DISCONNECT, then close) and stops reconnecting. What was recorded stays. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.traced.disconnect();
    this.set({ status: 'closed' });
  }
}
