// mqtt.js packets (mqtt-packet objects, as `packetsend` / `packetreceive` give them) → the trace's
// packet fields. Credentials never enter the trace: CONNECT's username and password are left out.
import type { Packet } from 'mqtt';
import type {
  Direction,
  PacketDetail,
  PacketEvent,
  PacketProperties,
  PacketType,
  WillFields,
} from '../trace';
import { clipText } from './clip';
import { tracePayload } from './payload';

const TYPES: Record<Packet['cmd'], PacketType> = {
  connect: 'CONNECT',
  connack: 'CONNACK',
  publish: 'PUBLISH',
  puback: 'PUBACK',
  pubrec: 'PUBREC',
  pubrel: 'PUBREL',
  pubcomp: 'PUBCOMP',
  subscribe: 'SUBSCRIBE',
  suback: 'SUBACK',
  unsubscribe: 'UNSUBSCRIBE',
  unsuback: 'UNSUBACK',
  pingreq: 'PINGREQ',
  pingresp: 'PINGRESP',
  disconnect: 'DISCONNECT',
  auth: 'AUTH',
};

export function packetType(p: Packet): PacketType {
  return TYPES[p.cmd];
}

/** Payloads longer than this keep their first bytes only in the trace (`payloadBytes` has the size). */
export const TRACE_PAYLOAD_LIMIT = 16 * 1024;
/**
 * Topics and filters longer than this are kept clipped in the trace (clip.ts: beginning, "…", hash;
 * a PUBLISH then has `topicChars`, the real length). A topic may be 65 535 bytes on the wire, and
 * every one a live trace holds is held twice (the worker's ring and the page's trace).
 */
export const TRACE_TOPIC_LIMIT = 1024;

const clipTopic = (topic: string): string => clipText(topic, TRACE_TOPIC_LIMIT);

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

/** Properties as JSON-safe values: binary ones (correlation data, auth data) as {"base64": …}. */
function jsonProperties(props: object | undefined): PacketProperties | undefined {
  if (props === undefined || props === null) return undefined;
  const out: PacketProperties = {};
  let any = false;
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    out[key] = isBytes(value) ? tracePayload(value) : value;
    any = true;
  }
  return any ? out : undefined;
}

function payloadFields(payload: Uint8Array | string, into: PacketDetail & Record<string, unknown>): void {
  const size = typeof payload === 'string' ? payload.length : payload.byteLength;
  if (typeof payload !== 'string' && size > TRACE_PAYLOAD_LIMIT) {
    into.payload = tracePayload(payload.subarray(0, TRACE_PAYLOAD_LIMIT));
    into.payloadBytes = size;
    into.payloadTruncated = true;
  } else {
    into.payload = tracePayload(payload);
  }
}

/** The trace detail of a packet: only the fields that apply and that the packet carries. */
export function packetDetail(p: Packet): PacketDetail & Record<string, unknown> {
  const d: PacketDetail & Record<string, unknown> = {};
  switch (p.cmd) {
    case 'connect': {
      if (p.keepalive !== undefined) d.keepAlive = p.keepalive;
      if (p.clean !== undefined) d.cleanStart = p.clean;
      if (p.protocolVersion === 4 || p.protocolVersion === 5) d.protocol = p.protocolVersion;
      if (p.will) {
        const will: WillFields = {
          topic: clipTopic(p.will.topic),
          payload: tracePayload(p.will.payload),
          qos: p.will.qos ?? 0,
          retain: p.will.retain ?? false,
        };
        d.will = will;
      }
      const props = jsonProperties(p.properties) ?? {};
      const willDelay = p.will?.properties?.willDelayInterval;
      if (willDelay !== undefined) props.willDelayInterval = willDelay;
      if (Object.keys(props).length > 0) d.properties = props;
      break;
    }
    case 'connack': {
      const code = p.reasonCode ?? p.returnCode;
      if (code !== undefined) d.reasonCode = code;
      d.sessionPresent = p.sessionPresent;
      const props = jsonProperties(p.properties);
      if (props) d.properties = props;
      break;
    }
    case 'publish': {
      d.topic = clipTopic(p.topic);
      if (p.topic.length > TRACE_TOPIC_LIMIT) d.topicChars = p.topic.length;
      d.qos = p.qos;
      d.retain = p.retain;
      if (p.dup) d.dup = true;
      payloadFields(p.payload, d);
      if (p.messageId !== undefined && p.qos > 0) d.messageId = p.messageId;
      const props = jsonProperties(p.properties);
      if (props) d.properties = props;
      break;
    }
    case 'subscribe': {
      d.subscriptions = p.subscriptions.map((s) => ({ topic: clipTopic(s.topic), qos: s.qos }));
      if (p.messageId !== undefined) d.messageId = p.messageId;
      break;
    }
    case 'suback': {
      if (p.messageId !== undefined) d.messageId = p.messageId;
      d.granted = (p.granted as unknown[]).map((g) =>
        typeof g === 'number' ? g : (g as { qos?: number }).qos,
      );
      break;
    }
    case 'unsubscribe': {
      d.unsubscriptions = p.unsubscriptions.map(clipTopic);
      if (p.messageId !== undefined) d.messageId = p.messageId;
      break;
    }
    case 'unsuback':
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp': {
      if (p.messageId !== undefined) d.messageId = p.messageId;
      if (p.reasonCode !== undefined) d.reasonCode = p.reasonCode;
      break;
    }
    case 'disconnect':
    case 'auth': {
      if (p.reasonCode !== undefined) d.reasonCode = p.reasonCode;
      const props = jsonProperties(p.properties);
      if (props) d.properties = props;
      break;
    }
    case 'pingreq':
    case 'pingresp':
      break;
  }
  return d;
}

/** A `packet` trace event. */
export function packetTraceEvent(
  p: Packet,
  t: number,
  dir: Direction,
  client: string,
  conn: number,
  arrive: number,
  extra: Record<string, unknown>,
): PacketEvent {
  const e: PacketEvent = { t, kind: 'packet', dir, client, conn, type: packetType(p), arrive };
  Object.assign(e, packetDetail(p), extra);
  return e;
}
