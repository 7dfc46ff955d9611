// fast-check generators of valid scenarios for the property tests: a few clients with random keep
// alive, sessions and wills, a random network and profile, random actions at random times.

import fc from 'fast-check';
import {
  ACTIONS,
  BROKER_PROFILES,
  type Action,
  type BrokerProfileName,
  type ClientSpec,
  type ProtocolLevel,
  type Scenario,
  type ScenarioEvent,
} from '../../src/scenario/types';

const CLIENT_ACTIONS: Action[] = ACTIONS.filter((a) => a !== 'broker-restart');

const clientArb = (n: number): fc.Arbitrary<ClientSpec> =>
  fc
    .record({
      keepAlive: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 7, max: 25 })),
      connectAtMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4000 }), fc.constant(null)),
      cleanStart: fc.boolean(),
      sessionExpiry: fc.constantFrom(0, 0, 2, 7, 60, 0xffffffff),
      will: fc.option(
        fc.record({
          qos: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
          retain: fc.boolean(),
          delay: fc.constantFrom(0, 0, 1, 3, 8, 30),
        }),
        { nil: undefined, freq: 4 },
      ),
      publish: fc.option(
        fc.record({ everyMs: fc.integer({ min: 300, max: 9000 }), qos: fc.constantFrom<0 | 1 | 2>(0, 1, 2) }),
        { nil: undefined },
      ),
      subscribe: fc.boolean(),
      reconnect: fc.option(
        fc.record({
          minMs: fc.integer({ min: 100, max: 3000 }),
          spread: fc.integer({ min: 0, max: 5000 }),
          jitter: fc.constantFrom(0, 0.3, 1),
        }),
        { nil: undefined },
      ),
    })
    .map((c) => {
      const id = `c${n}`;
      const spec: ClientSpec = {
        id,
        keepAlive: c.keepAlive,
        connectAtMs: c.connectAtMs,
        cleanStart: c.cleanStart,
        sessionExpiry: c.sessionExpiry,
      };
      if (c.will) spec.will = { topic: `status/${id}`, payload: 'offline', ...c.will };
      if (c.publish) spec.publish = { topic: `data/${id}`, ...c.publish };
      if (c.subscribe) spec.subscribe = [{ topic: 'status/#', qos: 1 }, 'data/#'];
      if (c.reconnect) {
        const { minMs, spread, jitter } = c.reconnect;
        spec.reconnect = { minMs, maxMs: minMs + spread, jitter };
      }
      return spec;
    });

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.nat({ max: 2 ** 32 - 1 }),
    durationMs: fc.integer({ min: 5000, max: 40_000 }),
    protocol: fc.constantFrom<ProtocolLevel>(4, 5, 5),
    profile: fc.oneof(
      fc.constantFrom<BrokerProfileName>(...BROKER_PROFILES),
      fc.constantFrom<BrokerProfileName>('spec', 'mosquitto-2.0', 'hivemq'),
    ),
    serverKeepAlive: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    latencyMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 80 })),
    jitterMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
    loss: fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0, max: 0.2, noNaN: true })),
    clients: fc
      .integer({ min: 1, max: 4 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => clientArb(i + 1)))),
    events: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 1000 }),
        who: fc.nat(),
        what: fc.oneof(
          { weight: 12, arbitrary: fc.constantFrom(...CLIENT_ACTIONS) },
          { weight: 2, arbitrary: fc.constant<Action>('broker-restart') },
        ),
        downMs: fc.integer({ min: 100, max: 5000 }),
        qos: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
        retain: fc.boolean(),
        // Often the device comes back a little later: resumes and take-overs within a will delay.
        then: fc.option(
          fc.record({
            afterMs: fc.integer({ min: 100, max: 12_000 }),
            what: fc.constantFrom<Action>('connect', 'power-on', 'link-up', 'clone'),
          }),
          { nil: undefined, freq: 2 },
        ),
      }),
      { maxLength: 12 },
    ),
  })
  .map((r) => {
    const events: ScenarioEvent[] = [];
    for (const e of r.events) {
      const atMs = Math.round((e.at / 1000) * r.durationMs);
      if (e.what === 'broker-restart') {
        events.push({ atMs, do: 'broker-restart', downMs: e.downMs });
        continue;
      }
      const client = r.clients[e.who % r.clients.length].id;
      if (e.then !== undefined && atMs + e.then.afterMs <= r.durationMs) {
        events.push({ atMs: atMs + e.then.afterMs, client, do: e.then.what });
      }
      if (e.what === 'disconnect-with-will' && r.protocol !== 5) continue;
      if (e.what === 'publish') {
        events.push({
          atMs,
          client,
          do: 'publish',
          topic: `data/${client}/x`,
          payload: 'p',
          qos: e.qos,
          retain: e.retain,
        });
      } else {
        events.push({ atMs, client, do: e.what });
      }
    }
    return {
      scenario: 1,
      name: 'generated',
      seed: r.seed,
      durationMs: r.durationMs,
      protocol: r.protocol,
      broker: { profile: r.profile, serverKeepAlive: r.serverKeepAlive },
      network: { latencyMs: r.latencyMs, jitterMs: r.jitterMs, loss: r.loss },
      clients: r.clients,
      events,
    } satisfies Scenario;
  });
