// The scenario validator and the deep-link reader, fuzzed: random values, valid scenarios with one
// field set to something hostile, random hashes. They throw nothing but their own error, never hang,
// and what they accept can be sized and resolved within the limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DeepLinkError,
  MAX_CLIENTS,
  MAX_RUN_EVENTS,
  ScenarioError,
  estimateScenarioSize,
  parseLocationHash,
  parseScenario,
  parseScenarioText,
  resolveScenario,
} from '../../src/scenario';
import { fullScenario, withField } from './helpers';

/** Runs `f` and returns what it threw (or null), failing on a slow run. */
function thrown(f: () => unknown, ms = 1000): unknown {
  const start = performance.now();
  try {
    f();
    return null;
  } catch (err) {
    return err;
  } finally {
    expect(performance.now() - start).toBeLessThan(ms);
  }
}

const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(
    1e-9,
    1e300,
    Infinity,
    -0,
    2 ** 53,
    1_000_000,
    '\u0000',
    '\ud800',
    'a'.repeat(70_000),
    '{n}'.repeat(30_000),
    { base64: 'AA==' },
    Array.from({ length: 200 }, () => 'cmd/#'),
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Every path of the full scenario, to set one of them to a hostile value. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k])),
  ];
}
const PATHS = paths(fullScenario()).filter((p) => p.length > 0);

describe('the scenario validator, fuzzed', () => {
  it('throws only ScenarioError for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const err = thrown(() => parseScenario(value));
        if (err !== null) expect(err).toBeInstanceOf(ScenarioError);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a valid scenario with one field made hostile only when it can run within the limits', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), hostileValue, (path, value) => {
        const input = withField(fullScenario(), path, value);
        const err = thrown(() => {
          const s = parseScenario(input);
          const size = estimateScenarioSize(s);
          expect(size.clients).toBeLessThanOrEqual(MAX_CLIENTS);
          expect(size.events).toBeLessThanOrEqual(MAX_RUN_EVENTS);
          resolveScenario(s);
        });
        if (err !== null) expect(err).toBeInstanceOf(ScenarioError);
      }),
      { numRuns: 500 },
    );
  });

  it('throws only ScenarioError for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json()), (text) => {
        const err = thrown(() => parseScenarioText(text));
        if (err !== null) expect(err).toBeInstanceOf(ScenarioError);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the deep-link reader, fuzzed', () => {
  it('throws only DeepLinkError for any hash', () => {
    const part = fc.oneof(
      fc.constantFrom(
        'preset=',
        'scenario=',
        'live=',
        'lesson=',
        'lesson-data=',
        'play=1',
        'view=',
        'sel=',
        '&',
        '%',
      ),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.base64String({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const err = thrown(() => parseLocationHash('#' + parts.join('')));
        if (err !== null) expect(err).toBeInstanceOf(DeepLinkError);
      }),
      { numRuns: 500 },
    );
  });
});
