// "Run this scenario against the broker": a preset (or the scenario on the page) played for real from
// the page against the live session's broker, in real time, with real WebSocket connections
// (src/realrun/sideBySide/scenarioRun.ts over src/realrun/browser/); then the same scenario simulated
// with the chosen broker profile, both on the page's timeline (sim/… lanes, then real/… lanes) and the
// differences listed. Everything shown is text: topics and payloads never become markup.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CompareRow } from '../../analysis/compare';
import { REAL_PREFIX, SIM_PREFIX } from '../../realrun/sideBySide/combine';
import {
  checkScenarioRun,
  profileForBroker,
  runScenarioAgainstBroker,
  type RunCheck,
  withProfile,
  type ScenarioRunResult,
} from '../../realrun/sideBySide/scenarioRun';
import type { BrokerKind, LiveTraceApi } from '../../live/types';
import { browserConnector } from '../../realrun/browser/connector';
import { PRESETS } from '../../scenario/presets';
import { BROKER_PROFILES, type BrokerProfileName, type Scenario } from '../../scenario/types';
import { useTraceStore } from '../../state/traceStore';
import { endLiveSession } from './sessionHolder';
import './scenarioRun.css';

export interface ScenarioRunProps {
  trace: LiveTraceApi;
  /** The live session's broker URL while it is connected, else null. */
  url: string | null;
  brokerKind: BrokerKind;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; startedAt: number; durationMs: number; name: string }
  | { kind: 'simulating' }
  | { kind: 'done'; result: ScenarioRunResult; name: string }
  | { kind: 'error'; message: string };

const PAGE = 'page';

function checkOf(scenario: Scenario | null): RunCheck | { refused: string; confirm: [] } {
  if (scenario === null) return { refused: 'there is no scenario on the page', confirm: [] };
  try {
    return checkScenarioRun(scenario);
  } catch (e) {
    return { refused: `it is not a valid scenario (${(e as Error).message})`, confirm: [] };
  }
}

