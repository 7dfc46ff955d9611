import { describe, expect, it } from 'vitest';
import { parseTarget, parseTargets, TargetError } from '../../src/realrun/target';

describe('parseTarget (--against)', () => {
  it('accepts mqtt:// and ws:// addresses, with default ports', () => {
    expect(parseTarget('mqtt://127.0.0.1:1884')).toMatchObject({
      scheme: 'mqtt',
      host: '127.0.0.1',
      port: 1884,
      transport: 'tcp',
      url: 'mqtt://127.0.0.1:1884',
    });
    expect(parseTarget('mqtt://broker.example')).toMatchObject({ port: 1883 });
    expect(parseTarget('ws://127.0.0.1:8080/mqtt')).toMatchObject({
      scheme: 'ws',
      path: '/mqtt',
      transport: 'websockets',
      url: 'ws://127.0.0.1:8080/mqtt',
    });
    expect(parseTarget('ws://localhost')).toMatchObject({ port: 80, path: '/' });
    expect(parseTarget('wss://x.example/mqtt')).toMatchObject({ port: 443 });
    expect(parseTarget('mqtts://x.example')).toMatchObject({ port: 8883 });
    expect(parseTarget('mqtt://[::1]:1883')).toMatchObject({ host: '::1', url: 'mqtt://[::1]:1883' });
  });

  it.each([
    ['127.0.0.1:1883', 'not a URL; use mqtt://host:port or ws://host:port/path'],
    ['http://127.0.0.1:1883', 'must start with mqtt://, mqtts://, ws:// or wss://'],
    ['mqtt://127.0.0.1/x', 'an mqtt:// address has no path'],
    ['ws://127.0.0.1/mqtt?x=1', 'must not have a query or a fragment'],
  ])('rejects %s with a message naming --against', (raw, why) => {
    expect(() => parseTarget(raw)).toThrow(TargetError);
    expect(() => parseTarget(raw)).toThrow(`--against: ${why} (got ${JSON.stringify(raw)})`);
  });
});

describe('a user name and password in --against', () => {
  it('are taken from the URL, decoded, and left out of the address shown', () => {
    expect(parseTarget('mqtt://anyone:p%40ss@127.0.0.1:1883')).toMatchObject({
      url: 'mqtt://127.0.0.1:1883',
      username: 'anyone',
      password: 'p@ss',
    });
    expect(parseTarget('ws://anyone@127.0.0.1:8080/mqtt')).toMatchObject({
      url: 'ws://127.0.0.1:8080/mqtt',
      username: 'anyone',
      password: null,
    });
    expect(parseTarget('mqtt://127.0.0.1')).toMatchObject({ username: null, password: null });
  });

  it.each([
    ['mqtt://u:hunter2@127.0.0.1/x', 'an mqtt:// address has no path', 'mqtt://u:********@127.0.0.1/x'],
    [
      'http://u:hunter2@127.0.0.1',
      'must start with mqtt://, mqtts://, ws:// or wss://',
      'http://u:********@127.0.0.1',
    ],
    ['mqtt://:hunter2@127.0.0.1', 'has a password without a user name', 'mqtt://:********@127.0.0.1'],
    [
      'mqtt://u:hunter2%zz@h',
      'has a user name or password that is not valid percent-encoding',
      'mqtt://u:********@h',
    ],
  ])('refuses %s without showing the password', (raw, why, shown) => {
    expect(() => parseTarget(raw)).toThrow(`--against: ${why} (got ${JSON.stringify(shown)})`);
  });
});

describe('parseTargets (--against given once or twice)', () => {
  it('takes one address, or one mqtt:// and one ws:// address of one broker', () => {
    expect(parseTargets(['ws://127.0.0.1:8080/mqtt']).map((t) => t.transport)).toEqual(['websockets']);
    expect(parseTargets(['mqtts://b.example', 'wss://b.example/mqtt']).map((t) => t.transport)).toEqual([
      'tcp',
      'websockets',
    ]);
  });

  it('refuses two addresses of one transport, and more than two', () => {
    expect(() => parseTargets(['mqtt://a:1', 'mqtts://a:2'])).toThrow(
      '--against: given twice, both mqtt:// (or mqtts://): give one mqtt:// (or mqtts://) and one ws:// (or wss://) address of the same broker',
    );
    expect(() => parseTargets(['ws://a:1', 'ws://a:2'])).toThrow(/given twice, both ws:\/\/ \(or wss:\/\/\)/);
    expect(() => parseTargets(['mqtt://a:1', 'ws://a:2', 'ws://a:3'])).toThrow(
      '--against: at most twice, one mqtt:// (or mqtts://) and one ws:// (or wss://) address (got 3)',
    );
  });
});
