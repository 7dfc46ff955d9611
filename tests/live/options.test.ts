// The connection form's checks: no credential in the broker URL, and the MQTT 5 fields (session
// expiry and user properties), checked and sent only under MQTT 5; each error names the field and the
// rule.
import { describe, expect, it } from 'vitest';
import { mqttClientOptions } from '../../src/live/mqttOptions';
import { parseUserProperties, validateLiveOptions, type LiveFormInput } from '../../src/live/options';

const form = (over: Partial<LiveFormInput> = {}): LiveFormInput => ({
  url: 'ws://127.0.0.1:9001',
  clientId: 'lab',
  username: '',
  password: '',
  protocol: 5,
  keepAlive: '30',
  cleanStart: false,
  sessionExpiry: '3600',
  userProperties: [{ name: 'site', value: 'lab-1' }],
  ...over,
});

describe('the connection form’s MQTT 5 fields', () => {
  it('sends session expiry and user properties in the CONNECT under MQTT 5', () => {
    const result = validateLiveOptions(form());
    expect(result).toEqual({
      ok: true,
      options: {
        url: 'ws://127.0.0.1:9001',
        clientId: 'lab',
        protocol: 5,
        keepAlive: 30,
        cleanStart: false,
        sessionExpiry: 3600,
        userProperties: { site: 'lab-1' },
      },
    });
    if (!result.ok) return;
    expect(mqttClientOptions(result.options).properties).toEqual({
      sessionExpiryInterval: 3600,
      userProperties: { site: 'lab-1' },
    });
  });

  it('leaves them out under MQTT 3.1.1, where they do not exist', () => {
    const result = validateLiveOptions(form({ protocol: 4, sessionExpiry: 'garbage' }));
    expect(result.ok && result.options).toEqual({
      url: 'ws://127.0.0.1:9001',
      clientId: 'lab',
      protocol: 4,
      keepAlive: 30,
      cleanStart: false,
    });
    if (result.ok) expect(mqttClientOptions(result.options).properties).toBeUndefined();
  });

  it('names a bad session expiry and a user property without a name', () => {
    const result = validateLiveOptions(
      form({ sessionExpiry: '4294967296', userProperties: [{ name: '', value: 'x' }] }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        field: 'sessionExpiry',
        message:
          'Session expiry: must be a whole number of seconds 0..4294967295, where 4294967295 never expires (§3.1.2.11.2) (got "4294967296")',
      },
      { field: 'userProperties', message: 'User properties: row 1 has a value but no name' },
    ]);
    expect(validateLiveOptions(form({ sessionExpiry: '4294967295' })).ok).toBe(true);
    expect(validateLiveOptions(form({ sessionExpiry: '' })).ok && true).toBe(true);
  });

  it('refuses a broker URL with a user name or password in it (it would reach links and traces)', () => {
    for (const url of ['ws://bob:hunter2@127.0.0.1:9001', 'wss://bob@broker.example/mqtt']) {
      const result = validateLiveOptions(form({ url }));
      expect(result).toEqual({
        ok: false,
        errors: [
          {
            field: 'url',
            message:
              'Broker URL: must not hold a user name or password (user:password@): use the Username and Password fields',
          },
        ],
      });
    }
  });

  it('reads user property rows: empty rows left out, a repeated name keeps every value', () => {
    expect(parseUserProperties([], 'P')).toEqual({ ok: true, properties: undefined });
    expect(
      parseUserProperties(
        [
          { name: 'a', value: '1' },
          { name: '', value: '' },
          { name: 'a', value: '2' },
          { name: 'b', value: '' },
        ],
        'P',
      ),
    ).toEqual({ ok: true, properties: { a: ['1', '2'], b: '' } });
    expect(parseUserProperties([{ name: 'a\u0000', value: '1' }], 'P')).toEqual({
      ok: false,
      message: 'P: row 1 ("a\\u0000") must not contain the NUL character U+0000 [MQTT-1.5.4-2]',
    });
  });
});
