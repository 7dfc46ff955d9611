import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse';
import { resolveScenario } from '../../src/scenario/resolve';
import type { ClientSpec, Scenario } from '../../src/scenario/types';
import { fullScenario, issueLines, minimalScenario } from './helpers';

const resolve = (s: Scenario) => resolveScenario(parseScenario(s));

function withClients(clients: ClientSpec[], extra: Partial<Scenario> = {}): Scenario {
  return { ...minimalScenario(), clients, ...extra };
}

describe('resolveScenario defaults', () => {
  it('fills in every documented default for the smallest scenario', () => {
    expect(resolve(minimalScenario())).toEqual({
      name: 'Minimal',
      seed: 1,
      durationMs: 1000,
      protocol: 4,
      profile: 'spec',
      serverKeepAlive: null,
      network: { latencyMs: 0, jitterMs: 0, loss: 0 },
      clients: [
        {
          id: 'c',
          keepAlive: 10,
          connectAtMs: 0,
          cleanStart: true,
          sessionExpiry: 0,
          protocol: 4,
          library: 'mqttjs-5',
          transport: 'tcp',
          username: null,
          password: null,
          will: null,
          publish: null,
          subscribe: [],
          reconnect: null,
        },
      ],
      events: [],
    });
  });

  it('fills in will, publish, subscription, reconnect and network defaults', () => {
    const r = resolve(
      withClients(
        [
          {
            id: 'c',
            keepAlive: 5,
            will: { topic: 'w' },
            publish: { topic: 'p', everyMs: 250 },
            subscribe: ['a/#', { topic: 'b/+' }],
            reconnect: { minMs: 1, maxMs: 2 },
          },
        ],
        { network: { latencyMs: 30 }, broker: {} },
      ),
    );
    expect(r.network).toEqual({ latencyMs: 30, jitterMs: 0, loss: 0 });
    expect(r.profile).toBe('spec');
    expect(r.serverKeepAlive).toBeNull();
    const [c] = r.clients;
    expect(c.will).toEqual({ topic: 'w', payload: '', qos: 0, retain: false, delay: 0 });
    expect(c.publish).toEqual({
      topic: 'p',
      everyMs: 250,
      qos: 0,
      retain: false,
      payload: null,
      offsetMs: 250,
    });
    expect(c.subscribe).toEqual([
      { topic: 'a/#', qos: 0 },
      { topic: 'b/+', qos: 0 },
    ]);
    expect(c.reconnect).toEqual({ minMs: 1, maxMs: 2, jitter: 0 });
  });

  it('keeps the values that are given', () => {
    const r = resolve(fullScenario());
    expect(r.protocol).toBe(5);
    expect(r.network).toEqual({ latencyMs: 20, jitterMs: 5, loss: 0.01 });
    expect(r.clients[0]).toMatchObject({
      cleanStart: false,
      sessionExpiry: 60,
      protocol: 5,
      will: { payload: 'offline', qos: 1, retain: true, delay: 5 },
      publish: { qos: 1, payload: 'hi', offsetMs: 10 },
      reconnect: { minMs: 1000, maxMs: 8000, jitter: 0.5 },
    });
  });

  it('uses the scenario protocol for a client without its own', () => {
    const r = resolve(
      withClients(
        [
          { id: 'a', keepAlive: 1 },
          { id: 'b', keepAlive: 1, protocol: 4 },
        ],
        { protocol: 5 },
      ),
    );
    expect(r.clients.map((c) => c.protocol)).toEqual([5, 4]);
  });
});

describe('resolveScenario under MQTT 3.1.1', () => {
  const v5Fields: ClientSpec = { id: 'x', keepAlive: 1, sessionExpiry: 300, will: { topic: 't', delay: 30 } };

  it('forces sessionExpiry and will delay to 0 under protocol 4', () => {
    const [c] = resolve(withClients([v5Fields], { protocol: 4 })).clients;
    expect(c.sessionExpiry).toBe(0);
    expect(c.will?.delay).toBe(0);
  });

  it('keeps them under protocol 5', () => {
    const [c] = resolve(withClients([v5Fields], { protocol: 5 })).clients;
    expect(c.sessionExpiry).toBe(300);
    expect(c.will?.delay).toBe(30);
  });

  it('follows the client protocol, not the scenario one', () => {
    const [v4, v5] = resolve(
      withClients(
        [
          { ...v5Fields, protocol: 4 },
          { ...v5Fields, id: 'y', protocol: 5 },
        ],
        { protocol: 5 },
      ),
    ).clients;
    expect([v4.sessionExpiry, v4.will?.delay]).toEqual([0, 0]);
    expect([v5.sessionExpiry, v5.will?.delay]).toEqual([300, 30]);
  });
});

