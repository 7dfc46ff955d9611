// A live session: the page's own connection, its probes, the broker's event topics and the traffic,
// all writing one live trace (header `source: "live"`, `startedAt`). Events are stamped by one clock
// in the order they happen, kept in a bounded ring (ring.ts) and handed to the page's trace once per
// animation frame (batcher.ts). Environment-neutral: the page uses it through src/ui/live, Node tests
// use it directly.
import { formatEvent, formatHeader, formatTrace } from '../trace';
import type { TraceEvent, TraceHeader } from '../trace';
import type { LocalClose } from './attempt';
import { FrameBatcher, defaultScheduler, type FrameScheduler } from './batcher';
import { BrokerEvents } from './brokerEvents';
import { createLiveClock } from './clock';
import { ConnRegistry } from './conns';
import { compileFilter, NO_FILTER, type TrafficFilter } from './filter';
import { LiveConnection, type Backoff, type LiveConnectionState, type LivePublish } from './liveConnection';
import type { LiveClientOptions } from './options';
import { Probe, type ProbeAction } from './probes';
import { DEFAULT_BUDGET, EventRing, type Budget } from './ring';
import type { LiveSnapshot } from './snapshot';
import { SubscriptionSet, type LiveSubscription } from './subscriptions';
import { TimelineFilter } from './timelineFilter';
import { DEFAULT_TRAFFIC_LIMITS, TrafficStats, type TrafficLimits } from './traffic';
import { trafficSummary, type TrafficSummary } from './trafficSummary';
import type { LiveClock, LiveTraceSink, WebSocketFactory } from './types';

export type { LiveSnapshot, ProbeInfo } from './snapshot';

/** A probe's options as views get them: no user name or password. */
function withoutCredentials(options: LiveClientOptions): LiveClientOptions {
  const { username: _u, password: _p, ...rest } = options;
  return rest;
}

/** A client's first match waits this long before the timeline is sent again (matches come in bursts). */
const WIDEN_DELAY_MS = 1000;

export interface LiveSessionOptions {
  /** The page's trace; events are appended to it once per frame. */
  trace?: LiveTraceSink;
  clock?: LiveClock;
  createWebSocket?: WebSocketFactory;
  scheduler?: FrameScheduler;
  budget?: Budget;
  trafficLimits?: Partial<TrafficLimits>;
  /** Non-packet events kept for the event log. */
  recentLimit?: number;
  /** The subscriptions to make (live mode's own on the brokers' event topics are added). */
  subscriptions?: readonly LiveSubscription[];
}

const NO_TRACE: LiveTraceSink = {
  begin: () => undefined,
  append: () => undefined,
  dropOldest: () => undefined,
};

export class LiveSession {
  readonly clock: LiveClock;
  readonly registry = new ConnRegistry();
  readonly brokerEvents: BrokerEvents;
  readonly traffic: TrafficStats;
  readonly ring: EventRing;
  readonly header: TraceHeader;
  private readonly trace: TimelineFilter;
  private readonly batcher: FrameBatcher;
  private subscriptionSet: SubscriptionSet;
  private widenTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly createWebSocket: WebSocketFactory | undefined;
  private connection: LiveConnection | null = null;
  private readonly probes: Probe[] = [];
  private readonly recent: TraceEvent[] = [];
  private readonly recentLimit: number;
  private readonly listeners = new Set<() => void>();
  private lastT = 0;
  private version = 0;
  private snapshot: LiveSnapshot | null = null;
  private disposed = false;
  /** The caller set the traffic view's own byte limit: the budget does not change it. */
  private readonly trafficExplicit: boolean;

  constructor(options: LiveSessionOptions = {}) {
    this.clock = options.clock ?? createLiveClock();
    this.trace = new TimelineFilter(options.trace ?? NO_TRACE, () => this.widened());
    this.subscriptionSet = new SubscriptionSet(options.subscriptions);
    this.createWebSocket = options.createWebSocket;
    this.traffic = new TrafficStats(options.trafficLimits);
    this.trafficExplicit = options.trafficLimits?.maxHeldBytes !== undefined;
    this.ring = new EventRing(options.budget ?? DEFAULT_BUDGET);
    this.fitTraffic();
    this.recentLimit = options.recentLimit ?? 500;
    this.header = { trace: 1, source: 'live', startedAt: this.clock.startedAt };
    this.brokerEvents = new BrokerEvents({
      registry: this.registry,
      now: () => this.clock.now(),
      emit: (e) => this.emit(e),
    });
    this.brokerEvents.onKind(() => this.changed());
    this.batcher = new FrameBatcher((batch) => this.flushed(batch), options.scheduler ?? defaultScheduler());
    this.trace.begin(this.header);
  }

