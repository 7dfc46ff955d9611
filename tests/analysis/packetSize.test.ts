import { describe, expect, it } from 'vitest';
import { encodePacket, hexDump, toMqttPacket } from '../../src/analysis/encode';
import { bareSize, packetSize, utf8Length } from '../../src/analysis/packetSize';
import type { PacketEvent } from '../../src/trace';
import { runPreset } from './helpers';

const SMALL = [
  'basics',
  'crash-vs-power-off',
  'half-open-takeover',
  'client-id-clash',
  'will-delay',
  'persistent-session',
];

describe('packetSize agrees with mqtt-packet', () => {
  it.each(SMALL)('every packet of %s', async (name) => {
    const { store } = runPreset(name);
    const protocolOf = new Map<number, 4 | 5>();
    let checked = 0;
    for (let i = 0; i < store.length; i++) {
      const e = store.get(i);
      if (e.kind !== 'packet') continue;
      if (e.type === 'CONNECT') protocolOf.set(e.conn, e.protocol ?? 4);
      const protocol = protocolOf.get(e.conn) ?? 4;
      const bytes = await encodePacket(e, protocol);
      expect(packetSize(e.type, e, protocol, e.client), `${name} row ${i} ${e.type}`).toBe(bytes.length);
      const bare = bareSize(e.type, protocol);
      if (bare !== -1 && e.reasonCode === undefined) expect(bare).toBe(bytes.length);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  const v5: PacketEvent[] = [
    {
      t: 0,
      kind: 'packet',
      dir: 'b2c',
      client: 'c',
      conn: 1,
      type: 'CONNACK',
      arrive: 1,
      reasonCode: 0,
      sessionPresent: false,
      properties: { serverKeepAlive: 30, reasonString: 'ok' },
    },
    {
      t: 0,
      kind: 'packet',
      dir: 'b2c',
      client: 'c',
      conn: 1,
      type: 'DISCONNECT',
      arrive: 1,
      reasonCode: 142,
    },
    {
      t: 0,
      kind: 'packet',
      dir: 'c2b',
      client: 'c',
      conn: 1,
      type: 'PUBACK',
      arrive: 1,
      messageId: 7,
      reasonCode: 16,
    },
    {
      t: 0,
      kind: 'packet',
      dir: 'c2b',
      client: 'c',
      conn: 1,
      type: 'PUBLISH',
      arrive: 1,
      topic: 'a/ü',
      qos: 1,
      retain: false,
      payload: { base64: 'AAEC/w==' },
      messageId: 3,
    },
    {
      t: 0,
      kind: 'packet',
      dir: 'c2b',
      client: 'c',
      conn: 1,
      type: 'UNSUBSCRIBE',
      arrive: 1,
      messageId: 4,
      subscriptions: [{ topic: 'x/#', qos: 0 }],
    },
  ];
  it.each(v5)('MQTT 5 $type', async (e) => {
    expect(packetSize(e.type, e, 5, e.client)).toBe((await encodePacket(e, 5)).length);
  });
});

describe('encoding', () => {
  it('hex dumps a PINGREQ as c0 00', async () => {
    const e: PacketEvent = {
      t: 0,
      kind: 'packet',
      dir: 'c2b',
      client: 'c',
      conn: 1,
      type: 'PINGREQ',
      arrive: 1,
    };
    expect(hexDump(await encodePacket(e, 4))).toBe('c0 00');
  });

  it('moves the will delay into the will properties (MQTT 5)', () => {
    const e: PacketEvent = {
      t: 0,
      kind: 'packet',
      dir: 'c2b',
      client: 'c',
      conn: 1,
      type: 'CONNECT',
      arrive: 1,
      keepAlive: 10,
      cleanStart: false,
      protocol: 5,
      will: { topic: 't', payload: 'p', qos: 1, retain: true },
      properties: { sessionExpiryInterval: 120, willDelayInterval: 30 },
    };
    const p = toMqttPacket(e, 5) as unknown as { properties: object; will: { properties: object } };
    expect(p.properties).toEqual({ sessionExpiryInterval: 120 });
    expect(p.will.properties).toEqual({ willDelayInterval: 30 });
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aü€😀')).toBe(1 + 2 + 3 + 4);
  });
});
