// A lesson's scenario must be a valid scenario and small enough to run at once under every profile:
// at most MAX_CLIENTS clients after expansion, MAX_EVENTS events and MAX_DURATION_MS of simulated time.
// Sizes are checked before the scenario is read, so a huge group is refused from its count alone.

import type { ScenarioIssue } from '../scenario/errors';
import { ScenarioError } from '../scenario/errors';
import { ROOT_PATH } from '../scenario/issues';
import { parseScenario } from '../scenario/parse';
import { resolveScenario } from '../scenario/resolve';
import type { ResolvedScenario, Scenario } from '../scenario/types';
import { MAX_CLIENTS, MAX_DURATION_MS, MAX_EVENTS } from './limits';
import type { Cast } from './parseRefs';

/** A scenario checked for a lesson: its problems (paths from the scenario's root), or the result. */
export interface RunnableCheck {
  issues: ScenarioIssue[];
  resolved: ResolvedScenario | null;
}

function sizeIssues(value: unknown): ScenarioIssue[] {
  const s = value as Partial<Record<string, unknown>>;
  const out: ScenarioIssue[] = [];
  if (Array.isArray(s.clients) && s.clients.length > MAX_CLIENTS) {
    out.push({
      path: 'clients',
      message: `a lesson runs at most ${MAX_CLIENTS} clients (got ${s.clients.length} entries)`,
    });
  } else if (Array.isArray(s.clients)) {
    // Groups are counted before the scenario is read at all, so the lesson's own limit is the one
    // reported (a count that is not a number is the scenario format's to report).
    const clients = s.clients.reduce<number>((n, c) => n + groupCount(c), 0);
    if (clients > MAX_CLIENTS) {
      out.push({
        path: 'clients',
        message: `a lesson runs at most ${MAX_CLIENTS} clients (got ${clients} after counting groups)`,
      });
    }
  }
  if (typeof s.durationMs === 'number' && s.durationMs > MAX_DURATION_MS) {
    out.push({
      path: 'durationMs',
      message: `a lesson runs at most ${MAX_DURATION_MS} ms (10 minutes) (got ${s.durationMs})`,
    });
  }
  if (Array.isArray(s.events) && s.events.length > MAX_EVENTS) {
    out.push({
      path: 'events',
      message: `a lesson has at most ${MAX_EVENTS} events (got ${s.events.length})`,
    });
  }
  return out;
}

/** How many clients a client entry stands for, as far as can be told before it is checked. */
function groupCount(entry: unknown): number {
  const count = (entry as { count?: unknown } | null)?.count;
  return typeof count === 'number' && Number.isFinite(count) && count > 1 ? count : 1;
}

/** Checks `value` as a lesson's scenario: size, format, then expansion and cross-checks. */
export function checkRunnable(value: unknown): RunnableCheck {
  if (typeof value === 'object' && value !== null) {
    const early = sizeIssues(value);
    if (early.length > 0) return { issues: early, resolved: null };
  }
  let scenario: Scenario;
  try {
    scenario = parseScenario(value);
  } catch (err) {
    if (err instanceof ScenarioError) return { issues: err.issues, resolved: null };
    throw err;
  }
  try {
    return { issues: [], resolved: resolveScenario(scenario) };
  } catch (err) {
    if (err instanceof ScenarioError) return { issues: err.issues, resolved: null };
    throw err;
  }
}

/** A scenario issue's path under `prefix`: `clients[0].id` under `scenario` → `scenario.clients[0].id`. */
export function prefixPath(prefix: string, path: string): string {
  if (path === ROOT_PATH) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** Who is in a resolved scenario, for selectors and for the typed-number rule. */
export function castOf(resolved: ResolvedScenario): Cast {
  const names = new Set<string>();
  for (const c of resolved.clients) {
    names.add(c.id);
    if (c.will !== null) names.add(c.will.topic);
    if (c.publish !== null) names.add(c.publish.topic);
    for (const s of c.subscribe) names.add(s.topic);
  }
  return { clients: new Set(resolved.clients.map((c) => c.id)), names: [...names] };
}
