// The inspector's text: for any row of a trace, its fields, its timing against the keep-alive
// deadlines, and why it happened in one plain sentence that cites the standard's statement id
// (docs/brokers.md; 3.1.1 and 5.0 ids differ). Pure: reads the store, returns strings. The
// UI renders them as text nodes, never as HTML (topics and payloads may be hostile).

import { PACKET_TYPE_INDEX } from '../trace/codes';
import type { TraceStore } from '../trace/store';
import type {
  ConnEvent,
  FaultEvent,
  PacketEvent,
  Reason,
  SessionEvent,
  TakeoverEvent,
  TimeoutEvent,
  TraceEvent,
  TraceHeader,
  WillEvent,
} from '../trace/types';
import type { ProtocolLevel } from './packetSize';
import { packetSize } from './packetSize';
import {
  connFacts,
  lastArrivalAtBroker,
  previousPacket,
  profileOf,
  scenarioProtocol,
  type ConnFacts,
  type ProfileName,
} from './traceFacts';

export interface Field {
  name: string;
  value: string;
}

export interface Explanation {
  /** e.g. "PINGREQ sensor-1 → broker". */
  title: string;
  fields: Field[];
  /** Sentences about time: when it was sent and arrived, against which deadline. */
  timing: string[];
  /** Why it happened: one plain sentence, ending with the statement id(s) in brackets. */
  why: string;
  /** The statement ids cited in `why`, e.g. ["MQTT-3.1.2-24"]. */
  specIds: string[];
  /** A packet and the protocol of its connection, for the hex dump; null for other events. */
  packet: { event: PacketEvent; protocol: ProtocolLevel } | null;
}

/** Statement ids by protocol level (docs/brokers.md, "What the standard says"). */
export const SPEC = {
  clientPing: { 4: 'MQTT-3.1.2-23', 5: 'MQTT-3.1.2-20' },
  brokerTimeout: { 4: 'MQTT-3.1.2-24', 5: 'MQTT-3.1.2-22' },
  serverKeepAlive: { 4: 'MQTT-3.1.2-21', 5: 'MQTT-3.1.2-21' },
  pingresp: { 4: 'MQTT-3.12.4-1', 5: 'MQTT-3.12.4-1' },
  will: { 4: 'MQTT-3.1.2-8', 5: 'MQTT-3.1.2-8' },
  willDiscarded: { 4: 'MQTT-3.14.4-3', 5: 'MQTT-3.14.4-3' },
  willDelay: { 4: 'MQTT-3.1.3-9', 5: 'MQTT-3.1.3-9' },
  takeover: { 4: 'MQTT-3.1.4-2', 5: 'MQTT-3.1.4-3' },
  firstPacketConnect: { 4: 'MQTT-3.1.0-1', 5: 'MQTT-3.1.0-1' },
  connack: { 4: 'MQTT-3.2.0-1', 5: 'MQTT-3.2.0-1' },
  connackRefused: { 4: 'MQTT-3.2.2-5', 5: 'MQTT-3.2.2-7' },
  forward: { 4: 'MQTT-3.3.2-3', 5: 'MQTT-3.3.2-3' },
  puback: { 4: 'MQTT-4.3.2-2', 5: 'MQTT-4.3.2-4' },
  pubrec: { 4: 'MQTT-4.3.3-2', 5: 'MQTT-4.3.3-8' },
  pubrel: { 4: 'MQTT-4.3.3-1', 5: 'MQTT-4.3.3-4' },
  pubcomp: { 4: 'MQTT-4.3.3-2', 5: 'MQTT-4.3.3-11' },
  suback: { 4: 'MQTT-3.8.4-1', 5: 'MQTT-3.8.4-1' },
  unsuback: { 4: 'MQTT-3.10.4-4', 5: 'MQTT-3.10.4-4' },
  cleanStart: { 4: 'MQTT-3.1.2-6', 5: 'MQTT-3.1.2-4' },
  newSessionKept: { 4: 'MQTT-3.1.2-4', 5: 'MQTT-3.1.2-6' },
  resume: { 4: 'MQTT-3.1.2-4', 5: 'MQTT-3.1.2-5' },
  sessionExpiry: { 4: 'MQTT-3.1.2-6', 5: 'MQTT-3.1.2-23' },
  protocolError: { 4: 'MQTT-4.8.0-1', 5: 'MQTT-4.13.1-1' },
} as const satisfies Record<string, Record<ProtocolLevel, string>>;

type SpecKey = keyof typeof SPEC;

