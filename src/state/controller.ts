// The page's orchestration: opens scenarios, drives the simulation worker, applies its batches to
// the page's TraceStore once per animation frame (within a time budget, so the page never blocks),
// imports and exports trace files, feeds live mode's events, and reads deep links. It writes the
// zustand stores; components call its methods. The environment (worker, frames, downloads) is
// injected so tests can run it in Node.

import { lowerBound, upperBound } from '../base/search';
import { StatsAccumulator, type Stats } from '../analysis/rangeStats';
import {
  estimateScenarioSize,
  getPreset,
  parseLocationHash,
  parseScenarioText,
  PRESETS,
  formatLocationHash,
} from '../scenario';
import { liveLinkNeedsConsent } from '../live/linkTarget';
import { ScenarioError, parseScenario, resolveScenario } from '../scenario/validate';
import type { BrokerProfileName, Scenario, ScenarioEvent } from '../scenario/types';
import { simulationHeader } from '../sim/run';
import { TraceReader } from '../trace/parse';
import { TraceStore } from '../trace/store';
import type { TraceEvent, TraceHeader } from '../trace/types';
import { applyBatch } from '../worker/applyBatch';
import { mergeActivity, unpackActivity } from '../worker/batchSink';
import type { WorkerPort } from '../worker/client';
import type { EncodedBatch, FromWorker, LaneFault, RunProgress, Speed } from '../worker/protocol';
import { usePanelsStore } from './prefs';
import { DEFAULT_SPEED, usePlaybackStore } from './playback';
import { useSelectionStore } from './selection';
import type { LiveTraceApi } from '../live/types';
import { useTraceStore } from './traceStore';
import { useViewport } from './viewport';

export interface ControllerEnv {
  createWorker(): WorkerPort;
  /** requestAnimationFrame in the page. */
  frame(callback: () => void): void;
  /** performance.now in the page. */
  now(): number;
  /** Saves a file (an <a download> click in the page). */
  download(blob: Blob, filename: string): void;
  /** Sets location.hash without a hashchange (history.replaceState); optional. */
  replaceHash?(hash: string): void;
  /** Yields to the event loop (between chunks of an import). */
  yield?(): Promise<void>;
  /** Asks the user yes or no (window.confirm in the page); without it the answer is no. */
  confirm?(question: string): boolean;
  /** Opens a lesson link (`#lesson=` or `#lesson-data=`, with its step); without it such links do nothing. */
  openLesson?(link: {
    lesson?: string;
    lessonData?: string;
    step?: number;
    profile?: BrokerProfileName;
  }): void;
}

/** Wall ms per frame spent appending rows. */
const APPLY_BUDGET_MS = 8;
/** Rows appended between clock checks. */
const APPLY_CHUNK = 256;
/** Rows above which a growing trace is published at most every BIG_TRACE_TOUCH_MS. */
const BIG_TRACE_ROWS = 500_000;
const BIG_TRACE_TOUCH_MS = 250;
/** A sampled run (a fleet of 100 000 lanes of heat) redraws once a second while it runs. */
const SAMPLED_TOUCH_MS = 1000;
/** Bytes of an imported file read per step. */
const IMPORT_CHUNK = 1 << 20;

interface QueuedBatch {
  batch: EncodedBatch;
  pos: number;
  /** The run's clock and totals once this batch is applied. */
  progress: RunProgress;
  stats: Stats;
}

