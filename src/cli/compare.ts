// `npm run compare -- a.jsonl b.jsonl [--slack-ms N] [--profile P]`
// Lines up two traces of one scenario (either simulated or live) per client and prints the differences
// that matter as a table. Exit code 0 when they agree, 1 when a row differs, 2 on bad input.

import {
  FactsCollector,
  compareCollected,
  formatComparison,
  printableLines,
  type CollectedTrace,
} from '../analysis/compare';
import { BROKER_PROFILES, type BrokerProfileName } from '../scenario/types';
import { TraceParseError } from '../trace/parse';
import { exitWhenDone, quietOnClosedPipe } from './process';
import { readTraceFile } from './traceFile';

const USAGE = 'usage: npm run compare -- a.jsonl b.jsonl [--slack-ms N] [--profile P]';

class UsageError extends Error {}

interface CompareArgs {
  files: [string, string];
  slackMs: number | undefined;
  profile: BrokerProfileName | undefined;
}

function parseArgs(argv: readonly string[]): CompareArgs {
  const files: string[] = [];
  let slackMs: number | undefined;
  let profile: BrokerProfileName | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag}: needs a value`);
      return v;
    };
    if (flag === '--slack-ms') {
      const raw = value();
      if (!/^\d+$/.test(raw))
        throw new UsageError(`--slack-ms: must be a whole number of ms (got ${JSON.stringify(raw)})`);
      slackMs = Number(raw);
    } else if (flag === '--profile') {
      const raw = value();
      if (!(BROKER_PROFILES as readonly string[]).includes(raw)) {
        throw new UsageError(
          `--profile: must be one of ${BROKER_PROFILES.join(', ')} (got ${JSON.stringify(raw)})`,
        );
      }
      profile = raw as BrokerProfileName;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`${flag}: unknown option`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 2) throw new UsageError(`two trace files needed (got ${files.length})`);
  return { files: [files[0], files[1]], slackMs, profile };
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
  const args = parseArgs(argv);
  const a = load(args.files[0]);
  const b = load(args.files[1]);
  const result = compareCollected(a, b, { slackMs: args.slackMs, profile: args.profile });
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
