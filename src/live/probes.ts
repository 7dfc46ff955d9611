// Probe clients: real mqtt.js clients started by the page (or by Node: tests, the command line) with a
// chosen client ID, keep alive, will, clean start and protocol, that the user can make misbehave. Their
// packets go on the timeline (`source: "probe"`), each action as a `fault` event, and the broker's
// reactions come back through the page's subscription (brokerEvents.ts).
//
// Actions, and the scenario action each stands for (the `fault` field, docs/trace-format.md):
//   silence    → "power-off" (probeAction "silence"): sends nothing more, PINGREQ included, socket kept
//                open: the broker must time it out (1.5 × K) and publish the will.
//   crash      → "crash": the socket is closed without DISCONNECT (a crashed process' OS closes it).
//   disconnect → "disconnect" (MQTT 5 with reason 0x04: "disconnect-with-will").
//   clone      → "clone": a second probe with the same client ID connects (a client-ID clash).
//   reconnect  → "connect": a new connection with the same settings (an open one is dropped first,
//                without DISCONNECT).
import type { FaultEvent } from '../trace';
import type { LocalClose } from './attempt';
import type { LiveConnectError } from './errors';
import type { LiveClientOptions } from './options';
import { TracedClient, type TracedClientDeps } from './tracedClient';
import type { Lane } from './conns';

export type ProbeAction = 'silence' | 'crash' | 'disconnect' | 'disconnect-with-will' | 'clone' | 'reconnect';

export type ProbeStatus = 'connecting' | 'connected' | 'silenced' | 'closed' | 'error';

export interface ProbeState {
  status: ProbeStatus;
  /** Why it closed (client side), or the connection error. */
  detail?: string;
  lane: Lane | null;
}

const FAULT_OF: Record<ProbeAction, string> = {
  silence: 'power-off',
  crash: 'crash',
  disconnect: 'disconnect',
  'disconnect-with-will': 'disconnect-with-will',
  clone: 'clone',
  reconnect: 'connect',
};

export interface ProbeDeps extends Omit<TracedClientDeps, 'source'> {
  /** The connection was closed by the broker or the network (not by an action): brokerEvents may infer. */
  onPeerClose?: (close: LocalClose) => void;
}

let probeCounter = 0;

export class Probe {
  /** Unique per probe in this page (clones share the client ID, not this). */
  readonly key: string;
  private traced: TracedClient;
  private current: ProbeState = { status: 'connecting', lane: null };
  private readonly listeners = new Set<(s: ProbeState) => void>();

  constructor(
    readonly options: LiveClientOptions,
    private readonly deps: ProbeDeps,
  ) {
    this.key = `probe-${++probeCounter}`;
    this.traced = this.build();
  }

  private build(): TracedClient {
    const traced = new TracedClient(this.options, { ...this.deps, source: 'probe' });
    traced.on((e) => {
      if (e.type === 'close' && e.close) {
        if (!e.close.byUs) this.deps.onPeerClose?.(e.close);
        this.set({ status: 'closed', detail: e.close.reason, lane: e.close.lane });
      }
    });
    return traced;
  }

  get clientId(): string {
    return this.options.clientId;
  }

  get state(): ProbeState {
    return this.current;
  }

  get client(): TracedClient {
    return this.traced;
  }

  onState(listener: (s: ProbeState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(s: ProbeState): void {
    this.current = s;
    for (const l of [...this.listeners]) l(s);
  }

  /** Connects; resolves at CONNACK 0. */
  async start(): Promise<void> {
    this.set({ status: 'connecting', lane: null });
    try {
      await this.traced.connect();
      this.set({ status: 'connected', lane: this.traced.lane });
    } catch (err) {
      this.set({ status: 'error', detail: (err as LiveConnectError).message, lane: this.traced.lane });
      throw err;
    }
  }

  private fault(action: ProbeAction): void {
    const e: FaultEvent & { probeAction: ProbeAction } = {
      t: this.deps.clock.now(),
      kind: 'fault',
      target: this.options.clientId,
      fault: FAULT_OF[action],
      source: 'probe',
      probeAction: action,
    };
    this.deps.emit(e);
  }

  /** Stop sending anything (pings included), keep the socket open. */
  silence(): void {
    this.fault('silence');
    this.traced.silence();
    this.set({ status: 'silenced', lane: this.traced.lane });
  }

  /** Close the socket without DISCONNECT. */
  crash(): void {
    this.fault('crash');
    this.traced.crash();
  }

  /** DISCONNECT (normal, or MQTT 5 reason 0x04 "with will"), then close. */
  async disconnect(withWill = false): Promise<void> {
    this.fault(withWill && this.options.protocol === 5 ? 'disconnect-with-will' : 'disconnect');
    await this.traced.disconnect(withWill && this.options.protocol === 5 ? 0x04 : undefined);
  }

  /** A new connection with the same settings; an open one is dropped first (no DISCONNECT). */
  async reconnect(): Promise<void> {
    this.fault('reconnect');
    if (this.traced.lane?.localOpen) {
      this.traced.crash();
      await new Promise<void>((resolve) => {
        const off = this.traced.on((e) => {
          if (e.type === 'close') {
            off();
            resolve();
          }
        });
      });
    }
    this.traced.destroy();
    this.traced = this.build();
    await this.start();
  }

  /** A second probe with the same client ID, started: the broker takes the ID over. */
  clone(): Probe {
    this.fault('clone');
    return new Probe(this.options, this.deps);
  }

  /** Ends the probe without a fault (the page leaves, the session ends). */
  dispose(): void {
    this.traced.destroy();
  }
}
