// The public face of the simulator: create a run from a resolved scenario and a trace sink, advance
// it in slices (a Web Worker streams batches this way) or run it to the end.

import type { ResolvedEvent, ResolvedScenario } from '../scenario/types';
import type { TraceSink } from '../trace/types';
import { World } from './world';

export interface Simulation {
  /** Simulated time reached, ms. */
  readonly now: number;
  readonly durationMs: number;
  readonly done: boolean;
  /** Engine events handled so far. */
  readonly eventCount: number;
  /** Runs every event up to `t` (capped at the scenario's duration); finishes the trace at the end. */
  runUntil(t: number): void;
  /** Runs to the end. */
  runToEnd(): void;
  /** Adds an action now or later (a fault clicked by a user); it becomes part of the run. */
  inject(event: ResolvedEvent): void;
}

export function createSimulation(scenario: ResolvedScenario, sink: TraceSink): Simulation {
  const world = new World(scenario, sink);
  const engine = world.engine;
  const durationMs = scenario.durationMs;
  let done = false;

  const runUntil = (t: number): void => {
    if (done) return;
    const until = Math.min(t, durationMs);
    engine.runUntil(until);
    if (until >= durationMs) {
      world.finish();
      done = true;
    }
  };

  return {
    get now() {
      return engine.now;
    },
    durationMs,
    get done() {
      return done;
    },
    get eventCount() {
      return engine.eventCount;
    },
    runUntil,
    runToEnd: () => runUntil(durationMs),
    inject: (event) => {
      if (done) throw new Error('the run has ended');
      world.addEvent({ ...event, atMs: Math.max(event.atMs, engine.now) });
    },
  };
}

/** Runs a scenario to its end into `sink`; returns the number of engine events handled. */
export function simulate(scenario: ResolvedScenario, sink: TraceSink): number {
  const sim = createSimulation(scenario, sink);
  sim.runToEnd();
  return sim.eventCount;
}
