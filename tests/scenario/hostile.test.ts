// Hostile scenarios (tests/fixtures/hostile/): runs too big to build or to finish, strings that are
// no MQTT strings, floods of problems. Each is refused while it is validated, quickly, with an error
// naming the path and the limit; nothing is expanded first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DeepLinkError,
  MAX_CLIENTS,
  MAX_RUN_EVENTS,
  PRESETS,
  estimateScenarioSize,
  parseLocationHash,
  parseScenario,
  parseScenarioText,
} from '../../src/scenario';
import { FIXTURES } from '../live/support/fixtures';
import { issueLines, minimalScenario } from './helpers';

const hostile = (name: string): string => readFileSync(join(FIXTURES, 'hostile', name), 'utf8');

/** Runs `f`, failing if it takes longer than validation ever should. */
function quick<T>(f: () => T, ms = 500): T {
  const start = performance.now();
  const out = f();
  expect(performance.now() - start).toBeLessThan(ms);
  return out;
}

describe('scenarios too big to run', () => {
  it('refuses a 473-character link for 20 groups of a million clients before expanding any', () => {
    const link = hostile('link-20-groups-of-1m-clients.txt').trim();
    expect(link.length).toBeLessThan(500);
    const err = quick(() => {
      try {
        parseLocationHash(link);
      } catch (e) {
        return e;
      }
      return null;
    });
    expect(err).toBeInstanceOf(DeepLinkError);
    expect((err as Error).message).toContain(
      `clients: must make at most ${MAX_CLIENTS} clients in all (got 20000000)`,
    );
  });

  it('refuses a publish period of 1e-9 ms, naming the field and the shortest period', () => {
    expect(
      quick(() => issueLines(() => parseScenarioText(hostile('scenario-publish-every-1e-9-ms.json')))),
    ).toEqual(['clients[0].publish.everyMs: must be a number >= 1 (got 1e-9)']);
  });

  it('refuses a million clients for a week by their number', () => {
    expect(
      quick(() => issueLines(() => parseScenarioText(hostile('scenario-1m-clients-7-days.json')))),
    ).toEqual([`clients: must make at most ${MAX_CLIENTS} clients in all (got 1000000)`]);
  });

  it('refuses 150 000 clients for a week by the trace events they would make, naming the biggest group', () => {
    const lines = quick(() =>
      issueLines(() => parseScenarioText(hostile('scenario-150k-clients-7-days.json'))),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^clients\[1\]: makes about [\d,]+ of the run's [\d,]+ estimated trace events, more than the 50,000,000 a run may make/,
    );
  });

  it('stops decompressing a 5 730-character link that would expand to 5 million characters', () => {
    const bomb = hostile('link-bomb.txt').trim();
    expect(() => quick(() => parseLocationHash(bomb))).toThrow(
      'scenario: decompresses to more than 4000000 characters',
    );
  });

  it('lets every preset through, none of them big enough to ask first', () => {
    for (const p of PRESETS) {
      const size = estimateScenarioSize(p.scenario);
      expect(size.events).toBeLessThanOrEqual(MAX_RUN_EVENTS);
      expect(size.big).toBe(false);
    }
  });

  it('estimates the size of a big run without building it, close to what the fleet preset makes', () => {
    const fleet = PRESETS.find((p) => p.name === 'fleet-100k')!.scenario;
    const size = quick(() => estimateScenarioSize(fleet), 50);
    expect(size.clients).toBe(100_001);
    // `npm run sim -- fleet-100k` makes 12 401 541 trace events.
    expect(size.events).toBeGreaterThan(12_401_541 * 0.9);
    expect(size.events).toBeLessThan(12_401_541 * 1.1);
    expect(size.traceBytes).toBeGreaterThan(1e9);
  });
});

describe('strings that are no MQTT strings', () => {
  it('refuses NUL and lone surrogates in client IDs, topic names and filters, naming each', () => {
    expect(issueLines(() => parseScenarioText(hostile('scenario-nul-and-lone-surrogates.json')))).toEqual([
      'clients[0].id: must not contain the NUL character (got "nul\\u0000id")',
      'clients[1].id: must be well-formed UTF-8 (a lone surrogate U+D800 at index 4) (got "lone\\ud800")',
      'clients[1].will.topic: must not contain the NUL character (got "w/\\u0000")',
      'clients[1].publish.topic: must be well-formed UTF-8 (a lone surrogate U+DC00 at index 2) (got "a/\\udc00")',
      'clients[1].subscribe[0]: must be well-formed UTF-8 (a lone surrogate U+D83D at index 2) (got "s/\\ud83d/+")',
    ]);
  });

  it('accepts surrogate pairs (an emoji) in client IDs and topics', () => {
    const s = {
      ...minimalScenario(),
      clients: [{ id: 'sensor-🌡', keepAlive: 10, publish: { topic: '🌡/t', everyMs: 10 } }],
    };
    expect(issueLines(() => parseScenario(s))).toEqual([]);
  });
});

describe('floods of problems', () => {
  it('lists 50 of 200 000 unknown keys and counts the rest in one line', () => {
    const s: Record<string, unknown> = { ...minimalScenario() };
    for (let i = 0; i < 200_000; i++) s[`k${i}`] = i;
    const lines = quick(() => issueLines(() => parseScenario(s)), 2000);
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe('k0: unknown key');
    expect(lines[50]).toBe('(root): and 199950 more problems, not listed');
  });

  it('shortens a 70 000-character key in the path it reports', () => {
    const key = 'x'.repeat(70_000);
    const lines = issueLines(() => parseScenario({ ...minimalScenario(), [key]: 1 }));
    expect(lines).toEqual([`["${'x'.repeat(48)}"… (70000 characters)]: unknown key`]);
  });

  it('reads a scenario file that starts with a byte order mark', () => {
    expect(parseScenarioText(hostile('scenario-with-bom.json')).name).toBe('saved with a BOM');
  });

  it('reports text that is not JSON at the root, not as an exception of its own', () => {
    expect(issueLines(() => parseScenarioText('{"scenario": 1,'))).toEqual([
      expect.stringMatching(/^\(root\): is not JSON \(/),
    ]);
    expect(issueLines(() => parseScenarioText(' '.repeat(4_000_001)))).toEqual([
      '(root): must be at most 4000000 characters of JSON (got 4000001)',
    ]);
  });
});