/** "Power loss vs crash" → "power-loss-vs-crash". */
export function fileStem(name: string): string {
  const stem = name
    .toLowerCase()
    .replace(/\.trace\.jsonl$|\.jsonl$|\.json$/, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return stem === '' ? 'trace' : stem;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** "12.3 million" (events), for a sentence. */
function formatMillions(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} million` : n.toLocaleString('en');
}

/** Runs estimated above this many trace events open at "as fast as possible". */
const LARGE_RUN_EVENTS = 200_000;

/** The span a new live trace is shown over at first (its extent grows with the live clock). */
const LIVE_FIRST_WINDOW_MS = 60_000;

export class AppController {
  private worker: WorkerPort | null = null;
  private runId = 0;
  private requestSeq = 0;
  private readonly queue: QueuedBatch[] = [];
  private clients: string[] = [];
  /** A progress message that came when no batch was waiting. */
  private pending: { progress: RunProgress; stats: Stats } | null = null;
  private activityDirty = false;
  /** Rows or activity applied but not yet published with a revision bump. */
  private unpublished = false;
  private lastTouch = -Infinity;
  private framePending = false;
  private liveQueue: TraceEvent[] = [];
  private liveTotals: StatsAccumulator | null = null;
  private readonly injects = new Map<number, { resolve(e: ScenarioEvent): void; reject(err: Error): void }>();
  private exportRequest: { id: number; name: string; resolve(ok: boolean): void } | null = null;
  /** Set when the page shows a run that has not begun (nothing simulated yet). */
  private fresh = true;
  /** A row to select once the run has made it (a Step waiting for the simulation, a shared link's). */
  private stepRow: number | null = null;
  /** The speed was raised to 'max' for a large run (and goes back for the next small one). */
  private speedRaised = false;

  constructor(private readonly env: ControllerEnv) {}

  // ---------------------------------------------------------------- scenarios and runs

  /** Opens a preset by URL name; false when there is none. */
  openPreset(name: string, options: { play?: boolean; updateHash?: boolean } = {}): boolean {
    const preset = getPreset(name);
    if (preset === undefined) return false;
    this.openScenario(structuredClone(preset.scenario), { ...options, presetName: name });
    return true;
  }

  /** Shows a scenario, ready to play (a worker run paused at t = 0), or playing with `play`. */
  openScenario(
    scenario: Scenario,
    options: {
      play?: boolean;
      presetName?: string | null;
      updateHash?: boolean;
      editedFrom?: string | null;
      /** The user said yes to a big run (see below). */
      confirmed?: boolean;
    } = {},
  ): void {
    const presetName = options.presetName ?? null;
    const size = estimateScenarioSize(scenario);
    if (size.big && options.confirmed !== true) {
      // Before anything is built: say how big the run is and let the user decide.
      usePanelsStore.getState().askToRun({
        text:
          `${scenario.name}: about ${formatMillions(size.events)} trace events from ` +
          `${size.clients.toLocaleString('en')} clients (${(size.traceBytes / 1e9).toFixed(1)} GB as a trace file). ` +
          "The page keeps every event except most lanes' packets, and the run takes a while.",
        run: () => this.openScenario(scenario, { ...options, confirmed: true }),
      });
      return;
    }
    this.chooseSpeedFor(size.events);
    useTraceStore.getState().setScenario(scenario, presetName, options.editedFrom ?? null);
    if (options.updateHash)
      this.env.replaceHash?.(
        presetName !== null
          ? formatLocationHash({ preset: presetName, play: false })
          : formatLocationHash({ scenario, play: false }),
      );
    this.startRun({ playing: options.play ?? false });
  }

  /**
   * A large run (a fleet: more than LARGE_RUN_EVENTS) opens at "as fast as possible" with the progress
   * bar: at 10× a fleet's hour takes six minutes. The next small one goes back to the normal speed.
   */
  private chooseSpeedFor(events: number): void {
    const playback = usePlaybackStore.getState();
    const large = events > LARGE_RUN_EVENTS;
    if (large && playback.speed !== 'max') {
      playback.setSpeed('max');
      this.speedRaised = true;
    } else if (!large && this.speedRaised) {
      playback.setSpeed(DEFAULT_SPEED);
      this.speedRaised = false;
    }
  }

  /** Parses JSON text of a scenario; on success opens it. Returns the problems (path + message) or []. */
  applyScenarioText(text: string, play = false): { path: string; message: string }[] {
    try {
      // Its size is checked before it is parsed; a byte-order mark is allowed.
      const scenario = parseScenarioText(text);
      // Checks that need the expanded clients (unique IDs, events naming real clients), by path too.
      resolveScenario(scenario);
      // Edited from a preset (or from a scenario that was): the picker names where it came from.
      const t = useTraceStore.getState();
      const editedFrom = t.presetName ?? t.editedFrom;
      this.openScenario(scenario, { play, updateHash: true, editedFrom });
      return [];
    } catch (err) {
      if (err instanceof ScenarioError) return err.issues.map((i) => ({ path: i.path, message: i.message }));
      return [{ path: '(root)', message: errorText(err) }];
    }
  }

  private port(): WorkerPort {
    if (this.worker === null) {
      const worker = this.env.createWorker();
      worker.onmessage = (e) => this.onMessage(e.data);
      worker.onerror = (e) => {
        useTraceStore.getState().setStatus('error');
        useTraceStore.getState().notify('error', 'run', `The simulation worker failed: ${e.message}`);
      };
      this.worker = worker;
    }
    return this.worker;
  }

  /** (Re)starts the current scenario from t = 0; `untilMs` runs to that time first (a seek back). */
  startRun(options: { playing: boolean; untilMs?: number }): void {
    const t = useTraceStore.getState();
    const scenario = t.scenario;
    if (scenario === null) return;
    this.runId++;
    this.queue.length = 0;
    this.clients = [];
    this.pending = null;
    this.fresh = options.untilMs === undefined;
    this.exportRequest = null;
    this.stepRow = null;
    t.resetTrace({
      origin: 'sim',
      header: simulationHeader(scenario),
      name: t.presetName ?? fileStem(scenario.name),
      durationMs: scenario.durationMs,
    });
    t.setProgress(null);
    t.setStatus(options.playing ? 'running' : 'ready');
    t.dismiss('run');
    useSelectionStore.getState().clear();
    const playback = usePlaybackStore.getState();
    playback.setNow(options.untilMs ?? 0);
    playback.setPlaying(options.playing);
    this.port().postMessage({
      type: 'start',
      runId: this.runId,
      scenario,
      playing: options.playing,
      speed: playback.speed,
      untilMs: options.untilMs,
    });
  }

  private simulating(): boolean {
    const t = useTraceStore.getState();
    return t.origin === 'sim' && t.scenario !== null;
  }

  play(): void {
    const t = useTraceStore.getState();
    if (t.scenario === null) return;
    if (t.origin !== 'sim' || t.status === 'done' || t.status === 'cancelled' || t.status === 'error') {
      this.startRun({ playing: true });
      return;
    }
    const playback = usePlaybackStore.getState();
    playback.setPlaying(true);
    t.setStatus('running');
    this.port().postMessage({ type: 'play', speed: playback.speed });
  }

  /**
   * Plays at `speed` up to simulated time `t` and pauses there (a lesson moving to its next moment);
   * the speed in the toolbar stays the user's.
   */
  playTo(t: number, speed: Speed): void {
    const state = useTraceStore.getState();
    if (!this.simulating() || state.status === 'done' || state.status === 'cancelled') return;
    usePlaybackStore.getState().setPlaying(true);
    state.setStatus('running');
    this.port().postMessage({ type: 'play', speed, untilMs: t });
  }

  /** Sets location.hash without a hashchange (what a lesson's step puts in the address). */
  replaceHash(hash: string): void {
    this.env.replaceHash?.(hash);
  }

  pause(): void {
    if (!this.simulating()) return;
    usePlaybackStore.getState().setPlaying(false);
    const t = useTraceStore.getState();
    if (t.status === 'running') t.setStatus('paused');
    this.port().postMessage({ type: 'pause' });
  }

  /**
   * Step: selects the next event of the trace (the timeline shows it); when the simulation has not made
   * it yet, pauses and runs the simulation to it first. With nothing selected: the first event after
   * the clock (a paused run), or the first in view (a finished run, an import, live).
   */
  step(): void {
    const t = useTraceStore.getState();
    const store = t.store;
    const selected = useSelectionStore.getState().selectedRow;
    const playback = usePlaybackStore.getState();
    const canRun = t.origin === 'sim' && t.scenario !== null && t.status !== 'error';
    const growing = canRun && t.status !== 'done' && t.status !== 'cancelled';
    let next: number;
    if (selected !== null && selected < store.length) next = selected + 1;
    else next = firstRowAfter(store, growing ? playback.now : useViewport.getState().t0, growing);
    if (next < store.length) {
      useSelectionStore.getState().select(next);
      return;
    }
    // A finished run, an import or live: nothing more to make.
    if (!growing) return;
    this.pause();
    // Selected when the worker's rows arrive (onFrame).
    this.stepRow = next;
    this.port().postMessage({ type: 'step' });
  }

  /** Step back: selects the previous event (with nothing selected: the last before the clock or view end). */
  stepBack(): void {
    const t = useTraceStore.getState();
    const store = t.store;
    if (store.length === 0) return;
    const selected = useSelectionStore.getState().selectedRow;
    const growing = t.origin === 'sim' && t.status !== 'done' && t.status !== 'cancelled';
    let prev: number;
    if (selected !== null && selected < store.length) prev = selected - 1;
    else {
      const ref = growing ? usePlaybackStore.getState().now : useViewport.getState().t1;
      prev = firstRowAfter(store, ref, true) - 1;
    }
    if (prev >= 0) useSelectionStore.getState().select(prev);
  }

  setSpeed(speed: Speed): void {
    usePlaybackStore.getState().setSpeed(speed);
    if (this.simulating()) this.port().postMessage({ type: 'speed', speed });
  }

  /** Moves the clock: forward runs the simulation to t; back replays the scenario up to t. */
  seek(time: number): void {
    const t = useTraceStore.getState();
    const playback = usePlaybackStore.getState();
    const end = t.durationMs ?? Infinity;
    const target = Math.max(0, Math.min(time, end));
    if (!this.simulating()) {
      playback.setNow(target);
      return;
    }
    const now = playback.now;
    if (t.status === 'done' && target >= now) return;
    if (target > now && t.status !== 'cancelled' && t.status !== 'error') {
      this.port().postMessage({ type: 'seek', t: target });
      if (t.status === 'ready') t.setStatus('paused');
    } else if (target !== now) {
      this.startRun({ playing: playback.playing && t.status !== 'done', untilMs: target });
      useTraceStore.getState().setStatus(playback.playing ? 'running' : 'paused');
    }
  }

  /** Stops a run (what it produced stays). */
  cancel(): void {
    if (!this.simulating()) return;
    this.port().postMessage({ type: 'cancel' });
    usePlaybackStore.getState().setPlaying(false);
    useTraceStore.getState().setStatus('cancelled');
  }

  /** A fault by hand: becomes a scenario event at the current simulated time. */
  injectFault(client: string, fault: LaneFault): Promise<ScenarioEvent> {
    const t = useTraceStore.getState();
    if (!this.simulating() || t.status === 'done' || t.status === 'cancelled') {
      const err = new Error('Faults can be added only while a simulation runs (press Play or Step first).');
      t.notify('error', 'fault', err.message);
      return Promise.reject(err);
    }
    const requestId = ++this.requestSeq;
    return new Promise<ScenarioEvent>((resolve, reject) => {
      this.injects.set(requestId, { resolve, reject });
      this.port().postMessage({ type: 'inject', requestId, client, fault });
    });
  }

  // ---------------------------------------------------------------- files

  /** Downloads the trace as `<name>.trace.jsonl`; a simulation is re-run in the worker (as the CLI would). */
  exportTrace(): Promise<boolean> {
    const t = useTraceStore.getState();
    const filename = `${t.traceName}.trace.jsonl`;
    if (t.origin === 'sim' && t.scenario !== null) {
      const id = ++this.requestSeq;
      t.setExportProgress({ now: 0, durationMs: t.scenario.durationMs, bytes: 0 });
      return new Promise<boolean>((resolve) => {
        this.exportRequest = { id, name: filename, resolve };
        this.port().postMessage({ type: 'export', requestId: id, scenario: t.scenario as Scenario });
      });
    }
    if (t.header === null) {
      t.notify('error', 'export', 'There is no trace to export yet.');
      return Promise.resolve(false);
    }
    const blob = new Blob([...t.store.jsonlChunks(t.header)], { type: 'application/x-ndjson' });
    this.env.download(blob, filename);
    return Promise.resolve(true);
  }

  cancelExport(): void {
    const req = this.exportRequest;
    if (req === null) return;
    this.port().postMessage({ type: 'cancel-export', requestId: req.id });
    this.exportRequest = null;
    useTraceStore.getState().setExportProgress(null);
    req.resolve(false);
  }

  /**
   * Reads a trace file. A bad file leaves the current trace as it was and shows the reader's error,
   * which names the line. Returns whether it was imported.
   */
  async importTrace(file: Blob, name = 'trace.jsonl'): Promise<boolean> {
    const store = new TraceStore();
    const totals = new StatsAccumulator();
    const reader = new TraceReader((e) => {
      store.append(e);
      totals.append(e);
    });
    let header: TraceHeader;
    try {
      const decoder = new TextDecoder();
      for (let at = 0; at < file.size; at += IMPORT_CHUNK) {
        const bytes = new Uint8Array(await file.slice(at, at + IMPORT_CHUNK).arrayBuffer());
        reader.feed(decoder.decode(bytes, { stream: at + IMPORT_CHUNK < file.size }));
        if (this.env.yield) await this.env.yield();
      }
      header = reader.end();
    } catch (err) {
      useTraceStore
        .getState()
        .notify('error', 'import', `Could not import ${name}: ${errorText(err)}. The current trace is kept.`);
      return false;
    }
    this.stopRun();
    const t = useTraceStore.getState();
    let scenario: Scenario | null = null;
    try {
      if (header.scenario !== undefined) scenario = parseScenario(structuredClone(header.scenario));
    } catch {
      scenario = null;
    }
    const last = store.length > 0 ? store.t(store.length - 1) : 0;
    t.setScenario(scenario, null);
    t.resetTrace({
      origin: 'import',
      header,
      name: fileStem(name),
      durationMs: Math.max(last, scenario?.durationMs ?? 0),
      store,
      totals: totals.snapshot(),
    });
    t.setStatus('idle');
    t.setProgress(null);
    t.dismiss('import');
    t.notify('info', 'import', `Imported ${name}: ${store.length} events.`);
    useSelectionStore.getState().clear();
    usePlaybackStore.getState().setPlaying(false);
    usePlaybackStore.getState().setNow(last);
    return true;
  }

  /** Stops the worker's run without touching the trace (import or live takes over). */
  private stopRun(): void {
    this.runId++;
    this.queue.length = 0;
    if (this.worker !== null) this.worker.postMessage({ type: 'cancel' });
  }

  // ---------------------------------------------------------------- live mode

  /** What src/ui/live/LivePanel.tsx gets as its `trace` prop. */
  readonly live: LiveTraceApi = {
    begin: (header) => {
      this.stopRun();
      this.liveQueue = [];
      this.liveTotals = new StatsAccumulator();
      const t = useTraceStore.getState();
      // The view opens on the first minute; once the live clock passes it, a following view scrolls.
      t.resetTrace({ origin: 'live', header, name: 'live', durationMs: LIVE_FIRST_WINDOW_MS });
      t.setStatus('idle');
      t.setProgress(null);
      useSelectionStore.getState().clear();
      usePlaybackStore.getState().setPlaying(false);
      usePlaybackStore.getState().setNow(0);
    },
    append: (events) => {
      if (useTraceStore.getState().origin !== 'live') return;
      for (const e of events) this.liveQueue.push(e);
      this.scheduleFrame();
    },
    dropOldest: (count) => {
      const t = useTraceStore.getState();
      if (t.origin !== 'live') return;
      // The oldest events are the store's; a remainder comes off the queue not applied yet.
      const fromStore = Math.min(count, t.store.length);
      t.store.dropOldest(fromStore);
      if (count > fromStore) this.liveQueue = this.liveQueue.slice(count - fromStore);
      const selection = useSelectionStore.getState();
      const row = selection.selectedRow;
      if (row !== null) selection.select(row >= fromStore ? row - fromStore : null);
      this.unpublished = true;
      this.scheduleFrame();
    },
    advanceTo: (nowMs) => {
      const t = useTraceStore.getState();
      if (t.origin !== 'live') return;
      const playback = usePlaybackStore.getState();
      if (nowMs > playback.now) playback.setNow(nowMs);
      if (nowMs > (t.durationMs ?? 0)) t.setDurationMs(nowMs);
      this.unpublished = true;
      this.scheduleFrame();
    },
  };

  // ---------------------------------------------------------------- deep links

  /** Opens what a location hash names; a bad link shows an error naming the part. */
  applyHash(hash: string): void {
    const t = useTraceStore.getState();
    let link;
    try {
      link = parseLocationHash(hash);
    } catch (err) {
      // Whatever a link holds, it never takes the page down: one line says why it did not open.
      t.notify('error', 'link', `This link cannot be opened: ${errorText(err)}`);
      return;
    }
    t.dismiss('link');
    if (link.live !== undefined) {
      // A link to a broker on another machine connects only when the user says so.
      const page = typeof location === 'undefined' ? null : location.href;
      if (
        liveLinkNeedsConsent(link.live, page) &&
        !(
          this.env.confirm?.(
            `This link connects live mode to ${link.live}, a broker on another machine. Connect?`,
          ) ?? false
        )
      ) {
        t.notify('info', 'link', `The live link to ${link.live} was not opened.`);
        return;
      }
      usePanelsStore.getState().openLive(link.live);
      return;
    }
    if (link.preset !== undefined) {
      if (!this.openPreset(link.preset, { play: link.play })) {
        t.notify(
          'error',
          'link',
          `This link cannot be opened: preset: no preset named ${JSON.stringify(link.preset)} (presets: ${PRESETS.map((p) => p.name).join(', ')})`,
        );
        return;
      }
      this.restoreView(link);
      return;
    }
    if (link.scenario !== undefined) {
      try {
        resolveScenario(link.scenario);
      } catch (err) {
        const detail =
          err instanceof ScenarioError ? `is not a valid scenario:\n${err.message}` : errorText(err);
        t.notify('error', 'link', `This link cannot be opened: scenario: ${detail}`);
        return;
      }
      this.openScenario(link.scenario, { play: link.play });
      this.restoreView(link);
      return;
    }
    if (link.lesson !== undefined || link.lessonData !== undefined)
      this.env.openLesson?.({
        lesson: link.lesson,
        lessonData: link.lessonData,
        step: link.step,
        profile: link.profile,
      });
  }

  /**
   * A shared link's view: its window (kept through the new trace's first fit) and its selected event.
   * A run that is not playing is run up to the window's end, so the view shows what was shared.
   */
  private restoreView(link: { view?: readonly [number, number]; sel?: number; play: boolean }): void {
    if (link.view !== undefined) {
      useViewport.getState().prefer(link.view[0], link.view[1]);
      if (!link.play) this.seek(link.view[1]);
    }
    if (link.sel !== undefined) this.stepRow = link.sel;
  }

  // ---------------------------------------------------------------- worker messages and frames

  private onMessage(msg: FromWorker): void {
    const t = useTraceStore.getState();
    switch (msg.type) {
      case 'started':
        if (msg.runId !== this.runId) return;
        if (msg.activity !== null) t.setActivity(unpackActivity(msg.activity), msg.mode === 'sampled');
        if (msg.mode === 'sampled')
          t.notify(
            'info',
            'run',
            `This run makes about ${Math.round(msg.estimate / 1e6)} million events, more than a tab can hold: the timeline keeps every event except the packets of most lanes, which show as activity heat. Export still writes the whole trace.`,
          );
        return;
      case 'batch':
        if (msg.runId !== this.runId) return;
        // Newer than any progress message waiting to be shown.
        this.pending = null;
        this.queue.push({ batch: msg.batch, pos: 0, progress: msg.progress, stats: msg.stats });
        this.scheduleFrame();
        return;
      case 'progress':
        if (msg.runId !== this.runId) return;
        if (this.queue.length > 0) {
          // Newer than every batch queued: it holds once they are applied.
          const last = this.queue[this.queue.length - 1];
          last.progress = msg.progress;
          last.stats = msg.stats;
        } else this.pending = { progress: msg.progress, stats: msg.stats };
        this.scheduleFrame();
        return;
      case 'activity': {
        if (msg.runId !== this.runId) return;
        const activity = t.activity;
        if (activity !== null) {
          mergeActivity(activity, msg.from, msg.span, msg.counts, msg.types);
          this.activityDirty = true;
          this.scheduleFrame();
        }
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
        usePlaybackStore.getState().setPlaying(false);
        t.notify('error', 'run', `The simulation stopped: ${msg.message}`);
        return;
      case 'export-progress':
        if (this.exportRequest?.id === msg.requestId)
          t.setExportProgress({ now: msg.now, durationMs: msg.durationMs, bytes: msg.bytes });
        return;
      case 'exported': {
        const req = this.exportRequest;
        if (req?.id !== msg.requestId) return;
        this.exportRequest = null;
        t.setExportProgress(null);
        this.env.download(msg.blob, req.name);
        req.resolve(true);
        return;
      }
      case 'export-failed': {
        const req = this.exportRequest;
        if (req?.id !== msg.requestId) return;
        this.exportRequest = null;
        t.setExportProgress(null);
        t.notify('error', 'export', `Export failed: ${msg.message}`);
        req.resolve(false);
        return;
      }
    }
  }

  private scheduleFrame(): void {
    if (this.framePending) return;
    this.framePending = true;
    this.env.frame(() => this.onFrame());
  }

  /** Applies queued rows within the frame budget, then publishes the new revision and clock once. */
  private onFrame(): void {
    this.framePending = false;
    const t = useTraceStore.getState();
    const store = t.store;
    const started = this.env.now();
    let applied = 0;
    // The clock and totals to show: those that held after the last batch applied (or after the last
    // progress message, once every batch before it is applied).
    let shown: { progress: RunProgress; stats: Stats } | null = null;
    while (this.queue.length > 0 && this.env.now() - started < APPLY_BUDGET_MS) {
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
    if (applied > 0) this.worker?.postMessage({ type: 'ack', rows: applied });
    if (this.stepRow !== null && store.length > this.stepRow) {
      useSelectionStore.getState().select(this.stepRow);
      this.stepRow = null;
    }
    if (this.queue.length === 0 && this.pending !== null) {
      shown = this.pending;
      this.pending = null;
    }
    let liveApplied = false;
    if (this.liveQueue.length > 0 && t.origin === 'live') {
      const totals = this.liveTotals ?? (this.liveTotals = new StatsAccumulator());
      let i = 0;
      for (; i < this.liveQueue.length; i++) {
        const e = this.liveQueue[i];
        store.append(e);
        totals.append(e);
        if ((i & 1023) === 1023 && this.env.now() - started > APPLY_BUDGET_MS) {
          i++;
          break;
        }
      }
      this.liveQueue = this.liveQueue.slice(i);
      liveApplied = true;
      const playback = usePlaybackStore.getState();
      // Never back: the live clock (advanceTo) may be ahead of the last event.
      if (store.length > 0 && store.t(store.length - 1) > playback.now)
        playback.setNow(store.t(store.length - 1));
    }
    if (shown !== null && t.origin === 'sim') this.showProgress(shown.progress);
    if (applied > 0 || liveApplied || this.activityDirty) this.unpublished = true;
    this.activityDirty = false;
    const totals =
      t.origin === 'live' ? (liveApplied ? this.liveTotals?.snapshot() : undefined) : shown?.stats;
    // A big trace is published (revision bump, so a redraw) at most every BIG_TRACE_TOUCH_MS while
    // it grows: a frame of a fleet costs far more than one of a small run.
    const now = this.env.now();
    const every = t.sampled ? SAMPLED_TOUCH_MS : store.length > BIG_TRACE_ROWS ? BIG_TRACE_TOUCH_MS : 0;
    const finished = this.queue.length === 0 && shown?.progress.done === true;
    const due = finished || now - this.lastTouch >= every;
    if (this.unpublished && due) {
      this.unpublished = false;
      this.lastTouch = now;
      t.touch(totals);
    } else if (totals !== undefined && totals.events !== t.totals.events) t.setTotals(totals);
    if (this.queue.length > 0 || this.liveQueue.length > 0 || this.unpublished) this.scheduleFrame();
  }

  private showProgress(p: RunProgress): void {
    const t = useTraceStore.getState();
    const playback = usePlaybackStore.getState();
    t.setProgress(p);
    playback.setNow(p.now);
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

/**
 * The first row whose time is after `t` (at or after it when `strict` is false); rows are in time
 * order. The store's length when there is none.
 */
function firstRowAfter(store: TraceStore, t: number, strict: boolean): number {
  const times = store.columns.t;
  return strict ? upperBound(times, store.length, t) : lowerBound(times, store.length, t);
}

let controller: AppController | null = null;

/** The page's controller (created on first use with the browser environment). */
export function appController(): AppController {
  if (controller === null) throw new Error('the app controller is not set up (call setAppController)');
  return controller;
}

export function setAppController(c: AppController): AppController {
  controller = c;
  return c;
}
