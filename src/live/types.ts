// Shared types of live mode. Everything here is environment-neutral: the same code runs in the page
// and in Node (tests, the future "run a scenario against a real broker" command).
import type { TraceEvent, TraceHeader } from '../trace';

/**
 * Where a live session's events go: `begin` starts a new live trace (replacing whatever the page
 * shows); `append` adds events in non-decreasing `t` order (the page applies them once per animation
 * frame, so calling it per packet is fine); `dropOldest` forgets the oldest `count` events, which keeps
 * the page's trace within the live session's budget (ring.ts) without rebuilding it.
 */
export interface LiveTraceSink {
  begin(header: TraceHeader): void;
  append(events: TraceEvent[]): void;
  dropOldest(count: number): void;
}

/**
 * The page's live trace (the shell's controller, src/state/controller.ts, implements it): a sink, and
 * `advanceTo`, the live clock having reached `nowMs` with nothing more to record — time goes on while
 * nothing arrives, so the playhead, open connections and their keep-alive deadline bands move with it.
 */
export interface LiveTraceApi extends LiveTraceSink {
  advanceTo(nowMs: number): void;
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
export type BrokerKind = 'unknown' | 'mosquitto' | 'emqx' | 'aedes' | 'embedded' | 'rabbitmq' | 'activemq';
