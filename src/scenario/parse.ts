// parseScenario: checks user input (parsed JSON) against the scenario format, version 1, and reports
// every problem at once. The result is the input itself, now known to be a `Scenario`.

import { BROKER_PROFILES, type Scenario } from './types';
import { field, readObject } from './fields';
import { Issues, ROOT_PATH, indexPath, keyPath } from './issues';
import { U16, U32, integer, nonEmptyString, nonNegative, number, oneOf, orNull, string } from './rules';
import { checkClient, protocolLevel } from './parseClient';
import { checkEvent } from './parseEvent';
import { checkSize } from './parseSize';
import { MAX_CLIENT_GROUPS, MAX_SCENARIO_EVENTS } from './limits';

export const SCENARIO_VERSION = 1;
export const MAX_DURATION_MS = 7 * 24 * 60 * 60 * 1000;

const SCENARIO_KEYS = [
  'scenario',
  'name',
  'description',
  'seed',
  'durationMs',
  'protocol',
  'broker',
  'network',
  'clients',
  'events',
] as const;
const BROKER_KEYS = ['profile', 'serverKeepAlive'] as const;
const NETWORK_KEYS = ['latencyMs', 'jitterMs', 'loss'] as const;

const duration = number({ above: 0, max: MAX_DURATION_MS, label: `> 0 and <= ${MAX_DURATION_MS} (7 days)` });

/** Throws `ScenarioError` listing every problem; returns the input typed as a `Scenario`. */
export function parseScenario(input: unknown): Scenario {
  const issues = new Issues();
  const root = readObject(issues, ROOT_PATH, input, SCENARIO_KEYS);
  if (root !== null) {
    const at = (key: string): string => keyPath(ROOT_PATH, key);
    field(issues, root, ROOT_PATH, 'scenario', oneOf([SCENARIO_VERSION]), true);
    field(issues, root, ROOT_PATH, 'name', nonEmptyString, true);
    field(issues, root, ROOT_PATH, 'description', string);
    field(issues, root, ROOT_PATH, 'seed', integer(0, U32), true);
    const durationOk = field(issues, root, ROOT_PATH, 'durationMs', duration, true);
    field(issues, root, ROOT_PATH, 'protocol', protocolLevel);
    if (root.broker !== undefined) checkBroker(issues, at('broker'), root.broker);
    if (root.network !== undefined) checkNetwork(issues, at('network'), root.network);
    checkClients(issues, at('clients'), root.clients);
    if (root.events !== undefined) {
      checkEvents(issues, at('events'), root.events, durationOk ? (root.durationMs as number) : null);
    }
    // Only a scenario sound in every field can be sized; before anything is expanded or run.
    if (issues.list.length === 0) checkSize(issues, input as Scenario);
  }
  issues.throwIfAny();
  return input as Scenario;
}

function checkBroker(issues: Issues, path: string, value: unknown): void {
  const broker = readObject(issues, path, value, BROKER_KEYS);
  if (broker === null) return;
  field(issues, broker, path, 'profile', oneOf(BROKER_PROFILES));
  field(issues, broker, path, 'serverKeepAlive', orNull(integer(0, U16)));
}

function checkNetwork(issues: Issues, path: string, value: unknown): void {
  const network = readObject(issues, path, value, NETWORK_KEYS);
  if (network === null) return;
  field(issues, network, path, 'latencyMs', nonNegative, true);
  field(issues, network, path, 'jitterMs', nonNegative);
  field(issues, network, path, 'loss', number({ min: 0, max: 1 }));
}

function checkClients(issues: Issues, path: string, value: unknown): void {
  if (value === undefined) {
    issues.add(path, 'is required (a non-empty array of clients)');
  } else if (!Array.isArray(value) || value.length === 0) {
    issues.reject(path, 'must be a non-empty array of clients', value);
  } else if (value.length > MAX_CLIENT_GROUPS) {
    issues.add(path, `must have at most ${MAX_CLIENT_GROUPS} entries (got ${value.length}; use count)`);
  } else {
    value.forEach((client: unknown, i) => checkClient(issues, indexPath(path, i), client));
  }
}

function checkEvents(issues: Issues, path: string, value: unknown, durationMs: number | null): void {
  if (!Array.isArray(value)) {
    issues.reject(path, 'must be an array of events', value);
    return;
  }
  if (value.length > MAX_SCENARIO_EVENTS) {
    issues.add(path, `must have at most ${MAX_SCENARIO_EVENTS} entries (got ${value.length})`);
    return;
  }
  value.forEach((event: unknown, i) => checkEvent(issues, indexPath(path, i), event, durationMs));
}