describe('resolveScenario expansion', () => {
  it('numbers a group from 1 with {n}, every occurrence', () => {
    const r = resolve(withClients([{ id: 'n{n}-{n}', count: 3, keepAlive: 1 }]));
    expect(r.clients.map((c) => c.id)).toEqual(['n1-1', 'n2-2', 'n3-3']);
  });

  it('puts each client ID in place of {id} in will, publish and subscriptions', () => {
    const r = resolve(
      withClients([
        {
          id: 'dev-{n}',
          count: 2,
          keepAlive: 1,
          will: { topic: 'd/{id}/status', payload: '{id} is gone' },
          publish: { topic: 'd/{id}/temp', everyMs: 100, payload: 'from {id}' },
          subscribe: ['cmd/{id}/#', { topic: '{id}/+', qos: 1 }],
        },
      ]),
    );
    expect(r.clients[1]).toMatchObject({
      id: 'dev-2',
      will: { topic: 'd/dev-2/status', payload: 'dev-2 is gone' },
      publish: { topic: 'd/dev-2/temp', payload: 'from dev-2' },
      subscribe: [
        { topic: 'cmd/dev-2/#', qos: 0 },
        { topic: 'dev-2/+', qos: 1 },
      ],
    });
  });

  it('leaves {n} in topics and {id} in event topics as written', () => {
    const r = resolve(
      withClients([{ id: 'a', keepAlive: 1, publish: { topic: 'x/{n}', everyMs: 5 } }], {
        events: [{ atMs: 0, client: 'a', do: 'publish', topic: 'y/{id}' }],
      }),
    );
    expect(r.clients[0].publish?.topic).toBe('x/{n}');
    expect(r.events[0].topic).toBe('y/{id}');
  });

  it('spreads connects: client k of n at connectAtMs + floor(k × spread / n)', () => {
    const r = resolve(
      withClients([{ id: 's{n}', count: 4, keepAlive: 1, connectAtMs: 100, connectSpreadMs: 1000 }]),
    );
    expect(r.clients.map((c) => c.connectAtMs)).toEqual([100, 350, 600, 850]);
    const odd = resolve(withClients([{ id: 's{n}', count: 3, keepAlive: 1, connectSpreadMs: 1000 }]));
    expect(odd.clients.map((c) => c.connectAtMs)).toEqual([0, 333, 666]);
  });

  it('keeps a group offline when connectAtMs is null, whatever the spread', () => {
    const r = resolve(
      withClients([{ id: 's{n}', count: 2, keepAlive: 1, connectAtMs: null, connectSpreadMs: 1000 }]),
    );
    expect(r.clients.map((c) => c.connectAtMs)).toEqual([null, null]);
  });

  it('spreads first publishes with offsetSpreadMs on top of offsetMs', () => {
    const r = resolve(
      withClients([
        {
          id: 's{n}',
          count: 4,
          keepAlive: 1,
          publish: { topic: 't', everyMs: 400, offsetMs: 10, offsetSpreadMs: 400 },
        },
      ]),
    );
    expect(r.clients.map((c) => c.publish?.offsetMs)).toEqual([10, 110, 210, 310]);
  });

  it('gives every client its own objects', () => {
    const r = resolve(
      withClients([{ id: 's{n}', count: 2, keepAlive: 1, subscribe: ['a'], will: { topic: 'w' } }]),
    );
    expect(r.clients[0].subscribe).not.toBe(r.clients[1].subscribe);
    expect(r.clients[0].will).not.toBe(r.clients[1].will);
  });

  it('expands a 100 000-client group into numbered clients with their own topics', () => {
    const s = withClients([
      {
        id: 'sensor-{n}',
        count: 100_000,
        keepAlive: 60,
        connectSpreadMs: 60_000,
        will: { topic: 'f/{id}/status', payload: 'offline', qos: 1, retain: true },
        publish: { topic: 'f/{id}/temp', everyMs: 300_000, qos: 1, offsetSpreadMs: 300_000 },
        subscribe: ['cmd/{id}'],
        reconnect: { minMs: 1000, maxMs: 60_000, jitter: 0.5 },
      },
    ]);
    const r = resolve(s);
    expect(r.clients).toHaveLength(100_000);
    expect(r.clients[99_999].id).toBe('sensor-100000');
    expect(r.clients[99_999].publish?.topic).toBe('f/sensor-100000/temp');
  });
});

