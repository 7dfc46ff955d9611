// Checks one entry of `clients` (a client or a group of `count` clients) against the format.

import { indexPath, keyPath, type Issues } from './issues';
import { field, readObject, type Fields } from './fields';
import {
  U16,
  U32,
  boolean,
  integer,
  nonEmptyString,
  nonNegative,
  number,
  oneOf,
  orNull,
  qos,
  string,
  topicFilter,
  topicName,
} from './rules';
import { MAX_UTF8_BYTES } from './topics';
import { CLIENT_LIBRARIES, CLIENT_TRANSPORTS } from './types';
import { loneSurrogateAt, mqttStringProblem, utf8Length } from './utf8';
import { MAX_SUBSCRIPTIONS, MIN_PERIOD_MS } from './limits';
import { NUMBER_PLACEHOLDER } from './template';

export const MAX_GROUP_COUNT = 1_000_000;

const CLIENT_KEYS = [
  'id',
  'count',
  'keepAlive',
  'connectAtMs',
  'connectSpreadMs',
  'cleanStart',
  'sessionExpiry',
  'will',
  'publish',
  'subscribe',
  'reconnect',
  'protocol',
  'library',
  'transport',
  'username',
  'password',
] as const;
const WILL_KEYS = ['topic', 'payload', 'qos', 'retain', 'delay'] as const;
const PUBLISH_KEYS = ['topic', 'everyMs', 'qos', 'retain', 'payload', 'offsetMs', 'offsetSpreadMs'] as const;
const SUBSCRIPTION_KEYS = ['topic', 'qos'] as const;
const RECONNECT_KEYS = ['minMs', 'maxMs', 'jitter'] as const;

export const protocolLevel = oneOf([4, 5]);

export function checkClient(issues: Issues, path: string, value: unknown): void {
  const client = readObject(issues, path, value, CLIENT_KEYS);
  if (client === null) return;
  const idOk = field(issues, client, path, 'id', nonEmptyString, true);
  const countOk = field(issues, client, path, 'count', integer(1, MAX_GROUP_COUNT));
  if (idOk) checkId(issues, keyPath(path, 'id'), client.id as string, countOk ? (client.count as number) : 1);
  field(issues, client, path, 'keepAlive', integer(0, U16), true);
  field(issues, client, path, 'connectAtMs', orNull(nonNegative));
  field(issues, client, path, 'connectSpreadMs', nonNegative);
  field(issues, client, path, 'cleanStart', boolean);
  field(issues, client, path, 'sessionExpiry', integer(0, U32));
  field(issues, client, path, 'protocol', protocolLevel);
  field(issues, client, path, 'library', oneOf(CLIENT_LIBRARIES));
  field(issues, client, path, 'transport', oneOf(CLIENT_TRANSPORTS));
  checkCredentials(issues, path, client);
  if (client.will !== undefined) checkWill(issues, keyPath(path, 'will'), client.will);
  if (client.publish !== undefined) checkPublish(issues, keyPath(path, 'publish'), client.publish);
  if (client.subscribe !== undefined) checkSubscribe(issues, keyPath(path, 'subscribe'), client.subscribe);
  if (client.reconnect !== undefined) checkReconnect(issues, keyPath(path, 'reconnect'), client.reconnect);
}

/** Anything that repeats (publishing, reconnecting) does so at most once a millisecond. */
const period = number({ min: MIN_PERIOD_MS, label: `>= ${MIN_PERIOD_MS}` });

function checkId(issues: Issues, path: string, id: string, count: number): void {
  const text = mqttStringProblem(id);
  if (text !== null) issues.reject(path, text, id);
  if (count > 1 && !id.includes(NUMBER_PLACEHOLDER)) {
    issues.reject(path, `must contain ${NUMBER_PLACEHOLDER} when count > 1`, id);
  }
  // The longest ID of the group is the one with the most digits in place of {n}.
  if (utf8Length(id.replaceAll(NUMBER_PLACEHOLDER, String(count))) > MAX_UTF8_BYTES) {
    issues.reject(path, `must be at most ${MAX_UTF8_BYTES} UTF-8 bytes`, id);
  }
}

