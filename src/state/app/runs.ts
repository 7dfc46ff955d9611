// The simulation run on screen: starting it (again), play, pause, step, seek, speed, cancel, faults by
// hand, and the worker's messages about the run. Rows reach the store through the TraceFeed.

import { lowerBound, upperBound } from '../../base/search';
import { traceMs } from '../../base/time';
import type { ScenarioEvent } from '../../scenario/types';
import { simulationHeader } from '../../sim/run';
import type { TraceStore } from '../../trace/store';
import { mergeActivity, unpackActivity } from '../../worker/activity';
import { EVENT_BUDGET, type FromWorker, type LaneFault, type Speed } from '../../worker/protocol';
import { fileStem } from './fileStem';
import type { SimWorker } from './simWorker';
import type { AppStores } from './stores';
import type { TraceFeed } from './traceFeed';

/** Rows a sampled run's store is reserved for per lane: a client's connection opening at both ends, and its session. */
const SAMPLED_ROWS_PER_LANE = 3;

/** The worker's messages about a run (the rest are about exports). */
export type RunMessage = Exclude<FromWorker, { type: 'export-progress' | 'exported' | 'export-failed' }>;

/**
 * The first row whose time is after `t` (at or after it when `strict` is false); rows are in time
 * order. The store's length when there is none.
 */
function firstRowAfter(store: TraceStore, t: number, strict: boolean): number {
  const times = store.columns.t;
  return strict ? upperBound(times, store.length, t) : lowerBound(times, store.length, t);
}

export class RunController {
  private runId = 0;
  private requestSeq = 0;
  private readonly injects = new Map<number, { resolve(e: ScenarioEvent): void; reject(err: Error): void }>();

  constructor(
    private readonly stores: AppStores,
    private readonly worker: SimWorker,
    private readonly feed: TraceFeed,
  ) {}

  /** (Re)starts the current scenario from t = 0; `untilMs` runs to that time first (a seek back). */
  startRun(options: { playing: boolean; untilMs?: number }): void {
    const t = this.stores.trace();
    const scenario = t.scenario;
    if (scenario === null) return;
    this.runId++;
    this.feed.startRun(options.untilMs === undefined);
    t.resetTrace({
      origin: 'sim',
      header: simulationHeader(scenario),
      name: t.presetName ?? fileStem(scenario.name),
      durationMs: scenario.durationMs,
    });
    t.setProgress(null);
    t.setStatus(options.playing ? 'running' : 'ready');
    t.dismiss('run');
    this.stores.selection().clear();
    const playback = this.stores.playback();
    playback.setNow(traceMs(options.untilMs ?? 0));
    playback.setPlaying(options.playing);
    this.worker.post({
      type: 'start',
      runId: this.runId,
      scenario,
      playing: options.playing,
      speed: playback.speed,
      untilMs: options.untilMs,
    });
  }

  /** Stops the worker's run without touching the trace (import or live takes over). */
  stopRun(): void {
    this.runId++;
    this.feed.dropRun();
    this.worker.postIfOpen({ type: 'cancel' });
  }

  /** The page shows a simulation (not an import, not live). */
  simulating(): boolean {
    const t = this.stores.trace();
    return t.origin === 'sim' && t.scenario !== null;
  }

  play(): void {
    const t = this.stores.trace();
    if (t.scenario === null) return;
    if (t.origin !== 'sim' || t.status === 'done' || t.status === 'cancelled' || t.status === 'error') {
      this.startRun({ playing: true });
      return;
    }
    const playback = this.stores.playback();
    playback.setPlaying(true);
    t.setStatus('running');
    this.worker.post({ type: 'play', speed: playback.speed });
  }

  /**
   * Plays at `speed` up to simulated time `t` and pauses there (a lesson moving to its next moment);
   * the speed in the toolbar stays the user's.
   */
  playTo(t: number, speed: Speed): void {
    const state = this.stores.trace();
    if (!this.simulating() || state.status === 'done' || state.status === 'cancelled') return;
    this.stores.playback().setPlaying(true);
    state.setStatus('running');
    this.worker.post({ type: 'play', speed, untilMs: t });
  }

  pause(): void {
    if (!this.simulating()) return;
    this.stores.playback().setPlaying(false);
    const t = this.stores.trace();
    if (t.status === 'running') t.setStatus('paused');
    this.worker.post({ type: 'pause' });
  }

  /**
   * Step: selects the next event of the trace (the timeline shows it); when the simulation has not made
   * it yet, pauses and runs the simulation to it first. With nothing selected: the first event after
   * the clock (a paused run), or the first in view (a finished run, an import, live).
   */
  step(): void {
    const t = this.stores.trace();
    const store = t.store;
    const selected = this.stores.selection().selectedRow;
    const canRun = t.origin === 'sim' && t.scenario !== null && t.status !== 'error';
    const growing = canRun && t.status !== 'done' && t.status !== 'cancelled';
    let next: number;
    if (selected !== null && selected < store.length) next = selected + 1;
    else
      next = firstRowAfter(store, growing ? this.stores.playback().now : this.stores.viewport().t0, growing);
    if (next < store.length) {
      this.stores.selection().select(next);
      return;
    }
    // A finished run, an import or live: nothing more to make.
    if (!growing) return;
    this.pause();
    this.feed.selectWhenMade(next);
    this.worker.post({ type: 'step' });
  }

