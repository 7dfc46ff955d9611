// The page's subscriptions: the user's (added and removed while connected or not, each with its QoS
// and MQTT 5 options) and live mode's own on the brokers' event topics (always there, QoS 0: they put
// other clients on the timeline). Each is pending until a SUBACK grants or refuses it; a new
// connection asks for all of them again.
import { BROKER_EVENT_FILTERS } from './parsers';

export interface LiveSubscription {
  filter: string;
  qos: 0 | 1 | 2;
  /** MQTT 5 No Local: the broker does not send back what this client publishes. */
  noLocal?: boolean;
  /** MQTT 5 Retain As Published: forwarded messages keep their retain flag. */
  retainAsPublished?: boolean;
  /** MQTT 5 Retain Handling: 0 send retained messages, 1 only for a new subscription, 2 never. */
  retainHandling?: 0 | 1 | 2;
}

export type SubscriptionStatus = 'pending' | 'granted' | 'refused';

export interface SubscriptionState extends LiveSubscription {
  status: SubscriptionStatus;
  /** The QoS the broker granted, or its refusal code (0x80 and up), once the SUBACK came. */
  code?: number;
  /** One of live mode's own subscriptions to the brokers' event topics. */
  internal?: boolean;
}

/** What live mode subscribes to unless told otherwise: all application traffic. */
export const DEFAULT_USER_SUBSCRIPTIONS: readonly LiveSubscription[] = [{ filter: '#', qos: 0 }];

/** mqtt.js's options for one filter (MQTT 5 options only under MQTT 5). */
export interface WireSubscription {
  qos: 0 | 1 | 2;
  nl?: boolean;
  rap?: boolean;
  rh?: number;
}

export class SubscriptionSet {
  private readonly byFilter = new Map<string, SubscriptionState>();

  constructor(user: readonly LiveSubscription[] = DEFAULT_USER_SUBSCRIPTIONS) {
    for (const s of user) this.byFilter.set(s.filter, { ...s, status: 'pending' });
    for (const f of BROKER_EVENT_FILTERS)
      if (!this.byFilter.has(f))
        this.byFilter.set(f, { filter: f, qos: 0, status: 'pending', internal: true });
  }

  /** Every subscription, the user's first (in the order added), then live mode's own. */
  all(): SubscriptionState[] {
    const list = [...this.byFilter.values()];
    return [...list.filter((s) => !s.internal), ...list.filter((s) => s.internal)];
  }

  /** The user's subscriptions, as given (for a share link or a saved profile). */
  user(): LiveSubscription[] {
    return this.all()
      .filter((s) => !s.internal)
      .map(({ filter, qos, noLocal, retainAsPublished, retainHandling }) => ({
        filter,
        qos,
        ...(noLocal ? { noLocal } : {}),
        ...(retainAsPublished ? { retainAsPublished } : {}),
        ...(retainHandling ? { retainHandling } : {}),
      }));
  }

  get(filter: string): SubscriptionState | undefined {
    return this.byFilter.get(filter);
  }

  /** Adds (or changes) a user subscription; it is pending until its SUBACK. */
  put(sub: LiveSubscription): SubscriptionState {
    const state: SubscriptionState = { ...sub, status: 'pending' };
    this.byFilter.delete(sub.filter);
    this.byFilter.set(sub.filter, state);
    return state;
  }

  /** Removes a user subscription; false when there was none (live mode's own are not removed). */
  remove(filter: string): boolean {
    const s = this.byFilter.get(filter);
    if (!s || s.internal) return false;
    return this.byFilter.delete(filter);
  }

  /** A new connection: everything is asked for again. */
  resetAll(): void {
    for (const s of this.byFilter.values()) {
      s.status = 'pending';
      delete s.code;
    }
  }

  /** Records a SUBACK's code for `filter`: a QoS granted (0..2) or a refusal (0x80 and up). */
  answered(filter: string, code: number): void {
    const s = this.byFilter.get(filter);
    if (!s) return;
    s.code = code;
    s.status = code >= 0x80 ? 'refused' : 'granted';
  }

  /** The user's filters the broker refused. */
  refused(): string[] {
    return this.all()
      .filter((s) => s.status === 'refused')
      .map((s) => s.filter);
  }
}

/** The options mqtt.js sends for a subscription. */
export function wireSubscription(s: LiveSubscription, protocol: 4 | 5): WireSubscription {
  if (protocol !== 5) return { qos: s.qos };
  return {
    qos: s.qos,
    ...(s.noLocal ? { nl: true } : {}),
    ...(s.retainAsPublished ? { rap: true } : {}),
    ...(s.retainHandling ? { rh: s.retainHandling } : {}),
  };
}
