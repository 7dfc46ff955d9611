// A packet explained: its fields, its timing against the keep-alive deadlines, and why it was sent,
// from a table with one entry per packet type (so a type cannot go unexplained).

import { PACKET_TYPE_INDEX } from '../../trace/codes';
import type { TraceStore } from '../../trace/store';
import type { PacketEvent, PacketType, WillEvent } from '../../trace/types';
import type { ProtocolLevel } from '../packetSize';
import { packetSize } from '../packetSize';
import { connFacts, lastArrivalAtBroker, previousPacket, type ConnFacts } from '../traceFacts';
import type { Builder, Context } from './builder';
import { deadlineWords } from './deadlines';
import { cite } from './spec';
import { REASON_TEXT, at, payloadText, reasonCodeText, seconds } from './words';

export function packetTitle(e: PacketEvent): string {
  return e.dir === 'c2b' ? `${e.type} ${e.client} → broker` : `${e.type} broker → ${e.client}`;
}

/** What the explainer of one packet type is given. */
interface PacketCase {
  store: TraceStore;
  row: number;
  e: PacketEvent;
  facts: ConnFacts;
  p: ProtocolLevel;
  /** The keep alive in force on the connection (null: unknown). */
  k: number | null;
  /** "keep alive 10 s", or "its keep alive". */
  kText: string;
  b: Builder;
}

/** Who acknowledges: the client or the broker. */
function sender(c: PacketCase): string {
  return c.e.dir === 'c2b' ? c.e.client : 'The broker';
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

function whyConnect({ e, k, kText, p, b }: PacketCase): void {
  if (k === 0)
    return b.because(
      `${e.client} connects with keep alive 0, which turns keep alive off: the broker will never time it out.`,
      cite('brokerTimeout', p),
    );
  b.because(
    `${e.client} opens an MQTT session with ${kText}: it must send some packet at least every ${k ?? 'K'} s, and the broker may close the connection after 1.5 × that in silence.`,
    cite('clientPing', p),
    cite('brokerTimeout', p),
  );
}

function whyConnack({ e, facts, p, b }: PacketCase): void {
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
  b.because(
    `The broker answers ${e.client}'s CONNECT with CONNACK (accepted${e.sessionPresent ? ', with its stored session' : ''}): always the first packet it sends.`,
    cite('connack', p),
  );
}

function whyPublish(c: PacketCase): void {
  const { store, row, e, p, b } = c;
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
  b.because(
    `The broker forwards a message on ${e.topic ?? '?'} to ${e.client}, whose subscription matches the topic.`,
    cite('forward', p),
  );
}

function whyDisconnect({ e, p, b }: PacketCase): void {
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
  // A broker's DISCONNECT says why it closes (MQTT 5 reason codes).
  const byCode: Record<number, () => void> = {
    0x8e: () =>
      b.because(
        `Another connection took over client ID ${e.client}, so the broker tells the old one "0x8E Session taken over" and closes it.`,
        cite('takeover', p),
      ),
    0x8d: () =>
      b.because(
        `The broker heard nothing from ${e.client} for 1.5 × keep alive and closes the connection with 0x8D Keep Alive timeout.`,
        cite('brokerTimeout', p),
      ),
    0x8b: () =>
      b.because(
        `The broker is shutting down (0x8B): it closes every connection, and wills of clients that did not disconnect are published.`,
        cite('will', p),
      ),
  };
  const known = byCode[code];
  if (known !== undefined) return known();
  b.because(`The broker closes ${e.client}'s connection (${reasonCodeText(code, 'DISCONNECT', p)}).`);
}

/** Why each packet type was sent. */
const WHY: Record<PacketType, (c: PacketCase) => void> = {
  CONNECT: whyConnect,
  CONNACK: whyConnack,
  PINGREQ: ({ e, k, kText, p, b }) =>
    b.because(
      `${e.client} had sent nothing for ${k ?? 'K'} s (${kText}), so it sends PINGREQ to show the broker it is alive.`,
      cite('clientPing', p),
    ),
  PINGRESP: ({ e, p, b }) =>
    b.because(
      `The broker answers every PINGREQ with a PINGRESP, so ${e.client} knows the connection still works.`,
      cite('pingresp', p),
    ),
  PUBLISH: whyPublish,
  PUBACK: (c) =>
    c.b.because(
      `${sender(c)} acknowledges the QoS 1 PUBLISH with packet id ${c.e.messageId ?? '?'}.`,
      cite('puback', c.p),
    ),
  PUBREC: (c) =>
    c.b.because(
      `${sender(c)} has received the QoS 2 PUBLISH with packet id ${c.e.messageId ?? '?'} (step 1 of 2).`,
      cite('pubrec', c.p),
    ),
  PUBREL: (c) =>
    c.b.because(
      `${sender(c)} releases QoS 2 packet id ${c.e.messageId ?? '?'} after its PUBREC.`,
      cite('pubrel', c.p),
    ),
  PUBCOMP: (c) =>
    c.b.because(
      `${sender(c)} completes the QoS 2 exchange for packet id ${c.e.messageId ?? '?'}.`,
      cite('pubcomp', c.p),
    ),
  SUBSCRIBE: ({ e, p, b }) =>
    b.because(`${e.client} subscribes; the broker must answer with SUBACK.`, cite('suback', p)),
  SUBACK: ({ e, p, b }) => b.because(`The broker confirms ${e.client}'s subscription.`, cite('suback', p)),
  UNSUBSCRIBE: ({ e, p, b }) =>
    b.because(`${e.client} unsubscribes; the broker must answer with UNSUBACK.`, cite('unsuback', p)),
  UNSUBACK: ({ e, p, b }) => b.because(`The broker confirms ${e.client}'s unsubscribe.`, cite('unsuback', p)),
  DISCONNECT: whyDisconnect,
  AUTH: ({ e, p, b }) =>
    b.because(`An authentication exchange step (${reasonCodeText(e.reasonCode ?? 0, 'AUTH', p)}).`),
};

function packetFields(e: PacketEvent, p: ProtocolLevel, b: Builder): void {
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
}

function packetTiming(c: PacketCase, ctx: Context): void {
  const { store, row, e, k, b } = c;
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
}

/** Fields, timing and why of a packet; returns the protocol of its connection. */
export function explainPacket(
  store: TraceStore,
  row: number,
  e: PacketEvent,
  ctx: Context,
  b: Builder,
): ProtocolLevel {
  const facts = connFacts(store, e.conn, row, ctx.header);
  const p = facts.protocol;
  const k = facts.effectiveKeepAlive;
  const c: PacketCase = {
    store,
    row,
    e,
    facts,
    p,
    k,
    kText: k === null ? 'its keep alive' : `keep alive ${k} s`,
    b,
  };
  packetFields(e, p, b);
  packetTiming(c, ctx);
  WHY[e.type](c);
  return p;
}
