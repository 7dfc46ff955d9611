// Property tests over generated scenarios: a few clients with random keep alive, sessions and
// wills, a random network and profile, random actions at random times. Each property is a rule a
// user of the trace relies on.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BrokerProfileName, Scenario } from '../../src/scenario/types';
import type { ConnEvent, PacketEvent, TraceEvent } from '../../src/trace/types';
import { scenarioArb } from './arbitraries';
import { run } from './helpers';

const EVERY_RULE = [
  'at once on disconnect-with-will',
  'at once on keepalive-timeout',
  'at once on network-error',
  'client-disconnect',
  'delayed',
  'delayed past the end',
  'delayed, then Clean Start 1',
  'delayed, then restart',
  'delayed, then resumed',
  'server-shutdown',
  'takeover-drops',
  'takeover-publishes',
];

const RUNS = { numRuns: Number(process.env.SIM_PROPERTY_RUNS ?? 80) };

function events(s: Scenario): TraceEvent[] {
  return run(s).events;
}

function closedAt(trace: TraceEvent[], side: 'client' | 'broker'): Map<number, number> {
  const at = new Map<number, number>();
  for (const e of trace) {
    if (e.kind === 'conn' && e.side === side && e.state === 'closed') {
      if (at.has(e.conn)) throw new Error(`conn ${e.conn} closed twice on the ${side} side`);
      at.set(e.conn, e.t);
    }
  }
  return at;
}

// The will rules of each profile (docs/brokers.md), written out again here as the oracle.

/** Seconds after the close at which a delayed will is due, given W and the granted Session Expiry S. */
function willDue(profile: BrokerProfileName, w: number, s: number): number {
  switch (profile) {
    case 'mosquitto-2.0':
      return s > 0 && s < w ? s : w; // not shortened by S = 0
    case 'aedes':
    case 'rabbitmq-3.10':
    case 'activemq-5.17':
      return 0; // MQTT 3.1.1 only: no will delay
    default:
      return Math.min(w, s);
  }
}

interface TakeoverCase {
  w: number;
  oldSessionEnds: boolean;
  newCleanStart: boolean;
}

function takeoverPublishes(profile: BrokerProfileName, c: TakeoverCase): boolean {
  switch (profile) {
    case 'mosquitto-2.0':
      return (c.oldSessionEnds || c.newCleanStart) && c.w === 0;
    case 'aedes':
      return true;
    case 'rabbitmq-3.10':
    case 'activemq-5.17':
      return false;
    default:
      return !(!c.newCleanStart && !c.oldSessionEnds && c.w > 0);
  }
}

interface ConnInfo {
  client: string;
  connect: PacketEvent;
  accepted: boolean;
}

function connInfo(trace: TraceEvent[]): Map<number, ConnInfo> {
  const info = new Map<number, ConnInfo>();
  for (const e of trace) {
    if (e.kind !== 'packet') continue;
    if (e.type === 'CONNECT') info.set(e.conn, { client: e.client, connect: e, accepted: false });
    if (e.type === 'CONNACK' && e.reasonCode === 0) {
      const c = info.get(e.conn);
      if (c) c.accepted = true;
    }
  }
  return info;
}

/** Granted Session Expiry (seconds, Infinity = never) of a connection, from its CONNECT. */
function grantedExpiry(profile: BrokerProfileName, connect: PacketEvent): number {
  if (connect.protocol !== 5) return connect.cleanStart ? 0 : Infinity;
  const requested = connect.properties?.sessionExpiryInterval ?? 0;
  const granted = profile === 'ejabberd-23' ? Math.min(requested, 300) : requested;
  return granted === 0xffffffff ? Infinity : granted;
}

/** Checks the will outcome of every connection against the rules; returns a description of a violation. */
/** Which rule decided each close, across a property run: the generator must reach them all. */
const rulesSeen = new Set<string>();