export function ScenarioRun({ trace, url, brokerKind }: ScenarioRunProps) {
  const { pageScenario, pagePreset } = useTraceStore(
    useShallow((s) => ({ pageScenario: s.scenario, pagePreset: s.presetName })),
  );
  const [choice, setChoice] = useState<string>(() => (pageScenario !== null ? PAGE : PRESETS[0].name));
  const [profile, setProfile] = useState<BrokerProfileName | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [events, setEvents] = useState(0);
  const [elapsed, setElapsed] = useState(0);
  const abort = useRef<AbortController | null>(null);

  const scenario: Scenario | null =
    choice === PAGE ? pageScenario : (PRESETS.find((p) => p.name === choice)?.scenario ?? null);
  const check = useMemo(() => checkOf(scenario), [scenario]);
  // The last broker kind detected: the profile stays right after the live session ends.
  const [kindSeen, setKindSeen] = useState<BrokerKind>(brokerKind);
  if (brokerKind !== 'unknown' && brokerKind !== kindSeen) setKindSeen(brokerKind);
  const effectiveProfile = profile ?? profileForBroker(kindSeen);
  const running = phase.kind === 'running' || phase.kind === 'simulating';

  const startedAt = phase.kind === 'running' ? phase.startedAt : null;
  useEffect(() => {
    if (startedAt === null) return;
    const timer = setInterval(() => setElapsed(performance.now() - startedAt), 250);
    return () => clearInterval(timer);
  }, [startedAt]);
  // Closing live mode ends a run.
  useEffect(() => () => abort.current?.abort(), []);

  const start = (): void => {
    if (url === null || scenario === null || check.refused !== null) return;
    if (check.confirm.length > 0 && !confirmed) return;
    const controller = new AbortController();
    abort.current = controller;
    const name = scenario.name;
    const chosenProfile = effectiveProfile;
    setEvents(0);
    setElapsed(0);
    setPhase({ kind: 'running', startedAt: performance.now(), durationMs: scenario.durationMs, name });
    let connector;
    try {
      connector = browserConnector(url);
    } catch (e) {
      setPhase({ kind: 'error', message: (e as Error).message });
      return;
    }
    let lastShown = 0;
    runScenarioAgainstBroker({
      scenario,
      connector,
      profile: chosenProfile,
      confirmed: true,
      signal: controller.signal,
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastShown > 200) {
          lastShown = now;
          setEvents(p.events);
        }
      },
    })
      .then(async (result) => {
        setPhase({ kind: 'simulating' });
        // The live session's own events would mix into the comparison: it ends, the comparison shows.
        await endLiveSession();
        trace.begin(result.combined.header);
        trace.append(result.combined.events);
        setPhase({ kind: 'done', result, name });
      })
      .catch((e: unknown) => setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) }))
      .finally(() => {
        if (abort.current === controller) abort.current = null;
      });
  };

  const pageLabel =
    pageScenario === null
      ? null
      : `The scenario on the page: ${pageScenario.name}${pagePreset !== null ? ` (${pagePreset})` : ''}`;

  return (
    <section className="live-scenario-run" aria-label="Run a scenario against the broker">
      <h3>Run a scenario against the broker</h3>
      <p className="hint">
        Every client of the scenario becomes a real connection from this page to the broker, every fault is
        done for real (power-off and link-down cut the WebSocket without closing it), in real time. Then the
        same scenario is simulated with the broker&apos;s profile: the timeline shows the simulated lanes (
        {SIM_PREFIX}…) and the real ones ({REAL_PREFIX}…), and the differences are listed below. The live
        session ends when the comparison is shown.
      </p>
      <div className="live-run-form">
        <label>
          Scenario{' '}
          <select
            value={choice}
            onChange={(e) => {
              setChoice(e.target.value);
              setConfirmed(false);
            }}
            disabled={running}
          >
            {pageLabel !== null && <option value={PAGE}>{pageLabel}</option>}
            {PRESETS.map((p) => (
              <option key={p.name} value={p.name}>
                {p.title} ({p.name})
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Broker profile{' '}
          <select
            value={effectiveProfile}
            onChange={(e) => setProfile(e.target.value as BrokerProfileName)}
            disabled={running}
          >
            {BROKER_PROFILES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </div>
      {scenario !== null && (
        <p className="live-run-facts">
          {Math.round(scenario.durationMs / 1000)} s in real time, {scenario.clients.length} client spec
          {scenario.clients.length === 1 ? '' : 's'}, {(scenario.events ?? []).length} event
          {(scenario.events ?? []).length === 1 ? '' : 's'}.
        </p>
      )}
      {check.refused !== null && (
        <p className="live-run-refused" role="note">
          Cannot run this one: {check.refused}.
        </p>
      )}
      {check.refused === null && check.confirm.length > 0 && (
        <label className="live-run-confirm">
          <input
            type="checkbox"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
            disabled={running}
          />{' '}
          Run it anyway: {check.confirm.join('; ')}
        </label>
      )}
      <div className="live-buttons">
        <button
          type="button"
          onClick={start}
          disabled={
            running || url === null || check.refused !== null || (check.confirm.length > 0 && !confirmed)
          }
        >
          Run this scenario against the broker
        </button>
        {phase.kind === 'running' && (
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        )}
      </div>
      {url === null && <p className="hint">Connect to a broker first: the run uses the same broker URL.</p>}
      {phase.kind === 'running' && <RunProgress phase={phase} events={events} elapsedMs={elapsed} />}
      {phase.kind === 'simulating' && (
        <p role="status" className="live-run-status">
          Simulating with the broker profile and comparing…
        </p>
      )}
      {phase.kind === 'error' && (
        <p role="alert" className="live-status-problem">
          {phase.message}
        </p>
      )}
      {phase.kind === 'done' && (
        <RunResult
          result={phase.result}
          name={phase.name}
          onProfile={(p) => {
            const result = withProfile(phase.result, p);
            trace.begin(result.combined.header);
            trace.append(result.combined.events);
            setPhase({ kind: 'done', result, name: phase.name });
          }}
        />
      )}
    </section>
  );
}

function RunProgress({
  phase,
  events,
  elapsedMs,
}: {
  phase: { durationMs: number; name: string };
  events: number;
  elapsedMs: number;
}) {
  const elapsed = Math.min(phase.durationMs, elapsedMs);
  return (
    <div className="live-run-progress" role="status" aria-label="Run progress">
      <progress max={phase.durationMs} value={elapsed} />{' '}
      <span>
        Playing “{phase.name}” against the broker: {(elapsed / 1000).toFixed(0)} of{' '}
        {(phase.durationMs / 1000).toFixed(0)} s, {events.toLocaleString('en')} events recorded
      </span>
    </div>
  );
}

function verdict(r: CompareRow): string {
  return r.ok ? `ok${r.note ? ` (${r.note})` : ''}` : `differs: ${r.note}`;
}

function RunResult({
  result,
  name,
  onProfile,
}: {
  result: ScenarioRunResult;
  name: string;
  /** Simulate again with another profile and compare with the same real trace. */
  onProfile(profile: BrokerProfileName): void;
}) {
  const c = result.comparison;
  const t = c.tolerances;
  const profile = result.profile;
  const [other, setOther] = useState<BrokerProfileName>(profile);
  return (
    <div className="live-run-result" aria-label="Simulated vs real">
      <p role="status" className="live-run-status" data-testid="live-run-verdict">
        {result.aborted
          ? `Cancelled after ${(result.ranMs / 1000).toFixed(1)} s: both traces cover that much of “${name}”. `
          : `“${name}” ran for real. `}
        Compared with profile {profile} (timing ± {t.slackMs} ms
        {t.delayedWillSlackMs > 0 ? `, delayed wills + ${t.delayedWillSlackMs} ms` : ''}):{' '}
        {c.mismatches === 0
          ? `no differences (${c.rows.length} rows agree).`
          : `${c.mismatches} of ${c.rows.length} rows differ.`}{' '}
        Simulated {result.sim.events.length.toLocaleString('en')} events, real{' '}
        {result.real.events.length.toLocaleString('en')}.
      </p>
      {c.mismatches > 0 && (
        <table className="live-run-table" aria-label="Differences">
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Aspect</th>
              <th scope="col">a: simulated ({profile})</th>
              <th scope="col">b: real</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {c.rows
              .filter((r) => !r.ok)
              .map((r, i) => (
                <tr key={i}>
                  <td>{r.client || '—'}</td>
                  <td>{r.aspect}</td>
                  <td>{r.a}</td>
                  <td>{r.b}</td>
                  <td>{r.note}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>All {c.rows.length} rows</summary>
        <table className="live-run-table" aria-label="All rows">
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Aspect</th>
              <th scope="col">a: simulated</th>
              <th scope="col">b: real</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r, i) => (
              <tr key={i} data-ok={r.ok ? 'yes' : 'no'}>
                <td>{r.client || '—'}</td>
                <td>{r.aspect}</td>
                <td>{r.a}</td>
                <td>{r.b}</td>
                <td>{verdict(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {c.notes.length > 0 && (
        <ul className="live-run-notes">
          {c.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      {result.rejected.count > 0 && (
        <p className="hint">
          Left out {result.rejected.count} broker report(s) that did not fit the trace format; first:{' '}
          {result.rejected.first}
        </p>
      )}
      <form
        className="live-run-form"
        aria-label="Compare with another profile"
        onSubmit={(e) => {
          e.preventDefault();
          onProfile(other);
        }}
      >
        <label>
          Compare the same real trace with profile{' '}
          <select value={other} onChange={(e) => setOther(e.target.value as BrokerProfileName)}>
            {BROKER_PROFILES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">Compare</button>
      </form>
    </div>
  );
}
