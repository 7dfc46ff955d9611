// Shared types of live mode. Everything here is environment-neutral: the same code runs in the page
// and in Node (tests, the future "run a scenario against a real broker" command).
import type { TraceEvent, TraceHeader } from '../trace';

/**
 * Where live events go: the page's trace (the shell's store, src/state/traceStore.ts, defines the same
 * interface). `begin` starts a new live trace; `append` adds events in non-decreasing `t` order.
 */
export interface LiveTraceApi {
  begin(header: TraceHeader): void;
  append(events: TraceEvent[]): void;
}

/**
 * Optional extension of LiveTraceApi: when the trace can drop its oldest events itself, the live
 * session's budget (ring buffer) keeps the page's trace bounded without rebuilding it.
 */
export interface LiveTraceTrimApi extends LiveTraceApi {
  dropOldest(count: number): void;
}

export function canDropOldest(api: LiveTraceApi): api is LiveTraceTrimApi {
  return typeof (api as Partial<LiveTraceTrimApi>).dropOldest === 'function';
}

/** A live trace's time base: `now()` is milliseconds since `startedAt`. */
export interface LiveClock {
  /** Milliseconds since the start of the live trace (monotonic). */
  now(): number;
  /** The wall-clock start, ISO 8601 (the header's `startedAt`). */
  readonly startedAt: string;
  /** The wall-clock start in epoch milliseconds. */
  readonly startedAtMs: number;
}

/** Where a live component writes its trace events (stamped with the shared clock). */
export type EmitEvent = (e: TraceEvent) => void;

/** The minimal WebSocket surface the connection code needs (browser WebSocket and `ws` both have it). */
export interface WebSocketLike {
  addEventListener(type: 'open' | 'close' | 'error', listener: (event: unknown) => void): void;
}

/** Builds a WebSocket for mqtt.js: the browser's `WebSocket`, or `ws` in Node. */
export type WebSocketFactory = (url: string, protocols: string[]) => WebSocketLike;

/** The kinds of broker this app recognises from what arrives on its event topics. */
export type BrokerKind = 'unknown' | 'mosquitto' | 'emqx' | 'aedes' | 'embedded';
