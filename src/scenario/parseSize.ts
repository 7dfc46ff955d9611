// The last format check: a scenario whose fields are all fine may still describe a run too big to
// build or to finish (a million clients for a week). Checked from the groups as written, before any
// client is expanded; each problem names a path and the limit.

import { indexPath, keyPath, ROOT_PATH, type Issues } from './issues';
import { MAX_CLIENTS, MAX_RUN_EVENTS } from './limits';
import { estimateScenarioSize } from './size';
import type { Scenario } from './types';

const count = (n: number): string => Math.round(n).toLocaleString('en');

/** Reports a run over MAX_CLIENTS or MAX_RUN_EVENTS. `s` passed every other format check. */
export function checkSize(issues: Issues, s: Scenario): void {
  const clientsPath = keyPath(ROOT_PATH, 'clients');
  const clients = s.clients.reduce((n, c) => n + (c.count ?? 1), 0);
  if (clients > MAX_CLIENTS) {
    issues.add(clientsPath, `must make at most ${MAX_CLIENTS} clients in all (got ${clients})`);
    return;
  }
  const size = estimateScenarioSize(s);
  if (size.events <= MAX_RUN_EVENTS) return;
  // Name the group that makes the most of it, or the events list when the faults do.
  let worst = 0;
  size.byGroup.forEach((n, g) => {
    if (n > size.byGroup[worst]) worst = g;
  });
  const groupPart = size.byGroup[worst];
  const scriptedPart = size.events - size.byGroup.reduce((a, b) => a + b, 0);
  const path = scriptedPart > groupPart ? keyPath(ROOT_PATH, 'events') : indexPath(clientsPath, worst);
  const part = Math.max(groupPart, scriptedPart);
  issues.add(
    path,
    `makes about ${count(part)} of the run's ${count(size.events)} estimated trace events, more than ` +
      `the ${count(MAX_RUN_EVENTS)} a run may make (fewer clients, longer periods or a shorter durationMs)`,
  );
}
