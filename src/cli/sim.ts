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
import { parseSimArgs, SIM_USAGE, UsageError } from './args';
import { FileWriter } from './fileWriter';
import { loadScenarioArg } from './loadScenarioArg';
import { formatSummary } from './summary';
import { executeRealRun, planRealRun } from '../realrun/cli';
import { RealRunError } from '../realrun/run';

function main(argv: readonly string[]): number | Promise<number> {
  const args = parseSimArgs(argv);
  if (args.against !== null) {
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
  const sink: TraceSink =
    file === null ? counts : teeSink(counts, new JsonlSink(simulationHeader(scenario), file.write));
  const started = performance.now();
  const sim = startRun(scenario, sink);
  sim.runToEnd();
  const wallMs = performance.now() - started;
  file?.close();
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
  if (args.out !== null) console.log(`trace           ${args.out}`);
  return 0;
}

function fail(e: unknown): void {
  if (e instanceof UsageError || e instanceof ScenarioError) {
    console.error(`sim: ${e.message}`);
    if (e instanceof UsageError) console.error(SIM_USAGE);
    process.exitCode = 2;
  } else {
    throw e;
  }
}

try {
  const code = main(process.argv.slice(2));
  if (typeof code === 'number') process.exitCode = code;
  else code.then((c) => (process.exitCode = c), fail);
} catch (e) {
  fail(e);
}
