// Command-line arguments, read by Node's util.parseArgs and checked with errors that name the flag.

import { parseArgs } from 'node:util';
import { BROKER_PROFILES, type BrokerProfileName } from '../scenario/types';

export class UsageError extends Error {}

export interface ReadArgs {
  positionals: string[];
  /** The value of each string option given (the last one when given twice). */
  strings: Map<string, string>;
  /** Every value of each string option, in the order given. */
  all: Map<string, string[]>;
  /** The boolean options given. */
  flags: Set<string>;
}

/**
 * Reads `argv` (`--name value`, `--name=value`, positionals, `--` before positionals only). Not in
 * parseArgs's strict mode, so that the errors are the CLI's own: `--x: unknown option` and
 * `--x: needs a value`, and a value may start with a dash (`--seed -1` is a bad seed, not a flag).
 */
export function readArgs(
  argv: readonly string[],
  spec: { strings: readonly string[]; flags?: readonly string[] },
): ReadArgs {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of spec.strings) options[name] = { type: 'string' };
  for (const name of spec.flags ?? []) options[name] = { type: 'boolean' };
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const read: ReadArgs = { positionals: [], strings: new Map(), all: new Map(), flags: new Set() };
  for (const token of tokens) {
    if (token.kind === 'positional') read.positionals.push(token.value);
    if (token.kind !== 'option') continue;
    if (spec.strings.includes(token.name)) {
      if (token.value === undefined || token.value === '')
        throw new UsageError(`${token.rawName}: needs a value`);
      read.strings.set(token.name, token.value);
      read.all.set(token.name, [...(read.all.get(token.name) ?? []), token.value]);
    } else if (spec.flags?.includes(token.name)) read.flags.add(token.name);
    else throw new UsageError(`${token.rawName}: unknown option`);
  }
  return read;
}

/** `--profile`: one of the broker profiles. */
export function profileArg(raw: string | undefined): BrokerProfileName | undefined {
  if (raw === undefined) return undefined;
  const profile = BROKER_PROFILES.find((p) => p === raw);
  if (profile === undefined)
    throw new UsageError(
      `--profile: must be one of ${BROKER_PROFILES.join(', ')} (got ${JSON.stringify(raw)})`,
    );
  return profile;
}

export interface SimArgs {
  scenario: string;
  out: string | null;
  seed: number | undefined;
  profile: BrokerProfileName | undefined;
  /** Every `--against` (at most one TCP and one WebSocket address: checked by the real run). */
  against: string[];
  yes: boolean;
}

export const SIM_USAGE =
  'usage: npm run sim -- <scenario.json | preset> [--out trace.jsonl] [--seed N] [--profile P] [--against URL [--against WS-URL] --yes]';

/** `--seed`: a 32-bit unsigned integer, written in decimal digits. */
function seedArg(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const seed = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(seed) || seed > 0xffffffff)
    throw new UsageError(`--seed: must be an integer 0..4294967295 (got ${JSON.stringify(raw)})`);
  return seed;
}

export function parseSimArgs(argv: readonly string[]): SimArgs {
  const { positionals, strings, all, flags } = readArgs(argv, {
    strings: ['out', 'seed', 'profile', 'against'],
    flags: ['yes'],
  });
  const seed = seedArg(strings.get('seed'));
  const profile = profileArg(strings.get('profile'));
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'missing the scenario file or preset name'
        : `one scenario only (got ${positionals.length})`,
    );
  }
  return {
    scenario: positionals[0],
    out: strings.get('out') ?? null,
    seed,
    profile,
    against: all.get('against') ?? [],
    yes: flags.has('yes'),
  };
}
