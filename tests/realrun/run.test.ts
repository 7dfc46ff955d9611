// The real-run runner against the embedded aedes broker (Node only, loopback): the trace it writes,
// faults done for real, the checks it makes before connecting, and a broker restart it is allowed to do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareTraces, formatComparison } from '../../src/analysis/compare';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import { checkRealRun, RealRunError, runAgainst, type RealRunSummary } from '../../src/realrun/run';
import { parseTarget } from '../../src/realrun/target';
import type { Scenario } from '../../src/scenario/types';
import { resolveScenario } from '../../src/scenario/validate';
import { runToJsonl } from '../../src/sim/run';
import { parseTrace } from '../../src/trace/parse';
import type { TraceEvent } from '../../src/trace/types';

let broker: EmbeddedBroker;

beforeAll(async () => {
  broker = await startEmbeddedBroker({ mqttPort: 0, wsPort: 0, log: () => {} });
});
afterAll(async () => {
  await broker?.close();
});

async function realRun(
  scenario: Scenario,
  url: string,
  extra: Partial<Parameters<typeof runAgainst>[0]> = {},
) {
  const lines: string[] = [];
  const summary: RealRunSummary = await runAgainst({
    scenario,
    target: parseTarget(url),
    write: (l) => lines.push(l),
    ...extra,
  });
  return { summary, text: lines.join(''), trace: parseTrace(lines.join('')) };
}

function simulate(s: Scenario) {
  const lines: string[] = [];
  runToJsonl(s, (l) => lines.push(l));
  return parseTrace(lines.join(''));
}

const base = (
  name: string,
  durationMs: number,
  clients: Scenario['clients'],
  events: Scenario['events'],
): Scenario => ({
  scenario: 1,
  name,
  seed: 3,
  durationMs,
  protocol: 4,
  broker: { profile: 'aedes' },
  network: { latencyMs: 5 },
  clients,
  events,
});

// Each scenario its own topics: the runs below share one broker at the same time.
const will = (p: string) => ({ topic: `${p}/will/{id}`, payload: 'gone', qos: 1 as const });
const dash = (p: string) => ({
  id: `${p}-dash`,
  keepAlive: 30,
  subscribe: [{ topic: `${p}/will/#`, qos: 1 as const }],
});

describe('checks before connecting', () => {
  const resolved = (patch: Partial<Scenario>) =>
    resolveScenario({ ...base('x', 1000, [{ id: 'a', keepAlive: 5 }], []), ...patch });

  it('asks for --yes for runs longer than 180 s or with more than 500 clients', () => {
    expect(() => checkRealRun(resolved({ durationMs: 181_000 }), {})).toThrow(
      'this scenario runs 181 s in real time with real connections; pass --yes to run it anyway',
    );
    expect(() => checkRealRun(resolved({ durationMs: 181_000 }), { yes: true })).not.toThrow();
    expect(() =>
      checkRealRun(resolved({ clients: [{ id: 'a-{n}', count: 501, keepAlive: 5 }] }), {}),
    ).toThrow(/opens 501 real connections.*--yes/);
  });

  it('refuses broker-restart unless the runner started the broker', () => {
    const s = resolved({ events: [{ atMs: 500, do: 'broker-restart', downMs: 100 }] });
    expect(() => checkRealRun(s, { yes: true })).toThrow(RealRunError);
    expect(() => checkRealRun(s, { yes: true })).toThrow(
      /"broker-restart" at 500 ms needs a broker the runner started itself/,
    );
    expect(() => checkRealRun(s, { broker: { restart: async () => {} } })).not.toThrow();
  });

  it('names --against when the broker cannot be reached', async () => {
    const s = base('x', 500, [{ id: 'a', keepAlive: 5 }], []);
    await expect(
      runAgainst({
        scenario: s,
        target: parseTarget('mqtt://127.0.0.1:1'),
        write: () => {},
        connectTimeoutMs: 2000,
      }),
    ).rejects.toThrow(/^--against mqtt:\/\/127\.0\.0\.1:1: cannot connect/);
  });
});

