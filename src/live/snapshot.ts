// What the live views see of a live session (session.ts): plain data, posted from the live worker to
// the page a few times a second.
import type { TraceEvent } from '../trace';
import type { TrafficFilter } from './filter';
import type { LiveConnectionState } from './liveConnection';
import type { LiveClientOptions } from './options';
import type { ProbeState } from './probes';
import type { Budget } from './ring';
import type { SubscriptionState } from './subscriptions';
import type { TimelineFilterStats } from './timelineFilter';
import type { BrokerKind } from './types';

export interface ProbeInfo {
  key: string;
  clientId: string;
  options: LiveClientOptions;
  state: ProbeState;
}

export interface LiveSnapshot {
  version: number;
  connection: LiveConnectionState;
  url: string | null;
  /** The page's client ID and MQTT version while it has a connection. */
  clientId: string | null;
  protocol: 4 | 5 | null;
  /** The user's subscriptions first, then live mode's own (`internal`). */
  subscriptions: readonly SubscriptionState[];
  /** The traffic filter, and how much of the record the timeline shows under it. */
  filter: TrafficFilter;
  timeline: TimelineFilterStats;
  brokerKind: BrokerKind;
  /** Events held (the ring), estimated bytes (the ring and the traffic view), events dropped by the budget. */
  events: number;
  bytes: number;
  dropped: number;
  budget: Budget;
  /** The latest non-packet events (connections, timeouts, wills, take-overs, faults), oldest first. */
  recent: readonly TraceEvent[];
  probes: readonly ProbeInfo[];
}
