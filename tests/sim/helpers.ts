// Shared helpers of the simulation tests: build a short scenario, run it into a TraceStore, and
// query the trace the way a user reads it (packets, connection closes, timeouts, wills, take-overs,
// sessions). Tests assert on these events only, never on the simulator's internals.

import { startRun } from '../../src/sim/run';
import type {
  BrokerProfileName,
  ClientSpec,
  ProtocolLevel,
  Scenario,
  ScenarioEvent,
} from '../../src/scenario/types';
import { TraceStore } from '../../src/trace/store';
import type {
  ConnEvent,
  Direction,
  FaultEvent,
  PacketEvent,
  PacketType,
  Reason,
  SessionEvent,
  Side,
  TakeoverEvent,
  TimeoutEvent,
  TraceEvent,
  WillEvent,
} from '../../src/trace/types';

export interface ScenarioOptions {
  protocol?: ProtocolLevel;
  profile?: BrokerProfileName;
  serverKeepAlive?: number | null;
  seed?: number;
  durationMs?: number;
  latencyMs?: number;
  jitterMs?: number;
  loss?: number;
  events?: ScenarioEvent[];
}

/** A short scenario: 10 ms latency, no jitter or loss, 60 s, MQTT 3.1.1 under `spec` unless told. */
export function scenario(clients: ClientSpec[], options: ScenarioOptions = {}): Scenario {
  return {
    scenario: 1,
    name: 'test',
    seed: options.seed ?? 1,
    durationMs: options.durationMs ?? 60_000,
    protocol: options.protocol ?? 4,
    broker: { profile: options.profile ?? 'spec', serverKeepAlive: options.serverKeepAlive ?? null },
    network: { latencyMs: options.latencyMs ?? 10, jitterMs: options.jitterMs ?? 0, loss: options.loss ?? 0 },
    // The standard's client unless a test names a library: these tests are about the standard.
    clients: clients.map((c) => ({ library: 'spec', ...c })),
    events: options.events ?? [],
  };
}

export interface PacketQuery {
  client?: string;
  conn?: number;
  dir?: Direction;
  type?: PacketType;
}

export interface ConnQuery {
  client?: string;
  conn?: number;
  side?: Side;
  state?: 'open' | 'closed';
  reason?: Reason;
}

/** A finished run's events, with the queries the tests need. */
export class Trace {
  constructor(readonly events: TraceEvent[]) {}

  packets(q: PacketQuery = {}): PacketEvent[] {
    return this.events.filter(
      (e): e is PacketEvent =>
        e.kind === 'packet' &&
        (q.client === undefined || e.client === q.client) &&
        (q.conn === undefined || e.conn === q.conn) &&
        (q.dir === undefined || e.dir === q.dir) &&
        (q.type === undefined || e.type === q.type),
    );
  }

  conns(q: ConnQuery = {}): ConnEvent[] {
    return this.events.filter(
      (e): e is ConnEvent =>
        e.kind === 'conn' &&
        (q.client === undefined || e.client === q.client) &&
        (q.conn === undefined || e.conn === q.conn) &&
        (q.side === undefined || e.side === q.side) &&
        (q.state === undefined || e.state === q.state) &&
        (q.reason === undefined || e.reason === q.reason),
    );
  }

  /** Closes of connections, as seen by one side. */
  closes(side: Side, client?: string): ConnEvent[] {
    return this.conns({ side, state: 'closed', client });
  }

  timeouts(side?: Side, client?: string): TimeoutEvent[] {
    return this.events.filter(
      (e): e is TimeoutEvent =>
        e.kind === 'timeout' &&
        (side === undefined || e.side === side) &&
        (client === undefined || e.client === client),
    );
  }

  wills(client?: string): WillEvent[] {
    return this.events.filter(
      (e): e is WillEvent => e.kind === 'will' && (client === undefined || e.client === client),
    );
  }

  takeovers(client?: string): TakeoverEvent[] {
    return this.events.filter(
      (e): e is TakeoverEvent => e.kind === 'takeover' && (client === undefined || e.client === client),
    );
  }

  sessions(client?: string): SessionEvent[] {
    return this.events.filter(
      (e): e is SessionEvent => e.kind === 'session' && (client === undefined || e.client === client),
    );
  }

  faults(): FaultEvent[] {
    return this.events.filter((e): e is FaultEvent => e.kind === 'fault');
  }

  /** Connection ids of a client, in the order they were opened by the client. */
  connIds(client: string): number[] {
    return this.conns({ client, side: 'client', state: 'open' }).map((e) => e.conn);
  }

  /** The broker's keep-alive timeout of a client; fails unless there is exactly one. */
  brokerTimeout(client: string): TimeoutEvent {
    return only(this.timeouts('broker', client), `broker timeouts of ${client}`);
  }

  /** When the broker last received a packet on `conn` at or before `t` (the arrival, not the send). */
  lastArrivalAtBroker(conn: number, t: number): number {
    let last = -Infinity;
    for (const p of this.packets({ conn, dir: 'c2b' })) {
      if (p.arrive !== null && p.arrive <= t && p.arrive > last) last = p.arrive;
    }
    return last;
  }
}

export function run(s: Scenario): Trace {
  const store = new TraceStore();
  startRun(s, store).runToEnd();
  return new Trace([...store]);
}

/** The single element of `list`; a clear failure otherwise. */
export function only<T>(list: T[], what: string): T {
  if (list.length !== 1)
    throw new Error(`expected exactly one of ${what}, got ${list.length}: ${JSON.stringify(list)}`);
  return list[0];
}

/** The gaps between consecutive values. */
export function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]);
}