describe('resolveScenario cross-checks', () => {
  it('rejects duplicate client IDs across groups and points at the clone action', () => {
    const lines = issueLines(() =>
      resolve(
        withClients([
          { id: 's-{n}', count: 3, keepAlive: 1 },
          { id: 's-2', keepAlive: 1 },
        ]),
      ),
    );
    expect(lines).toEqual([
      'clients[1].id: must make unique client IDs, but "s-2" is also made by clients[0] (model a client-ID clash with the "clone" action) (got "s-2")',
    ]);
  });

  it('rejects two single clients with one ID', () => {
    expect(
      issueLines(() =>
        resolve(
          withClients([
            { id: 'same', keepAlive: 1 },
            { id: 'same', keepAlive: 1 },
          ]),
        ),
      ),
    ).toEqual([
      'clients[1].id: must make unique client IDs, but "same" is also made by clients[0] (model a client-ID clash with the "clone" action) (got "same")',
    ]);
  });

  it('reports a group that clashes with another only once', () => {
    const lines = issueLines(() =>
      resolve(
        withClients([
          { id: 'a{n}', count: 50, keepAlive: 1 },
          { id: 'a{n}', count: 50, keepAlive: 1 },
        ]),
      ),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^clients\[1\]\.id: must make unique client IDs, but "a1" is also made by clients\[0\]/,
    );
  });

  it('rejects a group whose numbering collides with an earlier group', () => {
    const lines = issueLines(() =>
      resolve(
        withClients([
          { id: 'a{n}', count: 12, keepAlive: 1 },
          { id: 'a1{n}', count: 2, keepAlive: 1 },
        ]),
      ),
    );
    expect(lines).toEqual([
      'clients[1].id: must make unique client IDs, but "a11" is also made by clients[0] (model a client-ID clash with the "clone" action) (got "a1{n}")',
    ]);
  });

  it('rejects an event naming a client that does not exist after expansion', () => {
    const s = withClients([{ id: 'sensor-{n}', count: 3, keepAlive: 1 }], {
      events: [
        { atMs: 0, client: 'sensor-3', do: 'crash' },
        { atMs: 0, client: 'sensor-9', do: 'crash' },
        { atMs: 0, client: 'sensor-{n}', do: 'power-off' },
      ],
    });
    expect(issueLines(() => resolve(s))).toEqual([
      'events[1].client: no client with that ID (got "sensor-9")',
      'events[2].client: no client with that ID (got "sensor-{n}")',
    ]);
  });

  it('requires a client for every action but broker-restart, even when not parsed first', () => {
    const s = withClients([{ id: 'a', keepAlive: 1 }], { events: [{ atMs: 0, do: 'crash' }] });
    expect(issueLines(() => resolveScenario(s))).toEqual(['events[0].client: is required (a client ID)']);
  });

  it('rejects disconnect-with-will for an MQTT 3.1.1 client', () => {
    const s = withClients(
      [
        { id: 'a', keepAlive: 1 },
        { id: 'b', keepAlive: 1, protocol: 5 },
      ],
      {
        events: [
          { atMs: 0, client: 'a', do: 'disconnect-with-will' },
          { atMs: 0, client: 'b', do: 'disconnect-with-will' },
        ],
      },
    );
    expect(issueLines(() => resolve(s))).toEqual([
      'events[0].do: needs MQTT 5, but client "a" uses protocol 4 (got "disconnect-with-will")',
    ]);
  });

  it('rejects topics that a client ID with wildcards breaks once filled in', () => {
    const s = withClients([
      {
        id: 'odd+{n}',
        count: 3,
        keepAlive: 1,
        will: { topic: 'w/{id}' },
        publish: { topic: 'p/{id}', everyMs: 1 },
        subscribe: ['s/{id}', { topic: 'fine/+' }, { topic: '{id}/#' }],
      },
    ]);
    expect(issueLines(() => resolve(s))).toEqual([
      'clients[0].will.topic: must be a topic name without the wildcards + and # once {id} is "odd+1" (got "w/odd+1")',
      'clients[0].publish.topic: must be a topic name without the wildcards + and # once {id} is "odd+1" (got "p/odd+1")',
      'clients[0].subscribe[0]: must use + only as a whole level once {id} is "odd+1" (got "s/odd+1")',
      'clients[0].subscribe[2].topic: must use + only as a whole level once {id} is "odd+1" (got "odd+1/#")',
    ]);
  });

  it('accepts wildcard characters in a client ID that no topic uses', () => {
    expect(resolve(withClients([{ id: 'a+#', keepAlive: 1, will: { topic: 'w' } }])).clients[0].id).toBe(
      'a+#',
    );
  });
});

describe('resolveScenario events', () => {
  it('sorts events by time and keeps ties in the order written', () => {
    const s = withClients([{ id: 'a', keepAlive: 1 }], {
      events: [
        { atMs: 500, client: 'a', do: 'crash' },
        { atMs: 100, client: 'a', do: 'link-down' },
        { atMs: 500, client: 'a', do: 'power-on' },
        { atMs: 100, client: 'a', do: 'link-up' },
        { atMs: 0, do: 'broker-restart', downMs: 10 },
      ],
    });
    expect(resolve(s).events.map((e) => `${e.atMs} ${e.do}`)).toEqual([
      '0 broker-restart',
      '100 link-down',
      '100 link-up',
      '500 crash',
      '500 power-on',
    ]);
  });

  it('fills in event defaults', () => {
    const s = withClients([{ id: 'a', keepAlive: 1 }], {
      events: [
        { atMs: 1, client: 'a', do: 'publish', topic: 't' },
        { atMs: 2, do: 'broker-restart', downMs: 50 },
      ],
    });
    expect(resolve(s).events).toEqual([
      { atMs: 1, client: 'a', do: 'publish', downMs: 0, topic: 't', payload: '', qos: 0, retain: false },
      {
        atMs: 2,
        client: null,
        do: 'broker-restart',
        downMs: 50,
        topic: '',
        payload: '',
        qos: 0,
        retain: false,
      },
    ]);
  });
});
