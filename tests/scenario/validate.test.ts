import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ScenarioError,
  loadScenario,
  parseScenario,
  resolveScenario,
  MAX_DURATION_MS,
} from '../../src/scenario/validate';
import {
  ACTIONS,
  BROKER_PROFILES,
  type ClientSpec,
  type Qos,
  type Scenario,
  type ScenarioEvent,
} from '../../src/scenario/types';
import { MAX_RUN_EVENTS } from '../../src/scenario/limits';
import { estimateScenarioSize } from '../../src/scenario/size';
import { fullScenario, issueLines, minimalScenario } from './helpers';

const qos = fc.constantFrom<Qos>(0, 1, 2);
const level = fc.stringMatching(/^[a-z0-9]{1,5}$/);
const topic = fc.array(level, { minLength: 1, maxLength: 4 }).map((levels) => levels.join('/'));
const idTopic = fc.tuple(topic, fc.boolean()).map(([t, withId]) => (withId ? `${t}/{id}` : t));
const filter = fc
  .tuple(
    fc.array(fc.oneof(level, fc.constant('+'), fc.constant('{id}')), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([levels, hash]) => [...levels, ...(hash ? ['#'] : [])].join('/'));
const ms = fc.integer({ min: 0, max: 1_000_000 });

const group = fc.record(
  {
    count: fc.integer({ min: 1, max: 40 }),
    keepAlive: fc.integer({ min: 0, max: 65535 }),
    connectAtMs: fc.option(ms, { nil: null }),
    connectSpreadMs: ms,
    cleanStart: fc.boolean(),
    sessionExpiry: fc.integer({ min: 0, max: 4294967295 }),
    protocol: fc.constantFrom<4 | 5>(4, 5),
    will: fc.record(
      {
        topic: idTopic,
        payload: fc.string(),
        qos,
        retain: fc.boolean(),
        delay: fc.integer({ min: 0, max: 4294967295 }),
      },
      { requiredKeys: ['topic'] },
    ),
    publish: fc.record(
      {
        topic: idTopic,
        everyMs: fc.integer({ min: 1, max: 100_000 }),
        qos,
        retain: fc.boolean(),
        payload: fc.string(),
        offsetMs: ms,
        offsetSpreadMs: ms,
      },
      { requiredKeys: ['topic', 'everyMs'] },
    ),
    subscribe: fc.array(fc.oneof(filter, fc.record({ topic: filter, qos }, { requiredKeys: ['topic'] })), {
      maxLength: 3,
    }),
    reconnect: fc
      .tuple(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
      )
      .map(([minMs, extra, jitter]) => ({ minMs, maxMs: minMs + extra, jitter })),
  },
  { requiredKeys: ['keepAlive'] },
);

/** A valid scenario: groups with distinct prefixes, events naming clients that exist. */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 0, max: 4294967295 }),
    durationMs: fc.integer({ min: 1, max: MAX_DURATION_MS }),
    protocol: fc.option(fc.constantFrom<4 | 5>(4, 5), { nil: undefined }),
    profile: fc.constantFrom(...BROKER_PROFILES),
    latencyMs: fc.integer({ min: 0, max: 500 }),
    loss: fc.double({ min: 0, max: 1, noNaN: true }),
    groups: fc.array(group, { minLength: 1, maxLength: 5 }),
  })
  .chain((base) => {
    const clients: ClientSpec[] = base.groups.map((g, i) => ({
      ...g,
      id: (g.count ?? 1) > 1 ? `g${i}-{n}` : `g${i}`,
    }));
    const ids = clients.flatMap((c) =>
      Array.from({ length: c.count ?? 1 }, (_, k) => c.id.replaceAll('{n}', String(k + 1))),
    );
    const event: fc.Arbitrary<ScenarioEvent> = fc
      .record({
        atMs: fc.integer({ min: 0, max: base.durationMs }),
        act: fc.constantFrom(...ACTIONS.filter((a) => a !== 'disconnect-with-will')),
        client: fc.constantFrom(...ids),
        topic,
        downMs: fc.integer({ min: 1, max: 60_000 }),
      })
      .map(({ atMs, act, client, topic: t, downMs }) =>
        act === 'broker-restart'
          ? { atMs, do: act, downMs }
          : act === 'publish'
            ? { atMs, do: act, client, topic: t }
            : { atMs, do: act, client },
      );
    return fc.array(event, { maxLength: 10 }).map((events): Scenario => ({
      scenario: 1,
      name: 'generated',
      seed: base.seed,
      durationMs: base.durationMs,
      ...(base.protocol === undefined ? {} : { protocol: base.protocol }),
      broker: { profile: base.profile },
      network: { latencyMs: base.latencyMs, loss: base.loss },
      clients,
      events,
    }));
  });

describe('loadScenario', () => {
  it('parses and resolves in one step', () => {
    const r = loadScenario(JSON.parse(JSON.stringify(fullScenario())));
    expect(r.clients.map((c) => c.id)).toEqual(['sensor-1', 'sensor-2', 'sensor-3', 'dashboard']);
  });

  it('stops at format issues before resolving', () => {
    const bad = { ...minimalScenario(), events: [{ atMs: 0, client: 'ghost', do: 'crash' }], seed: -1 };
    expect(issueLines(() => loadScenario(bad))).toEqual(['seed: must be 0..4294967295 (got -1)']);
  });

  it('throws ScenarioError for resolve-time problems too', () => {
    const bad = { ...minimalScenario(), events: [{ atMs: 0, client: 'ghost', do: 'crash' }] };
    expect(() => loadScenario(bad)).toThrow(ScenarioError);
  });

  it('resolves every generated valid scenario without throwing, keeping its client count', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        // Valid in every field, but not every generated run is small enough to make (parse.test.ts).
        fc.pre(estimateScenarioSize(s).events <= MAX_RUN_EVENTS);
        const r = resolveScenario(parseScenario(JSON.parse(JSON.stringify(s))));
        const expected = s.clients.reduce((sum, c) => sum + (c.count ?? 1), 0);
        expect(r.clients).toHaveLength(expected);
        expect(new Set(r.clients.map((c) => c.id)).size).toBe(expected);
        expect(r.events).toHaveLength(s.events?.length ?? 0);
        for (let i = 1; i < r.events.length; i++)
          expect(r.events[i].atMs).toBeGreaterThanOrEqual(r.events[i - 1].atMs);
        for (const c of r.clients) {
          if (c.protocol === 4) expect(c.sessionExpiry).toBe(0);
          expect(JSON.stringify(c)).not.toContain('{id}');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reports an unknown key added anywhere in a generated scenario by its path', () => {
    fc.assert(
      fc.property(scenario, fc.stringMatching(/^[a-z]{1,8}Z$/), (s, key) => {
        const input = JSON.parse(JSON.stringify(s)) as { clients: Record<string, unknown>[] };
        input.clients[0][key] = 1;
        expect(issueLines(() => parseScenario(input))).toEqual([`clients[0].${key}: unknown key`]);
      }),
      { numRuns: 50 },
    );
  });
});
