import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse';
import { ScenarioError } from '../../src/scenario/errors';
import { fullScenario, issueLines, minimalScenario, withField } from './helpers';

type Case = [rule: string, path: (string | number)[], value: unknown, line: string];

const LONG_ID = 'x'.repeat(65536);
const TWO_BYTE_ID = 'é'.repeat(32768); // 65536 bytes in UTF-8, 32768 UTF-16 units

// One row per rule: setting `path` to `value` in a valid scenario gives exactly `line`.
const CASES: Case[] = [
  ['scenario must be 1', ['scenario'], 2, 'scenario: must be 1 (got 2)'],
  ['scenario is required', ['scenario'], undefined, 'scenario: is required (1)'],
  ['name must be a non-empty string', ['name'], '', 'name: must be a non-empty string (got "")'],
  ['name must be a string', ['name'], 7, 'name: must be a non-empty string (got 7)'],
  ['description must be a string', ['description'], false, 'description: must be a string (got false)'],
  ['seed must be an integer', ['seed'], 1.5, 'seed: must be an integer 0..4294967295 (got 1.5)'],
  ['seed must fit 32 bits', ['seed'], 2 ** 32, 'seed: must be 0..4294967295 (got 4294967296)'],
  ['seed must not be negative', ['seed'], -1, 'seed: must be 0..4294967295 (got -1)'],
  [
    'durationMs must be positive',
    ['durationMs'],
    0,
    'durationMs: must be a number > 0 and <= 604800000 (7 days) (got 0)',
  ],
  [
    'durationMs must be at most 7 days',
    ['durationMs'],
    604_800_001,
    'durationMs: must be a number > 0 and <= 604800000 (7 days) (got 604800001)',
  ],
  [
    'durationMs must be a number',
    ['durationMs'],
    '60s',
    'durationMs: must be a number > 0 and <= 604800000 (7 days) (got "60s")',
  ],
  ['protocol must be 4 or 5', ['protocol'], 3, 'protocol: must be 4 or 5 (got 3)'],
  ['broker must be an object', ['broker'], 'spec', 'broker: must be an object (got "spec")'],
  [
    'broker.profile must be a known profile',
    ['broker', 'profile'],
    'mosquitto',
    'broker.profile: must be one of "spec", "mosquitto-2.0", "emqx", "hivemq", "aedes", "rabbitmq-3.10", "activemq-5.17", "ejabberd-23" (got "mosquitto")',
  ],
  [
    'broker.serverKeepAlive must be null or 0..65535',
    ['broker', 'serverKeepAlive'],
    65536,
    'broker.serverKeepAlive: must be null or an integer 0..65535 (got 65536)',
  ],
  ['network must be an object', ['network'], [], 'network: must be an object (got [])'],
  [
    'network.latencyMs is required',
    ['network', 'latencyMs'],
    undefined,
    'network.latencyMs: is required (a number >= 0)',
  ],
  [
    'network.latencyMs must be >= 0',
    ['network', 'latencyMs'],
    -1,
    'network.latencyMs: must be a number >= 0 (got -1)',
  ],
  [
    'network.jitterMs must be >= 0',
    ['network', 'jitterMs'],
    -0.5,
    'network.jitterMs: must be a number >= 0 (got -0.5)',
  ],
  ['network.loss must be 0..1', ['network', 'loss'], 1.5, 'network.loss: must be a number 0..1 (got 1.5)'],
  ['clients is required', ['clients'], undefined, 'clients: is required (a non-empty array of clients)'],
  ['clients must not be empty', ['clients'], [], 'clients: must be a non-empty array of clients (got [])'],
  ['clients must be an array', ['clients'], {}, 'clients: must be a non-empty array of clients (got {})'],
  [
    'a client must be an object',
    ['clients', 1],
    'dashboard',
    'clients[1]: must be an object (got "dashboard")',
  ],
  [
    'client id is required',
    ['clients', 1, 'id'],
    undefined,
    'clients[1].id: is required (a non-empty string)',
  ],
  [
    'client id must not be empty',
    ['clients', 1, 'id'],
    '',
    'clients[1].id: must be a non-empty string (got "")',
  ],
  [
    'client id must fit 65535 bytes',
    ['clients', 1, 'id'],
    LONG_ID,
    `clients[1].id: must be at most 65535 UTF-8 bytes (got "${'x'.repeat(78)}…)`,
  ],
  [
    'client id length counts UTF-8 bytes',
    ['clients', 1, 'id'],
    TWO_BYTE_ID,
    `clients[1].id: must be at most 65535 UTF-8 bytes (got "${'é'.repeat(78)}…)`,
  ],
  ['count must be >= 1', ['clients', 0, 'count'], 0, 'clients[0].count: must be 1..1000000 (got 0)'],
  [
    'library must be a known client library',
    ['clients', 0, 'library'],
    'paho',
    'clients[0].library: must be "mqttjs-5", "paho-python" or "spec" (got "paho")',
  ],
  [
    'count must be <= 1000000',
    ['clients', 0, 'count'],
    1_000_001,
    'clients[0].count: must be 1..1000000 (got 1000001)',
  ],
  [
    'count must be an integer',
    ['clients', 0, 'count'],
    2.5,
    'clients[0].count: must be an integer 1..1000000 (got 2.5)',
  ],
  [
    'a group needs {n} in its id',
    ['clients', 0, 'id'],
    'sensor',
    'clients[0].id: must contain {n} when count > 1 (got "sensor")',
  ],
  [
    'keepAlive is required',
    ['clients', 1, 'keepAlive'],
    undefined,
    'clients[1].keepAlive: is required (an integer 0..65535)',
  ],
  [
    'keepAlive must be 0..65535',
    ['clients', 1, 'keepAlive'],
    70000,
    'clients[1].keepAlive: must be 0..65535 (got 70000)',
  ],
  [
    'keepAlive must be whole seconds',
    ['clients', 1, 'keepAlive'],
    2.5,
    'clients[1].keepAlive: must be an integer 0..65535 (got 2.5)',
  ],
  [
    'connectAtMs must be null or >= 0',
    ['clients', 0, 'connectAtMs'],
    -5,
    'clients[0].connectAtMs: must be null or a number >= 0 (got -5)',
  ],
  [
    'connectSpreadMs must be >= 0',
    ['clients', 0, 'connectSpreadMs'],
    -1,
    'clients[0].connectSpreadMs: must be a number >= 0 (got -1)',
  ],
  [
    'cleanStart must be boolean',
    ['clients', 0, 'cleanStart'],
    'no',
    'clients[0].cleanStart: must be true or false (got "no")',
  ],
  [
    'sessionExpiry must fit 32 bits',
    ['clients', 0, 'sessionExpiry'],
    4294967296,
    'clients[0].sessionExpiry: must be 0..4294967295 (got 4294967296)',
  ],
  [
    'client protocol must be 4 or 5',
    ['clients', 0, 'protocol'],
    3,
    'clients[0].protocol: must be 4 or 5 (got 3)',
  ],
  ['will must be an object', ['clients', 0, 'will'], true, 'clients[0].will: must be an object (got true)'],
  [
    'will.topic is required',
    ['clients', 0, 'will', 'topic'],
    undefined,
    'clients[0].will.topic: is required (a topic name without wildcards)',
  ],
  [
    'will.topic must not be empty',
    ['clients', 0, 'will', 'topic'],
    '',
    'clients[0].will.topic: must not be empty (got "")',
  ],
  [
    'will.topic must not contain +',
    ['clients', 0, 'will', 'topic'],
    'a/+/b',
    'clients[0].will.topic: must be a topic name without the wildcards + and # (got "a/+/b")',
  ],
  [
    'will.topic must not contain #',
    ['clients', 0, 'will', 'topic'],
    'a/#',
    'clients[0].will.topic: must be a topic name without the wildcards + and # (got "a/#")',
  ],
  [
    'will.topic must not contain NUL',
    ['clients', 0, 'will', 'topic'],
    'a\u0000b',
    'clients[0].will.topic: must not contain the NUL character (got "a\\u0000b")',
  ],
  [
    'will.topic must be a string',
    ['clients', 0, 'will', 'topic'],
    5,
    'clients[0].will.topic: must be a topic name string (got 5)',
  ],
  [
    'will.payload must be a string',
    ['clients', 0, 'will', 'payload'],
    5,
    'clients[0].will.payload: must be a string (got 5)',
  ],
  [
    'will.qos must be 0..2',
    ['clients', 0, 'will', 'qos'],
    3,
    'clients[0].will.qos: must be 0, 1 or 2 (got 3)',
  ],
  [
    'will.retain must be boolean',
    ['clients', 0, 'will', 'retain'],
    1,
    'clients[0].will.retain: must be true or false (got 1)',
  ],
  [
    'will.delay must be >= 0',
    ['clients', 0, 'will', 'delay'],
    -1,
    'clients[0].will.delay: must be 0..4294967295 (got -1)',
  ],
  [
    'will.delay must be whole seconds',
    ['clients', 0, 'will', 'delay'],
    0.5,
    'clients[0].will.delay: must be an integer 0..4294967295 (got 0.5)',
  ],
  [
    'publish must be an object',
    ['clients', 0, 'publish'],
    'x',
    'clients[0].publish: must be an object (got "x")',
  ],
  [
    'publish.topic must be a topic name',
    ['clients', 0, 'publish', 'topic'],
    'a/#',
    'clients[0].publish.topic: must be a topic name without the wildcards + and # (got "a/#")',
  ],
  [
    'publish.everyMs is required',
    ['clients', 0, 'publish', 'everyMs'],
    undefined,
    'clients[0].publish.everyMs: is required (a number >= 1)',
  ],
  [
    'publish.everyMs must be at least 1 ms',
    ['clients', 0, 'publish', 'everyMs'],
    0,
    'clients[0].publish.everyMs: must be a number >= 1 (got 0)',
  ],
  [
    'publish.qos must be 0..2',
    ['clients', 0, 'publish', 'qos'],
    -1,
    'clients[0].publish.qos: must be 0, 1 or 2 (got -1)',
  ],
  [
    'publish.retain must be boolean',
    ['clients', 0, 'publish', 'retain'],
    null,
    'clients[0].publish.retain: must be true or false (got null)',
  ],
  [
    'publish.payload must be a string',
    ['clients', 0, 'publish', 'payload'],
    { a: 1 },
    'clients[0].publish.payload: must be a string (got {"a":1})',
  ],
  [
    'publish.offsetMs must be >= 0',
    ['clients', 0, 'publish', 'offsetMs'],
    -1,
    'clients[0].publish.offsetMs: must be a number >= 0 (got -1)',
  ],
  [
    'publish.offsetSpreadMs must be >= 0',
    ['clients', 0, 'publish', 'offsetSpreadMs'],
    -1,
    'clients[0].publish.offsetSpreadMs: must be a number >= 0 (got -1)',
  ],
  [
    'subscribe must be an array',
    ['clients', 0, 'subscribe'],
    'a/#',
    'clients[0].subscribe: must be an array of topic filters (got "a/#")',
  ],
  [
    'a filter may use # only at the end',
    ['clients', 0, 'subscribe', 0],
    'a/#/b',
    'clients[0].subscribe[0]: must use # only as a whole level at the end of the filter (got "a/#/b")',
  ],
  [
    'a filter may use # only alone in its level',
    ['clients', 0, 'subscribe', 0],
    'a/b#',
    'clients[0].subscribe[0]: must use # only as a whole level at the end of the filter (got "a/b#")',
  ],
  [
    'a filter may use + only alone in its level',
    ['clients', 0, 'subscribe', 0],
    'a/b+/c',
    'clients[0].subscribe[0]: must use + only as a whole level (got "a/b+/c")',
  ],
  [
    'a filter must not be empty',
    ['clients', 0, 'subscribe', 0],
    '',
    'clients[0].subscribe[0]: must not be empty (got "")',
  ],
  [
    'a subscription entry is a string or an object',
    ['clients', 0, 'subscribe', 0],
    7,
    'clients[0].subscribe[0]: must be a topic filter string or { "topic", "qos" } (got 7)',
  ],
  [
    'a subscription object checks its filter',
    ['clients', 0, 'subscribe', 1, 'topic'],
    '#/a',
    'clients[0].subscribe[1].topic: must use # only as a whole level at the end of the filter (got "#/a")',
  ],
  [
    'a subscription object needs a topic',
    ['clients', 0, 'subscribe', 1, 'topic'],
    undefined,
    'clients[0].subscribe[1].topic: is required (a topic filter)',
  ],
  [
    'a subscription qos must be 0..2',
    ['clients', 0, 'subscribe', 1, 'qos'],
    4,
    'clients[0].subscribe[1].qos: must be 0, 1 or 2 (got 4)',
  ],
  [
    'reconnect must be an object',
    ['clients', 0, 'reconnect'],
    true,
    'clients[0].reconnect: must be an object (got true)',
  ],
  [
    'reconnect.minMs must be at least 1 ms',
    ['clients', 0, 'reconnect', 'minMs'],
    0,
    'clients[0].reconnect.minMs: must be a number >= 1 (got 0)',
  ],
  [
    'reconnect.maxMs must be >= minMs',
    ['clients', 0, 'reconnect', 'maxMs'],
    999,
    'clients[0].reconnect.maxMs: must be a number >= minMs (1000) (got 999)',
  ],
  [
    'reconnect.maxMs is required',
    ['clients', 0, 'reconnect', 'maxMs'],
    undefined,
    'clients[0].reconnect.maxMs: is required (a number >= minMs (1000))',
  ],
  [
    'reconnect.jitter must be 0..1',
    ['clients', 0, 'reconnect', 'jitter'],
    1.01,
    'clients[0].reconnect.jitter: must be a number 0..1 (got 1.01)',
  ],
  ['events must be an array', ['events'], {}, 'events: must be an array of events (got {})'],
  ['an event must be an object', ['events', 0], 'crash', 'events[0]: must be an object (got "crash")'],
  [
    'event atMs is required',
    ['events', 0, 'atMs'],
    undefined,
    'events[0].atMs: is required (a number 0..60000 (durationMs))',
  ],
  [
    'event atMs must be >= 0',
    ['events', 0, 'atMs'],
    -1,
    'events[0].atMs: must be a number 0..60000 (durationMs) (got -1)',
  ],
  [
    'event atMs must be within durationMs',
    ['events', 0, 'atMs'],
    60_001,
    'events[0].atMs: must be a number 0..60000 (durationMs) (got 60001)',
  ],
  [
    'event do must be an action',
    ['events', 0, 'do'],
    'explode',
    'events[0].do: must be one of "connect", "disconnect", "disconnect-with-will", "crash", "power-off", "power-on", "link-down", "link-up", "clone", "broker-restart", "publish" (got "explode")',
  ],
  [
    'event client is required',
    ['events', 0, 'client'],
    undefined,
    'events[0].client: is required (a non-empty string)',
  ],
  [
    'event client must be a string',
    ['events', 0, 'client'],
    3,
    'events[0].client: must be a non-empty string (got 3)',
  ],
  [
    'broker-restart takes no client',
    ['events', 1, 'client'],
    'sensor-1',
    'events[1].client: not allowed with "broker-restart" (it hits every client) (got "sensor-1")',
  ],
  [
    'broker-restart requires downMs',
    ['events', 1, 'downMs'],
    undefined,
    'events[1].downMs: is required (a number > 0)',
  ],
  [
    'broker-restart downMs must be > 0',
    ['events', 1, 'downMs'],
    0,
    'events[1].downMs: must be a number > 0 (got 0)',
  ],
  [
    'downMs is only for broker-restart',
    ['events', 0, 'downMs'],
    100,
    'events[0].downMs: only for "broker-restart", not with "crash" (got 100)',
  ],
  [
    'publish requires a topic',
    ['events', 2, 'topic'],
    undefined,
    'events[2].topic: is required (a topic name without wildcards)',
  ],
  [
    'publish topic must be a topic name',
    ['events', 2, 'topic'],
    'cmd/+',
    'events[2].topic: must be a topic name without the wildcards + and # (got "cmd/+")',
  ],
  [
    'publish payload must be a string',
    ['events', 2, 'payload'],
    1,
    'events[2].payload: must be a string (got 1)',
  ],
  ['publish qos must be 0..2', ['events', 2, 'qos'], 5, 'events[2].qos: must be 0, 1 or 2 (got 5)'],
  [
    'publish retain must be boolean',
    ['events', 2, 'retain'],
    'yes',
    'events[2].retain: must be true or false (got "yes")',
  ],
  [
    'topic is only for publish',
    ['events', 0, 'topic'],
    'a',
    'events[0].topic: only for "publish", not with "crash" (got "a")',
  ],
  [
    'payload is only for publish',
    ['events', 0, 'payload'],
    'a',
    'events[0].payload: only for "publish", not with "crash" (got "a")',
  ],
  [
    'qos is only for publish',
    ['events', 0, 'qos'],
    1,
    'events[0].qos: only for "publish", not with "crash" (got 1)',
  ],
  [
    'retain is only for publish',
    ['events', 0, 'retain'],
    true,
    'events[0].retain: only for "publish", not with "crash" (got true)',
  ],
];