const PROFILE_TITLE: Record<ProfileName, string> = {
  spec: 'The broker',
  'mosquitto-2.0': 'Mosquitto 2.0',
  emqx: 'EMQX',
  hivemq: 'HiveMQ',
  aedes: 'aedes',
  'rabbitmq-3.10': 'RabbitMQ 3.10',
  'activemq-5.17': 'ActiveMQ 5.17',
  'ejabberd-23': 'ejabberd 23',
};

const REASON_CODE_NAMES: Record<number, string> = {
  0x00: 'Success',
  0x04: 'Disconnect with Will Message',
  0x10: 'No matching subscribers',
  0x80: 'Unspecified error',
  0x81: 'Malformed Packet',
  0x82: 'Protocol Error',
  0x84: 'Unsupported Protocol Version',
  0x85: 'Client Identifier not valid',
  0x86: 'Bad User Name or Password',
  0x87: 'Not authorized',
  0x88: 'Server unavailable',
  0x89: 'Server busy',
  0x8b: 'Server shutting down',
  0x8d: 'Keep Alive timeout',
  0x8e: 'Session taken over',
  0x97: 'Quota exceeded',
};

const CONNACK_V3: Record<number, string> = {
  0: 'Connection Accepted',
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'Server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
};

const REASON_TEXT: Record<Reason, string> = {
  'client-disconnect': 'a DISCONNECT',
  'disconnect-with-will': 'a DISCONNECT with reason 0x04 (with will)',
  'keepalive-timeout': 'a keep-alive timeout',
  takeover: 'a take-over',
  'network-error': 'the socket closing without a DISCONNECT',
  'protocol-error': 'a protocol error',
  'server-shutdown': 'the broker shutting down',
  'ping-timeout': 'no PINGRESP in time',
  'session-expired': 'the session expiring',
  connect: 'a connect',
};

/** 15000 → "15.0 s"; 850 → "0.850 s" (ms shown when under a second). */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return Math.abs(s) < 1 ? `${s.toFixed(3)} s` : `${s.toFixed(1)} s`;
}

/** A trace time: "t = 12.345 s". */
export function at(ms: number): string {
  return `t = ${(ms / 1000).toFixed(3)} s`;
}

