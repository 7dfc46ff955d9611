// The worker's run loop, written against a small host (post, clock, timer) so it can be tested
// without a Worker. It advances the simulation in slices of simulated time, at N × wall time or as
// fast as possible, and streams batches of trace rows; it never runs more than a few ms at a time,
// so pause, step, seek, inject and cancel are answered at once. Export re-runs a scenario apart
// (exporter.ts).

import { StatsAccumulator } from '../analysis/rangeStats';
import { ScenarioError, parseScenario, resolveScenario } from '../scenario/validate';
import type { Scenario, ScenarioEvent } from '../scenario/types';
import { simulationHeader } from '../sim/run';
import { createSimulation, type Simulation } from '../sim/simulation';
import { teeSink } from '../trace/tee';
import { ActivityCounter, activityTransfers, packActivity } from './activity';
import { BatchSink } from './batchSink';
import { estimateEvents, keptLanes } from './budget';
import { injectionTime, withInjectedEvent } from './injection';
import {
  EVENT_BUDGET,
  MAX_BATCH_OBJECTS,
  MAX_BATCH_ROWS,
  MAX_IN_FLIGHT,
  batchTransfers,
  type FromWorker,
  type LaneFault,
  type RunProgress,
  type Speed,
  type ToWorker,
} from './protocol';

export interface RunnerHost {
  post(message: FromWorker, transfer?: Transferable[]): void;
  /** Wall-clock ms (performance.now in the worker). */
  now(): number;
  /** Runs `fn` after `ms` (0: as soon as pending messages are handled); returns a cancel function. */
  later(fn: () => void, ms: number): () => void;
}

/** Wall ms a slice of work may take before the runner yields. */
const SLICE_MS = 12;
const PROGRESS_EVERY_MS = 100;
/**
 * Running as fast as possible, rows go to the page at most this often unless a batch is full: every
 * message is a task on the page's thread (clone, apply, render), and on a small machine that thread
 * takes its CPU time from the worker. Playing at N × wall time, rows go at once, for a smooth timeline.
 */
const FAST_BATCH_EVERY_MS = 100;
const ACTIVITY_EVERY_MS = 1000;

export class SimRunner {
  private runId = 0;
  private scenario: Scenario | null = null;
  private sim: Simulation | null = null;
  private sink: BatchSink | null = null;
  private stats: StatsAccumulator | null = null;
  private counter: ActivityCounter | null = null;
  private playing = false;
  private speed: Speed = 10;
  private anchorWall = 0;
  private anchorSim = 0;
  private seekTarget: number | null = null;
  /** Where a play with `untilMs` pauses (null: it plays on). */
  private pauseAt: number | null = null;
  private inFlight = 0;
  private cancelTimer: (() => void) | null = null;
  private simStep = 50;
  private budget = EVENT_BUDGET;
  private maxInFlight = MAX_IN_FLIGHT;
  private lastProgress = -Infinity;
  private lastBatch = -Infinity;
  private lastActivity = -Infinity;
  private rateMarkWall = 0;
  private rateMarkEvents = 0;
  private rate = 0;

  constructor(private readonly host: RunnerHost) {}

  handle(msg: ToWorker): void {
    try {
      switch (msg.type) {
        case 'start':
          return this.start(msg);
        case 'play':
          return this.play(msg.speed, msg.untilMs);
        case 'pause':
          return this.pause();
        case 'speed':
          return this.setSpeed(msg.speed);
        case 'step':
          return this.step();
        case 'seek':
          return this.seek(msg.t);
        case 'inject':
          return this.inject(msg.requestId, msg.client, msg.fault);
        case 'cancel':
          return this.cancel();
        case 'ack':
          this.inFlight = Math.max(0, this.inFlight - msg.rows);
          if (this.inFlight <= this.maxInFlight && this.wantsToRun()) this.schedule(0);
          return;
      }
    } catch (err) {
      this.host.post({
        type: 'error',
        runId: this.runId,
        message: err instanceof Error ? err.message : String(err),
      });
    }
  }

