import { describe, expect, it } from 'vitest';
import {
  compareTraces,
  detectionWindow,
  extractFacts,
  formatComparison,
  inWindow,
  tolerancesFor,
  type Comparison,
  type TraceInput,
} from '../../../src/analysis/compare';
import { ROWS } from '../../realrun/support/rows';
import { runToJsonl } from '../../../src/sim/run';
import type { BrokerProfileName, Scenario } from '../../../src/scenario/types';
import { parseTrace } from '../../../src/trace/parse';
import type { TraceEvent } from '../../../src/trace/types';
import { liveTrace, simTrace } from './helpers';

const failing = (c: Comparison) => c.rows.filter((r) => !r.ok);

function simulate(s: Scenario) {
  const lines: string[] = [];
  runToJsonl(s, (l) => lines.push(l));
  return parseTrace(lines.join(''));
}

describe('detection windows (docs/brokers.md, broker profiles)', () => {
  it('follows each profile', () => {
    expect(detectionWindow('spec', 2)).toMatchObject({ lo: 3000, hi: 3000 });
    expect(detectionWindow('mosquitto-2.0', 2)).toMatchObject({
      lo: 3000,
      hi: 9_000,
      loOpen: true,
      text: '(3, 9] s',
    });
    expect(detectionWindow('mosquitto-2.0', 5)).toMatchObject({ lo: 7000, hi: 13_000 });
    expect(detectionWindow('aedes', 2)).toMatchObject({ lo: 3001, hi: 3001 });
    expect(detectionWindow('emqx', 10)).toMatchObject({ lo: 15_000, hi: 20_000 });
    expect(detectionWindow('hivemq', 5)).toMatchObject({ lo: 7000, hi: 7100 });
    expect(detectionWindow('rabbitmq-3.10', 2)).toMatchObject({ lo: 4000, hi: 6000 });
    expect(detectionWindow('activemq-5.17', 2)).toMatchObject({ lo: 3000, hi: 6000 });
    expect(detectionWindow('ejabberd-23', 5)).toMatchObject({ lo: 8000, hi: 8000 });
    expect(detectionWindow('spec', 0)).toBeNull();
  });

  it('widens a window by the slack on both sides', () => {
    const w = detectionWindow('aedes', 2)!;
    expect(inWindow(3001 + 300, w, 300)).toBe(true);
    expect(inWindow(3001 + 301, w, 300)).toBe(false);
    expect(inWindow(2701, w, 300)).toBe(true);
  });

  it('takes the slack from the network and lets it be overridden', () => {
    expect(tolerancesFor('spec', { latencyMs: 20, jitterMs: 5 }).slackMs).toBe(350);
    expect(tolerancesFor('spec', { latencyMs: 20, jitterMs: 5 }, { slackMs: 50 }).slackMs).toBe(50);
    expect(tolerancesFor('mosquitto-2.0', { latencyMs: 0, jitterMs: 0 }).delayedWillSlackMs).toBe(1100);
    expect(tolerancesFor('aedes', { latencyMs: 0, jitterMs: 0 }).delayedWillSlackMs).toBe(0);
  });
});