  /** Step back: selects the previous event (with nothing selected: the last before the clock or view end). */
  stepBack(): void {
    const t = this.stores.trace();
    const store = t.store;
    if (store.length === 0) return;
    const selected = this.stores.selection().selectedRow;
    const growing = t.origin === 'sim' && t.status !== 'done' && t.status !== 'cancelled';
    let prev: number;
    if (selected !== null && selected < store.length) prev = selected - 1;
    else {
      const ref = growing ? this.stores.playback().now : this.stores.viewport().t1;
      prev = firstRowAfter(store, ref, true) - 1;
    }
    if (prev >= 0) this.stores.selection().select(prev);
  }

  setSpeed(speed: Speed): void {
    this.stores.playback().setSpeed(speed);
    if (this.simulating()) this.worker.post({ type: 'speed', speed });
  }

  /** Moves the clock: forward runs the simulation to t; back replays the scenario up to t. */
  seek(time: number): void {
    const t = this.stores.trace();
    const playback = this.stores.playback();
    const end = t.durationMs ?? Infinity;
    const target = traceMs(Math.max(0, Math.min(time, end)));
    if (!this.simulating()) {
      playback.setNow(target);
      return;
    }
    const now = playback.now;
    if (t.status === 'done' && target >= now) return;
    if (target > now && t.status !== 'cancelled' && t.status !== 'error') {
      this.worker.post({ type: 'seek', t: target });
      if (t.status === 'ready') t.setStatus('paused');
    } else if (target !== now) {
      this.startRun({ playing: playback.playing && t.status !== 'done', untilMs: target });
      this.stores.trace().setStatus(playback.playing ? 'running' : 'paused');
    }
  }

  /** Stops a run (what it produced stays). */
  cancel(): void {
    if (!this.simulating()) return;
    this.worker.post({ type: 'cancel' });
    this.stores.playback().setPlaying(false);
    this.stores.trace().setStatus('cancelled');
  }

  /** A fault by hand: becomes a scenario event at the current simulated time. */
  injectFault(client: string, fault: LaneFault): Promise<ScenarioEvent> {
    const t = this.stores.trace();
    if (!this.simulating() || t.status === 'done' || t.status === 'cancelled') {
      const err = new Error('Faults can be added only while a simulation runs (press Play or Step first).');
      t.notify('error', 'fault', err.message);
      return Promise.reject(err);
    }
    const requestId = ++this.requestSeq;
    return new Promise<ScenarioEvent>((resolve, reject) => {
      this.injects.set(requestId, { resolve, reject });
      this.worker.post({ type: 'inject', requestId, client, fault });
    });
  }

  onMessage(msg: RunMessage): void {
    const t = this.stores.trace();
    switch (msg.type) {
      case 'started':
        if (msg.runId !== this.runId) return;
        // Room for the whole run at once: a long run's columns are then never copied while it plays,
        // which is what sets the tab's peak memory (a sampled run's kept rows are not known ahead).
        if (msg.mode === 'full') t.store.reserve(Math.min(msg.estimate, EVENT_BUDGET));
        if (msg.activity !== null) {
          const activity = unpackActivity(msg.activity);
          // A sampled run's rows are mostly its clients' connection and session events, three per
          // client as it connects, in the run's first seconds: room for them at once, so the columns
          // are not copied (a fleet's 300 000 rows, doubling after doubling) while the run starts.
          if (msg.mode === 'sampled')
            t.store.reserve(Math.min(SAMPLED_ROWS_PER_LANE * activity.lanes.length, EVENT_BUDGET));
          t.setActivity(activity, msg.mode === 'sampled');
        }
        if (msg.mode === 'sampled')
          t.notify(
            'info',
            'run',
            `This run makes about ${Math.round(msg.estimate / 1e6)} million events, more than a tab can hold: the timeline keeps every event except the packets of most lanes, which show as activity heat. Export still writes the whole trace.`,
          );
        return;
      case 'batch':
        if (msg.runId === this.runId) this.feed.batch(msg.batch, msg.progress, msg.stats);
        return;
      case 'progress':
        if (msg.runId === this.runId) this.feed.progress(msg.progress, msg.stats);
        return;
      case 'activity': {
        if (msg.runId !== this.runId || t.activity === null) return;
        mergeActivity(t.activity, msg.from, msg.span, msg.counts, msg.types);
        this.feed.changed();
        return;
      }
      case 'injected': {
        const pending = this.injects.get(msg.requestId);
        this.injects.delete(msg.requestId);
        if (msg.runId === this.runId) t.addScenarioEvent(msg.event);
        t.dismiss('fault');
        pending?.resolve(msg.event);
        return;
      }
      case 'inject-failed': {
        const pending = this.injects.get(msg.requestId);
        this.injects.delete(msg.requestId);
        t.notify('error', 'fault', `The fault was not added: ${msg.message}`);
        pending?.reject(new Error(msg.message));
        return;
      }
      case 'error':
        if (msg.runId !== this.runId) return;
        t.setStatus('error');
        this.stores.playback().setPlaying(false);
        t.notify('error', 'run', `The simulation stopped: ${msg.message}`);
        return;
    }
  }
}
