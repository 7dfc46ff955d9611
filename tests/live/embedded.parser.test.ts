// The embedded broker's event topics, as src/live/parsers/embedded.ts documents them.
import { describe, expect, it } from 'vitest';
import { REASON_WORDS, embeddedTopic, parseEmbedded } from '../../src/live/parsers/embedded';
import { parseAedes } from '../../src/live/parsers/aedes';
import { REASONS } from '../../src/trace';

describe('embedded broker topics', () => {
  it("uses the trace's reason words", () => {
    expect([...REASON_WORDS]).toEqual([...REASONS]);
  });

  it('reads each event', () => {
    const t = (e: Parameters<typeof embeddedTopic>[1]) => embeddedTopic('b1', e);
    expect(t('timeout')).toBe('$SYS/b1/keepalive-lab/timeout');
    expect(
      parseEmbedded(
        t('connected'),
        JSON.stringify({
          clientId: 'c',
          conn: 3,
          ts: 5,
          protocol: 4,
          cleanStart: true,
          keepAlive: 2,
          transport: 'tcp',
        }),
      )?.reports,
    ).toEqual([
      {
        kind: 'connected',
        clientId: 'c',
        brokerTime: 5,
        brokerConn: 'b1#3',
        protocol: 4,
        cleanStart: true,
        keepAlive: 2,
        transport: 'tcp',
      },
    ]);
    expect(
      parseEmbedded(
        t('timeout'),
        JSON.stringify({ clientId: 'c', conn: 3, ts: 5, keepAlive: 2, lastActivity: 1, idleMs: 4 }),
      )?.reports,
    ).toEqual([
      { kind: 'timeout', clientId: 'c', brokerTime: 5, brokerConn: 'b1#3', keepAlive: 2, idleMs: 4 },
    ]);
    expect(
      parseEmbedded(t('takeover'), JSON.stringify({ clientId: 'c', oldConn: 3, newConn: 4, ts: 5 }))?.reports,
    ).toEqual([
      { kind: 'takeover', clientId: 'c', brokerTime: 5, brokerConn: 'b1#3', newBrokerConn: 'b1#4' },
    ]);
    expect(
      parseEmbedded(t('disconnected'), JSON.stringify({ clientId: 'c', conn: 3, ts: 5, reason: 'nonsense' }))
        ?.reports,
    ).toEqual([{ kind: 'disconnected', clientId: 'c', brokerTime: 5, brokerConn: 'b1#3' }]);
    expect(
      parseEmbedded(
        t('will'),
        JSON.stringify({
          clientId: 'c',
          conn: 3,
          ts: 5,
          topic: 'w',
          qos: 1,
          retain: false,
          cause: 'takeover',
          delayed: 0,
          payloadBytes: 2,
        }),
      )?.reports[0],
    ).toMatchObject({ kind: 'will', cause: 'takeover', qos: 1 });
    expect(parseEmbedded(t('broker'), '{"broker":"keepalive-lab-embedded"}')).toEqual({
      broker: 'embedded',
      brokerId: 'b1',
      reports: [],
    });
    expect(parseEmbedded(t('will'), 'garbage')?.reports).toEqual([]);
    expect(parseEmbedded('$SYS/b1/new/clients', 'c')).toBeNull();
  });

  it('reads plain aedes topics', () => {
    expect(parseAedes('$SYS/x/new/clients', 'c1')?.reports).toEqual([{ kind: 'connected', clientId: 'c1' }]);
    expect(parseAedes('$SYS/x/disconnect/clients', 'c1')?.reports).toEqual([
      { kind: 'disconnected', clientId: 'c1' },
    ]);
    expect(parseAedes('$SYS/x/heartbeat', 'x')).toEqual({ broker: 'aedes', brokerId: 'x', reports: [] });
  });
});
