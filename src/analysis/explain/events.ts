// Every event that is not a packet, explained: keep-alive timeouts, wills, take-overs, faults,
// connection changes and sessions, each with its fields and the rule of the standard behind it.

import { PACKET_TYPE_INDEX } from '../../trace/codes';
import type { TraceStore } from '../../trace/store';
import type {
  ConnEvent,
  FaultEvent,
  PacketEvent,
  SessionEvent,
  TakeoverEvent,
  TimeoutEvent,
  WillEvent,
} from '../../trace/types';
import type { ProtocolLevel } from '../packetSize';
import { connFacts, lastArrivalAtBroker, type ConnFacts } from '../traceFacts';
import type { Builder, Context } from './builder';
import { brokerTimeoutSentence, deadlineWords, explainUnreportedTimeout } from './deadlines';
import { cite, type SpecKey } from './spec';
import { REASON_TEXT, at, payloadText, seconds } from './words';

export function explainTimeout(
  store: TraceStore,
  row: number,
  e: TimeoutEvent,
  ctx: Context,
  b: Builder,
): void {
  const p = connFacts(store, e.conn, row, ctx.header).protocol;
  // A live broker may not reveal the keep alive or the last activity: never "NaN s".
  if (!Number.isFinite(e.keepAlive) || !Number.isFinite(e.lastActivity))
    return explainUnreportedTimeout(e, ctx.profile, p, b);
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

export function explainWill(store: TraceStore, row: number, e: WillEvent, ctx: Context, b: Builder): void {
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

export function explainTakeover(
  store: TraceStore,
  row: number,
  e: TakeoverEvent,
  ctx: Context,
  b: Builder,
): void {
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

export function explainFault(e: FaultEvent, ctx: Context, b: Builder): void {
  b.field('target', e.target);
  b.field('fault', e.fault);
  b.field('at', at(e.t));
  const p = ctx.protocol;
  if (e.fault === 'connect' && e.attempt !== undefined && e.backoffMs !== undefined) {
    b.field('attempt', String(e.attempt));
    b.field('backoff', `${(e.backoffMs / 1000).toFixed(3)} s`);
    return b.because(
      `${e.target} lost its connection and tries again: attempt ${e.attempt} since its last good connection, after waiting ${(e.backoffMs / 1000).toFixed(3)} s. The wait doubles with each failed attempt, up to a maximum, shortened by a random part so that many clients do not come back at one instant.`,
    );
  }
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

export function explainConn(store: TraceStore, row: number, e: ConnEvent, ctx: Context, b: Builder): void {
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

export function explainSession(
  store: TraceStore,
  row: number,
  e: SessionEvent,
  ctx: Context,
  b: Builder,
): void {
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
