// Messages between the page and the live worker (worker.ts): the page asks, the worker runs the live
// session (mqtt.js connections, parsers, traffic, the ring) and streams trace events and state back.
import type { TraceEvent, TraceHeader } from '../trace';
import type { LiveErrorCode } from './errors';
import type { TrafficFilter } from './filter';
import type { LivePublish } from './liveConnection';
import type { LiveClientOptions, LiveField } from './options';
import type { ProbeAction } from './probes';
import type { Budget } from './ring';
import type { LiveSnapshot } from './session';
import type { LiveSubscription } from './subscriptions';
import type { TrafficSummary } from './trafficSummary';

export type LiveRequest =
  | { type: 'connect'; options: LiveClientOptions; subscriptions?: readonly LiveSubscription[] }
  | { type: 'disconnect' }
  | { type: 'subscribe'; subscription: LiveSubscription }
  | { type: 'unsubscribe'; filter: string }
  | { type: 'publish'; message: LivePublish }
  | { type: 'filter'; filter: TrafficFilter | null }
  | { type: 'startProbe'; options: LiveClientOptions }
  | { type: 'probeAction'; key: string; action: ProbeAction }
  | { type: 'removeProbe'; key: string }
  | { type: 'setBudget'; budget: Budget }
  | { type: 'select'; topic: string | null }
  | { type: 'dispose' };

export type ToWorker = LiveRequest & { id: number };

export interface WireError {
  message: string;
  code?: LiveErrorCode;
  field?: LiveField;
  connackCode?: number;
}

export type FromWorker =
  | { type: 'begin'; header: TraceHeader }
  | { type: 'append'; events: TraceEvent[] }
  | { type: 'drop'; count: number }
  | { type: 'state'; snapshot: LiveSnapshot; nowMs: number; traffic: TrafficSummary }
  | { type: 'reply'; id: number; error?: WireError };
