// The bytes of a traced packet, as mqtt-packet encodes it: the inspector's hex dump. The mapping from
// trace fields to mqtt-packet's packet objects is pure (`toMqttPacket`); the encoder itself is loaded
// on demand (`encodePacket`), so it stays out of the page's first bundle.

import type { Packet } from 'mqtt-packet';
import type { PacketEvent, PacketProperties } from '../trace/types';
import type { ProtocolLevel } from './packetSize';

/** Base64 → bytes without Buffer (works in the browser and in Node). */
export function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** `[0x30, 0x0a]` → "30 0a"; 16 bytes a line. */
export function hexDump(bytes: Uint8Array, perLine = 16): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += perLine) {
    const row: string[] = [];
    for (let j = i; j < Math.min(bytes.length, i + perLine); j++)
      row.push(bytes[j].toString(16).padStart(2, '0'));
    lines.push(row.join(' '));
  }
  return lines.join('\n');
}

type Bytes = (b: Uint8Array) => unknown;

function payloadOf(p: PacketEvent['payload'], toBuffer: Bytes): unknown {
  if (p === undefined) return '';
  return typeof p === 'string' ? p : toBuffer(base64Bytes(p.base64));
}

function props(p: PacketProperties | undefined, drop?: string): Record<string, unknown> | undefined {
  if (p === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (k !== drop && v !== undefined) out[k] = v;
  return out;
}

/**
 * The mqtt-packet object for a traced packet. `toBuffer` turns bytes into what mqtt-packet takes for
 * binary (a Buffer). Fields the trace lacks get their neutral values (reason code 0, packet id 0).
 */
export function toMqttPacket(e: PacketEvent, protocol: ProtocolLevel, toBuffer: Bytes = (b) => b): Packet {
  const v5 = protocol === 5;
  const id = e.messageId ?? 0;
  let packet: Record<string, unknown>;
  switch (e.type) {
    case 'CONNECT': {
      packet = {
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: protocol,
        clean: e.cleanStart ?? true,
        clientId: e.client,
        keepalive: e.keepAlive ?? 0,
      };
      if (v5) {
        const p = props(e.properties, 'willDelayInterval');
        if (p !== undefined) packet.properties = p;
      }
      if (e.will !== undefined) {
        const will: Record<string, unknown> = {
          topic: e.will.topic,
          payload: payloadOf(e.will.payload, toBuffer),
          qos: e.will.qos,
          retain: e.will.retain,
        };
        const delay = e.will.delay ?? e.properties?.willDelayInterval;
        if (v5) will.properties = typeof delay === 'number' ? { willDelayInterval: delay } : {};
        packet.will = will;
      }
      break;
    }
    case 'CONNACK':
      packet = { cmd: 'connack', sessionPresent: e.sessionPresent ?? false };
      if (v5) {
        packet.reasonCode = e.reasonCode ?? 0;
        if (e.properties !== undefined) packet.properties = props(e.properties);
      } else packet.returnCode = e.reasonCode ?? 0;
      break;
    case 'PUBLISH':
      packet = {
        cmd: 'publish',
        topic: e.topic ?? '',
        payload: payloadOf(e.payload, toBuffer),
        qos: e.qos ?? 0,
        retain: e.retain ?? false,
        dup: e.dup ?? false,
      };
      if ((e.qos ?? 0) > 0) packet.messageId = id;
      if (v5 && e.properties !== undefined) packet.properties = props(e.properties);
      break;
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
      packet = { cmd: e.type.toLowerCase(), messageId: id };
      if (v5) {
        packet.reasonCode = e.reasonCode ?? 0;
        if (e.properties !== undefined) packet.properties = props(e.properties);
      }
      break;
    case 'SUBSCRIBE':
      packet = {
        cmd: 'subscribe',
        messageId: id,
        subscriptions: (e.subscriptions ?? []).map((s) => ({ topic: s.topic, qos: s.qos })),
      };
      if (v5 && e.properties !== undefined) packet.properties = props(e.properties);
      break;
    case 'SUBACK': {
      const granted =
        e.subscriptions?.map((s) => s.qos) ?? (e.reasonCode !== undefined ? [e.reasonCode] : [0]);
      packet = { cmd: 'suback', messageId: id, granted };
      if (v5 && e.properties !== undefined) packet.properties = props(e.properties);
      break;
    }
    case 'UNSUBSCRIBE':
      packet = {
        cmd: 'unsubscribe',
        messageId: id,
        unsubscriptions: (e.subscriptions ?? []).map((s) => s.topic),
      };
      if (v5 && e.properties !== undefined) packet.properties = props(e.properties);
      break;
    case 'UNSUBACK':
      packet = { cmd: 'unsuback', messageId: id };
      if (v5) {
        packet.granted = e.subscriptions?.map(() => e.reasonCode ?? 0) ?? [e.reasonCode ?? 0];
        if (e.properties !== undefined) packet.properties = props(e.properties);
      }
      break;
    case 'PINGREQ':
      packet = { cmd: 'pingreq' };
      break;
    case 'PINGRESP':
      packet = { cmd: 'pingresp' };
      break;
    case 'DISCONNECT':
      packet = { cmd: 'disconnect' };
      if (v5) {
        packet.reasonCode = e.reasonCode ?? 0;
        if (e.properties !== undefined) packet.properties = props(e.properties);
      }
      break;
    case 'AUTH':
      packet = { cmd: 'auth', reasonCode: e.reasonCode ?? 0 };
      if (e.properties !== undefined) packet.properties = props(e.properties);
      break;
    default:
      throw new Error(`cannot encode a packet of type ${JSON.stringify(e.type)}`);
  }
  return packet as unknown as Packet;
}

type Generate = (packet: Packet, opts?: { protocolVersion?: number }) => Uint8Array;

let loading: Promise<{ generate: Generate; toBuffer: Bytes }> | null = null;

/**
 * mqtt-packet's encoder and a Buffer, loaded once, on first use (only the encoder: its parser and
 * the rest stay out of the bundle).
 */
function encoder(): Promise<{ generate: Generate; toBuffer: Bytes }> {
  loading ??= Promise.all([import('mqtt-packet/generate.js'), import('buffer')]).then(([g, b]) => {
    const mod = g as unknown as { default?: Generate } | Generate;
    const generate = typeof mod === 'function' ? mod : mod.default;
    if (typeof generate !== 'function') throw new Error('mqtt-packet/generate.js exports no function');
    const B = (b as unknown as { Buffer: { from(a: Uint8Array): unknown } }).Buffer;
    return { generate, toBuffer: (bytes: Uint8Array) => B.from(bytes) };
  });
  return loading;
}

/** The packet's bytes on the wire; rejects with mqtt-packet's message when it cannot be encoded. */
export async function encodePacket(e: PacketEvent, protocol: ProtocolLevel): Promise<Uint8Array> {
  const { generate, toBuffer } = await encoder();
  const out = generate(toMqttPacket(e, protocol, toBuffer), { protocolVersion: protocol });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength).slice();
}
