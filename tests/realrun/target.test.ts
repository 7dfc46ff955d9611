import { describe, expect, it } from 'vitest';
import { parseTarget, TargetError } from '../../src/realrun/target';

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
    ['mqtt://u:p@127.0.0.1', 'user names and passwords in the URL are not supported'],
    ['mqtt://127.0.0.1/x', 'an mqtt:// address has no path'],
    ['ws://127.0.0.1/mqtt?x=1', 'must not have a query or a fragment'],
  ])('rejects %s with a message naming --against', (raw, why) => {
    expect(() => parseTarget(raw)).toThrow(TargetError);
    expect(() => parseTarget(raw)).toThrow(`--against: ${why} (got ${JSON.stringify(raw)})`);
  });
});