/** A reason code as hex with its MQTT 5 name: "0x8E Session taken over". */
export function reasonCodeText(code: number, type?: string, protocol: ProtocolLevel = 5): string {
  if (type === 'CONNACK' && protocol === 4) return `${code} ${CONNACK_V3[code] ?? ''}`.trim();
  const hex = `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  const name = code === 0 && type === 'DISCONNECT' ? 'Normal disconnection' : REASON_CODE_NAMES[code];
  return name === undefined ? hex : `${hex} ${name}`;
}

function cite(key: SpecKey, protocol: ProtocolLevel): string {
  return SPEC[key][protocol];
}

/** "[MQTT-3.1.2-24]" for each id, joined. */
function brackets(ids: readonly string[]): string {
  return ids.map((id) => `[${id}]`).join(' ');
}

class Builder {
  readonly fields: Field[] = [];
  readonly timing: string[] = [];
  readonly ids: string[] = [];
  why = '';

  field(name: string, value: unknown): void {
    if (value === undefined) return;
    this.fields.push({ name, value: typeof value === 'string' ? value : JSON.stringify(value) });
  }

  /** Sets the sentence and its ids: `text` without the brackets, which are appended. */
  because(text: string, ...ids: string[]): void {
    this.ids.push(...ids);
    this.why = ids.length === 0 ? text : `${text} ${brackets(ids)}`;
  }
}

/** The deadline rule of a profile for keep alive K, as words. */
export function deadlineWords(profile: ProfileName, k: number): string {
  const floor = Math.floor(1.5 * k);
  switch (profile) {
    case 'spec':
      return `1.5 × ${k} s = ${seconds(1.5 * k * 1000)}`;
    case 'mosquitto-2.0':
      return `more than ⌊1.5 × ${k}⌋ = ${floor} s, checked about every 6 s (so ${floor}–${floor + 7} s)`;
    case 'emqx':
      return `at least ⌈1.5 × ${k}⌉ = ${Math.ceil(1.5 * k)} s, checked every ${Math.min(30, Math.max(1, k / 2))} s`;
    case 'hivemq':
      return `⌊1.5 × ${k}⌋ = ${Math.max(1, floor)} s`;
    case 'aedes':
      return `1.5 × ${k} s + 1 ms`;
    case 'rabbitmq-3.10':
      return `2 × ${k} to 3 × ${k} s (two unchanged samples ${k} s apart)`;
    case 'activemq-5.17':
      return `1.5 × ${k} to 2 × ${k} s (checks every ${k / 2} s)`;
    case 'ejabberd-23':
      return `round(1.5 × ${k}) = ${Math.round(1.5 * k)} s`;
  }
}

/** Why a broker timed a client out, in its profile's words. */
function brokerTimeoutSentence(
  profile: ProfileName,
  client: string,
  silenceMs: number,
  k: number,
  protocol: ProtocolLevel,
  b: Builder,
): void {
  const id = cite('brokerTimeout', protocol);
  const silence = seconds(silenceMs);
  const limitMs = 1.5 * k * 1000;
  const cmp = Math.abs(silenceMs - limitMs) < 50 ? '=' : silenceMs > limitMs ? '>' : '<';
  const v5close = protocol === 5 ? ' (MQTT 5: DISCONNECT 0x8D Keep Alive timeout first)' : '';
  switch (profile) {
    case 'spec':
      return b.because(
        `No packet from ${client} for ${silence} ${cmp} 1.5 × ${k} s: the broker closes the connection${v5close}.`,
        id,
      );
    case 'mosquitto-2.0':
      return b.because(
        `No packet from ${client} for ${silence}: Mosquitto 2.0 sweeps its clients about every 6 s and drops one silent for more than ⌊1.5 × ${k}⌋ = ${Math.floor(1.5 * k)} s, later than the standard's 1.5 × ${k} s, closing the socket without DISCONNECT.`,
        id,
      );
    case 'emqx':
      return b.because(
        `No packet from ${client} for ${silence}: EMQX's keep-alive timer ticks every ${Math.min(30, Math.max(1, k / 2))} s and closes a connection idle for at least ⌈1.5 × ${k}⌉ s${v5close}.`,
        id,
      );
    case 'hivemq':
      return b.because(
        `No packet from ${client} for ${silence}: HiveMQ's per-connection timer of ⌊1.5 × ${k}⌋ s ran out and it closes the connection${v5close}.`,
        id,
      );
    case 'aedes':
      return b.because(
        `No packet from ${client} for ${silence}: aedes's timer of 1.5 × ${k} s + 1 ms ran out and it destroys the socket.`,
        id,
      );
    case 'rabbitmq-3.10':
      return b.because(
        `No packet from ${client} for ${silence}: RabbitMQ samples the bytes received every ${k} s and closes after two unchanged samples (2 to 3 × keep alive, not the standard's 1.5 × ${k} s).`,
        id,
      );
    case 'activemq-5.17':
      return b.because(
        `No packet from ${client} for ${silence}: ActiveMQ's shared timer, checking every ${k / 2} s, found the last activity 1.5 × ${k} s old and closes the connection (1.5 to 2 × keep alive after the last byte).`,
        id,
      );
    case 'ejabberd-23':
      return b.because(
        `No packet from ${client} for ${silence}: ejabberd's timer of round(1.5 × ${k}) = ${Math.round(1.5 * k)} s ran out${protocol === 5 ? ' (DISCONNECT 0x8D "Idle connection" first)' : ''}.`,
        id,
      );
  }
}

function packetTitle(e: PacketEvent): string {
  return e.dir === 'c2b' ? `${e.type} ${e.client} → broker` : `${e.type} broker → ${e.client}`;
}

function payloadText(p: PacketEvent['payload']): string | undefined {
  if (p === undefined) return undefined;
  return typeof p === 'string' ? p : `base64 ${p.base64}`;
}

/** A will delivered to `e.client` at the same instant as this PUBLISH, if this PUBLISH is one. */
function willBehind(store: TraceStore, row: number, e: PacketEvent): WillEvent | null {
  const c = store.columns;
  for (let i = row - 1; i >= 0 && c.t[i] === e.t; i--) {
    const other = store.get(i);
    if (other.kind === 'will' && other.topic === e.topic && (other.receivers ?? []).includes(e.client))
      return other;
  }
  return null;
}

