// A session at the broker [MQTT-4.1.0-1]: subscriptions, messages queued while the client is away
// [MQTT-4.5.0-1], messages sent but not acknowledged [MQTT-4.4.0-1], and a will waiting out its
// delay [MQTT-3.1.3-9]. It outlives its network connection by the Session Expiry Interval.

import type { ResolvedWill, Qos } from '../../scenario/types';
import type { Reason } from '../../trace/types';
import type { SimConnection } from '../connection';

export interface Message {
  topic: string;
  payload: string;
  qos: Qos;
  retain: boolean;
}

export interface PendingWill {
  will: ResolvedWill;
  conn: number;
  cause: Reason;
  /** Seconds of delay applied. */
  delayed: number;
}

export class Session {
  readonly subscriptions = new Map<string, Qos>();
  queue: Message[] = [];
  /** Outgoing QoS 1/2 messages by packet identifier, until acknowledged. */
  readonly inflight = new Map<number, Message>();
  conn: SimConnection | null = null;
  /** Seconds; Infinity: never expires. */
  expiry = 0;
  pendingWill: PendingWill | null = null;
  /** Bumped whenever a scheduled will or expiry becomes stale. */
  generation = 0;
  private nextMessageId = 1;

  constructor(
    readonly index: number,
    readonly clientId: string,
  ) {}

  allocateMessageId(): number {
    let id = this.nextMessageId;
    while (this.inflight.has(id)) id = id === 65535 ? 1 : id + 1;
    this.nextMessageId = id === 65535 ? 1 : id + 1;
    return id;
  }
}