describe.concurrent('a real run against the embedded aedes broker', () => {
  it('plays power-off, crash and clone for real and writes a live trace that agrees with the aedes profile', async () => {
    const scenario = base(
      'faults',
      4_500,
      [
        { id: 'rr-off', keepAlive: 2, will: will('rr') },
        { id: 'rr-crash', keepAlive: 30, will: will('rr') },
        { id: 'rr-twin', keepAlive: 30, will: will('rr') },
        dash('rr'),
      ],
      [
        { atMs: 500, client: 'rr-off', do: 'power-off' },
        { atMs: 1000, client: 'rr-crash', do: 'crash' },
        { atMs: 1500, client: 'rr-twin', do: 'clone' },
      ],
    );
    const { summary, trace } = await realRun(scenario, broker.mqttUrl!);
    expect(summary.rejected.count).toBe(0);
    expect(trace.header).toMatchObject({ trace: 1, source: 'live', scenario });
    expect(trace.header.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(trace.events.every((e) => e.source !== undefined)).toBe(true);
    expect(trace.events.every((e) => e.t <= 4_600)).toBe(true);
    const of = (kind: TraceEvent['kind'], client: string) =>
      trace.events.filter((e) => e.kind === kind && 'client' in e && e.client === client);
    // Power-off: the socket stayed open until aedes timed the client out (1.5 K + 1 ms), then the will.
    const offCloses = of('conn', 'rr-off').filter(
      (e) => e.kind === 'conn' && e.side === 'broker' && e.state === 'closed',
    );
    expect(offCloses.map((e) => (e as { reason: string }).reason)).toContain('keepalive-timeout');
    expect(offCloses.map((e) => e.source)).toEqual(expect.arrayContaining(['embedded', 'probe']));
    // The crash closed the socket at once; the clone took the ID over.
    expect(of('will', 'rr-crash')).toHaveLength(1);
    expect(of('takeover', 'rr-twin')).toHaveLength(1);
    expect(summary.trace.wills).toBe(3);
    const c = compareTraces(simulate(scenario), trace);
    expect(c.mismatches, formatComparison(c)).toBe(0);
  });

  it('plays link-down over WebSockets: pings are lost, the broker times the client out, it reconnects after link-up', async () => {
    const scenario = base(
      'link',
      6_000,
      [{ id: 'ws-link', keepAlive: 2, will: will('ws'), reconnect: { minMs: 300, maxMs: 300 } }, dash('ws')],
      [
        { atMs: 500, client: 'ws-link', do: 'link-down' },
        { atMs: 4_500, client: 'ws-link', do: 'link-up' },
      ],
    );
    const { trace } = await realRun(scenario, broker.wsUrl!);
    const lost = trace.events.filter(
      (e) => e.kind === 'packet' && e.client === 'ws-link' && e.arrive === null,
    );
    expect(lost.length).toBeGreaterThan(0);
    expect(
      lost.every(
        (e) =>
          (e as unknown as { dropped: string }).dropped === 'link-down' ||
          (e as unknown as { dropped: string }).dropped === 'dead',
      ),
    ).toBe(true);
    const connacks = trace.events.filter(
      (e) => e.kind === 'packet' && e.client === 'ws-link' && e.type === 'CONNACK' && e.arrive !== null,
    );
    expect(connacks.length).toBe(2);
    expect(connacks[1].t).toBeGreaterThan(4_500);
    const c = compareTraces(simulate(scenario), trace);
    expect(c.mismatches, formatComparison(c)).toBe(0);
  });

  it('restarts a broker it was given control of, and the clients see the shutdown', async () => {
    const own = await startEmbeddedBroker({ mqttPort: 0, log: () => {} });
    let current = own;
    const port = Number(new URL(own.mqttUrl!).port);
    try {
      const scenario = base(
        'restart',
        3_500,
        [{ id: 'rs-a', keepAlive: 5, reconnect: { minMs: 400, maxMs: 400 } }],
        [{ atMs: 800, do: 'broker-restart', downMs: 300 }],
      );
      const { trace } = await realRun(scenario, own.mqttUrl!, {
        broker: {
          restart: async (downMs) => {
            await current.close();
            await new Promise((r) => setTimeout(r, downMs));
            current = await startEmbeddedBroker({ mqttPort: port, log: () => {} });
          },
        },
      });
      expect(trace.events.find((e) => e.kind === 'fault')).toMatchObject({
        target: 'broker',
        fault: 'broker-restart',
      });
      const shutdown = trace.events.find(
        (e) => e.kind === 'conn' && e.side === 'broker' && e.state === 'closed',
      );
      expect(shutdown).toMatchObject({ client: 'rs-a', reason: 'server-shutdown', source: 'probe' });
      const connacks = trace.events.filter((e) => e.kind === 'packet' && e.type === 'CONNACK');
      expect(connacks.length).toBeGreaterThanOrEqual(2);
    } finally {
      await current.close();
    }
  });
});