function explainPacket(store: TraceStore, row: number, e: PacketEvent, ctx: Context, b: Builder): void {
  const facts = connFacts(store, e.conn, row, ctx.header);
  const p = facts.protocol;
  const k = facts.effectiveKeepAlive;
  b.field('type', e.type);
  b.field('direction', e.dir === 'c2b' ? `${e.client} → broker` : `broker → ${e.client}`);
  b.field('client', e.client);
  b.field('connection', String(e.conn));
  b.field('protocol', p === 5 ? 'MQTT 5.0' : 'MQTT 3.1.1');
  b.field('sent', at(e.t));
  b.field('arrived', e.arrive === null ? 'lost' : at(e.arrive));
  if (e.keepAlive !== undefined) b.field('keep alive', `${e.keepAlive} s`);
  if (e.cleanStart !== undefined) b.field(p === 5 ? 'clean start' : 'clean session', String(e.cleanStart));
  if (e.will !== undefined) {
    b.field('will topic', e.will.topic);
    b.field('will payload', payloadText(e.will.payload));
    b.field('will QoS', String(e.will.qos));
    b.field('will retain', String(e.will.retain));
  }
  if (e.topic !== undefined) b.field('topic', e.topic);
  if (e.subscriptions !== undefined)
    b.field('subscriptions', e.subscriptions.map((s) => `${s.topic} (QoS ${s.qos})`).join(', '));
  if (e.qos !== undefined) b.field('QoS', String(e.qos));
  if (e.retain !== undefined) b.field('retain', String(e.retain));
  if (e.dup !== undefined) b.field('dup', String(e.dup));
  if (e.payload !== undefined) b.field('payload', payloadText(e.payload));
  if (e.messageId !== undefined) b.field('packet id', String(e.messageId));
  if (e.reasonCode !== undefined)
    b.field(
      p === 4 && e.type === 'CONNACK' ? 'return code' : 'reason code',
      reasonCodeText(e.reasonCode, e.type, p),
    );
  if (e.sessionPresent !== undefined) b.field('session present', String(e.sessionPresent));
  if (e.properties !== undefined) {
    for (const [name, value] of Object.entries(e.properties)) if (value !== undefined) b.field(name, value);
  }
  if (e.source !== undefined) b.field('source', e.source);
  b.field('size', `${packetSize(e.type, e, p, e.client)} bytes`);

  // Timing.
  if (e.arrive === null) b.timing.push('Lost on the network: the receiver never saw it.');
  else b.timing.push(`Took ${seconds(e.arrive - e.t)} on the network.`);
  if (e.dir === 'c2b' && e.type !== 'CONNECT') {
    const prevSent = previousPacket(store, row, e.conn, 0);
    if (prevSent !== -1) {
      const gap = e.t - store.t(prevSent);
      b.timing.push(
        `Sent ${seconds(gap)} after ${e.client}'s previous packet${k !== null && k > 0 ? ` (keep alive ${k} s)` : ''}.`,
      );
    }
    if (e.arrive !== null) {
      const last = lastArrivalAtBroker(store, row - 1, e.conn, e.arrive);
      if (last !== null && k !== null && k > 0) {
        b.timing.push(
          `Arrived ${seconds(e.arrive - last)} after the previous packet from this client; broker deadline ${deadlineWords(ctx.profile, k)}.`,
        );
      }
    }
  }
  if (e.type === 'PINGRESP') {
    const req = previousPacket(store, row, e.conn, 0, { type: PACKET_TYPE_INDEX.get('PINGREQ') });
    if (req !== -1) {
      const reqT = store.t(req);
      b.timing.push(
        `Answers the PINGREQ sent at ${at(reqT)}${e.arrive === null ? '' : `; round trip ${seconds(e.arrive - reqT)}`}.`,
      );
    }
  }

  // Why.
  const kText = k === null ? 'its keep alive' : `keep alive ${k} s`;
  switch (e.type) {
    case 'CONNECT': {
      if (k === 0)
        return b.because(
          `${e.client} connects with keep alive 0, which turns keep alive off: the broker will never time it out.`,
          cite('brokerTimeout', p),
        );
      return b.because(
        `${e.client} opens an MQTT session with ${kText}: it must send some packet at least every ${k ?? 'K'} s, and the broker may close the connection after 1.5 × that in silence.`,
        cite('clientPing', p),
        cite('brokerTimeout', p),
      );
    }
    case 'CONNACK': {
      const code = e.reasonCode ?? 0;
      if (code !== 0 && (p === 4 || code >= 0x80))
        return b.because(
          `The broker refuses ${e.client}'s connection (${reasonCodeText(code, 'CONNACK', p)}) and closes it.`,
          cite('connackRefused', p),
        );
      if (facts.serverKeepAlive !== null && e.properties?.serverKeepAlive !== undefined)
        return b.because(
          `The broker accepts ${e.client} and sets Server Keep Alive ${facts.serverKeepAlive} s, which replaces the client's keep alive ${facts.keepAlive ?? '?'} s: the client must use it.`,
          cite('serverKeepAlive', 5),
        );
      return b.because(
        `The broker answers ${e.client}'s CONNECT with CONNACK (accepted${e.sessionPresent ? ', with its stored session' : ''}): always the first packet it sends.`,
        cite('connack', p),
      );
    }
    case 'PINGREQ':
      return b.because(
        `${e.client} had sent nothing for ${k ?? 'K'} s (${kText}), so it sends PINGREQ to show the broker it is alive.`,
        cite('clientPing', p),
      );
    case 'PINGRESP':
      return b.because(
        `The broker answers every PINGREQ with a PINGRESP, so ${e.client} knows the connection still works.`,
        cite('pingresp', p),
      );
    case 'PUBLISH': {
      if (e.dir === 'c2b')
        return b.because(
          `${e.client} publishes on ${e.topic ?? '?'}; like any packet it resets the keep-alive timer, so no PINGREQ is needed while it publishes.`,
          cite('clientPing', p),
        );
      const will = willBehind(store, row, e);
      if (will !== null)
        return b.because(
          `This is ${will.client}'s will, delivered to subscriber ${e.client} because ${will.client}'s connection ended by ${REASON_TEXT[will.cause] ?? will.cause}.`,
          cite('will', p),
        );
      return b.because(
        `The broker forwards a message on ${e.topic ?? '?'} to ${e.client}, whose subscription matches the topic.`,
        cite('forward', p),
      );
    }
    case 'PUBACK':
      return b.because(
        `${e.dir === 'c2b' ? e.client : 'The broker'} acknowledges the QoS 1 PUBLISH with packet id ${e.messageId ?? '?'}.`,
        cite('puback', p),
      );
    case 'PUBREC':
      return b.because(
        `${e.dir === 'c2b' ? e.client : 'The broker'} has received the QoS 2 PUBLISH with packet id ${e.messageId ?? '?'} (step 1 of 2).`,
        cite('pubrec', p),
      );
    case 'PUBREL':
      return b.because(
        `${e.dir === 'c2b' ? e.client : 'The broker'} releases QoS 2 packet id ${e.messageId ?? '?'} after its PUBREC.`,
        cite('pubrel', p),
      );
    case 'PUBCOMP':
      return b.because(
        `${e.dir === 'c2b' ? e.client : 'The broker'} completes the QoS 2 exchange for packet id ${e.messageId ?? '?'}.`,
        cite('pubcomp', p),
      );
    case 'SUBSCRIBE':
      return b.because(`${e.client} subscribes; the broker must answer with SUBACK.`, cite('suback', p));
    case 'SUBACK':
      return b.because(`The broker confirms ${e.client}'s subscription.`, cite('suback', p));
    case 'UNSUBSCRIBE':
      return b.because(
        `${e.client} unsubscribes; the broker must answer with UNSUBACK.`,
        cite('unsuback', p),
      );
    case 'UNSUBACK':
      return b.because(`The broker confirms ${e.client}'s unsubscribe.`, cite('unsuback', p));
    case 'DISCONNECT': {
      const code = e.reasonCode ?? 0;
      if (e.dir === 'c2b') {
        if (code === 0x04)
          return b.because(
            `${e.client} disconnects with reason 0x04 "Disconnect with Will Message": unlike a normal DISCONNECT, the broker keeps the will and publishes it.`,
            cite('willDiscarded', p),
          );
        return b.because(
          `${e.client} disconnects politely: a normal DISCONNECT makes the broker delete its will, so none is published.`,
          cite('willDiscarded', p),
        );
      }
      if (code === 0x8e)
        return b.because(
          `Another connection took over client ID ${e.client}, so the broker tells the old one "0x8E Session taken over" and closes it.`,
          cite('takeover', p),
        );
      if (code === 0x8d)
        return b.because(
          `The broker heard nothing from ${e.client} for 1.5 × keep alive and closes the connection with 0x8D Keep Alive timeout.`,
          cite('brokerTimeout', p),
        );
      if (code === 0x8b)
        return b.because(
          `The broker is shutting down (0x8B): it closes every connection, and wills of clients that did not disconnect are published.`,
          cite('will', p),
        );
      return b.because(
        `The broker closes ${e.client}'s connection (${reasonCodeText(code, 'DISCONNECT', p)}).`,
      );
    }
    case 'AUTH':
      return b.because(`An authentication exchange step (${reasonCodeText(e.reasonCode ?? 0, 'AUTH', p)}).`);
  }
}