  // --- events ------------------------------------------------------------------------------------

  /** Every event of the session goes through here, in the order it happened. */
  emit(e: TraceEvent): void {
    if (this.disposed) return;
    if (e.t < this.lastT) e.t = this.lastT; // never back in time (clock rounding)
    this.lastT = e.t;
    this.batcher.push(e);
    if (e.kind !== 'packet') {
      this.recent.push(e);
      if (this.recent.length > this.recentLimit) this.recent.splice(0, this.recent.length - this.recentLimit);
    }
  }

  private flushed(batch: TraceEvent[]): void {
    // One budget for all the session holds: what the traffic view keeps leaves less for the events.
    this.ring.setReserve(this.traffic.heldBytes);
    const dropped = this.ring.pushMany(batch);
    this.trace.append(batch);
    if (dropped > 0) this.trace.dropOldest(dropped);
    this.changed();
  }

  /** Hands pending events to the trace now (tests; before an export). */
  flush(): void {
    this.batcher.flush();
  }

  /** The traffic view may hold a quarter of the budget at most (and never more than its own default). */
  private fitTraffic(): void {
    const explicit = this.trafficExplicit;
    if (explicit) return;
    this.traffic.setMaxHeldBytes(
      Math.min(DEFAULT_TRAFFIC_LIMITS.maxHeldBytes, this.ring.limits.maxBytes / 4),
    );
  }

  setBudget(budget: Budget): void {
    const dropped = this.ring.setBudget(budget);
    this.fitTraffic();
    if (dropped > 0) this.trace.dropOldest(dropped);
    this.changed();
  }

