// The timeout rows of a comparison: each timeout held to its profile's prediction for the connection's
// own history (outcomes.ts), or for Mosquitto one sweep clock for the whole trace.

import { formatSeconds } from '../../base/format';
import type { TimeoutFact, TraceFacts } from './facts';
import {
  checkPrediction,
  deadlineTieMs,
  fitMosquittoSweep,
  MOSQUITTO_LOOP_MS,
  type TimeoutHistory,
} from './outcomes';
import { count, hex, type CompareRow, type Pairing } from './rows';
import { detectionWindow, inWindow, type Tolerances } from './tolerances';

export function timeoutPairing(tol: Tolerances): Pairing<TimeoutFact> {
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
      // Same scenario, same rule: the silences before the close agree too (or differ by the
      // profile's tie), or the two histories differ (a client library that pings at another moment
      // than the simulated one).
      const tie = k === null ? 0 : deadlineTieMs(tol.profile, k);
      if (predicts && x.idleMs !== null && y.idleMs !== null) {
        const apart = Math.abs(x.idleMs - y.idleMs);
        if (apart > tol.slackMs && Math.abs(apart - tie) > tol.slackMs)
          problems.push(
            `closed ${formatSeconds(x.idleMs, 2)} vs ${formatSeconds(y.idleMs, 2)} after the last packet (± ${tol.slackMs} ms)`,
          );
      }
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
export function sweepRows(fa: TraceFacts, fb: TraceFacts, tol: Tolerances, rows: CompareRow[]): void {
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