function explainTimeout(store: TraceStore, row: number, e: TimeoutEvent, ctx: Context, b: Builder): void {
  const p = connFacts(store, e.conn, row, ctx.header).protocol;
  const silence = e.t - e.lastActivity;
  b.field('client', e.client);
  b.field('connection', String(e.conn));
  b.field('side', e.side);
  b.field('keep alive', `${e.keepAlive} s`);
  b.field('last packet received', at(e.lastActivity));
  b.field('fired', at(e.t));
  if (e.side === 'broker') {
    b.timing.push(
      `${seconds(silence)} after the last packet from ${e.client}; deadline ${deadlineWords(ctx.profile, e.keepAlive)}.`,
    );
    return brokerTimeoutSentence(ctx.profile, e.client, silence, e.keepAlive, p, b);
  }
  b.timing.push(`${seconds(silence)} after the last packet ${e.client} received from the broker.`);
  b.because(
    `${e.client} sent PINGREQ but no PINGRESP came back in reasonable time, so it gives up on the connection and closes it; a working broker always answers PINGREQ.`,
    cite('pingresp', p),
  );
}

function explainWill(store: TraceStore, row: number, e: WillEvent, ctx: Context, b: Builder): void {
  const p = connFacts(store, e.conn, row, ctx.header).protocol;
  b.field('client', e.client);
  b.field('connection', String(e.conn));
  b.field('topic', e.topic);
  if (e.payload !== undefined) b.field('payload', payloadText(e.payload));
  b.field('QoS', String(e.qos));
  b.field('retain', String(e.retain));
  b.field('cause', e.cause);
  b.field('will delay applied', `${e.delayed} s`);
  if (e.receivers !== undefined)
    b.field('delivered to', e.receivers.length === 0 ? 'nobody' : e.receivers.join(', '));
  if (e.delayed > 0) {
    b.timing.push(`Published ${e.delayed} s after the connection closed (its Will Delay Interval).`);
    return b.because(
      `${e.client}'s connection closed without DISCONNECT and no connection resumed its session within the Will Delay Interval of ${e.delayed} s, so the broker publishes the will now.`,
      cite('willDelay', 5),
    );
  }
  if (e.cause === 'session-expired')
    return b.because(
      `${e.client}'s session ended before its will delay ran out, so the broker publishes the will now.`,
      cite('willDelay', 5),
    );
  if (e.cause === 'takeover') {
    const extra =
      ctx.profile === 'aedes'
        ? ' (aedes always publishes the old will on take-over)'
        : ctx.profile === 'mosquitto-2.0'
          ? ' (Mosquitto 2.0 does so only when the old session ends and the will has no delay)'
          : '';
    return b.because(
      `${e.client}'s old connection was taken over and closed without DISCONNECT, so its will is published${extra}.`,
      cite('will', p),
      cite('takeover', p),
    );
  }
  if (e.cause === 'disconnect-with-will')
    return b.because(
      `${e.client} disconnected with reason 0x04 "Disconnect with Will Message", which asks the broker to publish the will.`,
      cite('willDiscarded', p),
    );
  b.because(
    `${e.client}'s connection ended by ${REASON_TEXT[e.cause] ?? e.cause}, not by a DISCONNECT, so the broker publishes its will on ${e.topic}.`,
    cite('will', p),
  );
}