/**
 * User Name: an MQTT UTF-8 string [MQTT-3.1.3-11]. Password: binary data of at most 65535 bytes,
 * written here as text (so it must have a UTF-8 form). A password's problem never quotes it.
 */
function checkCredentials(issues: Issues, path: string, client: Fields): void {
  if (field(issues, client, path, 'username', string)) {
    const username = client.username as string;
    const text = mqttStringProblem(username);
    if (text !== null) issues.reject(keyPath(path, 'username'), text, username);
    else if (utf8Length(username) > MAX_UTF8_BYTES)
      issues.add(keyPath(path, 'username'), `must be at most ${MAX_UTF8_BYTES} UTF-8 bytes`);
  }
  const password = client.password;
  if (password === undefined) return;
  if (
    typeof password !== 'string' ||
    loneSurrogateAt(password) !== -1 ||
    utf8Length(password) > MAX_UTF8_BYTES
  )
    issues.add(
      keyPath(path, 'password'),
      `must be a string of well-formed UTF-8, at most ${MAX_UTF8_BYTES} bytes`,
    );
}

function checkWill(issues: Issues, path: string, value: unknown): void {
  const will = readObject(issues, path, value, WILL_KEYS);
  if (will === null) return;
  field(issues, will, path, 'topic', topicName, true);
  field(issues, will, path, 'payload', string);
  field(issues, will, path, 'qos', qos);
  field(issues, will, path, 'retain', boolean);
  field(issues, will, path, 'delay', integer(0, U32));
}

function checkPublish(issues: Issues, path: string, value: unknown): void {
  const publish = readObject(issues, path, value, PUBLISH_KEYS);
  if (publish === null) return;
  field(issues, publish, path, 'topic', topicName, true);
  field(issues, publish, path, 'everyMs', period, true);
  field(issues, publish, path, 'qos', qos);
  field(issues, publish, path, 'retain', boolean);
  field(issues, publish, path, 'payload', string);
  field(issues, publish, path, 'offsetMs', nonNegative);
  field(issues, publish, path, 'offsetSpreadMs', nonNegative);
}

function checkSubscribe(issues: Issues, path: string, value: unknown): void {
  if (!Array.isArray(value)) {
    issues.reject(path, 'must be an array of topic filters', value);
    return;
  }
  if (value.length > MAX_SUBSCRIPTIONS) {
    issues.add(path, `must have at most ${MAX_SUBSCRIPTIONS} topic filters (got ${value.length})`);
    return;
  }
  value.forEach((entry: unknown, i) => {
    const at = indexPath(path, i);
    if (typeof entry === 'string') {
      const problem = topicFilter.check(entry);
      if (problem !== null) issues.reject(at, problem, entry);
      return;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      issues.reject(at, 'must be a topic filter string or { "topic", "qos" }', entry);
      return;
    }
    const subscription = readObject(issues, at, entry, SUBSCRIPTION_KEYS) as Fields;
    field(issues, subscription, at, 'topic', topicFilter, true);
    field(issues, subscription, at, 'qos', qos);
  });
}

function checkReconnect(issues: Issues, path: string, value: unknown): void {
  const reconnect = readObject(issues, path, value, RECONNECT_KEYS);
  if (reconnect === null) return;
  const minOk = field(issues, reconnect, path, 'minMs', period, true);
  const minMs = reconnect.minMs as number;
  const maxRule = minOk ? number({ min: minMs, label: `>= minMs (${minMs})` }) : period;
  field(issues, reconnect, path, 'maxMs', maxRule, true);
  field(issues, reconnect, path, 'jitter', number({ min: 0, max: 1 }));
}
