// The publish and subscribe forms' checks: each error names the field and the rule it breaks, with
// the statement id of the connection's MQTT version.
import { describe, expect, it } from 'vitest';
import {
  payloadBytes,
  topicFilterError,
  topicNameError,
  validatePublish,
  validateSubscription,
  type PublishInput,
  type SubscriptionInput,
} from '../../../src/ui/live/forms';

const publish = (over: Partial<PublishInput> = {}): PublishInput => ({
  topic: 'sensors/1/temp',
  format: 'text',
  payload: '21.5',
  qos: 1,
  retain: false,
  messageExpiry: '',
  contentType: '',
  userProperties: [],
  ...over,
});

const sub = (over: Partial<SubscriptionInput> = {}): SubscriptionInput => ({
  filter: 'sensors/+/temp',
  qos: 1,
  noLocal: false,
  retainAsPublished: false,
  retainHandling: 0,
  ...over,
});

const text = (b: Uint8Array | string): string => (typeof b === 'string' ? b : new TextDecoder().decode(b));

describe('topics and filters, naming the rule', () => {
  it('a topic name', () => {
    expect(topicNameError('a/b', 4)).toBeNull();
    expect(topicNameError('', 4)).toBe('Topic: must not be empty [MQTT-4.7.3-1]');
    expect(topicNameError('a/+/b', 5)).toBe(
      'Topic: must be a topic name without the wildcards + and # [MQTT-3.3.2-2]',
    );
    expect(topicNameError('a\u0000b', 4)).toBe('Topic: must not contain the NUL character [MQTT-1.5.3-2]');
    expect(topicNameError('a\u0000b', 5)).toBe('Topic: must not contain the NUL character [MQTT-1.5.4-2]');
    expect(topicNameError('x'.repeat(70_000), 5)).toBe(
      'Topic: must be at most 65535 UTF-8 bytes [MQTT-4.7.3-3]',
    );
    expect(topicNameError('a\ud800', 5)).toMatch(/^Topic: must be well-formed UTF-8 .* \[MQTT-1\.5\.4-1\]$/);
  });

  it('a topic filter, with the wildcard rules numbered as each version numbers them', () => {
    expect(topicFilterError('sensors/#', 4)).toBeNull();
    expect(topicFilterError('a/#/b', 4)).toBe(
      'Topic filter: must use # only as a whole level at the end of the filter [MQTT-4.7.1-2]',
    );
    expect(topicFilterError('a/#/b', 5)).toBe(
      'Topic filter: must use # only as a whole level at the end of the filter [MQTT-4.7.1-1]',
    );
    expect(topicFilterError('a/b+', 4)).toBe('Topic filter: must use + only as a whole level [MQTT-4.7.1-3]');
    expect(topicFilterError('a/b+', 5)).toBe('Topic filter: must use + only as a whole level [MQTT-4.7.1-2]');
  });

  it('a shared subscription (MQTT 5)', () => {
    expect(topicFilterError('$share/group/sensors/#', 5)).toBeNull();
    expect(topicFilterError('$share//sensors/#', 5)).toBe(
      'Topic filter: a shared subscription needs a share name after $share/ [MQTT-4.8.2-1]',
    );
    expect(topicFilterError('$share/+/x', 5)).toBe(
      'Topic filter: a shared subscription’s name must not contain + or # [MQTT-4.8.2-2]',
    );
    expect(topicFilterError('$share/group', 5)).toBe(
      'Topic filter: a shared subscription needs a topic filter after $share/<name>/ [MQTT-4.8.2-2]',
    );
    // Under 3.1.1 it is an ordinary filter.
    expect(topicFilterError('$share/group', 4)).toBeNull();
  });
});

