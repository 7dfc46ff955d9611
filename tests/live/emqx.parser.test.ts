// EMQX's client events. No EMQX runs here: these payloads come from EMQX's documentation ("System
// Topic" page), not from a running broker — see tests/fixtures/emqx-docs/README.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrokerEvents } from '../../src/live/brokerEvents';
import { ConnRegistry } from '../../src/live/conns';
import { parseEmqx } from '../../src/live/parsers/emqx';
import type { TraceEvent } from '../../src/trace';
import { FIXTURES } from './support/fixtures';

interface DocFixture {
  topic: string;
  payload: string;
}
const doc = (name: string): DocFixture =>
  JSON.parse(readFileSync(join(FIXTURES, 'emqx-docs', name), 'utf8')) as DocFixture;
const connected = doc('connected.json');
const disconnected = doc('disconnected.json');
const reasons = JSON.parse(
  readFileSync(join(FIXTURES, 'emqx-docs', 'disconnected-reasons.json'), 'utf8'),
) as {
  topic: string;
  payloads: Record<string, string>;
};
const ID = 'emqtt-8348fe27a87976ad4db3';

describe('EMQX client events (payloads from the EMQX documentation)', () => {
  it('reads the documented connected payload', () => {
    expect(parseEmqx(connected.topic, connected.payload)).toEqual({
      broker: 'emqx',
      brokerId: 'emqx@127.0.0.1',
      reports: [
        {
          kind: 'connected',
          clientId: ID,
          brokerTime: 1625572213873,
          protocol: 4,
          cleanStart: true,
          keepAlive: 60,
          address: '127.0.0.1',
          username: 'foo',
        },
      ],
    });
  });

  it('reads the documented disconnected payload (tcp_closed)', () => {
    expect(parseEmqx(disconnected.topic, disconnected.payload)?.reports).toEqual([
      {
        kind: 'disconnected',
        clientId: ID,
        brokerTime: 1625572213873,
        reason: 'network-error',
        brokerReason: 'tcp_closed',
      },
    ]);
  });

  it.each([
    ['keepalive_timeout', 'timeout'],
    ['takenover', 'takeover'],
    ['discarded', 'takeover'],
    ['normal', 'disconnected'],
    ['tcp_closed', 'disconnected'],
  ])('reason %s → %s report', (reason, kind) => {
    const reports = parseEmqx(reasons.topic, reasons.payloads[reason])?.reports ?? [];
    expect(reports.map((r) => r.kind)).toEqual([kind]);
    expect(reports[0].brokerReason).toBe(reason);
  });

  it('ignores other topics and bad JSON', () => {
    expect(parseEmqx('$SYS/brokers/n/version', '5.0')).toBeNull();
    expect(parseEmqx(connected.topic, 'not json')).toEqual({
      broker: 'emqx',
      brokerId: 'emqx@127.0.0.1',
      reports: [],
    });
  });

  function replay(messages: DocFixture[]): TraceEvent[] {
    const events: TraceEvent[] = [];
    let now = 0;
    const be = new BrokerEvents({
      registry: new ConnRegistry(),
      now: () => now,
      emit: (e) => events.push(e),
    });
    for (const m of messages) {
      now += 100;
      be.onMessage(m.topic, new TextEncoder().encode(m.payload));
    }
    expect(be.kind).toBe('emqx');
    return events;
  }

  it('a keep-alive timeout: the keep alive from the connected event, no last activity', () => {
    const events = replay([connected, { topic: reasons.topic, payload: reasons.payloads.keepalive_timeout }]);
    expect(events).toEqual([
      expect.objectContaining({ kind: 'conn', conn: 1, state: 'open', keepAlive: 60, source: 'emqx-event' }),
      {
        t: 200,
        kind: 'timeout',
        client: ID,
        conn: 1,
        side: 'broker',
        keepAlive: 60,
        source: 'emqx-event',
        broker: 'EMQX',
        brokerTime: 1625572213873,
        brokerReason: 'keepalive_timeout',
      },
      expect.objectContaining({ kind: 'conn', conn: 1, state: 'closed', reason: 'keepalive-timeout' }),
    ]);
  });

  it('a take-over whether the new connection is reported before or after the old one goes', () => {
    const after = replay([
      connected,
      { topic: reasons.topic, payload: reasons.payloads.takenover },
      connected,
    ]);
    expect(after.filter((e) => e.kind === 'takeover')).toEqual([
      expect.objectContaining({ oldConn: 1, newConn: 2 }),
    ]);
    expect(after[after.length - 1]).toMatchObject({ kind: 'conn', conn: 2, state: 'open' });
    const before = replay([
      connected,
      connected,
      { topic: reasons.topic, payload: reasons.payloads.discarded },
    ]);
    expect(before.filter((e) => e.kind === 'takeover')).toEqual([
      expect.objectContaining({ oldConn: 1, newConn: 2 }),
    ]);
    expect(before[before.length - 1]).toMatchObject({
      kind: 'conn',
      conn: 1,
      state: 'closed',
      reason: 'takeover',
    });
  });

  it('a client the page did not see connect gets a lane marked connUnseen', () => {
    const events = replay([disconnected]);
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'conn',
        conn: 1,
        state: 'closed',
        reason: 'network-error',
        connUnseen: true,
      }),
    ]);
  });
});
