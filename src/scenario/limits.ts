// How big a scenario may be. A scenario can arrive in a short link, and expanding or running one that
// is too big freezes a tab or exhausts a process's memory, so these are checked while the scenario is
// validated, before any client is built (parseSize.ts); docs/limits.md lists them.

/** Clients in all, after every group is expanded (twice the biggest preset, fleet-100k). */
export const MAX_CLIENTS = 200_000;
/** Entries of `clients` (groups). */
export const MAX_CLIENT_GROUPS = 10_000;
/** Entries of `events`. */
export const MAX_SCENARIO_EVENTS = 10_000;
/** Topic filters one group subscribes to. */
export const MAX_SUBSCRIPTIONS = 100;
/** Trace events a run is estimated to make (size.ts); fleet-100k makes about 12 million. */
export const MAX_RUN_EVENTS = 50_000_000;
/** Above this estimate the app shows the run's size and asks before starting it. */
export const BIG_RUN_EVENTS = 15_000_000;
/** The shortest period of anything that repeats (publish.everyMs, reconnect.minMs), ms. */
export const MIN_PERIOD_MS = 1;
/** Problems listed in one error; the rest are counted. */
export const MAX_LISTED_ISSUES = 50;
/** Scenario JSON text (a file, a pasted text, a decompressed link), characters. */
export const MAX_SCENARIO_CHARS = 4_000_000;
