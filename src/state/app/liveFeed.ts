// Live mode's way into the page's trace (what src/ui/live/LivePanel.tsx gets as its `trace` prop):
// a new live trace replaces whatever was shown, its events are applied on the next frame, the oldest
// are evicted under the memory budget, and the live clock moves the page's.

import { traceMs } from '../../base/time';
import type { LiveTraceApi } from '../../live/types';
import type { LiveQueue } from './liveQueue';
import type { RunController } from './runs';
import type { AppStores } from './stores';
import type { TraceFeed } from './traceFeed';

/** The span a new live trace is shown over at first (its extent grows with the live clock). */
const LIVE_FIRST_WINDOW_MS = 60_000;

export function liveFeed(
  stores: AppStores,
  queue: LiveQueue,
  feed: TraceFeed,
  runs: Pick<RunController, 'stopRun'>,
): LiveTraceApi {
  const live = (): boolean => stores.trace().origin === 'live';
  return {
    begin: (header) => {
      runs.stopRun();
      queue.reset();
      const t = stores.trace();
      // The view opens on the first minute; once the live clock passes it, a following view scrolls.
      t.resetTrace({ origin: 'live', header, name: 'live', durationMs: LIVE_FIRST_WINDOW_MS });
      t.setStatus('idle');
      t.setProgress(null);
      stores.selection().clear();
      stores.playback().setPlaying(false);
      stores.playback().setNow(traceMs(0));
    },
    append: (events) => {
      if (!live()) return;
      queue.push(events);
      feed.schedule();
    },
    dropOldest: (count) => {
      if (!live()) return;
      const store = stores.trace().store;
      // The oldest events are the store's; a remainder comes off the queue not applied yet.
      const fromStore = Math.min(count, store.length);
      store.dropOldest(fromStore);
      if (count > fromStore) queue.dropOldest(count - fromStore);
      const selection = stores.selection();
      const row = selection.selectedRow;
      if (row !== null) selection.select(row >= fromStore ? row - fromStore : null);
      feed.changed();
    },
    advanceTo: (liveNow) => {
      if (!live()) return;
      // The live clock's reading is the live trace's time (src/live/clock.ts: ms since its start).
      const nowMs = traceMs(liveNow);
      const t = stores.trace();
      const playback = stores.playback();
      if (nowMs > playback.now) playback.setNow(nowMs);
      if (nowMs > (t.durationMs ?? 0)) t.setDurationMs(nowMs);
      feed.changed();
    },
  };
}