function willViolations(scn: Scenario, trace: TraceEvent[]): string[] {
  const profile = scn.broker?.profile ?? 'spec';
  const info = connInfo(trace);
  const wills = new Map<number, { e: TraceEvent & { kind: 'will' }; i: number }[]>();
  trace.forEach((e, i) => {
    if (e.kind === 'will') wills.set(e.conn, [...(wills.get(e.conn) ?? []), { e, i }]);
  });
  const problems: string[] = [];
  const allowed = new Set<number>();
  trace.forEach((close, i) => {
    if (close.kind !== 'conn' || close.side !== 'broker' || close.state !== 'closed') return;
    const c = info.get(close.conn);
    if (!c || !c.accepted || c.connect.will === undefined) return;
    allowed.add(close.conn);
    const got = wills.get(close.conn) ?? [];
    const w = c.connect.properties?.willDelayInterval ?? 0;
    const s = grantedExpiry(profile, c.connect);
    const say = (what: string) =>
      problems.push(
        `conn ${close.conn} (${c.client}) closed at ${close.t} (${close.reason}): ${what}; got ${JSON.stringify(got.map((g) => g.e))}`,
      );
    if (close.reason === 'client-disconnect' || close.reason === 'server-shutdown') {
      rulesSeen.add(close.reason);
      if (got.length !== 0) say('expected no will');
      return;
    }
    if (close.reason === 'takeover') {
      const takeover = trace.find(
        (e) => e.kind === 'takeover' && e.oldConn === close.conn && e.t === close.t,
      );
      if (!takeover || takeover.kind !== 'takeover') return void say('no takeover event');
      const fresh = info.get(takeover.newConn);
      const publishes = takeoverPublishes(profile, {
        w,
        oldSessionEnds: s === 0,
        newCleanStart: fresh?.connect.cleanStart ?? false,
      });
      rulesSeen.add(publishes ? 'takeover-publishes' : 'takeover-drops');
      if (!publishes && got.length !== 0) say('expected the take-over to drop the will');
      if (publishes && (got.length !== 1 || got[0].e.t !== close.t || got[0].e.cause !== 'takeover'))
        say('expected one will at the take-over');
      return;
    }
    const due = willDue(profile, w, s);
    if (due === 0) {
      rulesSeen.add(`at once on ${close.reason}`);
      if (
        got.length !== 1 ||
        got[0].e.t !== close.t ||
        got[0].e.cause !== close.reason ||
        got[0].e.delayed !== 0
      )
        say('expected one will at once');
      return;
    }
    // A delayed will: the first of (the will, a session event of this client ID, a broker restart) decides.
    const next = trace.findIndex(
      (e, j) =>
        j > i &&
        ((e.kind === 'will' && e.conn === close.conn) ||
          (e.kind === 'session' && e.client === c.client) ||
          (e.kind === 'fault' && e.fault === 'broker-restart')),
    );
    const first = next === -1 ? undefined : trace[next];
    if (first === undefined) {
      rulesSeen.add('delayed past the end');
      if (got.length !== 0) say('a will nobody scheduled');
      else if (close.t + due * 1000 <= scn.durationMs) say(`expected the will at ${close.t + due * 1000}`);
    } else if (first.kind === 'will') {
      const onTime = Math.abs(first.t - (close.t + due * 1000)) < 1e-6 && first.delayed === due;
      const after = trace.slice(next + 1).find((e) => e.kind === 'session' && e.client === c.client);
      const cleanStart =
        first.delayed === 0 && after?.kind === 'session' && after.state === 'created' && after.t === first.t;
      rulesSeen.add(onTime ? 'delayed' : 'delayed, then Clean Start 1');
      if (got.length !== 1 || first.cause !== close.reason || !(onTime || cleanStart))
        say(`expected one will ${due} s after the close, or at a Clean Start 1 connect`);
    } else if (first.kind === 'session' && first.state === 'resumed') {
      rulesSeen.add('delayed, then resumed');
      if (got.length !== 0) say('a resumed session should have cancelled the will');
    } else if (first.kind === 'fault') {
      rulesSeen.add('delayed, then restart');
      if (got.length !== 0) say('the restarted broker should have forgotten the will');
    } else {
      say(`unexpected ${JSON.stringify(first)} before the will`);
    }
  });
  for (const conn of wills.keys())
    if (!allowed.has(conn)) problems.push(`a will for conn ${conn}, which had none to publish`);
  return problems;
}