  private start(msg: Extract<ToWorker, { type: 'start' }>): void {
    this.stopTimer();
    this.runId = msg.runId;
    this.scenario = msg.scenario;
    this.budget = msg.budget ?? EVENT_BUDGET;
    this.maxInFlight = msg.maxInFlight ?? MAX_IN_FLIGHT;
    const resolved = resolveScenario(parseScenario(msg.scenario));
    const estimate = estimateEvents(resolved);
    const sink = new BatchSink();
    const stats = new StatsAccumulator(resolved.protocol);
    this.counter = null;
    if (estimate > this.budget) {
      this.counter = new ActivityCounter(
        resolved.clients.map((c) => c.id),
        resolved.durationMs,
      );
      sink.sample(keptLanes(resolved), this.counter);
    }
    this.sink = sink;
    this.stats = stats;
    // The scenario expanded above, not again: a fleet's expansion is a tenth of a second or more.
    this.sim = createSimulation(resolved, teeSink(sink, stats));
    this.inFlight = 0;
    this.playing = msg.playing;
    this.speed = msg.speed;
    this.seekTarget = msg.untilMs !== undefined && msg.untilMs > 0 ? msg.untilMs : null;
    this.pauseAt = null;
    this.rate = 0;
    this.rateMarkWall = this.host.now();
    this.rateMarkEvents = 0;
    this.lastProgress = -Infinity;
    this.lastBatch = -Infinity;
    this.lastActivity = -Infinity;
    this.reanchor();
    const activity = this.counter === null ? null : packActivity(this.counter.snapshot());
    this.host.post(
      {
        type: 'started',
        runId: this.runId,
        header: simulationHeader(msg.scenario),
        mode: this.counter === null ? 'full' : 'sampled',
        estimate,
        activity,
      },
      activity === null ? [] : activityTransfers(activity),
    );
    this.flush(true);
    if (this.wantsToRun()) this.schedule(0);
  }

  private play(speed: Speed, untilMs?: number): void {
    if (this.sim === null || this.sim.done) return;
    this.speed = speed;
    this.playing = true;
    this.pauseAt = untilMs !== undefined && untilMs > this.sim.now ? untilMs : null;
    this.reanchor();
    this.flush(true);
    this.schedule(0);
  }

  private pause(): void {
    this.playing = false;
    this.seekTarget = null;
    this.pauseAt = null;
    this.stopTimer();
    this.rate = 0;
    this.flush(true);
  }

  private setSpeed(speed: Speed): void {
    this.speed = speed;
    this.reanchor();
    if (this.wantsToRun()) this.schedule(0);
  }

  /** Runs until at least one more trace event comes out (events at one instant come together). */
  private step(): void {
    const sim = this.sim;
    const sink = this.sink;
    if (sim === null || sink === null || sim.done) return;
    this.playing = false;
    this.seekTarget = null;
    this.pauseAt = null;
    this.stopTimer();
    const before = sink.produced;
    const started = this.host.now();
    let delta = 1;
    while (sink.produced === before && !sim.done && this.host.now() - started < 250) {
      sim.runUntil(sim.now + delta);
      delta = Math.min(delta * 2, 60_000);
    }
    this.flush(true);
  }

  private seek(t: number): void {
    const sim = this.sim;
    if (sim === null || sim.done || t <= sim.now) return;
    this.seekTarget = Math.min(t, sim.durationMs);
    this.schedule(0);
  }

  private inject(requestId: number, client: string, fault: LaneFault): void {
    const sim = this.sim;
    const fail = (message: string): void =>
      this.host.post({ type: 'inject-failed', runId: this.runId, requestId, message });
    if (sim === null || this.scenario === null) return fail('no run is active');
    if (sim.done) return fail('the run has ended: faults can only be added while it runs');
    const atMs = injectionTime(sim.now);
    if (atMs > sim.durationMs) return fail('too close to the end of the run');
    const event: ScenarioEvent = { atMs, client, do: fault };
    let next: ReturnType<typeof withInjectedEvent>;
    try {
      next = withInjectedEvent(this.scenario, event);
    } catch (err) {
      return fail(
        err instanceof ScenarioError ? err.message : err instanceof Error ? err.message : String(err),
      );
    }
    this.scenario = next.scenario;
    sim.inject(next.resolved);
    this.sink?.keepLane(client);
    this.host.post({ type: 'injected', runId: this.runId, requestId, event });
    // Paused: show the fault at once.
    if (!this.wantsToRun()) {
      sim.runUntil(atMs);
      this.flush(true);
    }
  }

  private cancel(): void {
    this.stopTimer();
    this.playing = false;
    this.seekTarget = null;
    this.pauseAt = null;
    this.rate = 0;
    this.flush(true);
    this.sim = null;
  }

  private wantsToRun(): boolean {
    return this.sim !== null && !this.sim.done && (this.playing || this.seekTarget !== null);
  }

  private reanchor(): void {
    this.anchorWall = this.host.now();
    this.anchorSim = this.sim?.now ?? 0;
  }

  private goal(): number | null {
    const sim = this.sim;
    if (sim === null) return null;
    if (this.seekTarget !== null) return this.seekTarget;
    if (!this.playing) return null;
    const end = this.pauseAt ?? sim.durationMs;
    if (this.speed === 'max') return end;
    return Math.min(end, this.anchorSim + (this.host.now() - this.anchorWall) * this.speed);
  }

