// Helpers for integration tests: a live session in Node (ws for WebSockets, timers for frames) whose
// trace is collected in memory, and waiting for events.
import { LiveSession } from '../../../src/live/session';
import { nodeWebSocket } from '../../../src/live/node';
import type { LiveClientOptions } from '../../../src/live/options';
import type { TraceEvent, TraceHeader } from '../../../src/trace';

export interface Collected {
  header: TraceHeader | null;
  events: TraceEvent[];
}

export function nodeSession(): { session: LiveSession; trace: Collected } {
  const trace: Collected = { header: null, events: [] };
  const session = new LiveSession({
    createWebSocket: nodeWebSocket,
    scheduler: {
      request(cb) {
        const timer = setTimeout(cb, 10);
        return () => clearTimeout(timer);
      },
    },
    trace: {
      begin(h) {
        trace.header = h;
        trace.events = [];
      },
      append(events) {
        trace.events.push(...events);
      },
      dropOldest(count) {
        trace.events.splice(0, count);
      },
    },
  });
  return { session, trace };
}

/** Resolves with the first event matching `match` (checking every 20 ms), or rejects after `ms`. */
export function waitForEvent(
  trace: Collected,
  match: (e: TraceEvent) => boolean,
  ms: number,
  what = 'event',
): Promise<TraceEvent> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const found = trace.events.find(match);
      if (found) resolve(found);
      else if (Date.now() - start > ms)
        reject(
          new Error(
            `no ${what} within ${ms} ms; got:\n${trace.events
              .filter((e) => e.kind !== 'packet')
              .map((e) => JSON.stringify(e))
              .join('\n')}`,
          ),
        );
      else setTimeout(check, 20);
    };
    check();
  });
}

export const probeOptions = (
  url: string,
  clientId: string,
  extra: Partial<LiveClientOptions> = {},
): LiveClientOptions => ({
  url,
  clientId,
  protocol: 4,
  keepAlive: 1,
  cleanStart: true,
  will: { topic: `ka/will/${clientId}`, payload: `${clientId} offline`, qos: 1, retain: false },
  connectTimeoutMs: 5000,
  ...extra,
});

export const selfOptions = (url: string, clientId = 'lab-self'): LiveClientOptions => ({
  url,
  clientId,
  protocol: 4,
  keepAlive: 30,
  cleanStart: true,
  connectTimeoutMs: 5000,
});