describe('properties of generated runs', () => {
  it('time never decreases in the trace, and no packet arrives before it was sent', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const trace = events(s);
        for (let i = 1; i < trace.length; i++) {
          if (trace[i].t < trace[i - 1].t)
            throw new Error(`time goes back at event ${i}: ${JSON.stringify(trace[i])}`);
        }
        for (const e of trace) {
          if (e.kind === 'packet' && e.arrive !== null && e.arrive < e.t)
            throw new Error(`arrives before it was sent: ${JSON.stringify(e)}`);
        }
      }),
      RUNS,
    );
  });

  it('nothing arrives on a closed connection: no packet arrives after the receiving side closed', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const trace = events(s);
        const brokerClosed = closedAt(trace, 'broker');
        const clientClosed = closedAt(trace, 'client');
        for (const e of trace) {
          if (e.kind !== 'packet' || e.arrive === null) continue;
          const closed = (e.dir === 'c2b' ? brokerClosed : clientClosed).get(e.conn);
          if (closed !== undefined && e.arrive > closed) {
            throw new Error(
              `${JSON.stringify(e)} arrives after the ${e.dir === 'c2b' ? 'broker' : 'client'} closed at ${closed}`,
            );
          }
        }
      }),
      RUNS,
    );
  });

  it('under spec no client is timed out within 1.5 x K of the last packet the broker received from it', () => {
    let timeoutsSeen = 0;
    fc.assert(
      fc.property(scenarioArb, (generated) => {
        const s: Scenario = { ...generated, broker: { ...generated.broker, profile: 'spec' } };
        const trace = events(s);
        for (const timeout of trace.filter((e) => e.kind === 'timeout' && e.side === 'broker')) {
          if (timeout.kind !== 'timeout') continue;
          timeoutsSeen++;
          let last = -Infinity;
          for (const p of trace) {
            if (
              p.kind === 'packet' &&
              p.dir === 'c2b' &&
              p.conn === timeout.conn &&
              p.arrive !== null &&
              p.arrive <= timeout.t
            )
              last = Math.max(last, p.arrive);
          }
          expect(timeout.lastActivity).toBe(last);
          expect(timeout.t - timeout.lastActivity).toBeGreaterThanOrEqual(timeout.keepAlive * 1500 - 1e-6);
          // And not later either: spec is exact.
          expect(timeout.t - timeout.lastActivity).toBeCloseTo(timeout.keepAlive * 1500, 6);
          const close = trace.find(
            (e): e is ConnEvent =>
              e.kind === 'conn' && e.side === 'broker' && e.state === 'closed' && e.conn === timeout.conn,
          );
          expect(close).toMatchObject({ t: timeout.t, reason: 'keepalive-timeout' });
        }
      }),
      RUNS,
    );
    // Not vacuous: the generated faults do make the broker time clients out.
    expect(timeoutsSeen).toBeGreaterThan(0);
  });

  it('each abnormal close of a connection with a will yields exactly one will, or a cancellation the rules allow', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(willViolations(s, events(s))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('the generated scenarios reach every will rule above (a fixed sample, so this check is stable)', () => {
    rulesSeen.clear();
    for (const s of fc.sample(scenarioArb, { seed: 20_251_125, numRuns: 300 })) {
      expect(willViolations(s, events(s))).toEqual([]);
    }
    expect([...rulesSeen].sort()).toEqual(EVERY_RULE);
  });
});