  // --- state for views -----------------------------------------------------------------------------

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    this.snapshot = null;
    for (const l of [...this.listeners]) l();
  }

  getSnapshot(): LiveSnapshot {
    return (this.snapshot ??= {
      version: this.version,
      connection: this.connection?.state ?? { status: 'idle' },
      url: this.connection?.options.url ?? null,
      clientId: this.connection?.options.clientId ?? null,
      protocol: this.connection?.options.protocol ?? null,
      subscriptions: this.subscriptionSet.all().map((sub) => ({ ...sub })),
      filter: this.trace.filter,
      timeline: this.trace.stats(),
      brokerKind: this.brokerEvents.kind,
      events: this.ring.length,
      bytes: this.ring.bytes + this.traffic.heldBytes,
      dropped: this.ring.dropped,
      budget: this.ring.limits,
      recent: [...this.recent],
      probes: this.probes.map((p) => ({
        key: p.key,
        clientId: p.clientId,
        options: withoutCredentials(p.options),
        state: p.state,
      })),
    });
  }

  // --- the page's connection -----------------------------------------------------------------------

  private deps(source: 'self' | 'probe') {
    return {
      clock: this.clock,
      registry: this.registry,
      emit: (e: TraceEvent) => this.emit(e),
      source,
      ...(this.createWebSocket ? { createWebSocket: this.createWebSocket } : {}),
    };
  }

  get connectionState(): LiveConnectionState {
    return this.connection?.state ?? { status: 'idle' };
  }

  /**
   * Connects the page's own client (one at a time: a previous one is disconnected first), with
   * `subscriptions` when given (else the ones it has: the last connection's, or the defaults).
   */
  async connect(
    options: LiveClientOptions & { backoff?: Backoff },
    subscriptions?: readonly LiveSubscription[],
  ): Promise<void> {
    if (this.connection) await this.disconnect();
    if (subscriptions !== undefined) this.subscriptionSet = new SubscriptionSet(subscriptions);
    const connection = new LiveConnection(
      { ...options, subscriptions: this.subscriptionSet },
      { ...this.deps('self'), dataProvesAlive: true },
    );
    this.connection = connection;
    connection.onState(() => this.changed());
    connection.onMessage((topic, payload, packet) => {
      this.traffic.record(topic, payload, packet.qos, packet.retain, this.clock.now());
      this.brokerEvents.onMessage(topic, payload);
    });
    this.changed();
    await connection.start();
  }

  /** Adds (or changes) a subscription: at once when connected, else with the next connection. */
  async addSubscription(sub: LiveSubscription): Promise<void> {
    if (this.connection) await this.connection.subscribe(sub);
    else this.subscriptionSet.put(sub);
    this.changed();
  }

  /** Removes a subscription (UNSUBSCRIBE when connected). */
  async removeSubscription(filter: string): Promise<void> {
    if (this.connection) await this.connection.unsubscribe(filter);
    else this.subscriptionSet.remove(filter);
    this.changed();
  }

  /** Publishes from the page's own connection. */
  async publish(message: LivePublish): Promise<void> {
    if (!this.connection) throw new Error('Not connected: connect to a broker first, then publish.');
    await this.connection.publish(message);
  }

  // --- the traffic filter ----------------------------------------------------------------------------

  /** Sets the filter the traffic view and the timeline follow (null or empty texts: none). */
  setFilter(filter: TrafficFilter | null): void {
    if (this.widenTimer !== null) clearTimeout(this.widenTimer);
    this.widenTimer = null;
    this.flush();
    this.trace.setFilter(filter ?? NO_FILTER, this.ring);
    this.changed();
  }

  /** A client matched for the first time: its earlier events join the timeline soon. */
  private widened(): void {
    this.widenTimer ??= setTimeout(() => {
      this.widenTimer = null;
      if (!this.disposed) this.setFilter(this.trace.filter);
    }, WIDEN_DELAY_MS);
  }

  /** The traffic view's summary under the filter, `selected`: the topic whose messages to list. */
  trafficSummary(selected: string | null): TrafficSummary {
    return trafficSummary(this.traffic, this.clock.now(), selected, compileFilter(this.trace.filter));
  }

  async disconnect(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    if (connection.state.status === 'error') connection.traced.destroy();
    else await connection.stop();
    this.changed();
  }

  // --- probes --------------------------------------------------------------------------------------

  probe(key: string): Probe | undefined {
    return this.probes.find((p) => p.key === key);
  }

  private addProbe(probe: Probe): Probe {
    this.probes.push(probe);
    probe.onState(() => this.changed());
    this.changed();
    return probe;
  }

  private probeDeps() {
    return {
      ...this.deps('probe'),
      onPeerClose: (close: LocalClose) => {
        this.brokerEvents.inferTimeout(close.lane);
      },
    };
  }

  /**
   * Starts a probe; resolves once it is connected (rejects with the connection error). A probe without
   * credentials of its own uses the page's connection's (a broker that wants a password wants it from
   * every client). The snapshot's probe options leave them out; no trace ever has them.
   */
  async startProbe(options: LiveClientOptions): Promise<Probe> {
    const own = this.connection?.options;
    const credentials =
      options.username === undefined && own !== undefined && own.url === options.url
        ? {
            ...(own.username !== undefined ? { username: own.username } : {}),
            ...(own.password !== undefined ? { password: own.password } : {}),
          }
        : {};
    const probe = this.addProbe(new Probe({ ...options, ...credentials }, this.probeDeps()));
    await probe.start();
    return probe;
  }

  /** Acts on a probe. `clone` resolves with the new probe, once connected. */
  async probeAction(key: string, action: ProbeAction): Promise<Probe | void> {
    const probe = this.probe(key);
    if (!probe) throw new Error(`no probe ${key}`);
    switch (action) {
      case 'silence':
        probe.silence();
        return;
      case 'crash':
        probe.crash();
        return;
      case 'disconnect':
        return probe.disconnect(false);
      case 'disconnect-with-will':
        return probe.disconnect(true);
      case 'reconnect':
        return probe.reconnect();
      case 'clone': {
        const clone = this.addProbe(probe.clone());
        await clone.start();
        return clone;
      }
    }
  }

  /** Forgets a probe (closing it without DISCONNECT if it is still open). */
  removeProbe(key: string): void {
    const i = this.probes.findIndex((p) => p.key === key);
    if (i === -1) return;
    this.probes[i].dispose();
    this.probes.splice(i, 1);
    this.changed();
  }

  // --- export --------------------------------------------------------------------------------------

  /** The session's trace (what the ring holds) as JSON Lines. */
  exportTrace(): string {
    this.flush();
    return formatTrace(this.header, this.ring);
  }

  /** The same text in pieces, for a Blob without one giant string. */
  *exportChunks(eventsPerChunk = 10000): IterableIterator<string> {
    this.flush();
    let lines = [formatHeader(this.header)];
    for (const e of this.ring) {
      lines.push(formatEvent(e));
      if (lines.length >= eventsPerChunk) {
        yield lines.join('\n') + '\n';
        lines = [];
      }
    }
    if (lines.length > 0) yield lines.join('\n') + '\n';
  }

  /** Closes everything (probes without DISCONNECT, the page's connection with one). */
  async dispose(): Promise<void> {
    for (const p of this.probes) p.dispose();
    await this.disconnect().catch(() => undefined);
    this.flush();
    this.disposed = true;
    if (this.widenTimer !== null) clearTimeout(this.widenTimer);
    this.batcher.dispose();
    this.listeners.clear();
  }
}
