// The publish and subscribe forms' checks: each error names the field and the rule it breaks, with the
// standard's statement id (the topic rules are src/scenario/topics.ts, the lab's one copy of them).
// Pure: no React, no mqtt.js; tests/ui/live/forms.test.ts checks them.
import type { LivePublish } from '../../live/liveConnection';
import {
  MAX_FOUR_BYTE,
  mqttStringProblem,
  parseUserProperties,
  quote,
  wholeNumber,
} from '../../live/options';
import type { UserPropertyInput } from '../../live/options';
import type { LiveSubscription } from '../../live/subscriptions';
import { topicFilterProblem, topicNameProblem } from '../../scenario/topics';

export interface FormError<F extends string> {
  field: F;
  message: string;
}

export type PayloadFormat = 'text' | 'json' | 'hex' | 'base64';

/** The largest payload a PUBLISH can carry: the Remaining Length's maximum, less the smallest header. */
export const MAX_PAYLOAD_BYTES = 268_435_455 - 4;

/** The statement a topic problem (src/scenario/topics.ts) breaks, by MQTT version. */
function ruleOf(problem: string, protocol: 4 | 5): string {
  if (problem === 'must not be empty') return '[MQTT-4.7.3-1]';
  if (problem.includes('wildcards')) return '[MQTT-3.3.2-2]';
  // The wildcard rules are numbered one lower in MQTT 5.0 than in 3.1.1.
  if (problem.includes('# only')) return protocol === 5 ? '[MQTT-4.7.1-1]' : '[MQTT-4.7.1-2]';
  if (problem.includes('+ only')) return protocol === 5 ? '[MQTT-4.7.1-2]' : '[MQTT-4.7.1-3]';
  if (problem.includes('65535')) return '[MQTT-4.7.3-3]';
  if (problem.includes('NUL')) return protocol === 5 ? '[MQTT-1.5.4-2]' : '[MQTT-1.5.3-2]';
  if (problem.includes('surrogate')) return protocol === 5 ? '[MQTT-1.5.4-1]' : '[MQTT-1.5.3-1]';
  return '';
}

function withRule(problem: string, protocol: 4 | 5): string {
  const rule = ruleOf(problem, protocol);
  return rule === '' ? problem : `${problem} ${rule}`;
}

/** A topic name's problem, naming the rule, or null. */
export function topicNameError(topic: string, protocol: 4 | 5): string | null {
  const problem = topicNameProblem(topic);
  return problem === null ? null : `Topic: ${withRule(problem, protocol)}`;
}

/**
 * A topic filter's problem, naming the rule, or null. Under MQTT 5 a shared subscription is
 * `$share/<share name>/<filter>`: the name is at least one character [MQTT-4.8.2-1], without + or #,
 * and a filter follows it [MQTT-4.8.2-2].
 */