describe('compareTraces on hand-made traces', () => {
  it('passes a simulated and a live trace that agree', () => {
    const c = compareTraces(simTrace(), liveTrace());
    expect(failing(c), formatComparison(c)).toEqual([]);
    const timeout = c.rows.find((r) => r.client === 'a' && r.aspect.includes('timeout #1'));
    expect(timeout?.a).toContain('7.00 s after last packet');
    expect(timeout?.b).toContain('4.20 s after last packet');
    expect(timeout?.note).toContain('(3, 9] s');
    const will = c.rows.find((r) => r.client === 'a' && r.aspect.includes('will #1'));
    expect(will?.b).toBe('keepalive-timeout, 0.00 s after close, → d');
  });

  it('fails when a timeout falls outside the profile window, naming the window and the sweep', () => {
    const c = compareTraces(simTrace(), liveTrace({ timeoutAt: 14_000 }));
    const bad = failing(c);
    expect(bad).toHaveLength(2);
    expect(bad[0]).toMatchObject({
      client: '',
      aspect: 'keep-alive sweep',
      b: 'no sweep phase fits its timeout',
    });
    expect(bad[1]).toMatchObject({ client: 'a', aspect: '  timeout #1' });
    expect(bad[1].note).toBe('b 12.00 s is outside (3, 9] s ± 310 ms');
    expect(c.mismatches).toBe(2);
  });

  it('fails when one trace has no timeout at all', () => {
    const c = compareTraces(simTrace(), liveTrace({ timeoutAt: null }));
    const bad = failing(c).map((r) => [r.client, r.aspect.trim(), r.a, r.b]);
    expect(bad).toEqual([
      ['a', 'keep-alive timeout', 'yes (1)', 'no'],
      ['a', 'wills published', '1 will', 'none'],
    ]);
  });

  it('fails when a will is missing', () => {
    const c = compareTraces(simTrace(), liveTrace({ will: false }));
    const bad = failing(c);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ client: 'a', aspect: 'wills published', a: '1 will', b: 'none' });
    expect(bad[0].note).toBe('a will was published in one trace only');
  });

  it('fails on an extra take-over', () => {
    const c = compareTraces(simTrace({ timeoutAt: null }), liveTrace({ takeoverAt: 4000 }));
    const row = failing(c).find((r) => r.aspect === 'take-overs');
    expect(row).toMatchObject({
      client: 'a',
      a: 'none',
      b: '1 take-over',
      note: 'different number of take-overs',
    });
  });

  it('compares take-over times within the slack', () => {
    expect(compareTraces(simTrace({ takeoverAt: 4000 }), liveTrace({ takeoverAt: 4000 })).mismatches).toBe(0);
    const late = compareTraces(simTrace({ takeoverAt: 4000 }), liveTrace({ takeoverAt: 5000 }));
    expect(failing(late)[0].note).toMatch(/^at 4\.0\d s vs 5\.00 s/);
  });

  it('does not compare the time of a take-over that came from a reconnect backoff', () => {
    const strip = (t: TraceInput): TraceInput => ({
      ...t,
      events: t.events.filter((e) => e.kind !== 'fault' || e.fault !== 'clone'),
    });
    const c = compareTraces(strip(simTrace({ takeoverAt: 4000 })), strip(liveTrace({ takeoverAt: 6000 })));
    expect(c.mismatches).toBe(0);
    expect(c.rows.find((r) => r.aspect.trim() === 'take-over #1')?.note).toBe(
      'after a reconnect backoff: time not compared',
    );
  });

  it('fails on a different will cause, but a session expiry agrees with any cause', () => {
    const network = compareTraces(simTrace({ cause: 'network-error' }), liveTrace());
    expect(failing(network)[0].note).toBe('cause network-error vs keepalive-timeout');
    expect(compareTraces(simTrace({ cause: 'session-expired' }), liveTrace()).mismatches).toBe(0);
  });

  it('is symmetric', () => {
    const c = compareTraces(liveTrace({ timeoutAt: 14_000 }), simTrace());
    expect(c.mismatches).toBe(2);
    expect(failing(c)[0].a).toBe('no sweep phase fits its timeout');
    expect(c.tolerances.profile).toBe('mosquitto-2.0');
  });

  it('reports traces of different scenarios', () => {
    const other = simTrace();
    const s = structuredClone(other.header.scenario) as Scenario;
    s.durationMs = 20_000;
    const c = compareTraces(simTrace(), { ...other, header: { ...other.header, scenario: s } });
    expect(c.rows[0]).toMatchObject({ aspect: 'scenario', ok: false });
  });

  it('ignores the seed and the profile when deciding that two traces are of one scenario', () => {
    const spec = simTrace({}, 'spec');
    const c = compareTraces(simTrace(), spec);
    expect(c.rows.some((r) => r.aspect === 'scenario')).toBe(false);
  });

  it('reads a DISCONNECT 0x04 that a log reports as a plain disconnect as a will-keeping one', () => {
    const header = { trace: 1 as const, source: 'live' as const };
    const events: TraceEvent[] = [
      {
        t: 0,
        kind: 'packet',
        dir: 'c2b',
        client: 'x',
        conn: 1,
        type: 'CONNECT',
        arrive: 0,
        protocol: 5,
        will: { topic: 'w/x', payload: 'off', qos: 0, retain: false },
      },
      {
        t: 1,
        kind: 'packet',
        dir: 'b2c',
        client: 'x',
        conn: 1,
        type: 'CONNACK',
        arrive: 1,
        reasonCode: 0,
        sessionPresent: false,
      },
      {
        t: 100,
        kind: 'packet',
        dir: 'c2b',
        client: 'x',
        conn: 1,
        type: 'DISCONNECT',
        arrive: 100,
        reasonCode: 4,
      },
      {
        t: 101,
        kind: 'conn',
        client: 'x',
        conn: 1,
        side: 'broker',
        state: 'closed',
        reason: 'client-disconnect',
        source: 'mosquitto-log',
      },
      {
        t: 102,
        kind: 'packet',
        dir: 'b2c',
        client: 'y',
        conn: 2,
        type: 'PUBLISH',
        arrive: 102,
        topic: 'w/x',
        payload: 'off',
        qos: 0,
        retain: false,
      },
    ];
    const facts = extractFacts(
      { header, events },
      tolerancesFor('spec', { latencyMs: 0, jitterMs: 0 }),
      null,
    );
    expect(facts.clients.get('x')?.wills).toEqual([
      {
        t: 102,
        conn: 1,
        cause: 'disconnect-with-will',
        lagMs: 1,
        delayedWill: false,
        receivers: ['y'],
        via: 'delivery',
      },
    ]);
  });

  it("does not take a retained copy or a resumed session's delivery for a fresh will", () => {
    const header = { trace: 1 as const, source: 'live' as const };
    const will = { topic: 'w/x', payload: 'off', qos: 1 as const, retain: true };
    const events: TraceEvent[] = [
      { t: 0, kind: 'packet', dir: 'c2b', client: 'x', conn: 1, type: 'CONNECT', arrive: 0, will },
      {
        t: 0,
        kind: 'packet',
        dir: 'c2b',
        client: 'y',
        conn: 2,
        type: 'CONNECT',
        arrive: 0,
        cleanStart: false,
      },
      {
        t: 1,
        kind: 'packet',
        dir: 'b2c',
        client: 'y',
        conn: 2,
        type: 'CONNACK',
        arrive: 1,
        reasonCode: 0,
        sessionPresent: true,
      },
      {
        t: 2,
        kind: 'packet',
        dir: 'b2c',
        client: 'y',
        conn: 2,
        type: 'PUBLISH',
        arrive: 2,
        topic: 'w/x',
        payload: 'off',
        qos: 1,
        retain: false,
      },
      {
        t: 3000,
        kind: 'packet',
        dir: 'c2b',
        client: 'z',
        conn: 3,
        type: 'SUBSCRIBE',
        arrive: 3000,
        subscriptions: [{ topic: 'w/#', qos: 1 }],
      },
      {
        t: 3001,
        kind: 'packet',
        dir: 'b2c',
        client: 'z',
        conn: 3,
        type: 'PUBLISH',
        arrive: 3001,
        topic: 'w/x',
        payload: 'off',
        qos: 1,
        retain: true,
      },
    ];
    const facts = extractFacts(
      { header, events },
      tolerancesFor('spec', { latencyMs: 0, jitterMs: 0 }),
      null,
    );
    expect(facts.clients.get('x')?.wills).toEqual([]);
    expect(facts.clients.get('y')?.connacks).toEqual([
      { t: 1, conn: 2, code: 0, sessionPresent: true, queued: 1, serverKeepAlive: null, cappedExpiry: null },
    ]);
  });

  it('times a live connection from its CONNECT’s arrival, one latency after sending, however late the CONNACK', () => {
    const header = { trace: 1 as const, source: 'live' as const, startedAt: '2026-01-01T00:00:00.000Z' };
    const probe = { source: 'probe' as const };
    // What a live probe adds to its packets (not part of the event types): the other end's time is unknown.
    const arriveUnknown = { arriveUnknown: true };
    const sentUnknown = { sentUnknown: true };
    const events: TraceEvent[] = [
      {
        t: 274,
        kind: 'packet',
        dir: 'c2b',
        client: 'x',
        conn: 1,
        type: 'CONNECT',
        arrive: 274,
        keepAlive: 2,
        protocol: 4,
        ...probe,
        ...arriveUnknown,
      },
      {
        t: 411,
        kind: 'packet',
        dir: 'b2c',
        client: 'x',
        conn: 1,
        type: 'CONNACK',
        arrive: 411,
        reasonCode: 0,
        ...probe,
        ...sentUnknown,
      },
      {
        t: 2412,
        kind: 'packet',
        dir: 'c2b',
        client: 'x',
        conn: 1,
        type: 'PINGREQ',
        arrive: 2412,
        ...probe,
        ...arriveUnknown,
      },
      {
        t: 6420,
        kind: 'timeout',
        client: 'x',
        conn: 1,
        side: 'broker',
        keepAlive: 2,
        lastActivity: 2412,
        ...probe,
      },
    ];
    const facts = extractFacts(
      { header, events },
      tolerancesFor('activemq-5.17', { latencyMs: 25, jitterMs: 0 }),
      null,
    );
    // Sent at 274 ms, through a 25 ms link; the busy broker's CONNACK came 137 ms later.
    expect(facts.clients.get('x')?.timeouts).toMatchObject([
      { t: 6420, connectedAt: 299, lastReceived: 2412 },
    ]);
  });

  it('prints a readable table either way', () => {
    const ok = formatComparison(compareTraces(simTrace(), liveTrace()), ['sim.jsonl', 'live.jsonl']);
    expect(ok).toContain('a          sim.jsonl (sim, profile mosquitto-2.0)');
    expect(ok).toContain('b          live.jsonl (live 2026-01-01T00:00:00.000Z)');
    expect(ok).toMatch(/client\s+aspect\s+a\s+b\s+verdict/);
    expect(ok).toMatch(/result: the traces agree \(\d+ rows\)$/);
    const bad = formatComparison(compareTraces(simTrace(), liveTrace({ will: false })));
    expect(bad).toContain('DIFFERS: a will was published in one trace only');
    expect(bad).toMatch(/result: 1 of \d+ rows differ$/);
  });
});

