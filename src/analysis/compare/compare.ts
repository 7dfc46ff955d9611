// Lines up two traces of one scenario (simulated or live, in any pairing) client by client and lists
// the differences that matter: timed out or not and how long after the last packet, wills (cause,
// time, receivers), take-overs, sessions resumed and queued messages delivered. Timing tolerances
// come from the broker profile of the simulated trace (tolerances.ts). Pure: no clock, no I/O.

import { formatSeconds } from '../../base/format';
import { parseScenario, resolveScenario } from '../../scenario/validate';
import type { BrokerProfileName, ResolvedScenario } from '../../scenario/types';
import { canonicalJson } from '../../trace/canonicalJson';
import type { Reason } from '../../trace/types';
import {
  FactsCollector,
  type ClientFacts,
  type ConnackFact,
  type TakeoverFact,
  type TraceInput,
  type WillFact,
} from './facts';
import { comparePairs, count, hex, type CompareRow, type Pairing } from './rows';
import { sweepRows, timeoutPairing } from './timeoutRows';
import { tolerancesFor, type ToleranceOptions, type Tolerances } from './tolerances';

export type { CompareRow } from './rows';

export interface TraceLabel {
  source: 'sim' | 'live';
  profile: BrokerProfileName | null;
  startedAt: string | null;
}

export interface Comparison {
  a: TraceLabel;
  b: TraceLabel;
  scenarioName: string | null;
  tolerances: Tolerances;
  rows: CompareRow[];
  mismatches: number;
  /** Remarks that do not decide the result (e.g. wills a live trace cannot see). */
  notes: string[];
}

export interface CompareOptions extends ToleranceOptions {
  /** Overrides the profile the windows come from. */
  profile?: BrokerProfileName;
}

/** A trace read event by event into its facts (a file of any size streams through `facts.add`). */
export interface CollectedTrace {
  header: TraceInput['header'];
  facts: FactsCollector;
}

function collect(trace: TraceInput): CollectedTrace {
  const facts = new FactsCollector();
  for (const e of trace.events) facts.add(e);
  return { header: trace.header, facts };
}

function scenarioOf(input: { header: TraceInput['header'] }): ResolvedScenario | null {
  const raw = input.header.scenario;
  if (raw === undefined || raw === null) return null;
  try {
    return resolveScenario(parseScenario(raw));
  } catch {
    return null;
  }
}

/** What must be equal for two traces to be "of one scenario": all but the seed and the profile. */
function scenarioShape(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { seed: _seed, broker, ...rest } = raw as Record<string, unknown>;
  const b = typeof broker === 'object' && broker !== null ? { ...(broker as Record<string, unknown>) } : {};
  delete b.profile;
  return canonicalJson({ ...rest, broker: b });
}

export function compareTraces(a: TraceInput, b: TraceInput, options: CompareOptions = {}): Comparison {
  return compareCollected(collect(a), collect(b), options);
}

/** `compareTraces` for traces already read into their facts (each collector is read once). */
export function compareCollected(
  a: CollectedTrace,
  b: CollectedTrace,
  options: CompareOptions = {},
): Comparison {
  const sa = scenarioOf(a);
  const sb = scenarioOf(b);
  const label = (t: CollectedTrace, s: ResolvedScenario | null): TraceLabel => ({
    source: t.header.source,
    profile: s?.profile ?? null,
    startedAt: t.header.startedAt ?? null,
  });
  // The profile that says what a real broker should do: the simulated trace's.
  const simScenario =
    a.header.source === 'sim' && sa ? sa : b.header.source === 'sim' && sb ? sb : (sa ?? sb);
  const profile = options.profile ?? simScenario?.profile ?? 'spec';
  const tol = tolerancesFor(profile, simScenario?.network ?? { latencyMs: 0, jitterMs: 0 }, options);
  const rows: CompareRow[] = [];
  const notes: string[] = [];

  const shapeA = scenarioShape(a.header.scenario);
  const shapeB = scenarioShape(b.header.scenario);
  if (shapeA !== null && shapeB !== null && shapeA !== shapeB) {
    rows.push({
      client: '',
      aspect: 'scenario',
      a: sa?.name ?? '(invalid)',
      b: sb?.name ?? '(invalid)',
      ok: false,
      note: 'the traces are not of one scenario (clients, events or timing differ)',
    });
  } else if (shapeA === null || shapeB === null) {
    notes.push('a trace has no scenario in its header: clients are taken from the packets');
  }

  const ids = simScenario ? new Set(simScenario.clients.map((c) => c.id)) : null;
  const fa = a.facts.facts(a.header.source, tol, ids);
  const fb = b.facts.facts(b.header.source, tol, ids);
  const order = ids ? [...ids] : [...new Set([...fa.clients.keys(), ...fb.clients.keys()])].sort();

  if (profile === 'mosquitto-2.0') sweepRows(fa, fb, tol, rows);

  for (const id of order) {
    const ca = fa.clients.get(id) ?? emptyFacts(id);
    const cb = fb.clients.get(id) ?? emptyFacts(id);
    comparePairs(id, ca.timeouts, cb.timeouts, timeoutPairing(tol), rows);
    comparePairs(id, ca.wills, cb.wills, willPairing(tol), rows);
    if (ca.takeovers.length > 0 || cb.takeovers.length > 0)
      comparePairs(id, ca.takeovers, cb.takeovers, takeoverPairing(tol), rows);
    compareConnacks(id, ca.connacks, cb.connacks, rows);
  }

  return {
    a: label(a, sa),
    b: label(b, sb),
    scenarioName: (sa ?? sb)?.name ?? null,
    tolerances: tol,
    rows,
    mismatches: rows.filter((r) => !r.ok).length,
    notes,
  };
}

