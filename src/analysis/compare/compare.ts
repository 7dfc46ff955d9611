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
  type TimeoutFact,
  type TraceFacts,
  type TraceInput,
  type WillFact,
} from './facts';
import { checkPrediction, fitMosquittoSweep, MOSQUITTO_LOOP_MS, type TimeoutHistory } from './outcomes';
import {
  detectionWindow,
  inWindow,
  tolerancesFor,
  type ToleranceOptions,
  type Tolerances,
} from './tolerances';

export interface CompareRow {
  /** A client ID, or "" for rows about the traces as a whole. */
  client: string;
  aspect: string;
  a: string;
  b: string;
  ok: boolean;
  /** Why it differs, or what it was checked against. */
  note: string;
}

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

const hex = (code: number): string => `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;

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

const count = (n: number, what: string): string => (n === 0 ? 'none' : `${n} ${what}`);

/** How one kind of fact (timeouts, wills, take-overs) is compared: a count row, then a row per pair. */
interface Pairing<F> {
  /** The count row's aspect, how a count reads, and the note when the counts differ. */
  aspect: string;
  summary(n: number): string;
  mismatch: string;
  /** Each pair's row is "  <item> #i". */
  item: string;
  describe(f: F): string;
  /** What disagrees in a pair, and the note when nothing does. */
  check(x: F, y: F): { problems: string[]; note: string };
}

function comparePairs<F>(client: string, a: F[], b: F[], p: Pairing<F>, rows: CompareRow[]): void {
  const same = a.length === b.length;
  rows.push({
    client,
    aspect: p.aspect,
    a: p.summary(a.length),
    b: p.summary(b.length),
    ok: same,
    note: same ? '' : p.mismatch,
  });
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const { problems, note } = p.check(a[i], b[i]);
    rows.push({
      client,
      aspect: `  ${p.item} #${i + 1}`,
      a: p.describe(a[i]),
      b: p.describe(b[i]),
      ok: problems.length === 0,
      note: problems.length > 0 ? problems.join('; ') : note,
    });
  }
}

function timeoutPairing(tol: Tolerances): Pairing<TimeoutFact> {
  return {
    aspect: 'keep-alive timeout',
    summary: (n) => (n === 0 ? 'no' : `yes (${n})`),
    mismatch: 'timed out in one trace only',
    item: 'timeout',
    describe: describeTimeout,
    check(x, y) {
      const k = x.keepAlive ?? y.keepAlive;
      const w = k === null ? null : detectionWindow(tol.profile, k);
      // Mosquitto's sweep has a phase no trace records (checked for the whole trace by sweepRows);
      // every other profile predicts each timeout from the connection's own history.
      const predicts = tol.profile !== 'mosquitto-2.0';
      const problems: string[] = [];
      const notes: string[] = [];
      const check = (side: string, f: TimeoutFact): void => {
        if (w === null) {
          if (k === 0) problems.push(`${side} timed out with keep alive off`);
          return;
        }
        const h = predicts ? historyOf(f) : null;
        if (h !== null) {
          const p = checkPrediction(tol.profile, h, tol.predictionMs);
          const expected = `${formatSeconds(p.predicted - h.lastReceived, 2)} after its last packet`;
          if (!p.ok)
            problems.push(
              `${side}: ${tol.profile} predicts ${expected} for its history, ${formatSeconds(h.t - p.predicted, 2)} off (± ${tol.predictionMs} ms)`,
            );
          else notes.push(`${side} as predicted`);
        } else if (f.idleMs !== null && !inWindow(f.idleMs, w, tol.slackMs)) {
          problems.push(`${side} ${formatSeconds(f.idleMs, 2)} is outside ${w.text} ± ${tol.slackMs} ms`);
        }
      };
      check('a', x);
      check('b', y);
      // Same scenario, same rule: the silences before the close agree too, or the two histories
      // differ (a client library that pings at another moment than the simulated one).
      if (predicts && x.idleMs !== null && y.idleMs !== null && Math.abs(x.idleMs - y.idleMs) > tol.slackMs)
        problems.push(
          `closed ${formatSeconds(x.idleMs, 2)} vs ${formatSeconds(y.idleMs, 2)} after the last packet (± ${tol.slackMs} ms)`,
        );
      if (x.disconnectCode !== y.disconnectCode)
        problems.push('the broker said different things before closing');
      const window = w ? `${tol.profile} window ${w.text}` : '';
      return { problems, note: notes.length > 0 ? `${notes.join(', ')} by ${tol.profile}` : window };
    },
  };
}

function historyOf(f: TimeoutFact): TimeoutHistory | null {
  if (f.keepAlive === null || f.connectedAt === null || f.lastReceived === null) return null;
  return { t: f.t, keepAlive: f.keepAlive, connectedAt: f.connectedAt, lastReceived: f.lastReceived };
}

/** One row per trace: whether a single Mosquitto sweep phase explains all its timeouts. */
function sweepRows(fa: TraceFacts, fb: TraceFacts, tol: Tolerances, rows: CompareRow[]): void {
  const fit = (f: TraceFacts) => {
    const histories: TimeoutHistory[] = [];
    for (const c of f.clients.values())
      for (const x of c.timeouts) {
        const h = x.keepAlive !== null && x.keepAlive > 0 ? historyOf(x) : null;
        if (h !== null) histories.push(h);
      }
    return { n: histories.length, ...fitMosquittoSweep(histories, tol.predictionMs) };
  };
  const x = fit(fa);
  const y = fit(fb);
  if (x.n === 0 && y.n === 0) return;
  const say = (r: ReturnType<typeof fit>): string =>
    r.n === 0
      ? 'no timeout'
      : r.ok
        ? `one phase fits ${count(r.n, r.n === 1 ? 'timeout' : 'timeouts')} (${formatSeconds(r.phaseMs ?? 0, 2)})`
        : r.n === 1
          ? 'no sweep phase fits its timeout'
          : `no single phase fits its ${r.n} timeouts`;
  rows.push({
    client: '',
    aspect: 'keep-alive sweep',
    a: say(x),
    b: say(y),
    ok: x.ok && y.ok,
    note:
      x.ok && y.ok
        ? `each timeout is the first 6 s sweep after ⌊1.5 K⌋ s of silence (− ${tol.predictionMs} ms, + ${MOSQUITTO_LOOP_MS + tol.predictionMs} ms)`
        : 'Mosquitto sweeps all clients at one phase: these timeouts are not its',
  });
}

function describeTimeout(f: TimeoutFact): string {
  const idle = f.idleMs === null ? 'idle unknown' : `${formatSeconds(f.idleMs, 2)} after last packet`;
  const k = f.keepAlive === null ? '' : ` (K=${f.keepAlive})`;
  const said = f.disconnectCode === null ? 'close only' : `DISCONNECT ${hex(f.disconnectCode)}`;
  return `${idle}${k}, ${said}`;
}

/**
 * Wills, in order. A live trace sees every will: the runner's watcher (and live mode) subscribes to
 * the will topics, and the broker's reports or the subscribers' PUBLISHes say who received it.
 */
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
  return c.sessionPresent ? 'resumed' : 'new';
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
