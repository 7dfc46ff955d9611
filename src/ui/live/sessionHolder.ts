// The page's live session: one per page, run in a Web Worker (src/live/worker.ts) so that a flood of
// messages never takes the page's frames; created at the first Connect or probe (creating it starts a
// new live trace, which replaces what the page shows), kept while the live panel is closed and opened
// again (what was recorded stays), ended by "New live session" or when the page goes away.
import { useEffect, useState } from 'react';
import { startLiveWorker, type LiveSessionApi } from '../../live/remote';
import type { LiveTraceApi } from '../../live/types';
import { useViewport } from '../../state/viewport';

let current: LiveSessionApi | null = null;
const holders = new Set<() => void>();

export function liveSession(): LiveSessionApi | null {
  return current;
}

/**
 * The page's trace, keeping the timeline's window when the session sends its record again (a new
 * traffic filter re-sends it, filtered, as a new trace): only the session's first trace is fitted anew.
 */
function keepingView(trace: LiveTraceApi): LiveTraceApi {
  let begun = false;
  return {
    begin(header) {
      if (!begun) {
        begun = true;
        trace.begin(header);
        return;
      }
      const { t0, t1 } = useViewport.getState();
      trace.begin(header);
      useViewport.getState().prefer(t0, t1);
    },
    append: (events) => trace.append(events),
    dropOldest: (count) => trace.dropOldest(count),
    advanceTo: (nowMs) => trace.advanceTo(nowMs),
  };
}

/** The session, created (with a new live trace) if there is none. */
export function ensureLiveSession(trace: LiveTraceApi): LiveSessionApi {
  if (current === null) {
    current = startLiveWorker(keepingView(trace));
    for (const h of holders) h();
  }
  return current;
}

/** Ends the session (probes dropped, the page's connection disconnected); the trace stays shown. */
export async function endLiveSession(): Promise<void> {
  const s = current;
  current = null;
  for (const h of holders) h();
  await s?.dispose();
}

/** The current session, re-rendering when one is created or ended. */
export function useLiveSession(): LiveSessionApi | null {
  const [, setTick] = useState(0);
  useEffect(() => {
    const h = (): void => setTick((n) => n + 1);
    holders.add(h);
    return () => {
      holders.delete(h);
    };
  }, []);
  return current;
}

/**
 * Re-renders at most every `ms` while the session changes: a flood of messages updates the views a few
 * times a second, not once per message or frame.
 */
export function useThrottledVersion(session: LiveSessionApi | null, ms: number): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (session === null) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = session.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = null;
        setVersion((v) => v + 1);
      }, ms);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [session, ms]);
  return version;
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => {
    current?.dispose().catch(() => undefined);
  });
}