  private schedule(ms: number): void {
    this.stopTimer();
    this.cancelTimer = this.host.later(() => {
      this.cancelTimer = null;
      this.tick();
    }, ms);
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** One slice of work. */
  tick(): void {
    const sim = this.sim;
    const sink = this.sink;
    if (sim === null || sink === null || sim.done) return;
    if (this.inFlight > this.maxInFlight) return; // an ack reschedules
    const goal = this.goal();
    if (goal === null) return;
    const fast = this.seekTarget !== null || this.speed === 'max';
    const host = this.host;
    const started = host.now();
    while (sim.now < goal && !sim.done) {
      const before = host.now();
      sim.runUntil(Math.min(goal, sim.now + this.simStep));
      const spent = host.now() - before;
      if (spent < 2) this.simStep = Math.min(this.simStep * 2, 600_000);
      else if (spent > 6) this.simStep = Math.max(1, this.simStep / 2);
      if (sink.length >= MAX_BATCH_ROWS || sink.objectCount >= MAX_BATCH_OBJECTS) this.flush(false);
      if (host.now() - started > SLICE_MS || this.inFlight > this.maxInFlight) break;
    }
    // A seek that got there is always reported: its last stretch may have made no event, and the
    // page would otherwise keep showing the clock of the last batch, still seeking.
    const arrived = this.seekTarget !== null && sim.now >= this.seekTarget;
    if (arrived) {
      this.seekTarget = null;
      this.reanchor();
    }
    // Played to where it was asked to stop: paused there, and reported at once.
    const stopped = this.pauseAt !== null && this.seekTarget === null && sim.now >= this.pauseAt;
    if (stopped) {
      this.pauseAt = null;
      this.playing = false;
      this.rate = 0;
    }
    if (sim.done) {
      this.playing = false;
      this.rate = 0;
      this.flush(true);
      return;
    }
    this.flush(arrived || stopped);
    if (!fast && this.playing && typeof this.speed === 'number' && goal - sim.now > 1000 * this.speed) {
      // More than a wall second behind: do not try to catch up in a burst.
      this.reanchor();
    }
    if (this.wantsToRun()) this.schedule(fast ? 0 : 16);
  }

  private progress(): RunProgress {
    const sim = this.sim;
    const produced = this.sink?.produced ?? 0;
    const wall = this.host.now();
    if (wall - this.rateMarkWall >= 1000) {
      this.rate = ((produced - this.rateMarkEvents) * 1000) / (wall - this.rateMarkWall);
      this.rateMarkWall = wall;
      this.rateMarkEvents = produced;
    }
    return {
      now: sim?.now ?? 0,
      durationMs: sim?.durationMs ?? 0,
      events: produced,
      rate: this.playing || this.seekTarget !== null ? this.rate : 0,
      playing: this.playing || this.seekTarget !== null,
      done: sim?.done ?? false,
    };
  }

  /** Posts the rows collected (with progress), or progress alone now and then, and activity. */
  private flush(force: boolean): void {
    const sink = this.sink;
    if (sink === null || this.stats === null) return;
    const wall = this.host.now();
    const fast = this.seekTarget !== null || this.speed === 'max';
    const full = sink.length >= MAX_BATCH_ROWS || sink.objectCount >= MAX_BATCH_OBJECTS;
    // Running fast, rows wait a little to go out together (a batch went out less than that ago, with progress).
    const hold = !force && fast && !full && wall - this.lastBatch < FAST_BATCH_EVERY_MS;
    if (hold) return;
    // At most MAX_BATCH_OBJECTS objects per message (a simulation step can make far more).
    let batch = sink.take(MAX_BATCH_OBJECTS);
    if (batch !== null) {
      const progress = this.progress();
      const stats = this.stats.snapshot();
      this.lastProgress = wall;
      this.lastBatch = wall;
      while (batch !== null) {
        this.inFlight += batch.length;
        this.host.post({ type: 'batch', runId: this.runId, batch, progress, stats }, batchTransfers(batch));
        batch = sink.length > 0 ? sink.take(MAX_BATCH_OBJECTS) : null;
      }
    } else if (force || wall - this.lastProgress >= PROGRESS_EVERY_MS) {
      this.lastProgress = wall;
      this.host.post({
        type: 'progress',
        runId: this.runId,
        progress: this.progress(),
        stats: this.stats.snapshot(),
      });
    }
    if (this.counter !== null && (force || wall - this.lastActivity >= ACTIVITY_EVERY_MS)) {
      this.lastActivity = wall;
      const delta = this.counter.takeDirty();
      if (delta !== null) {
        const buffers = [delta.counts.buffer as ArrayBuffer];
        if (delta.types !== undefined) buffers.push(delta.types.counts.buffer as ArrayBuffer);
        this.host.post({ type: 'activity', runId: this.runId, ...delta }, buffers);
      }
    }
  }
}
