// Which address each scenario client of a real run connects to: its transport's; and a run with two
// addresses of one broker (TCP and WebSocket) that sends each client over its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRealRun } from '../../src/cli/realRun';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import { RealRunError, runAgainst } from '../../src/realrun/run';
import { parseTargets } from '../../src/realrun/target';
import { targetsOfClients, TransportError } from '../../src/realrun/transports';
import type { ClientSpec, Scenario } from '../../src/scenario/types';
import { parseTrace } from '../../src/trace/parse';

const scenario = (clients: ClientSpec[]): Scenario => ({
  scenario: 1,
  name: 'transports',
  seed: 1,
  durationMs: 800,
  broker: { profile: 'aedes' },
  clients,
});

const mixed = scenario([
  { id: 'plain', keepAlive: 10 },
  { id: 'tcp-{n}', count: 2, keepAlive: 10, transport: 'tcp' },
  { id: 'web', keepAlive: 10, transport: 'ws' },
]);

describe('the address of each client', () => {
  it('is its transport’s when both are given; a client that set none goes over TCP', () => {
    expect(targetsOfClients(mixed, { tcp: 'T', ws: 'W' })).toEqual(['T', 'T', 'T', 'W']);
  });

  it('is the only address for every client that set no transport, whatever its scheme', () => {
    const unset = scenario([
      { id: 'a', keepAlive: 10 },
      { id: 'b-{n}', count: 2, keepAlive: 10 },
    ]);
    expect(targetsOfClients(unset, { ws: 'W' })).toEqual(['W', 'W', 'W']);
    expect(targetsOfClients(unset, { tcp: 'T' })).toEqual(['T', 'T', 'T']);
  });

  it('is refused in one line naming the client and the missing flag when its transport has none', () => {
    expect(() => targetsOfClients(mixed, { ws: 'W' })).toThrow(TransportError);
    expect(() => targetsOfClients(mixed, { ws: 'W' })).toThrow(
      'clients[1].transport: "tcp" has no broker address to go to; add --against mqtt://host:port (or mqtts://)',
    );
    expect(() => targetsOfClients(mixed, { tcp: 'T' })).toThrow(
      'clients[2].transport: "ws" has no broker address to go to; add --against ws://host:port/path (or wss://)',
    );
  });

  it('is checked by the command line before anything connects', () => {
    expect(() => planRealRun(mixed, { against: ['ws://127.0.0.1:1/mqtt'], out: null, yes: false })).toThrow(
      RealRunError,
    );
    expect(
      planRealRun(mixed, { against: ['mqtt://127.0.0.1:1', 'ws://127.0.0.1:2/mqtt'], out: null, yes: false })
        .targets,
    ).toHaveLength(2);
  });
});

describe('a real run with a TCP and a WebSocket address', () => {
  let broker: EmbeddedBroker;
  beforeAll(async () => {
    broker = await startEmbeddedBroker({ mqttPort: 0, wsPort: 0, log: () => {} });
  });
  afterAll(async () => {
    await broker?.close();
  });

  it('sends each client to the address of its transport', async () => {
    const clients: ClientSpec[] = [
      { id: 'tr-tcp', keepAlive: 10, transport: 'tcp' },
      { id: 'tr-ws', keepAlive: 10, transport: 'ws' },
    ];
    const connacked = async (against: string[]) => {
      const lines: string[] = [];
      await runAgainst({
        scenario: scenario(clients),
        target: parseTargets(against),
        write: (l) => lines.push(l),
      });
      return parseTrace(lines.join(''))
        .events.filter((e) => e.kind === 'packet' && e.type === 'CONNACK')
        .map((e) => (e as { client: string }).client)
        .sort();
    };
    // Nothing listens at port 1: only the client sent to the broker's real address gets a CONNACK.
    expect(await connacked([broker.mqttUrl!, 'ws://127.0.0.1:1/mqtt'])).toEqual(['tr-tcp']);
    expect(await connacked([broker.wsUrl!, 'mqtt://127.0.0.1:1'])).toEqual(['tr-ws']);
    expect(await connacked([broker.mqttUrl!, broker.wsUrl!])).toEqual(['tr-tcp', 'tr-ws']);
  });
});
