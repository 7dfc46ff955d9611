// Focused checks of a real run against real brokers started on loopback (docs/brokers.md): ejabberd 23
// refuses a CONNECT without a user name and password and takes any pair (anonymous login), so a real
// run needs the credentials of the scenario or of the --against URL; ActiveMQ 5.17 answers session
// present 0 even when a persistent session with a QoS 1 subscription resumes.
import { describe, expect, it } from 'vitest';
import { runAgainst } from '../../src/realrun/run';
import { parseTarget } from '../../src/realrun/target';
import type { ClientSpec, Scenario } from '../../src/scenario/types';
import { parseTrace } from '../../src/trace/parse';
import type { PacketEvent } from '../../src/trace/types';
import { startActivemq } from '../live/support/brokers/activemq';
import { startEjabberd } from '../live/support/brokers/ejabberd';

const scenario = (
  profile: 'ejabberd-23' | 'activemq-5.17',
  clients: ClientSpec[],
  extra: Partial<Scenario> = {},
) =>
  ({
    scenario: 1,
    name: profile,
    seed: 1,
    durationMs: 1500,
    broker: { profile },
    clients,
    ...extra,
  }) as Scenario;

async function connacks(s: Scenario, url: string): Promise<PacketEvent[]> {
  const lines: string[] = [];
  await runAgainst({ scenario: s, target: parseTarget(url), write: (l) => lines.push(l) });
  return parseTrace(lines.join('')).events.filter(
    (e): e is PacketEvent => e.kind === 'packet' && e.type === 'CONNACK',
  );
}

describe('real brokers', () => {
  it('ejabberd lets in a client with its own login or the URL’s, and refuses one without (CONNACK 5)', async () => {
    const broker = await startEjabberd();
    try {
      const own = await connacks(
        scenario('ejabberd-23', [
          { id: 'ej-own', keepAlive: 10, username: 'anyone', password: 'anything' },
          { id: 'ej-bare', keepAlive: 10, username: 'no-password' },
        ]),
        broker.tcpUrl,
      );
      expect(own.map((p) => [p.client, p.reasonCode ?? 0])).toEqual(
        expect.arrayContaining([
          ['ej-own', 0],
          ['ej-bare', 5],
        ]),
      );
      const viaUrl = await connacks(
        scenario('ejabberd-23', [{ id: 'ej-url', keepAlive: 10 }]),
        broker.tcpUrl.replace('mqtt://', 'mqtt://url-user:url-pass@'),
      );
      expect(viaUrl.map((p) => [p.client, p.reasonCode ?? 0])).toEqual([['ej-url', 0]]);
    } finally {
      await broker.stop();
    }
  }, 60_000);

  it('ActiveMQ answers session present 0 when a session with a QoS 1 subscription resumes', async () => {
    const broker = await startActivemq();
    try {
      const s = scenario(
        'activemq-5.17',
        [{ id: 'amq-sub', keepAlive: 10, cleanStart: false, subscribe: [{ topic: 'amq/#', qos: 1 }] }],
        {
          durationMs: 2500,
          events: [
            { atMs: 800, client: 'amq-sub', do: 'disconnect' },
            { atMs: 1300, client: 'amq-sub', do: 'connect' },
          ],
        },
      );
      const seen = await connacks(s, broker.tcpUrl);
      expect(seen.map((p) => [p.reasonCode ?? 0, p.sessionPresent])).toEqual([
        [0, false],
        [0, false],
      ]);
    } finally {
      await broker.stop();
    }
  }, 60_000);
});
