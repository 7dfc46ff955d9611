// Running a scenario as the CLI and the app do, so that both write the same trace for the same
// scenario and seed, byte for byte: the header records the scenario as given (with overrides
// applied, passwords masked), then the events in the order the simulation produced them.

import { maskPasswords } from '../scenario/credentials';
import { resolveScenario } from '../scenario/validate';
import type { Scenario } from '../scenario/types';
import { JsonlSink } from '../trace/jsonlWriter';
import type { TraceHeader, TraceSink } from '../trace/types';
import { createSimulation, type Simulation } from './simulation';

export function simulationHeader(scenario: Scenario): TraceHeader {
  return { trace: 1, source: 'sim', scenario: maskPasswords(scenario) };
}

/** A run of a validated scenario into `sink`, to be advanced by the caller. */
export function startRun(scenario: Scenario, sink: TraceSink): Simulation {
  return createSimulation(resolveScenario(scenario), sink);
}

/** Runs a validated scenario to its end, handing the JSONL trace to `write` line by line. */
export function runToJsonl(scenario: Scenario, write: (line: string) => void): Simulation {
  const sim = startRun(scenario, new JsonlSink(simulationHeader(scenario), write));
  sim.runToEnd();
  return sim;
}