function explainTakeover(store: TraceStore, row: number, e: TakeoverEvent, ctx: Context, b: Builder): void {
  const p = connFacts(store, e.newConn, row, ctx.header).protocol;
  b.field('client', e.client);
  b.field('old connection', String(e.oldConn));
  b.field('new connection', String(e.newConn));
  const how =
    p === 5 && ctx.profile !== 'mosquitto-2.0' && ctx.profile !== 'aedes'
      ? 'sends the old one DISCONNECT 0x8E "Session taken over" and closes it'
      : 'closes the old socket (no DISCONNECT)';
  b.because(
    `A new connection (${e.newConn}) presented client ID ${e.client} while connection ${e.oldConn} was still open at the broker, so the broker ${how}.`,
    cite('takeover', p),
  );
}

const FAULT_TEXT: Record<string, [string, SpecKey | null]> = {
  crash: [
    "'s process crashed: its operating system closes the socket at once, so the broker sees the close and publishes the will",
    'will',
  ],
  'power-off': [
    ' lost power: it vanishes without closing its socket, so the broker holds a half-open connection until 1.5 × keep alive passes in silence',
    'brokerTimeout',
  ],
  'power-on': [
    ' boots again and connects with the same client ID; if the broker still holds its old half-open connection, the new one takes it over',
    'takeover',
  ],
  'link-down': [
    "'s network drops every packet in both directions while both sockets stay open; if that lasts 1.5 × keep alive, the broker times it out",
    'brokerTimeout',
  ],
  'link-up': ["'s network works again; its next packet resets the broker's keep-alive timer", 'clientPing'],
  disconnect: [' disconnects politely (DISCONNECT): the broker deletes its will', 'willDiscarded'],
  'disconnect-with-will': [
    ' disconnects with reason 0x04 "Disconnect with Will Message": the broker publishes its will',
    'willDiscarded',
  ],
  clone: [
    ': a second device with the same client ID connects, and the broker closes the first connection (client-ID clash)',
    'takeover',
  ],
  connect: [' opens a new connection; its first packet is CONNECT', 'firstPacketConnect'],
  publish: [' publishes now; any packet resets the keep-alive timer', 'clientPing'],
};