function emptyFacts(client: string): ClientFacts {
  return { client, conns: [], timeouts: [], wills: [], takeovers: [], connacks: [] };
}

function willPairing(tol: Tolerances): Pairing<WillFact> {
  return {
    aspect: 'wills published',
    summary: (n) => count(n, n === 1 ? 'will' : 'wills'),
    mismatch: 'a will was published in one trace only',
    item: 'will',
    describe: describeWill,
    check(x, y) {
      const problems: string[] = [];
      if (x.cause !== null && y.cause !== null && !sameCause(x.cause, y.cause)) {
        problems.push(`cause ${x.cause} vs ${y.cause}`);
      }
      const slack = tol.slackMs + (x.delayedWill || y.delayedWill ? tol.delayedWillSlackMs : 0);
      if (x.lagMs !== null && y.lagMs !== null) {
        if (Math.abs(x.lagMs - y.lagMs) > slack) {
          problems.push(
            `published ${formatSeconds(x.lagMs, 2)} vs ${formatSeconds(y.lagMs, 2)} after the close (± ${slack} ms)`,
          );
        }
      } else if (
        x.cause !== 'keepalive-timeout' &&
        y.cause !== 'keepalive-timeout' &&
        Math.abs(x.t - y.t) > slack
      ) {
        problems.push(`published at ${formatSeconds(x.t, 2)} vs ${formatSeconds(y.t, 2)} (± ${slack} ms)`);
      }
      if (x.receivers.join(',') !== y.receivers.join(',')) problems.push('different receivers');
      return { problems, note: '' };
    },
  };
}

/**
 * A will that waited out its delay and went when its session expired has two causes: the close that
 * made it due, and the expiry that sent it. A trace may name either (the simulator names the close,
 * live mode the expiry), so "session-expired" agrees with any cause; the timing still has to agree.
 */
function sameCause(x: Reason, y: Reason): boolean {
  return x === y || x === 'session-expired' || y === 'session-expired';
}

function describeWill(w: WillFact): string {
  const cause = w.cause ?? 'cause unknown';
  const when = w.lagMs === null ? `at ${formatSeconds(w.t, 2)}` : `${formatSeconds(w.lagMs, 2)} after close`;
  const to = w.receivers.length === 0 ? 'no receiver' : `→ ${w.receivers.join(', ')}`;
  return `${cause}, ${when}, ${to}`;
}

function takeoverPairing(tol: Tolerances): Pairing<TakeoverFact> {
  return {
    aspect: 'take-overs',
    summary: (n) => count(n, n === 1 ? 'take-over' : 'take-overs'),
    mismatch: 'different number of take-overs',
    item: 'take-over',
    describe: describeTakeover,
    check(x, y) {
      const problems: string[] = [];
      // A take-over by a reconnect happens when a random backoff says: only scripted ones have a time.
      const timed = x.scripted && y.scripted;
      if (timed && Math.abs(x.t - y.t) > tol.slackMs) {
        problems.push(`at ${formatSeconds(x.t, 2)} vs ${formatSeconds(y.t, 2)} (± ${tol.slackMs} ms)`);
      }
      if (x.disconnectCode !== y.disconnectCode)
        problems.push('the old connection was told different things');
      return { problems, note: timed ? '' : 'after a reconnect backoff: time not compared' };
    },
  };
}

function describeTakeover(f: TakeoverFact): string {
  const said =
    f.disconnectCode === null ? 'old socket closed only' : `old got DISCONNECT ${hex(f.disconnectCode)}`;
  return `at ${formatSeconds(f.t, 2)}, ${said}`;
}

function describeConnack(c: ConnackFact): string {
  if (c.code !== 0) return `refused (${c.code})`;
  // What a 5.0 broker told the client besides: its own keep alive, a capped session expiry.
  const told = [
    ...(c.serverKeepAlive !== null ? [`server K=${c.serverKeepAlive}`] : []),
    ...(c.cappedExpiry !== null ? [`expiry ${c.cappedExpiry} s`] : []),
  ];
  return `${c.sessionPresent ? 'resumed' : 'new'}${told.length > 0 ? ` (${told.join(', ')})` : ''}`;
}

/** "new, new, new, resumed" → "new ×3, resumed". */
function runs(items: string[]): string {
  if (items.length === 0) return 'none';
  const out: string[] = [];
  for (let i = 0; i < items.length;) {
    let j = i;
    while (j < items.length && items[j] === items[i]) j++;
    out.push(j - i > 1 ? `${items[i]} ×${j - i}` : items[i]);
    i = j;
  }
  return out.join(', ');
}

function compareConnacks(client: string, a: ConnackFact[], b: ConnackFact[], rows: CompareRow[]): void {
  if (a.length === 0 && b.length === 0) return;
  const sa = a.map(describeConnack);
  const sb = b.map(describeConnack);
  const same = sa.join(',') === sb.join(',');
  rows.push({
    client,
    aspect: 'sessions (CONNACK)',
    a: runs(sa),
    b: runs(sb),
    ok: same,
    note: same ? '' : 'sessions were resumed, created or refused differently',
  });
  const ra = a.filter((c) => c.queued !== null);
  const rb = b.filter((c) => c.queued !== null);
  if (!same || ra.length === 0) return;
  for (let i = 0; i < ra.length; i++) {
    const x = ra[i].queued ?? 0;
    const y = rb[i]?.queued ?? 0;
    rows.push({
      client,
      aspect: `  queued delivered #${i + 1}`,
      a: String(x),
      b: String(y),
      ok: x === y,
      note: x === y ? '' : 'a different number of stored messages came on resume',
    });
  }
}
