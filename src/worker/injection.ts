// A fault injected from the page while a run plays: when it runs, and the scenario it becomes part of
// (so Export, which re-runs the scenario, writes the same trace the page shows).

import type { ResolvedEvent, Scenario, ScenarioEvent } from '../scenario/types';
import { parseScenario, resolveScenario } from '../scenario/validate';

/**
 * The time at which an injected fault runs: just after the simulated clock, on a half millisecond
 * (simulated times are whole ms or random fractions, so no other event is due at that instant and a
 * re-run of the scenario with the fault among its events gives the same trace).
 */
export function injectionTime(now: number): number {
  const half = Math.floor(now) + 0.5;
  return half > now ? half : half + 1;
}

/** The scenario with one more event, checked; plus that event resolved. Throws ScenarioError. */
export function withInjectedEvent(
  scenario: Scenario,
  event: ScenarioEvent,
): { scenario: Scenario; resolved: ResolvedEvent } {
  const next: Scenario = { ...scenario, events: [...(scenario.events ?? []), event] };
  const resolved = resolveScenario(parseScenario(next));
  // Stable sort: among events at the same time the new one (written last) is the last of them.
  const candidates = resolved.events.filter(
    (e) => e.atMs === event.atMs && e.do === event.do && e.client === (event.client ?? null),
  );
  const found = candidates[candidates.length - 1];
  if (found === undefined) throw new Error('the injected event did not resolve');
  return { scenario: next, resolved: found };
}