function explainFault(e: FaultEvent, ctx: Context, b: Builder): void {
  b.field('target', e.target);
  b.field('fault', e.fault);
  b.field('at', at(e.t));
  const p = ctx.protocol;
  if (e.fault === 'broker-restart')
    return b.because(
      `The broker restarts: it closes every connection${p === 5 ? ' (DISCONNECT 0x8B Server shutting down)' : ''}, so the wills of its clients are published and they must reconnect.`,
      cite('will', p),
    );
  const known = FAULT_TEXT[e.fault];
  if (known === undefined) return b.because(`A fault was injected: ${e.fault} on ${e.target}.`);
  const [text, key] = known;
  if (key === null) return b.because(`${e.target}${text}.`);
  b.because(`${e.target}${text}.`, cite(key, p));
}

function explainConn(store: TraceStore, row: number, e: ConnEvent, ctx: Context, b: Builder): void {
  const facts: ConnFacts = connFacts(store, e.conn, row, ctx.header);
  const p = facts.protocol;
  b.field('client', e.client);
  b.field('connection', String(e.conn));
  b.field('seen by', e.side);
  b.field('state', e.state);
  b.field('reason', e.reason);
  b.field('at', at(e.t));
  if (e.state === 'open') {
    if (e.side === 'client')
      return b.because(
        `${e.client} opens a network connection to the broker; the first packet on it must be CONNECT.`,
        cite('firstPacketConnect', p),
      );
    const k = facts.effectiveKeepAlive;
    return b.because(
      `The broker accepts ${e.client}'s connection and starts watching it: ${k === null ? 'with its keep alive K' : `with keep alive ${k} s`} it closes the connection after 1.5 × K without a packet.`,
      cite('brokerTimeout', p),
    );
  }
  const who = e.side === 'broker' ? 'The broker' : e.client;
  switch (e.reason) {
    case 'keepalive-timeout': {
      if (e.side === 'broker') {
        const k = facts.effectiveKeepAlive;
        const last = lastArrivalAtBroker(store, row, e.conn, e.t);
        if (k !== null && last !== null)
          return brokerTimeoutSentence(ctx.profile, e.client, e.t - last, k, p, b);
      }
      return b.because(
        `${who} closes the connection because the broker heard nothing from ${e.client} for 1.5 × keep alive.`,
        cite('brokerTimeout', p),
      );
    }
    case 'network-error':
      if (e.side === 'broker')
        return b.because(
          `The broker saw ${e.client}'s socket close without a DISCONNECT, so it treats it as a network failure and publishes the will, if there is one.`,
          cite('will', p),
        );
      return b.because(
        `${e.client}'s end of the connection is gone without a DISCONNECT (crash, power loss or lost network); until the broker notices, the connection is half-open and the will is still pending.`,
        cite('will', p),
      );
    case 'client-disconnect':
      return b.because(
        `${who} closes the connection after a DISCONNECT: a normal disconnect, so the will is deleted.`,
        cite('willDiscarded', p),
      );
    case 'disconnect-with-will':
      return b.because(
        `${who} closes the connection after DISCONNECT 0x04, which keeps the will: it is published.`,
        cite('willDiscarded', p),
      );
    case 'takeover':
      return b.because(
        `${who} closes connection ${e.conn} because a newer connection took over client ID ${e.client}.`,
        cite('takeover', p),
      );
    case 'ping-timeout':
      return b.because(
        `${e.client} got no PINGRESP in reasonable time after its PINGREQ, so it closes the connection (and reconnects if it is set to).`,
        cite('pingresp', p),
      );
    case 'protocol-error':
      return b.because(
        `${who} closes the connection after a protocol error; the will is published.`,
        cite('protocolError', p),
      );
    case 'server-shutdown':
      return b.because(
        `The broker shut down and closed every connection; wills of connected clients are published.`,
        cite('will', p),
      );
    case 'session-expired':
      return b.because(`${e.client}'s session expired.`, cite('sessionExpiry', p));
    default:
      return b.because(`${who} closes the connection (${e.reason}).`);
  }
}

