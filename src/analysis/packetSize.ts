// The size in bytes of a packet as it goes on the wire, computed from its trace fields without
// encoding it (statistics add up millions of packets). It follows mqtt-packet's encoder, which the
// inspector uses for the hex dump, so the two agree (tests/analysis/packetSize.test.ts).
// Unknown MQTT 5 properties count nothing: the figure is an estimate for those.

import type { PacketDetail, PacketProperties, PacketType, Payload } from '../trace/types';

export type ProtocolLevel = 4 | 5;

/** UTF-8 length of a string, without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Bytes of a payload: UTF-8 text, or the decoded length of base64. */
export function payloadLength(p: Payload | undefined): number {
  if (p === undefined) return 0;
  if (typeof p === 'string') return utf8Length(p);
  const b64 = p.base64.replace(/[^A-Za-z0-9+/]/g, '');
  return Math.floor((b64.length * 3) / 4);
}

/** Bytes of an MQTT Variable Byte Integer. */
export function varIntLength(n: number): number {
  if (n < 128) return 1;
  if (n < 16384) return 2;
  if (n < 2097152) return 3;
  return 4;
}

const ONE = new Set([
  'payloadFormatIndicator',
  'requestProblemInformation',
  'requestResponseInformation',
  'maximumQoS',
  'retainAvailable',
  'wildcardSubscriptionAvailable',
  'subscriptionIdentifiersAvailable',
  'sharedSubscriptionAvailable',
]);
const TWO = new Set(['serverKeepAlive', 'receiveMaximum', 'topicAliasMaximum', 'topicAlias']);
const FOUR = new Set([
  'sessionExpiryInterval',
  'willDelayInterval',
  'messageExpiryInterval',
  'maximumPacketSize',
]);
const STRINGS = new Set([
  'contentType',
  'responseTopic',
  'assignedClientIdentifier',
  'authenticationMethod',
  'responseInformation',
  'serverReference',
  'reasonString',
]);
const BINARY = new Set(['correlationData', 'authenticationData']);

/** Bytes of a property list's content (not counting its length prefix); `skip` names properties left out. */
export function propertiesLength(props: PacketProperties | undefined, skip?: string): number {
  if (props === undefined || props === null) return 0;
  let n = 0;
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || key === skip) continue;
    if (ONE.has(key)) n += 2;
    else if (TWO.has(key)) n += 3;
    else if (FOUR.has(key)) n += 5;
    else if (STRINGS.has(key) && typeof value === 'string') n += 3 + utf8Length(value);
    else if (BINARY.has(key)) n += 3 + (typeof value === 'string' ? utf8Length(value) : 0);
    else if (key === 'subscriptionIdentifier') {
      for (const id of Array.isArray(value) ? value : [value])
        if (typeof id === 'number') n += 1 + varIntLength(id);
    } else if (key === 'userProperties' && typeof value === 'object' && value !== null) {
      for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
        for (const one of Array.isArray(v) ? v : [v]) n += 5 + utf8Length(name) + utf8Length(String(one));
      }
    }
  }
  return n;
}

/** A property list with its length prefix. */
function propertyBlock(props: PacketProperties | undefined, skip?: string): number {
  const n = propertiesLength(props, skip);
  return varIntLength(n) + n;
}

const str = (s: string | undefined): number => 2 + utf8Length(s ?? '');

/** Remaining Length of a packet (everything after the fixed header). */
export function remainingLength(
  type: PacketType,
  detail: PacketDetail | null,
  protocol: ProtocolLevel,
  clientId = '',
): number {
  const d: PacketDetail = detail ?? {};
  const v5 = protocol === 5;
  switch (type) {
    case 'CONNECT': {
      let n = 10 + str(clientId);
      if (v5) n += propertyBlock(d.properties, 'willDelayInterval');
      if (d.will !== undefined) {
        n += str(d.will.topic) + 2 + payloadLength(d.will.payload);
        if (v5) {
          const delay = d.will.delay ?? d.properties?.willDelayInterval;
          const willProps = 0 + (typeof delay === 'number' ? 5 : 0);
          n += varIntLength(willProps) + willProps;
        }
      }
      return n;
    }
    case 'CONNACK':
      return 2 + (v5 ? propertyBlock(d.properties) : 0);
    case 'PUBLISH': {
      let n = str(d.topic) + payloadLength(d.payload);
      if ((d.qos ?? 0) > 0) n += 2;
      if (v5) n += propertyBlock(d.properties);
      return n;
    }
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP': {
      if (!v5) return 2;
      if (d.properties !== undefined) return 3 + propertyBlock(d.properties);
      return (d.reasonCode ?? 0) !== 0 ? 4 : 2;
    }
    case 'SUBSCRIBE': {
      let n = 2 + (v5 ? propertyBlock(d.properties) : 0);
      for (const s of d.subscriptions ?? []) n += str(s.topic) + 1;
      return n;
    }
    case 'SUBACK':
      return 2 + (v5 ? propertyBlock(d.properties) : 0) + Math.max(1, d.subscriptions?.length ?? 1);
    case 'UNSUBSCRIBE': {
      let n = 2 + (v5 ? propertyBlock(d.properties) : 0);
      for (const s of d.subscriptions ?? []) n += str(s.topic);
      return n;
    }
    case 'UNSUBACK':
      return 2 + (v5 ? propertyBlock(d.properties) + Math.max(1, d.subscriptions?.length ?? 1) : 0);
    case 'PINGREQ':
    case 'PINGRESP':
      return 0;
    case 'DISCONNECT':
    case 'AUTH':
      return v5 ? 1 + propertyBlock(d.properties) : 0;
  }
  return 0;
}

/** Bytes of the whole packet on the wire: fixed header byte, Remaining Length, the rest. */
export function packetSize(
  type: PacketType,
  detail: PacketDetail | null,
  protocol: ProtocolLevel,
  clientId = '',
): number {
  const rest = remainingLength(type, detail, protocol, clientId);
  return 1 + varIntLength(rest) + rest;
}

/** Sizes of packets without a detail (the bulk of a run: pings), by protocol; -1 where detail matters. */
export function bareSize(type: PacketType, protocol: ProtocolLevel): number {
  switch (type) {
    case 'PINGREQ':
    case 'PINGRESP':
      return 2;
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
      return 4;
    case 'DISCONNECT':
      return protocol === 5 ? 4 : 2;
    default:
      return -1;
  }
}
