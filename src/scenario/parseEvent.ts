// Checks one entry of `events` against the format. Whether `client` names a real client is known only
// after expansion (resolve.ts).

import { ACTIONS, type Action } from './types';
import { forbid, field, readObject } from './fields';
import type { Issues } from './issues';
import {
  boolean,
  nonEmptyString,
  nonNegative,
  number,
  oneOf,
  positive,
  qos,
  string,
  topicName,
} from './rules';

const EVENT_KEYS = ['atMs', 'client', 'do', 'downMs', 'topic', 'payload', 'qos', 'retain'] as const;
const PUBLISH_ONLY = ['topic', 'payload', 'qos', 'retain'] as const;

const action = oneOf(ACTIONS);

/** `durationMs` is null when the scenario's own duration is invalid (then only atMs >= 0 is checked). */
export function checkEvent(issues: Issues, path: string, value: unknown, durationMs: number | null): void {
  const event = readObject(issues, path, value, EVENT_KEYS);
  if (event === null) return;
  const atRule =
    durationMs === null
      ? nonNegative
      : number({ min: 0, max: durationMs, label: `0..${durationMs} (durationMs)` });
  field(issues, event, path, 'atMs', atRule, true);
  if (!field(issues, event, path, 'do', action, true)) {
    field(issues, event, path, 'client', nonEmptyString);
    return;
  }
  const does = event.do as Action;
  const only = (what: string): string => `only for ${what}, not with ${JSON.stringify(does)}`;
  if (does === 'broker-restart') {
    forbid(issues, event, path, 'client', `not allowed with "broker-restart" (it hits every client)`);
    field(issues, event, path, 'downMs', positive, true);
  } else {
    field(issues, event, path, 'client', nonEmptyString, true);
    forbid(issues, event, path, 'downMs', only('"broker-restart"'));
  }
  if (does === 'publish') {
    field(issues, event, path, 'topic', topicName, true);
    field(issues, event, path, 'payload', string);
    field(issues, event, path, 'qos', qos);
    field(issues, event, path, 'retain', boolean);
  } else {
    for (const key of PUBLISH_ONLY) forbid(issues, event, path, key, only('"publish"'));
  }
}