describe('compareTraces on simulated traces', () => {
  const row = (name: string) => ROWS.find((r) => r.name === name)!;
  const sim = (name: string, profile: BrokerProfileName, seed?: number) => {
    const s = row(name).scenario(profile, name);
    return simulate(seed === undefined ? s : { ...s, seed });
  };

  it.each(ROWS.map((r) => r.name))('%s: two seeds of the mosquitto-2.0 profile agree', (name) => {
    const c = compareTraces(sim(name, 'mosquitto-2.0', 1), sim(name, 'mosquitto-2.0', 2));
    expect(failing(c), formatComparison(c)).toEqual([]);
  });

  it('the standard and Mosquitto disagree on the resumed take-over will', () => {
    const c = compareTraces(sim('takeover-v5', 'spec'), sim('takeover-v5', 'mosquitto-2.0'));
    const bad = failing(c).map((r) => `${r.client} ${r.aspect.trim()}: ${r.a} / ${r.b}`);
    expect(bad).toContain('takeover-v5-resumed wills published: 1 will / none');
    expect(bad).toContain('takeover-v5-fresh wills published: 1 will / none');
    expect(bad.some((b) => b.startsWith('takeover-v5-ends take-over #1'))).toBe(true); // 0x8E vs close only
  });

  it('the standard and Mosquitto disagree on the v5 timeout (0x8D) and the detection time', () => {
    const c = compareTraces(sim('v5-timeout', 'mosquitto-2.0'), sim('v5-timeout', 'spec'));
    const row = failing(c).find((r) => r.aspect.trim() === 'timeout #1');
    expect(row?.b).toContain('DISCONNECT 0x8D');
    expect(row?.note).toContain('the broker said different things before closing');
  });

  it('reads what a 5.0 CONNACK told the client: a Server Keep Alive, a capped Session Expiry', () => {
    const c = compareTraces(sim('session-expiry', 'spec'), sim('session-expiry', 'ejabberd-23'));
    const long = c.rows.find((r) => r.client === 'session-expiry-long' && r.aspect === 'sessions (CONNACK)');
    expect(long).toMatchObject({ a: 'new', b: 'new (server K=30, expiry 300 s)', ok: false });
    const same = compareTraces(
      sim('session-expiry', 'ejabberd-23', 1),
      sim('session-expiry', 'ejabberd-23', 2),
    );
    expect(failing(same), formatComparison(same)).toEqual([]);
  });

  it('counts queued messages delivered on resume', () => {
    const facts = extractFacts(
      sim('offline-queue', 'mosquitto-2.0'),
      tolerancesFor('mosquitto-2.0', { latencyMs: 5, jitterMs: 0 }),
      null,
    );
    expect(facts.clients.get('offline-queue-sub')?.connacks.map((c) => [c.sessionPresent, c.queued])).toEqual(
      [
        [false, null],
        [true, 2],
      ],
    );
  });

  it('a changed queue fails with a clear row', () => {
    const a = sim('offline-queue', 'mosquitto-2.0');
    const b = sim('offline-queue', 'mosquitto-2.0');
    // Drop one of the queued deliveries from b.
    const i = b.events.findIndex(
      (e) => e.kind === 'packet' && e.type === 'PUBLISH' && e.dir === 'b2c' && e.t > 5000,
    );
    b.events = b.events.filter((_, k) => k !== i);
    const c = compareTraces(a, b);
    expect(failing(c).map((r) => [r.aspect.trim(), r.a, r.b, r.note])).toEqual([
      ['queued delivered #1', '2', '1', 'a different number of stored messages came on resume'],
    ]);
  });
});
