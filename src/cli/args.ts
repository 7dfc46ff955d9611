// Command-line arguments of `npm run sim`, checked with errors that name the flag.

import { BROKER_PROFILES, type BrokerProfileName } from '../scenario/types';

export interface SimArgs {
  scenario: string;
  out: string | null;
  seed: number | undefined;
  profile: BrokerProfileName | undefined;
  against: string | null;
  yes: boolean;
}

export class UsageError extends Error {}

export const SIM_USAGE =
  'usage: npm run sim -- <scenario.json | preset> [--out trace.jsonl] [--seed N] [--profile P] [--against URL --yes]';

export function parseSimArgs(argv: readonly string[]): SimArgs {
  const args: SimArgs = {
    scenario: '',
    out: null,
    seed: undefined,
    profile: undefined,
    against: null,
    yes: false,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag}: needs a value`);
      return v;
    };
    switch (flag) {
      case '--out':
        args.out = value();
        break;
      case '--seed': {
        const raw = value();
        const seed = Number(raw);
        if (!/^\d+$/.test(raw) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
          throw new UsageError(`--seed: must be an integer 0..4294967295 (got ${JSON.stringify(raw)})`);
        }
        args.seed = seed;
        break;
      }
      case '--profile': {
        const raw = value();
        if (!(BROKER_PROFILES as readonly string[]).includes(raw)) {
          throw new UsageError(
            `--profile: must be one of ${BROKER_PROFILES.join(', ')} (got ${JSON.stringify(raw)})`,
          );
        }
        args.profile = raw as BrokerProfileName;
        break;
      }
      case '--against':
        args.against = value();
        break;
      case '--yes':
        args.yes = true;
        break;
      default:
        if (arg.startsWith('--')) throw new UsageError(`${flag}: unknown option`);
        positional.push(arg);
    }
  }
  if (positional.length !== 1) {
    throw new UsageError(
      positional.length === 0
        ? 'missing the scenario file or preset name'
        : `one scenario only (got ${positional.length})`,
    );
  }
  args.scenario = positional[0];
  return args;
}
