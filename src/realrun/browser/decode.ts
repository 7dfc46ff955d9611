// Reads the packets a broker sends to a client, from one whole frame (the page has no mqtt-packet
// parser: it needs Node's Buffer), with the fields mqtt-packet gives them (named as it names them), so
// that src/live/packets.ts traces them alike. Used for packets the gate dropped (link down, powered
// off); mqtt.js parses everything that gets through. Pure.
import type { Packet } from 'mqtt';

const TEXT = new TextDecoder();

type PropType = 'bool' | 'int8' | 'int16' | 'int32' | 'var' | 'string' | 'binary' | 'pair';

/** MQTT 5 properties [MQTT-2.2.2.2]: identifier → mqtt-packet's name and type. */
const PROPERTIES: Record<number, [string, PropType]> = {
  0x01: ['payloadFormatIndicator', 'bool'],
  0x02: ['messageExpiryInterval', 'int32'],
  0x03: ['contentType', 'string'],
  0x08: ['responseTopic', 'string'],
  0x09: ['correlationData', 'binary'],
  0x0b: ['subscriptionIdentifier', 'var'],
  0x11: ['sessionExpiryInterval', 'int32'],
  0x12: ['assignedClientIdentifier', 'string'],
  0x13: ['serverKeepAlive', 'int16'],
  0x15: ['authenticationMethod', 'string'],
  0x16: ['authenticationData', 'binary'],
  0x17: ['requestProblemInformation', 'bool'],
  0x18: ['willDelayInterval', 'int32'],
  0x19: ['requestResponseInformation', 'bool'],
  0x1a: ['responseInformation', 'string'],
  0x1c: ['serverReference', 'string'],
  0x1f: ['reasonString', 'string'],
  0x21: ['receiveMaximum', 'int16'],
  0x22: ['topicAliasMaximum', 'int16'],
  0x23: ['topicAlias', 'int16'],
  0x24: ['maximumQoS', 'int8'],
  0x25: ['retainAvailable', 'bool'],
  0x26: ['userProperties', 'pair'],
  0x27: ['maximumPacketSize', 'int32'],
  0x28: ['wildcardSubscriptionAvailable', 'bool'],
  0x29: ['subscriptionIdentifiersAvailable', 'bool'],
  0x2a: ['sharedSubscriptionAvailable', 'bool'],
};

class Reader {
  constructor(
    private readonly b: Uint8Array,
    public at: number,
    private readonly end: number,
  ) {}
  get left(): number {
    return this.end - this.at;
  }
  byte(): number {
    if (this.at >= this.end) throw new RangeError('short packet');
    return this.b[this.at++];
  }
  u16(): number {
    return (this.byte() << 8) | this.byte();
  }
  varint(): number {
    let value = 0;
    let multiplier = 1;
    for (let i = 0; i < 4; i++) {
      const byte = this.byte();
      value += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) return value;
      multiplier *= 128;
    }
    throw new RangeError('malformed variable byte integer');
  }
  bytes(n: number): Uint8Array {
    if (n > this.left) throw new RangeError('short packet');
    const out = this.b.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }
  text(): string {
    return TEXT.decode(this.bytes(this.u16()));
  }
  u32(): number {
    return this.u16() * 65536 + this.u16();
  }
  /** A property list; undefined when empty (as mqtt-packet leaves it out). */
  properties(): Record<string, unknown> | undefined {
    const end = this.at + this.varint();
    const out: Record<string, unknown> = {};
    let any = false;
    while (this.at < end) {
      const known = PROPERTIES[this.varint()];
      if (known === undefined) throw new RangeError('unknown property');
      const [name, type] = known;
      any = true;
      if (type === 'pair') {
        const key = this.text();
        const value = this.text();
        const user = (out.userProperties ??= Object.create(null)) as Record<string, unknown>;
        const had = user[key];
        user[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
        continue;
      }
      const value = this.value(type);
      const had = out[name];
      out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
    }
    return any ? out : undefined;
  }
  private value(type: Exclude<PropType, 'pair'>): unknown {
    switch (type) {
      case 'bool':
        return this.byte() !== 0;
      case 'int8':
        return this.byte();
      case 'int16':
        return this.u16();
      case 'int32':
        return this.u32();
      case 'var':
        return this.varint();
      case 'string':
        return this.text();
      case 'binary':
        return this.bytes(this.u16());
    }
  }
}

/** The packet in `frame` (one whole MQTT control packet), or null when it is not one a broker sends. */
export function decodeFrame(frame: Uint8Array, protocol: 4 | 5): Packet | null {
  try {
    return decode(frame, protocol);
  } catch {
    return null;
  }
}

function decode(frame: Uint8Array, protocol: 4 | 5): Packet | null {
  if (frame.length < 2) return null;
  const type = frame[0] >> 4;
  const flags = frame[0] & 0x0f;
  const head = new Reader(frame, 1, frame.length);
  const length = head.varint();
  const r = new Reader(frame, head.at, head.at + length);
  if (head.at + length > frame.length) return null;
  const v5 = protocol === 5;
  switch (type) {
    case 2: {
      const sessionPresent = (r.byte() & 1) === 1;
      const code = r.byte();
      if (!v5) return { cmd: 'connack', sessionPresent, returnCode: code } as Packet;
      const properties = r.left > 0 ? r.properties() : undefined;
      return {
        cmd: 'connack',
        sessionPresent,
        reasonCode: code,
        ...(properties ? { properties } : {}),
      } as Packet;
    }
    case 3: {
      const qos = ((flags >> 1) & 3) as 0 | 1 | 2;
      const topic = r.text();
      const messageId = qos > 0 ? r.u16() : undefined;
      const properties = v5 ? r.properties() : undefined;
      const payload = r.bytes(r.left);
      return {
        cmd: 'publish',
        topic,
        payload,
        qos,
        retain: (flags & 1) === 1,
        dup: (flags & 8) === 8,
        ...(messageId !== undefined ? { messageId } : {}),
        ...(properties ? { properties } : {}),
      } as unknown as Packet;
    }
    case 4:
    case 5:
    case 6:
    case 7: {
      const cmd = (['puback', 'pubrec', 'pubrel', 'pubcomp'] as const)[type - 4];
      const messageId = r.u16();
      if (!v5) return { cmd, messageId } as Packet;
      const reasonCode = r.left > 0 ? r.byte() : 0;
      const properties = r.left > 0 ? r.properties() : undefined;
      return { cmd, messageId, reasonCode, ...(properties ? { properties } : {}) } as Packet;
    }
    case 9: {
      const messageId = r.u16();
      const properties = v5 ? r.properties() : undefined;
      const granted = [...r.bytes(r.left)];
      return { cmd: 'suback', messageId, granted, ...(properties ? { properties } : {}) } as Packet;
    }
    case 11: {
      const messageId = r.u16();
      return { cmd: 'unsuback', messageId } as Packet;
    }
    case 13:
      return { cmd: 'pingresp' } as Packet;
    case 14:
    case 15: {
      const cmd = type === 14 ? 'disconnect' : 'auth';
      if (!v5) return type === 14 ? ({ cmd } as Packet) : null;
      const reasonCode = r.left > 0 ? r.byte() : 0;
      const properties = r.left > 0 ? r.properties() : undefined;
      return { cmd, reasonCode, ...(properties ? { properties } : {}) } as Packet;
    }
    default:
      // CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ: a broker never sends them.
      return null;
  }
}
