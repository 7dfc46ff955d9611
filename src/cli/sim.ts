// `npm run sim -- <scenario.json | preset> [--out trace.jsonl] [--seed N] [--profile P]`
// Runs a simulation headless, writes the trace, prints a summary. Exit code 2 on bad input.

import { performance } from 'node:perf_hooks';
import { withOverrides } from '../scenario/overrides';
import { ScenarioError } from '../scenario/validate';
import { CountingSink } from '../trace/counters';
import { JsonlSink } from '../trace/jsonlWriter';
import { teeSink } from '../trace/tee';
import type { TraceSink } from '../trace/types';
import { simulationHeader, startRun } from '../sim/run';
import { printable, printableLines } from '../analysis/compare/printable';
import { parseSimArgs, SIM_USAGE, UsageError } from './args';
import { cappedSink, runEventCap, RunTooBigError } from './eventCap';
import { FileWriter, OutputError } from './fileWriter';
import { exitWhenDone, quietOnClosedPipe } from './process';
import { loadScenarioArg } from './loadScenarioArg';
import { formatSummary } from './summary';
import { executeRealRun, planRealRun } from './realRun';
import { RealRunError } from '../realrun/run';

function main(argv: readonly string[]): number | Promise<number> {
  const args = parseSimArgs(argv);
  if (args.against.length > 0) {
    // A real run: the scenario played in real time against the broker at --against (src/realrun).
    const scenario = withOverrides(loadScenarioArg(args.scenario), {
      seed: args.seed,
      profile: args.profile,
    });
    try {
      return executeRealRun(planRealRun(scenario, { against: args.against, out: args.out, yes: args.yes }));
    } catch (e) {
      if (e instanceof RealRunError) throw new UsageError(e.message);
      throw e;
    }
  }
  const scenario = withOverrides(loadScenarioArg(args.scenario), { seed: args.seed, profile: args.profile });
  const counts = new CountingSink();
  const file = args.out === null ? null : new FileWriter(args.out);
  const started = performance.now();
  let sim: ReturnType<typeof startRun>;
  try {
    const sink: TraceSink =
      file === null ? counts : teeSink(counts, new JsonlSink(simulationHeader(scenario), file.write));
    sim = startRun(scenario, cappedSink(sink, runEventCap(scenario)));
    sim.runToEnd();
    file?.close();
  } catch (e) {
    // Whatever was at --out before stays as it was.
    file?.abort();
    throw e;
  }
  const wallMs = performance.now() - started;
  console.log(
    formatSummary({
      name: scenario.name,
      profile: scenario.broker?.profile ?? 'spec',
      seed: scenario.seed,
      simulatedMs: sim.now,
      engineEvents: sim.eventCount,
      wallMs,
      trace: counts.summary(),
    }),
  );
  if (args.out !== null) console.log(`trace           ${printable(args.out)}`);
  return 0;
}

function fail(e: unknown): void {
  if (e instanceof UsageError || e instanceof ScenarioError || e instanceof OutputError) {
    // Messages quote the user's input: shown, never obeyed by the terminal.
    console.error(`sim: ${printableLines(e.message)}`);
    if (e instanceof UsageError) console.error(SIM_USAGE);
    exitWhenDone(e instanceof OutputError && e.kind === 'io' ? 1 : 2);
  } else if (e instanceof RunTooBigError) {
    console.error(`sim: ${e.message}`);
    exitWhenDone(1);
  } else {
    throw e;
  }
}

quietOnClosedPipe();
try {
  const code = main(process.argv.slice(2));
  // A real run may leave a reconnecting client behind when the broker cannot be reached: the exit
  // does not wait for it.
  if (typeof code === 'number') exitWhenDone(code);
  else code.then(exitWhenDone, fail);
} catch (e) {
  fail(e);
}
