// A session at the broker [MQTT-4.1.0-1]: subscriptions, messages queued while the client is away
// [MQTT-4.5.0-1], messages sent but not acknowledged [MQTT-4.4.0-1], and a will waiting out its
// delay [MQTT-3.1.3-9]. It outlives its network connection by the Session Expiry Interval.
//
// A fleet's broker holds a session per sensor, and nearly all of them never subscribe, never receive
// a QoS 1/2 message and never queue one: their maps and queue are made on first use, not up front
// (two empty Maps cost more than the rest of the session).

import type { ResolvedWill, Qos } from '../../scenario/types';
import type { Reason } from '../../trace/types';

export interface Message {
  topic: string;
  payload: string;
  qos: Qos;
  retain: boolean;
}

/** A session subscribed to a topic, with the highest QoS of its matching subscriptions. */
export interface Subscriber {
  session: Session;
  qos: Qos;
}

export interface PendingWill {
  will: ResolvedWill;
  conn: number;
  cause: Reason;
  /** Seconds of delay applied. */
  delayed: number;
}

export class Session {
  /** The connection it is attached to, 0 while none is. */
  conn = 0;
  /** Seconds; Infinity: never expires. */
  expiry = 0;
  pendingWill: PendingWill | null = null;
  /** Bumped whenever a scheduled will or expiry becomes stale. */
  generation = 0;
  private nextMessageId = 1;
  /**
   * Where this session's client last published: the topic, the subscriptions' version it was matched
   * against, and the matching (session, QoS) pairs. A sensor publishes to one topic all run, so the
   * broker routes each of its messages without walking the topic tree again.
   */
  routeTopic: string | null = null;
  routeVersion = -1;
  route: readonly Subscriber[] = NONE;
  /** Topic filters and their QoS. */
  private subscriptions: Map<string, Qos> | null = null;
  /** Outgoing QoS 1/2 messages by packet identifier, until acknowledged. */
  private inflight: Map<number, Message> | null = null;
  /** Messages waiting while the client is away. */
  private queue: Message[] | null = null;

  constructor(
    readonly index: number,
    readonly clientId: string,
  ) {}

  /** The highest QoS of the subscriptions, or null without any (read once per resume). */
  get highestSubscriptionQos(): Qos | null {
    let highest: Qos | null = null;
    for (const qos of this.subscriptions?.values() ?? NONE)
      if (highest === null || qos > highest) highest = qos;
    return highest;
  }

  subscribe(filter: string, qos: Qos): void {
    (this.subscriptions ??= new Map()).set(filter, qos);
  }

  unsubscribe(filter: string): void {
    this.subscriptions?.delete(filter);
  }

  /** The topic filters subscribed to. */
  filters(): Iterable<string> {
    return this.subscriptions?.keys() ?? NONE;
  }

  /** A QoS 1/2 message sent with `messageId`, kept until acknowledged. */
  sent(messageId: number, message: Message): void {
    (this.inflight ??= new Map()).set(messageId, message);
  }

  acknowledged(messageId: number): void {
    this.inflight?.delete(messageId);
  }

  /** Messages sent and not acknowledged, by packet identifier, in the order sent. */
  unacknowledged(): Iterable<[number, Message]> {
    return this.inflight?.entries() ?? NONE;
  }

  enqueue(message: Message): void {
    (this.queue ??= []).push(message);
  }

  /** The queued messages, which leave the queue. */
  takeQueue(): Message[] {
    const queue = this.queue ?? [];
    this.queue = null;
    return queue;
  }

  /** Messages waiting for the client: queued, and sent but not acknowledged. */
  get waiting(): number {
    return (this.queue?.length ?? 0) + (this.inflight?.size ?? 0);
  }

  allocateMessageId(): number {
    let id = this.nextMessageId;
    const inflight = this.inflight;
    if (inflight !== null) while (inflight.has(id)) id = id === 65535 ? 1 : id + 1;
    this.nextMessageId = id === 65535 ? 1 : id + 1;
    return id;
  }
}

const NONE: readonly never[] = [];
