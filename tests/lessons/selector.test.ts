import { describe, expect, it } from 'vitest';
import { SelectorError, matches, parseSelector, selectorKey } from '../../src/lessons/selector';
import { handTrace } from './helpers';

function problem(text: string): string {
  try {
    parseSelector(text);
  } catch (err) {
    if (err instanceof SelectorError) return err.message;
    throw err;
  }
  throw new Error(`no error for ${text}`);
}

describe('parseSelector', () => {
  it('reads kind, qualifiers, client and the match number', () => {
    expect(parseSelector('packet:PINGREQ.sensor-quiet#3')).toEqual({
      text: 'packet:PINGREQ.sensor-quiet#3',
      kind: 'packet',
      where: { type: 'PINGREQ' },
      client: 'sensor-quiet',
      nth: 3,
    });
  });

  it('defaults to the first match, and reads #last', () => {
    expect(parseSelector('timeout:broker.sensor-1').nth).toBe(1);
    expect(parseSelector('will.sensor-2#last').nth).toBe('last');
  });

  it('tells which field each qualifier sets by its value', () => {
    expect(parseSelector('conn:closed:broker:keepalive-timeout.sensor-2').where).toEqual({
      state: 'closed',
      side: 'broker',
      reason: 'keepalive-timeout',
    });
    expect(parseSelector('packet:b2c:DISCONNECT:lost:qos0.x').where).toEqual({
      dir: 'b2c',
      type: 'DISCONNECT',
      fate: 'lost',
      qos: 'qos0',
    });
    expect(parseSelector('fault:power-off.sensor-1').where).toEqual({ fault: 'power-off' });
    expect(parseSelector('session:resumed.phone').where).toEqual({ state: 'resumed' });
    expect(parseSelector('will:takeover.x').where).toEqual({ cause: 'takeover' });
  });

  it('takes the client after the first dot, so client IDs may contain dots', () => {
    const s = parseSelector('packet:PINGREQ.acme.sensor.1#2');
    expect(s.client).toBe('acme.sensor.1');
    expect(s.nth).toBe(2);
  });

  it('accepts the broker as a fault target and * for any client', () => {
    expect(parseSelector('fault:broker-restart.broker').client).toBe('broker');
    expect(parseSelector('conn:open:broker.*#31').client).toBe('*');
  });

  it.each([
    ['timeout', 'must be <kind>[:<qualifier>]*.<client>[#<n>|#last]: no "." before the client'],
    ['timeout.', 'must be <kind>[:<qualifier>]*.<client>[#<n>|#last]: no client after the "."'],
    ['timeout.#2', 'must be <kind>[:<qualifier>]*.<client>[#<n>|#last]: no client after the "."'],
    [
      'packets.sensor-1',
      'unknown kind "packets" (expected one of packet, conn, timeout, will, takeover, fault, session)',
    ],
    [
      'packet:PINGREQS.x',
      'unknown qualifier "PINGREQS" for packet (expected a packet type (PINGREQ, …); c2b or b2c; lost or arrived; qos0, qos1 or qos2)',
    ],
    ['conn:open:closed.x', 'qualifiers "open" and "closed" both set state'],
    ['takeover:old.x', 'takeover takes no qualifier (got "old")'],
    ['will.x#0', '#0: after "#" comes a match number from 1, or "last"'],
    ['will.x#first', '#first: after "#" comes a match number from 1, or "last"'],
    ['will.x#', '#: after "#" comes a match number from 1, or "last"'],
  ])('rejects %j: %s', (text, message) => {
    expect(problem(text)).toBe(message);
  });
});

describe('matches and match numbers', () => {
  const trace = handTrace();

  it('counts matches in trace order, ignoring #n', () => {
    expect(trace.rows('packet.sensor.a')).toEqual([0, 1, 2, 3, 9, 10]);
    expect(trace.rows('packet:c2b.sensor.a#2')).toEqual([0, 2, 9]);
    expect(trace.rows('packet:lost.sensor.a')).toEqual([3]);
    expect(trace.rows('fault.broker')).toEqual([8]);
    expect(trace.rows('fault.*')).toEqual([4, 8]);
  });

  it('resolves #n from 1 and #last, and nothing past the end', () => {
    expect(trace.resolve('packet:CONNECT.sensor.a')?.row).toBe(0);
    expect(trace.resolve('packet:CONNECT.sensor.a#2')?.row).toBe(9);
    expect(trace.resolve('packet:CONNECT.sensor.a#last')?.row).toBe(9);
    expect(trace.resolve('packet:CONNECT.sensor.a#3')).toBeNull();
    expect(trace.resolve('takeover.sensor.a')).toBeNull();
  });

  it('filters by every qualifier at once', () => {
    const s = parseSelector('conn:closed:broker:keepalive-timeout.sensor.a');
    expect(trace.events.filter((e) => matches(s, e))).toHaveLength(1);
    expect(trace.rows('conn:open.sensor.a')).toEqual([]);
    expect(trace.rows('packet:qos1.sensor.a')).toEqual([]);
  });

  it('keys a selector without its match number', () => {
    expect(selectorKey(parseSelector('will.a.b#last'))).toBe('will.a.b');
    expect(selectorKey(parseSelector('will.a.b'))).toBe('will.a.b');
  });
});
