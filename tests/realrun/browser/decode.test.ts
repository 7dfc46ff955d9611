// The page's reader of dropped packets (src/realrun/browser/decode.ts) against mqtt-packet's own parser:
// for every packet a broker sends, the trace fields (src/live/packets.ts's packetDetail) are the same.
import mqttPacket from 'mqtt-packet';
import type { Packet } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { packetDetail, packetType } from '../../../src/live/packets';
import { decodeFrame } from '../../../src/realrun/browser/decode';
import { ByteFramer, frameSize } from '../../../src/realrun/frames';

function parsed(bytes: Buffer, protocol: 4 | 5): Packet {
  const parser = mqttPacket.parser({ protocolVersion: protocol });
  let out: Packet | null = null;
  parser.on('packet', (p: Packet) => (out = p));
  parser.parse(bytes);
  if (out === null) throw new Error('mqtt-packet did not parse it');
  return out;
}

const CASES: [string, 4 | 5, object][] = [
  ['CONNACK 3.1.1', 4, { cmd: 'connack', returnCode: 0, sessionPresent: true }],
  ['CONNACK 3.1.1 refused', 4, { cmd: 'connack', returnCode: 5, sessionPresent: false }],
  [
    'CONNACK 5 with properties',
    5,
    { cmd: 'connack', reasonCode: 0, sessionPresent: false, properties: { serverKeepAlive: 7 } },
  ],
  [
    'PUBLISH QoS 0',
    4,
    { cmd: 'publish', topic: 'a/é', payload: Buffer.from('21.5'), qos: 0, retain: true, dup: false },
  ],
  [
    'PUBLISH QoS 1 binary dup',
    4,
    {
      cmd: 'publish',
      topic: 't',
      payload: Buffer.from([0, 255, 1]),
      qos: 1,
      messageId: 42,
      dup: true,
      retain: false,
    },
  ],
  [
    'PUBLISH 5 with properties',
    5,
    {
      cmd: 'publish',
      topic: 'x/y',
      payload: Buffer.from('p'),
      qos: 1,
      messageId: 7,
      retain: false,
      dup: false,
      properties: { messageExpiryInterval: 10 },
    },
  ],
  ['PUBACK 3.1.1', 4, { cmd: 'puback', messageId: 9 }],
  ['PUBACK 5 with reason', 5, { cmd: 'puback', messageId: 9, reasonCode: 0x10 }],
  ['PUBREL 3.1.1', 4, { cmd: 'pubrel', messageId: 3 }],
  ['SUBACK 3.1.1', 4, { cmd: 'suback', messageId: 2, granted: [1, 0, 128] }],
  ['SUBACK 5', 5, { cmd: 'suback', messageId: 2, granted: [1], properties: {} }],
  ['UNSUBACK 3.1.1', 4, { cmd: 'unsuback', messageId: 4 }],
  ['PINGRESP', 4, { cmd: 'pingresp' }],
  ['DISCONNECT 5 take-over', 5, { cmd: 'disconnect', reasonCode: 0x8e }],
  [
    'DISCONNECT 5 with a reason string and user properties',
    5,
    {
      cmd: 'disconnect',
      reasonCode: 0x8d,
      properties: { reasonString: 'Keep alive timeout', userProperties: { a: 'x', b: ['1', '2'] } },
    },
  ],
  [
    'PUBLISH 5 with binary correlation data and a response topic',
    5,
    {
      cmd: 'publish',
      topic: 'req',
      payload: Buffer.from('q'),
      qos: 0,
      retain: false,
      dup: false,
      properties: {
        correlationData: Buffer.from([1, 2, 3]),
        responseTopic: 'resp',
        payloadFormatIndicator: true,
        subscriptionIdentifier: 300,
      },
    },
  ],
  [
    'CONNACK 5 with many properties',
    5,
    {
      cmd: 'connack',
      reasonCode: 0,
      sessionPresent: true,
      properties: {
        sessionExpiryInterval: 70000,
        receiveMaximum: 20,
        maximumQoS: 1,
        retainAvailable: false,
        assignedClientIdentifier: 'auto-1',
        topicAliasMaximum: 10,
      },
    },
  ],
];

describe('decodeFrame', () => {
  for (const [name, protocol, p] of CASES) {
    it(`reads ${name} as mqtt-packet does`, () => {
      const bytes = mqttPacket.generate(p as mqttPacket.Packet, { protocolVersion: protocol });
      const ours = decodeFrame(new Uint8Array(bytes), protocol);
      expect(ours).not.toBeNull();
      const theirs = parsed(bytes, protocol);
      expect(packetType(ours!)).toBe(packetType(theirs));
      expect(packetDetail(ours!)).toEqual(packetDetail(theirs));
    });
  }

  it('returns null for packets a broker never sends, and for short or malformed frames', () => {
    const connect = mqttPacket.generate({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clean: true,
      clientId: 'x',
      keepalive: 5,
    } as mqttPacket.Packet);
    expect(decodeFrame(new Uint8Array(connect), 4)).toBeNull();
    expect(decodeFrame(new Uint8Array([0x30]), 4)).toBeNull();
    expect(decodeFrame(new Uint8Array([0x30, 0x05, 0x00, 0x09, 0x61]), 4)).toBeNull();
  });
});

describe('frames', () => {
  it('sizes a packet from its fixed header, null while the header is incomplete', () => {
    expect(frameSize(new Uint8Array([0xd0]))).toBeNull();
    expect(frameSize(new Uint8Array([0xd0, 0x00]))).toBe(2);
    expect(frameSize(new Uint8Array([0x30, 0x80]))).toBeNull();
    expect(frameSize(new Uint8Array([0x30, 0x80, 0x01]))).toBe(131);
  });

  it('ByteFramer joins and splits chunks into whole packets', () => {
    const f = new ByteFramer();
    const a = new Uint8Array([0xd0, 0x00]);
    const b = new Uint8Array([0x30, 0x03, 0x00, 0x01, 0x74]);
    expect(f.push(new Uint8Array([0xd0]))).toEqual([]);
    expect(f.push(new Uint8Array([0x00, 0x30, 0x03]))).toEqual([a]);
    expect(f.push(new Uint8Array([0x00, 0x01, 0x74, 0xd0]))).toEqual([b]);
    expect(f.push(new Uint8Array([0x00]))).toEqual([a]);
  });
});
