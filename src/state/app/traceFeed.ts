// Applies what the worker and live mode send to the page's TraceStore once per animation frame,
// within a time budget so the page never blocks, then publishes the new revision, clock and totals
// once (at most every so often for a big trace, whose redraw costs more).

import type { Stats } from '../../analysis/rangeStats';
import { traceMs, wallMs } from '../../base/time';
import type { TraceStore } from '../../trace/store';
import { RunClients, applyBatch } from '../../worker/applyBatch';
import type { EncodedBatch, RunProgress } from '../../worker/protocol';
import type { ControllerEnv } from './env';
import type { LiveQueue } from './liveQueue';
import type { SimWorker } from './simWorker';
import type { AppStores } from './stores';

/** Wall ms per frame spent appending rows. */
const APPLY_BUDGET_MS = 8;
/** Rows appended between clock checks. */
const APPLY_CHUNK = 256;
/** Rows above which a growing trace is published at most every BIG_TRACE_TOUCH_MS. */
const BIG_TRACE_ROWS = 500_000;
const BIG_TRACE_TOUCH_MS = 250;
/** A sampled run (a fleet of 100 000 lanes of heat) redraws once a second while it runs. */
const SAMPLED_TOUCH_MS = 1000;

interface Shown {
  /** The run's clock and totals once this is applied. */
  progress: RunProgress;
  stats: Stats;
}

interface QueuedBatch extends Shown {
  batch: EncodedBatch;
  pos: number;
}

export class TraceFeed {
  private readonly queue: QueuedBatch[] = [];
  private clients = new RunClients();
  /** A progress message that came when no batch was waiting. */
  private pending: Shown | null = null;
  /** Rows or activity applied but not yet published with a revision bump. */
  private unpublished = false;
  private lastTouch = wallMs(-Infinity);
  private framePending = false;
  private publishTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set when the page shows a run that has not begun (nothing simulated yet). */
  private fresh = true;
  /** A row to select once the run has made it (a Step waiting for the simulation, a shared link's). */
  private stepRow: number | null = null;

  constructor(
    private readonly env: Pick<ControllerEnv, 'frame' | 'now'>,
    private readonly stores: AppStores,
    private readonly worker: SimWorker,
    private readonly live: LiveQueue,
  ) {}

  /** A new worker run: nothing queued; `fresh` when it starts at t = 0 (not a seek back). */
  startRun(fresh: boolean): void {
    this.dropRun();
    this.clients = new RunClients();
    this.fresh = fresh;
    this.stepRow = null;
  }

  /** The worker's run is over for the page (import or live takes over): its rows are not applied. */
  dropRun(): void {
    this.queue.length = 0;
    this.pending = null;
  }

  batch(batch: EncodedBatch, progress: RunProgress, stats: Stats): void {
    // Newer than any progress message waiting to be shown.
    this.pending = null;
    this.queue.push({ batch, pos: 0, progress, stats });
    this.schedule();
  }

  progress(progress: RunProgress, stats: Stats): void {
    const last = this.queue.at(-1);
    // Newer than every batch queued: it holds once they are applied.
    if (last !== undefined) {
      last.progress = progress;
      last.stats = stats;
    } else this.pending = { progress, stats };
    this.schedule();
  }

  /** Selects `row` as soon as the store holds it. */
  selectWhenMade(row: number): void {
    this.stepRow = row;
  }

  /** The trace changed outside a batch (activity, live clock, eviction): publish it next frame. */
  changed(): void {
    this.unpublished = true;
    this.schedule();
  }

  schedule(): void {
    if (this.framePending) return;
    this.framePending = true;
    this.env.frame(() => this.onFrame());
  }

  private onFrame(): void {
    this.framePending = false;
    const t = this.stores.trace();
    const store = t.store;
    const started = this.env.now();
    const overBudget = (): boolean => this.env.now() - started >= APPLY_BUDGET_MS;
    const shown = this.applyBatches(store, overBudget);
    if (this.stepRow !== null && store.length > this.stepRow) {
      this.stores.selection().select(this.stepRow);
      this.stepRow = null;
    }
    let liveTotals: Stats | undefined;
    if (this.live.waiting && t.origin === 'live') {
      liveTotals = this.live.apply(store, overBudget);
      this.unpublished = true;
      const playback = this.stores.playback();
      // Never back: the live clock (advanceTo) may be ahead of the last event.
      const last = traceMs(store.length > 0 ? store.t(store.length - 1) : 0);
      if (last > playback.now) playback.setNow(last);
    }
    if (shown !== null && t.origin === 'sim') this.showProgress(shown.progress);
    const totals = t.origin === 'live' ? liveTotals : shown?.stats;
    // A big trace is published (revision bump, so a redraw) at most every BIG_TRACE_TOUCH_MS while
    // it grows: a frame of a fleet costs far more than one of a small run.
    const now = this.env.now();
    const every = t.sampled ? SAMPLED_TOUCH_MS : store.length > BIG_TRACE_ROWS ? BIG_TRACE_TOUCH_MS : 0;
    const finished = this.queue.length === 0 && shown?.progress.done === true;
    if (this.unpublished && (finished || now - this.lastTouch >= every)) {
      this.unpublished = false;
      this.lastTouch = now;
      t.touch(totals);
    } else if (totals !== undefined && totals.events !== t.totals.events) t.setTotals(totals);
    if (this.queue.length > 0 || this.live.waiting) this.schedule();
    else if (this.unpublished) this.scheduleIn(this.lastTouch + every - now);
  }

  /**
   * A frame once `ms` have passed: what waits is only the next publication, and asking for every frame
   * until then kept the browser rendering 60 frames a second for nothing while a fleet ran.
   */
  private scheduleIn(ms: number): void {
    if (this.framePending || this.publishTimer !== null) return;
    this.publishTimer = setTimeout(
      () => {
        this.publishTimer = null;
        this.schedule();
      },
      Math.max(0, ms),
    );
  }

  /**
   * Applies queued rows within the budget. Returns the clock and totals to show: those that held
   * after the last batch applied (or after the last progress message, once every batch before it is).
   */
  private applyBatches(store: TraceStore, overBudget: () => boolean): Shown | null {
    let applied = 0;
    let shown: Shown | null = null;
    while (this.queue.length > 0 && !overBudget()) {
      const head = this.queue[0];
      const to = Math.min(head.batch.length, head.pos + APPLY_CHUNK);
      applyBatch(store, this.clients, head.batch, head.pos, to);
      applied += to - head.pos;
      head.pos = to;
      if (head.pos >= head.batch.length) {
        this.queue.shift();
        shown = head;
      }
    }
    if (applied > 0) {
      this.worker.postIfOpen({ type: 'ack', rows: applied });
      this.unpublished = true;
    }
    if (this.queue.length === 0 && this.pending !== null) {
      shown = this.pending;
      this.pending = null;
    }
    return shown;
  }

  private showProgress(p: RunProgress): void {
    const t = this.stores.trace();
    const playback = this.stores.playback();
    t.setProgress(p);
    // The worker's clock is the simulation's: trace time.
    playback.setNow(traceMs(p.now));
    if (p.done) {
      if (this.queue.length === 0) {
        t.setStatus('done');
        playback.setPlaying(false);
      }
      return;
    }
    if (t.status === 'cancelled' || t.status === 'error') return;
    playback.setPlaying(p.playing);
    if (p.playing) {
      this.fresh = false;
      t.setStatus('running');
    } else if (!(this.fresh && p.now === 0)) {
      t.setStatus('paused');
    }
  }
}
