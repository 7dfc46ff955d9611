// "Run this scenario against the broker" (live mode): the scenario played for real from wherever this
// runs (the page: browser WebSockets; tests: Node) through the environment-neutral real-run player
// (src/realrun/core.ts), the same scenario simulated with the broker's profile, the two compared
// (src/analysis/compare) and merged into one trace for the page's timeline (combine.ts). It sits in
// realrun/, above live/ and sim/, so that live/ never reaches up for the player.
import { compareTraces, type Comparison } from '../../analysis/compare';
import { LONG_RUN_MS, MANY_CLIENTS, playScenario } from '../core';
import type { Connector } from '../link';
import { maskPasswords } from '../../scenario/credentials';
import { withOverrides } from '../../scenario/overrides';
import type { BrokerProfileName, Scenario } from '../../scenario/types';
import { resolveScenario } from '../../scenario/validate';
import { runToJsonl } from '../../sim/run';
import { parseTrace } from '../../trace/parse';
import type { TraceEvent, TraceHeader } from '../../trace/types';
import type { BrokerKind } from '../../live/types';
import { combineTraces, type CombinedTrace, type TraceData } from './combine';

/** The profile of each kind of broker; the standard for one not recognised. A table, so a new kind needs one. */
const PROFILE_OF: Record<BrokerKind, BrokerProfileName> = {
  unknown: 'spec',
  mosquitto: 'mosquitto-2.0',
  emqx: 'emqx',
  aedes: 'aedes',
  embedded: 'aedes',
  rabbitmq: 'rabbitmq-3.10',
  activemq: 'activemq-5.17',
};

/** The profile that describes a broker of this kind (what the user can still change). */
export function profileForBroker(kind: BrokerKind): BrokerProfileName {
  return PROFILE_OF[kind];
}

export interface RunCheck {
  /** Why the scenario cannot be run against a broker at all (null: it can). */
  refused: string | null;
  /** What the user must confirm first (long, large). */
  confirm: string[];
}

/** What can be said before connecting. Throws ScenarioError for an invalid scenario. */
export function checkScenarioRun(scenario: Scenario): RunCheck {
  const s = resolveScenario(scenario);
  const restart = s.events.find((e) => e.do === 'broker-restart');
  const refused =
    restart === undefined
      ? null
      : `it restarts the broker at ${restart.atMs / 1000} s, and the page never restarts a broker: ` +
        'remove the "broker-restart" event (scenario editor) to run it';
  const confirm: string[] = [];
  if (s.durationMs > LONG_RUN_MS)
    confirm.push(`it runs ${Math.round(s.durationMs / 1000)} s in real time (over ${LONG_RUN_MS / 1000} s)`);
  if (s.clients.length > MANY_CLIENTS)
    confirm.push(`it opens ${s.clients.length} real connections to the broker (over ${MANY_CLIENTS})`);
  return { refused, confirm };
}

/** The scenario cut at `ms` (a cancelled run): its duration, and only the events before it. */
export function truncateScenario(scenario: Scenario, ms: number): Scenario {
  const durationMs = Math.max(1, Math.floor(ms));
  return {
    ...scenario,
    durationMs,
    events: (scenario.events ?? []).filter((e) => e.atMs < durationMs),
  };
}

/** The scenario simulated with `profile`, as a trace. */
export function simulateTrace(scenario: Scenario, profile: BrokerProfileName): TraceData {
  const lines: string[] = [];
  runToJsonl(withOverrides(scenario, { profile }), (l) => lines.push(l));
  return parseTrace(lines.join(''));
}

export interface ScenarioRunProgress {
  /** Trace events recorded so far. */
  events: number;
}

export interface ScenarioRunOptions {
  scenario: Scenario;
  connector: Connector;
  profile: BrokerProfileName;
  /** The user confirmed a long or large run. */
  confirmed: boolean;
  signal?: AbortSignal;
  onProgress?(p: ScenarioRunProgress): void;
  connectTimeoutMs?: number;
}

export interface ScenarioRunResult {
  /** The profile the simulated trace used. */
  profile: BrokerProfileName;
  real: TraceData;
  sim: TraceData;
  comparison: Comparison;
  combined: CombinedTrace;
  /** The run was cancelled: both traces cover only its first `ranMs`. */
  aborted: boolean;
  ranMs: number;
  /** The scenario both traces are of (cut short when cancelled). */
  compared: Scenario;
  /** Broker reports that did not fit the trace format (left out). */
  rejected: { count: number; first: string | null };
}

export async function runScenarioAgainstBroker(options: ScenarioRunOptions): Promise<ScenarioRunResult> {
  const check = checkScenarioRun(options.scenario);
  if (check.refused !== null) throw new Error(`This scenario cannot run against a broker: ${check.refused}.`);
  if (check.confirm.length > 0 && !options.confirmed)
    throw new Error(`Confirm first: ${check.confirm.join('; ')}.`);
  let header: TraceHeader | null = null;
  const events: TraceEvent[] = [];
  const summary = await playScenario({
    scenario: options.scenario,
    connector: options.connector,
    yes: true,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
    header: (h) => (header = h),
    event: (e) => {
      events.push(e);
      options.onProgress?.({ events: events.length });
    },
  });
  const realHeader: TraceHeader = header ?? { trace: 1, source: 'live' };
  const shown = maskPasswords(options.scenario);
  const compared = summary.aborted ? truncateScenario(shown, summary.ranMs) : shown;
  const real: TraceData = { header: { ...realHeader, scenario: compared }, events };
  return withProfile(
    {
      real,
      aborted: summary.aborted,
      ranMs: summary.ranMs,
      compared,
      rejected: summary.rejected,
    },
    options.profile,
  );
}

/** The real trace of a run held against a (new) simulation with `profile`: no new real run. */
export function withProfile(
  run: Pick<ScenarioRunResult, 'real' | 'aborted' | 'ranMs' | 'compared' | 'rejected'>,
  profile: BrokerProfileName,
): ScenarioRunResult {
  const sim = simulateTrace(run.compared, profile);
  return {
    ...run,
    profile,
    sim,
    comparison: compareTraces(sim, run.real),
    combined: combineTraces(sim, run.real),
  };
}
