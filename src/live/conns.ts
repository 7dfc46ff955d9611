// Connection numbers (`conn`) of a live trace, and what is known about each connection ("lane").
//
// A broker's event topics never carry a connection number the page could use (Mosquitto's log names
// the client ID only; EMQX likewise). So `conn` in a live trace is the page's own numbering, unique in
// the trace, assigned in order of first sight:
//   - the page's own connection and each probe connection get a number when their socket opens;
//   - a broker report of a new connection for a client ID reuses the page's number when that
//     connection is one of the page's own (same client ID, open, not yet reported by the broker),
//     else it gets a fresh number; a take-over report reserves the number of the connection that
//     will be reported next for that ID;
//   - a report about an existing connection (timeout, closed, take-over) refers to the client ID's
//     newest connection the broker reported open and has not reported closed. When there is none
//     (the page subscribed after that client connected), a fresh number stands for "that client's
//     connection the page did not see open", and the event carries `connUnseen: true`.
// The embedded broker names its own connections (`brokerConn`): those map to lanes exactly.
import type { Payload, Reason } from '../trace';

export interface LaneWill {
  topic: string;
  payload: Payload;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** Will Delay Interval, seconds (0: none). */
  delay: number;
}

export interface Lane {
  readonly conn: number;
  readonly client: string;
  /** Who in the page opened it; null for a connection known from broker reports only. */
  readonly local: 'self' | 'probe' | null;
  /** The page's socket is open (local lanes). */
  localOpen: boolean;
  /** The broker reported this connection open. */
  brokerOpen: boolean;
  /** The broker reported it closed (or a take-over of it). */
  brokerClosed: boolean;
  /** A fresh number standing for a connection opened before the page could see it. */
  unseen: boolean;
  /** Best-known reason it closed (from the broker, or from the page's own side). */
  closeReason?: Reason;
  /** When it closed, trace ms (first side to report). */
  closedAt?: number;
  keepAlive?: number;
  protocol?: 4 | 5;
  cleanStart?: boolean;
  transport?: 'tcp' | 'websockets';
  /** Mosquitto logs the close of a taken-over WebSocket connection later: swallow that one line. */
  closeLinePending?: boolean;
  /** The broker reported (or the page inferred) a keep-alive timeout. */
  timeoutSeen?: boolean;
  /** Local lanes: the will the CONNECT carried. */
  will?: LaneWill;
  /** A will for this lane was seen (reported, or received on the subscription). */
  willSeen?: boolean;
  /** Local lanes: trace ms of the last packet sent. */
  lastSent?: number;
  /** Local lanes: trace ms of the last packet received. */
  lastReceived?: number;
  /** Local lanes: the client stopped sending on purpose (probe `silence`). */
  silenced?: boolean;
  /** Local lanes: reason code of the DISCONNECT sent (0 when v3). */
  disconnectSent?: number;
  /** The broker expired the session (Mosquitto "Expiring client", trace ms). */
  sessionExpiredAt?: number;
}

/** Closed lanes kept per client ID (older ones are forgotten, their numbers never reused). */
const KEEP_CLOSED = 8;
/**
 * Lanes kept in all: past this, the oldest closed ones of any client go (a broker may report ever-new
 * client IDs for as long as the page watches it). Open lanes always stay.
 */
export const MAX_LANES = 20_000;

export class ConnRegistry {
  private nextConn = 1;
  private readonly lanes = new Map<number, Lane>();
  private readonly byClient = new Map<string, Lane[]>();
  private readonly byBrokerConn = new Map<string, Lane>();
  /** Numbers reserved by take-over reports, for the next connection reported for that ID. */
  private readonly reserved = new Map<string, Lane>();
  /** The broker's key of each bound lane (to forget it with the lane). */
  private readonly keyOf = new Map<Lane, string>();
  /** The page's own lanes (few), apart from the many a broker reports. */
  private readonly localLanes = new Set<Lane>();

  get(conn: number): Lane | undefined {
    return this.lanes.get(conn);
  }

  lanesOf(client: string): readonly Lane[] {
    return this.byClient.get(client) ?? [];
  }

  all(): IterableIterator<Lane> {
    return this.lanes.values();
  }

  /** The page's own lanes (its connection and its probes'). */
  locals(): IterableIterator<Lane> {
    return this.localLanes.values();
  }