describe('the payload in its format', () => {
  it('text and JSON as UTF-8, hex and base64 as bytes', () => {
    expect(text(payloadBytes('héllo', 'text'))).toBe('héllo');
    expect(text(payloadBytes('{"a": 1}', 'json'))).toBe('{"a": 1}');
    expect([...(payloadBytes('0x48 65 6C\n6c 6f', 'hex') as Uint8Array)]).toEqual([72, 101, 108, 108, 111]);
    expect(text(payloadBytes('SGVs bG8=', 'base64'))).toBe('Hello');
    expect((payloadBytes('', 'hex') as Uint8Array).length).toBe(0);
  });

  it('says what is wrong with each', () => {
    expect(payloadBytes('{a: 1}', 'json')).toMatch(
      /^Payload: not JSON \(.+\); choose Text to send it as it is$/,
    );
    expect(payloadBytes('4g', 'hex')).toBe('Payload: not hex: "g" is not a hex digit (0-9, a-f)');
    expect(payloadBytes('abc', 'hex')).toBe('Payload: hex needs two digits a byte (got 3 digits)');
    expect(payloadBytes('SGVsbG8*', 'base64')).toBe(
      'Payload: not base64 (A-Z, a-z, 0-9, + and /, padded with =)',
    );
    expect(payloadBytes('A', 'base64')).toBe('Payload: not base64 (A-Z, a-z, 0-9, + and /, padded with =)');
  });
});

describe('validatePublish', () => {
  it('makes the message, with MQTT 5 properties only under MQTT 5', () => {
    const input = publish({
      messageExpiry: '60',
      contentType: 'text/plain',
      userProperties: [
        { name: 'a', value: '1' },
        { name: '', value: '' },
        { name: 'a', value: '2' },
      ],
    });
    const v5 = validatePublish(input, 5);
    expect(v5).toMatchObject({
      ok: true,
      message: {
        topic: 'sensors/1/temp',
        qos: 1,
        retain: false,
        messageExpiry: 60,
        contentType: 'text/plain',
        userProperties: { a: ['1', '2'] },
      },
    });
    const v3 = validatePublish(input, 4);
    expect(v3.ok && Object.keys(v3.message).sort()).toEqual(['payload', 'qos', 'retain', 'topic']);
  });

  it('names every field at fault', () => {
    const result = validatePublish(
      publish({
        topic: 'a/#',
        format: 'hex',
        payload: 'zz',
        messageExpiry: '-1',
        contentType: 'x\u0000',
        userProperties: [{ name: '', value: 'v' }],
      }),
      5,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: 'topic', message: 'Topic: must be a topic name without the wildcards + and # [MQTT-3.3.2-2]' },
      { field: 'payload', message: 'Payload: not hex: "z" is not a hex digit (0-9, a-f)' },
      {
        field: 'messageExpiry',
        message: 'Message expiry: must be a whole number of seconds 0..4294967295 (got "-1")',
      },
      {
        field: 'contentType',
        message: 'Content type: must not contain the NUL character U+0000 [MQTT-1.5.4-2]',
      },
      { field: 'userProperties', message: 'User properties: row 1 has a value but no name' },
    ]);
  });
});

describe('validateSubscription', () => {
  it('keeps the MQTT 5 options under MQTT 5 only', () => {
    const input = sub({ noLocal: true, retainAsPublished: true, retainHandling: 2 });
    expect(validateSubscription(input, 5)).toEqual({
      ok: true,
      subscription: {
        filter: 'sensors/+/temp',
        qos: 1,
        noLocal: true,
        retainAsPublished: true,
        retainHandling: 2,
      },
    });
    expect(validateSubscription(input, 4)).toEqual({
      ok: true,
      subscription: { filter: 'sensors/+/temp', qos: 1 },
    });
  });

  it('refuses a bad filter and No Local on a shared subscription', () => {
    expect(validateSubscription(sub({ filter: 'a+' }), 4)).toEqual({
      ok: false,
      message: 'Topic filter: must use + only as a whole level [MQTT-4.7.1-3]',
    });
    expect(validateSubscription(sub({ filter: '$share/g/a', noLocal: true }), 5)).toEqual({
      ok: false,
      message: 'No local: not allowed on a shared subscription ($share/…) [MQTT-3.8.3-4]',
    });
  });
});