export function topicFilterError(filter: string, protocol: 4 | 5): string | null {
  const problem = topicFilterProblem(filter);
  if (problem !== null) return `Topic filter: ${withRule(problem, protocol)}`;
  if (protocol === 5 && filter.startsWith('$share/')) {
    const rest = filter.slice('$share/'.length);
    const slash = rest.indexOf('/');
    const name = slash === -1 ? rest : rest.slice(0, slash);
    if (name === '')
      return 'Topic filter: a shared subscription needs a share name after $share/ [MQTT-4.8.2-1]';
    if (name.includes('+') || name.includes('#'))
      return 'Topic filter: a shared subscription’s name must not contain + or # [MQTT-4.8.2-2]';
    if (slash === -1 || rest.slice(slash + 1) === '')
      return 'Topic filter: a shared subscription needs a topic filter after $share/<name>/ [MQTT-4.8.2-2]';
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Publish

export interface PublishInput {
  topic: string;
  format: PayloadFormat;
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** MQTT 5 Message Expiry Interval, seconds ('' for none). */
  messageExpiry: string;
  /** MQTT 5 Content Type ('' for none). */
  contentType: string;
  userProperties: readonly UserPropertyInput[];
}

export type PublishField = 'topic' | 'payload' | 'messageExpiry' | 'contentType' | 'userProperties';

/** The payload's bytes in its format, or what is wrong with it. */
export function payloadBytes(text: string, format: PayloadFormat): Uint8Array | string {
  switch (format) {
    case 'text':
      return new TextEncoder().encode(text);
    case 'json':
      try {
        JSON.parse(text);
      } catch (err) {
        return `Payload: not JSON (${err instanceof Error ? err.message : String(err)}); choose Text to send it as it is`;
      }
      return new TextEncoder().encode(text);
    case 'hex': {
      const digits = text.replace(/\s+/g, '').replace(/^0x/i, '');
      const bad = /[^0-9a-fA-F]/.exec(digits);
      if (bad !== null) return `Payload: not hex: ${quote(bad[0])} is not a hex digit (0-9, a-f)`;
      if (digits.length % 2 !== 0)
        return `Payload: hex needs two digits a byte (got ${digits.length} digits)`;
      const bytes = new Uint8Array(digits.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
      return bytes;
    }
    case 'base64': {
      const clean = text.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1)
        return 'Payload: not base64 (A-Z, a-z, 0-9, + and /, padded with =)';
      try {
        const binary = atob(clean);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        return bytes;
      } catch {
        return 'Payload: not base64 (A-Z, a-z, 0-9, + and /, padded with =)';
      }
    }
  }
}

export function validatePublish(
  input: PublishInput,
  protocol: 4 | 5,
): { ok: true; message: LivePublish } | { ok: false; errors: FormError<PublishField>[] } {
  const errors: FormError<PublishField>[] = [];
  const topicError = topicNameError(input.topic, protocol);
  if (topicError !== null) errors.push({ field: 'topic', message: topicError });
  const bytes = payloadBytes(input.payload, input.format);
  if (typeof bytes === 'string') errors.push({ field: 'payload', message: bytes });
  else if (bytes.length > MAX_PAYLOAD_BYTES)
    errors.push({ field: 'payload', message: `Payload: at most ${MAX_PAYLOAD_BYTES} bytes in one PUBLISH` });
  const message: LivePublish = {
    topic: input.topic,
    payload: typeof bytes === 'string' ? new Uint8Array(0) : bytes,
    qos: input.qos,
    retain: input.retain,
  };
  if (protocol === 5) {
    const expiry = wholeNumber(input.messageExpiry, MAX_FOUR_BYTE);
    if (Number.isNaN(expiry))
      errors.push({
        field: 'messageExpiry',
        message: `Message expiry: must be a whole number of seconds 0..4294967295 (got ${quote(input.messageExpiry.trim())})`,
      });
    else if (expiry !== null) message.messageExpiry = expiry;
    if (input.contentType !== '') {
      const problem = mqttStringProblem(input.contentType);
      if (problem !== null) errors.push({ field: 'contentType', message: `Content type: ${problem}` });
      else message.contentType = input.contentType;
    }
    const props = parseUserProperties(input.userProperties, 'User properties');
    if (!props.ok) errors.push({ field: 'userProperties', message: props.message });
    else if (props.properties !== undefined) message.userProperties = props.properties;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, message };
}

// ---------------------------------------------------------------------------------------------------
// Subscribe

export interface SubscriptionInput {
  filter: string;
  qos: 0 | 1 | 2;
  noLocal: boolean;
  retainAsPublished: boolean;
  retainHandling: 0 | 1 | 2;
}

export function validateSubscription(
  input: SubscriptionInput,
  protocol: 4 | 5,
): { ok: true; subscription: LiveSubscription } | { ok: false; message: string } {
  const error = topicFilterError(input.filter, protocol);
  if (error !== null) return { ok: false, message: error };
  if (protocol === 5 && input.noLocal && input.filter.startsWith('$share/'))
    return {
      ok: false,
      message: 'No local: not allowed on a shared subscription ($share/…) [MQTT-3.8.3-4]',
    };
  const subscription: LiveSubscription = { filter: input.filter, qos: input.qos };
  if (protocol === 5) {
    if (input.noLocal) subscription.noLocal = true;
    if (input.retainAsPublished) subscription.retainAsPublished = true;
    if (input.retainHandling !== 0) subscription.retainHandling = input.retainHandling;
  }
  return { ok: true, subscription };
}