  /** A new lane with the next number. */
  open(client: string, local: Lane['local'], init: Partial<Lane> = {}): Lane {
    const lane: Lane = {
      localOpen: false,
      brokerOpen: false,
      brokerClosed: false,
      unseen: false,
      ...init,
      conn: this.nextConn++,
      client,
      local,
    };
    this.lanes.set(lane.conn, lane);
    if (local !== null) this.localLanes.add(lane);
    let list = this.byClient.get(client);
    if (!list) this.byClient.set(client, (list = []));
    list.push(lane);
    this.prune(list);
    if (this.lanes.size > MAX_LANES) this.pruneAll();
    return lane;
  }

  bindBrokerConn(key: string, lane: Lane): void {
    this.bind(lane, key);
  }

  byBroker(key: string | undefined): Lane | undefined {
    return key === undefined ? undefined : this.byBrokerConn.get(key);
  }

  /** The lane a broker's "new connection for `client`" report refers to. */
  forBrokerOpen(client: string, brokerKey?: string): Lane {
    const bound = this.byBroker(brokerKey);
    if (bound) return bound;
    const reserved = this.reserved.get(client);
    if (reserved) {
      this.reserved.delete(client);
      return this.bind(reserved, brokerKey);
    }
    const local = this.lanesOf(client).find((l) => l.local !== null && !l.brokerOpen && !l.brokerClosed);
    if (local) return this.bind(local, brokerKey);
    return this.bind(this.open(client, null), brokerKey);
  }

  /** The connection of `client` the broker holds open now, as far as the page knows. */
  currentAtBroker(client: string, brokerKey?: string): Lane | undefined {
    const bound = this.byBroker(brokerKey);
    if (bound) return bound;
    const list = this.lanesOf(client);
    for (let i = list.length - 1; i >= 0; i--) {
      const l = list[i];
      if (l.brokerOpen && !l.brokerClosed) return l;
    }
    // A local connection the broker has not reported (e.g. the report came before the page subscribed).
    for (const l of list) if (l.local !== null && l.localOpen && !l.brokerClosed) return l;
    return undefined;
  }

  /** `currentAtBroker`, or a lane standing for a connection the page never saw open. */
  currentOrUnseen(client: string, brokerKey?: string): Lane {
    const lane = this.currentAtBroker(client, brokerKey);
    if (lane) return lane;
    return this.bind(this.open(client, null, { unseen: true, brokerOpen: true }), brokerKey);
  }

  /**
   * A take-over of `client`'s current connection: the lane of the connection that takes over (a local
   * one not yet reported open, else a reserved fresh number for the next "connected" report).
   */
  takeoverTarget(client: string, old: Lane, newBrokerKey?: string): Lane {
    const bound = this.byBroker(newBrokerKey);
    if (bound) return bound;
    const local = this.lanesOf(client).find(
      (l) => l !== old && l.local !== null && !l.brokerOpen && !l.brokerClosed,
    );
    const lane = local ?? this.open(client, null);
    if (!local) this.reserved.set(client, lane);
    return this.bind(lane, newBrokerKey);
  }

  private bind(lane: Lane, key: string | undefined): Lane {
    if (key !== undefined) {
      this.byBrokerConn.set(key, lane);
      this.keyOf.set(lane, key);
    }
    return lane;
  }

  private static done(l: Lane): boolean {
    return (l.brokerClosed || !l.brokerOpen) && !l.localOpen && l.closedAt !== undefined;
  }

  private forget(l: Lane): void {
    this.lanes.delete(l.conn);
    this.localLanes.delete(l);
    const key = this.keyOf.get(l);
    if (key !== undefined) {
      if (this.byBrokerConn.get(key) === l) this.byBrokerConn.delete(key);
      this.keyOf.delete(l);
    }
  }

  /** Forgets the oldest closed lanes of every client down to 90 % of MAX_LANES. */
  private pruneAll(): void {
    const target = Math.floor(MAX_LANES * 0.9);
    for (const l of this.lanes.values()) {
      if (this.lanes.size <= target) break;
      if (!ConnRegistry.done(l)) continue;
      this.forget(l);
      const list = this.byClient.get(l.client);
      if (list) {
        const i = list.indexOf(l);
        if (i !== -1) list.splice(i, 1);
        if (list.length === 0) this.byClient.delete(l.client);
      }
    }
  }

  /** Forget the oldest closed lanes of one client beyond KEEP_CLOSED. */
  private prune(list: Lane[]): void {
    let closed = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      const l = list[i];
      if (!ConnRegistry.done(l)) continue;
      if (++closed > KEEP_CLOSED) {
        list.splice(i, 1);
        this.forget(l);
      }
    }
  }
}