describe('parseScenario', () => {
  it('accepts a scenario that uses every field and returns it unchanged', () => {
    const s = fullScenario();
    expect(parseScenario(structuredClone(s))).toEqual(s);
  });

  it('accepts the smallest scenario', () => {
    expect(() => parseScenario(minimalScenario())).not.toThrow();
  });

  it.each(CASES)('reports the rule "%s" with its path and the rejected value', (_rule, path, value, line) => {
    expect(issueLines(() => parseScenario(withField(fullScenario(), path, value)))).toEqual([line]);
  });

  it('rejects input that is not an object at the root', () => {
    expect(issueLines(() => parseScenario(null))).toEqual(['(root): must be an object (got null)']);
    expect(issueLines(() => parseScenario([1]))).toEqual(['(root): must be an object (got [1])']);
  });

  it('reports unknown keys at every level', () => {
    const s = fullScenario() as unknown as Record<string, unknown> & { clients: Record<string, unknown>[] };
    s.extra = 1;
    s.clients[0].wil = {};
    (s.clients[0].will as Record<string, unknown>).dealy = 5;
    (s.clients[0].publish as Record<string, unknown>).every = 5;
    ((s.clients[0].subscribe as unknown[])[1] as Record<string, unknown>).nl = true;
    (s.clients[0].reconnect as Record<string, unknown>).max = 1;
    (s.broker as Record<string, unknown>).port = 1883;
    (s.network as Record<string, unknown>)['loss rate'] = 0;
    ((s.events as unknown[])[0] as Record<string, unknown>).when = 1;
    expect(issueLines(() => parseScenario(s))).toEqual([
      'extra: unknown key',
      'broker.port: unknown key',
      'network["loss rate"]: unknown key',
      'clients[0].wil: unknown key',
      'clients[0].will.dealy: unknown key',
      'clients[0].publish.every: unknown key',
      'clients[0].subscribe[1].nl: unknown key',
      'clients[0].reconnect.max: unknown key',
      'events[0].when: unknown key',
    ]);
  });

  it('collects every issue instead of stopping at the first', () => {
    const bad = {
      scenario: 1,
      name: '',
      seed: -1,
      durationMs: 1000,
      clients: [{ id: 'a', keepAlive: 70000 }, { keepAlive: 1 }],
      events: [{ atMs: 5000, client: 'a', do: 'crash' }],
    };
    let error: unknown;
    try {
      parseScenario(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const { issues, message } = error as ScenarioError;
    expect(issues).toEqual([
      { path: 'name', message: 'must be a non-empty string (got "")' },
      { path: 'seed', message: 'must be 0..4294967295 (got -1)' },
      { path: 'clients[0].keepAlive', message: 'must be 0..65535 (got 70000)' },
      { path: 'clients[1].id', message: 'is required (a non-empty string)' },
      { path: 'events[0].atMs', message: 'must be a number 0..1000 (durationMs) (got 5000)' },
    ]);
    expect(message.split('\n')).toHaveLength(5);
    expect(message.split('\n')[2]).toBe('clients[0].keepAlive: must be 0..65535 (got 70000)');
  });

  it('checks event times against zero alone when durationMs itself is bad', () => {
    const s = withField(withField(fullScenario(), ['durationMs'], -1), ['events', 0, 'atMs'], 1e12);
    expect(issueLines(() => parseScenario(s))).toEqual([
      'durationMs: must be a number > 0 and <= 604800000 (7 days) (got -1)',
    ]);
  });

  it('quotes values that JSON cannot show as JavaScript would print them', () => {
    expect(issueLines(() => parseScenario(withField(minimalScenario(), ['durationMs'], Number.NaN)))).toEqual(
      ['durationMs: must be a number > 0 and <= 604800000 (7 days) (got NaN)'],
    );
    expect(issueLines(() => parseScenario(withField(minimalScenario(), ['durationMs'], Infinity)))).toEqual([
      'durationMs: must be a number > 0 and <= 604800000 (7 days) (got Infinity)',
    ]);
  });

  it('accepts an event exactly at durationMs and a client kept offline with connectAtMs null', () => {
    const s = withField(
      withField(fullScenario(), ['events', 0, 'atMs'], 60_000),
      ['clients', 1, 'connectAtMs'],
      null,
    );
    expect(() => parseScenario(s)).not.toThrow();
  });

  it('accepts {n} in a single client id', () => {
    expect(() => parseScenario(withField(minimalScenario(), ['clients', 0, 'id'], 'solo-{n}'))).not.toThrow();
  });
});
