// `npm run compare -- a.jsonl b.jsonl [--slack-ms N] [--prediction-ms N] [--profile P]`
// Lines up two traces of one scenario (either simulated or live) per client and prints the differences
// that matter as a table. Exit code 0 when they agree, 1 when a row differs, 2 on bad input.

import {
  FactsCollector,
  compareCollected,
  formatComparison,
  printableLines,
  type CollectedTrace,
} from '../analysis/compare';
import type { BrokerProfileName } from '../scenario/types';
import { TraceParseError } from '../trace/parse';
import { profileArg, readArgs, UsageError } from './args';
import { exitWhenDone, quietOnClosedPipe } from './process';
import { readTraceFile } from './traceFile';

const USAGE = 'usage: npm run compare -- a.jsonl b.jsonl [--slack-ms N] [--prediction-ms N] [--profile P]';

interface CompareArgs {
  files: [string, string];
  slackMs: number | undefined;
  predictionMs: number | undefined;
  profile: BrokerProfileName | undefined;
}

function parseCompareArgs(argv: readonly string[]): CompareArgs {
  const { positionals, strings } = readArgs(argv, { strings: ['slack-ms', 'prediction-ms', 'profile'] });
  const ms = (name: string): number | undefined => {
    const v = strings.get(name);
    if (v !== undefined && !/^\d+$/.test(v))
      throw new UsageError(`--${name}: must be a whole number of ms (got ${JSON.stringify(v)})`);
    return v === undefined ? undefined : Number(v);
  };
  const slackMs = ms('slack-ms');
  const predictionMs = ms('prediction-ms');
  const profile = profileArg(strings.get('profile'));
  if (positionals.length !== 2) throw new UsageError(`two trace files needed (got ${positionals.length})`);
  return {
    files: [positionals[0], positionals[1]],
    slackMs,
    predictionMs,
    profile,
  };
}

/** Streams the file into its facts: memory grows with what is compared, not with the file. */
function load(path: string): CollectedTrace {
  const facts = new FactsCollector();
  try {
    const header = readTraceFile(path, (e) => facts.add(e));
    return { header, facts };
  } catch (e) {
    if (e instanceof TraceParseError) throw new UsageError(`${path}: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined) throw new UsageError(`${path}: cannot read (${code})`);
    throw e;
  }
}

function main(argv: readonly string[]): number {
  const args = parseCompareArgs(argv);
  const a = load(args.files[0]);
  const b = load(args.files[1]);
  const result = compareCollected(a, b, {
    slackMs: args.slackMs,
    predictionMs: args.predictionMs,
    profile: args.profile,
  });
  console.log(formatComparison(result, args.files));
  return result.mismatches === 0 ? 0 : 1;
}

quietOnClosedPipe();
try {
  exitWhenDone(main(process.argv.slice(2)));
} catch (e) {
  if (e instanceof UsageError) {
    // A message may quote a line of the file: shown, never obeyed by the terminal.
    console.error(`compare: ${printableLines(e.message)}`);
    console.error(USAGE);
    exitWhenDone(2);
  } else {
    throw e;
  }
}
