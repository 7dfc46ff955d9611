// Golden traces: the exact JSONL bytes of every preset and of generated worlds are pinned by their
// SHA-256 (and the counters-only run by its summary), so a change that alters a single byte of any
// trace fails here. Optimisations of the simulator must keep every hash.
//
// Regenerate only for a deliberate change of behaviour:
//   GOLDEN_UPDATE=1 GOLDEN_FULL=1 npx vitest run tests/sim/golden.test.ts
// GOLDEN_FULL=1 also checks the slow cases (fleet-100k's whole hour, about a minute).

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { simulationHeader, startRun } from '../../src/sim/run';
import { CountingSink } from '../../src/trace/counters';
import { JsonlSink } from '../../src/trace/jsonlWriter';
import { goldenCases, type GoldenCase } from './goldenCases';

interface Pinned {
  /** SHA-256 of the JSONL trace, header included. */
  sha256: string;
  lines: number;
  /** SHA-256 of the CountingSink summary of the same run (the path that skips packet details). */
  counters: string;
}

const FIXTURE = fileURLToPath(new URL('../fixtures/golden/traces.json', import.meta.url));
const update = process.env.GOLDEN_UPDATE === '1';
const full = process.env.GOLDEN_FULL === '1';

function readPinned(): Record<string, Pinned> {
  try {
    return (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: Record<string, Pinned> }).cases;
  } catch {
    if (update) return {};
    throw new Error(`no golden fixture at ${FIXTURE}: run with GOLDEN_UPDATE=1 once`);
  }
}

function pin(c: GoldenCase): Pinned {
  const hash = createHash('sha256');
  let lines = 0;
  const sim = startRun(
    c.scenario,
    new JsonlSink(simulationHeader(c.scenario), (line) => {
      hash.update(line);
      lines++;
    }),
  );
  sim.runUntil(c.untilMs ?? c.scenario.durationMs);
  const counts = new CountingSink();
  startRun(c.scenario, counts).runUntil(c.untilMs ?? c.scenario.durationMs);
  const counters = createHash('sha256').update(JSON.stringify(counts.summary())).digest('hex');
  return { sha256: hash.digest('hex'), lines, counters };
}

const pinned = readPinned();
const seen: Record<string, Pinned> = {};

describe('golden traces', () => {
  // The slow cases are not tests at all without GOLDEN_FULL=1 (rather than skipped ones).
  for (const c of goldenCases().filter((g) => full || g.slow !== true)) {
    it(`${c.name}: the trace is byte-identical`, { timeout: 600_000 }, () => {
      const got = pin(c);
      seen[c.name] = got;
      if (!update) expect(got).toEqual(pinned[c.name]);
    });
  }

  afterAll(() => {
    if (!update) return;
    const cases = { ...pinned, ...seen };
    const note =
      "SHA-256 of each golden case's JSONL trace (tests/sim/golden.test.ts). Regenerate only for a deliberate " +
      'change of behaviour: GOLDEN_UPDATE=1 GOLDEN_FULL=1 npx vitest run tests/sim/golden.test.ts';
    writeFileSync(FIXTURE, JSON.stringify({ note, cases }, null, 2) + '\n');
  });
});