function explainSession(store: TraceStore, row: number, e: SessionEvent, ctx: Context, b: Builder): void {
  b.field('client', e.client);
  b.field('state', e.state);
  if (e.queued !== undefined) b.field('queued messages', String(e.queued));
  b.field('at', at(e.t));
  // The CONNECT that led to it: the client's last c2b CONNECT before this row.
  const c = store.columns;
  const clientIndex = store.clientIndex(row);
  const connectCode = PACKET_TYPE_INDEX.get('CONNECT');
  let connect: PacketEvent | null = null;
  for (let i = row - 1; i >= 0; i--) {
    if (c.client[i] === clientIndex && c.kind[i] === 0 && c.packetType[i] === connectCode && c.dir[i] === 0) {
      connect = store.get(i) as PacketEvent;
      break;
    }
  }
  const p: ProtocolLevel = connect?.protocol === 5 ? 5 : connect?.protocol === 4 ? 4 : ctx.protocol;
  const clean = connect?.cleanStart ?? true;
  const flag = p === 5 ? 'Clean Start' : 'Clean Session';
  switch (e.state) {
    case 'created':
      if (clean)
        return b.because(
          `${e.client} connected with ${flag} 1, so the broker discards any old session and starts a new one.`,
          cite('cleanStart', p),
        );
      return b.because(
        `${e.client} connected with ${flag} 0 but the broker had no session for it, so it creates one that outlives the connection.`,
        cite('newSessionKept', p),
      );
    case 'resumed':
      return b.because(
        `${e.client} connected with ${flag} 0 and the broker still had its session, so it resumes it${e.queued ? ` and delivers the ${e.queued} message${e.queued === 1 ? '' : 's'} queued while it was away` : ''}.`,
        cite('resume', p),
      );
    case 'expired':
      return b.because(
        p === 5
          ? `${e.client}'s Session Expiry Interval ran out after its connection closed, so the broker discards the session.`
          : `${e.client}'s clean session ends with its connection.`,
        cite('sessionExpiry', p),
      );
  }
}

interface Context {
  header: TraceHeader | null;
  profile: ProfileName;
  protocol: ProtocolLevel;
}

function titleOf(e: TraceEvent): string {
  switch (e.kind) {
    case 'packet':
      return packetTitle(e);
    case 'conn':
      return `Connection ${e.conn} of ${e.client} ${e.state === 'open' ? 'opens' : 'closes'} (${e.side} side)`;
    case 'timeout':
      return `Keep-alive timeout of ${e.client} (${e.side})`;
    case 'will':
      return `Will of ${e.client}`;
    case 'takeover':
      return `Take-over of ${e.client}`;
    case 'fault':
      return `Fault: ${e.fault} on ${e.target}`;
    case 'session':
      return `Session of ${e.client} ${e.state}`;
  }
}

/** Everything the inspector shows for row `row` of `store`. */
export function explain(store: TraceStore, row: number, header: TraceHeader | null): Explanation {
  const e = store.get(row);
  const ctx: Context = { header, profile: profileOf(header), protocol: scenarioProtocol(header) };
  const b = new Builder();
  let packet: Explanation['packet'] = null;
  switch (e.kind) {
    case 'packet':
      explainPacket(store, row, e, ctx, b);
      packet = { event: e, protocol: connFacts(store, e.conn, row, header).protocol };
      break;
    case 'timeout':
      explainTimeout(store, row, e, ctx, b);
      break;
    case 'will':
      explainWill(store, row, e, ctx, b);
      break;
    case 'takeover':
      explainTakeover(store, row, e, ctx, b);
      break;
    case 'fault':
      explainFault(e, ctx, b);
      break;
    case 'conn':
      explainConn(store, row, e, ctx, b);
      break;
    case 'session':
      explainSession(store, row, e, ctx, b);
      break;
  }
  if (ctx.profile !== 'spec' && header?.source === 'sim') b.field('broker profile', ctx.profile);
  if (e.source !== undefined && e.kind !== 'packet') b.field('source', e.source);
  return { title: titleOf(e), fields: b.fields, timing: b.timing, why: b.why, specIds: b.ids, packet };
}

export { PROFILE_TITLE };
