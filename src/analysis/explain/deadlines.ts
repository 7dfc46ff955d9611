// How each broker profile decides that a silent client is gone, in words: the rule as a formula for
// the timing line, and the sentence for the timeout itself. One entry per profile, so a new profile
// cannot be added without saying how it times clients out (docs/brokers.md).

import type { TimeoutEvent } from '../../trace/types';
import type { ProtocolLevel } from '../packetSize';
import type { ProfileName } from '../traceFacts';
import type { Builder } from './builder';
import { cite } from './spec';
import { at, seconds } from './words';

/** The deadline rule of each profile for keep alive K, as words. */
const DEADLINE_WORDS: Record<ProfileName, (k: number) => string> = {
  spec: (k) => `1.5 × ${k} s = ${seconds(1.5 * k * 1000)}`,
  'mosquitto-2.0': (k) => {
    const floor = Math.floor(1.5 * k);
    return `more than ⌊1.5 × ${k}⌋ = ${floor} s, checked every 6 s (so ${floor}–${floor + 6} s)`;
  },
  emqx: (k) => `at least ⌈1.5 × ${k}⌉ = ${Math.ceil(1.5 * k)} s, checked every ${emqxTick(k)} s`,
  hivemq: (k) => `⌊1.5 × ${k}⌋ = ${Math.max(1, Math.floor(1.5 * k))} s`,
  aedes: (k) => `1.5 × ${k} s + 1 ms`,
  'rabbitmq-3.10': (k) => `2 × ${k} to 3 × ${k} s (two unchanged samples ${k} s apart)`,
  'activemq-5.17': (k) => `1.5 × ${k} to 2 × ${k} s (checks every ${k / 2} s)`,
  'ejabberd-23': (k) => `round(1.5 × ${k}) = ${Math.round(1.5 * k)} s`,
};

function emqxTick(k: number): number {
  return Math.min(30, Math.max(1, k / 2));
}

export function deadlineWords(profile: ProfileName, k: number): string {
  return DEADLINE_WORDS[profile](k);
}

interface Silence {
  client: string;
  /** "15.0 s": how long the broker heard nothing. */
  silence: string;
  /** "=", ">" or "<" against the standard's 1.5 × K. */
  cmp: string;
  k: number;
  /** MQTT 5: " (MQTT 5: DISCONNECT 0x8D Keep Alive timeout first)", else "". */
  v5close: string;
  protocol: ProtocolLevel;
}

/** Why each profile timed a client out. */
const TIMEOUT_SENTENCE: Record<ProfileName, (s: Silence) => string> = {
  spec: (s) =>
    `No packet from ${s.client} for ${s.silence} ${s.cmp} 1.5 × ${s.k} s: the broker closes the connection${s.v5close}.`,
  'mosquitto-2.0': (s) =>
    `No packet from ${s.client} for ${s.silence}: Mosquitto 2.0 sweeps its clients about every 6 s and drops one silent for more than ⌊1.5 × ${s.k}⌋ = ${Math.floor(1.5 * s.k)} s, later than the standard's 1.5 × ${s.k} s, closing the socket without DISCONNECT.`,
  emqx: (s) =>
    `No packet from ${s.client} for ${s.silence}: EMQX's keep-alive timer ticks every ${emqxTick(s.k)} s and closes a connection idle for at least ⌈1.5 × ${s.k}⌉ s${s.v5close}.`,
  hivemq: (s) =>
    `No packet from ${s.client} for ${s.silence}: HiveMQ's per-connection timer of ⌊1.5 × ${s.k}⌋ s ran out and it closes the connection${s.v5close}.`,
  aedes: (s) =>
    `No packet from ${s.client} for ${s.silence}: aedes's timer of 1.5 × ${s.k} s + 1 ms ran out and it destroys the socket.`,
  'rabbitmq-3.10': (s) =>
    `No packet from ${s.client} for ${s.silence}: RabbitMQ samples the bytes received every ${s.k} s and closes after two unchanged samples (2 to 3 × keep alive, not the standard's 1.5 × ${s.k} s).`,
  'activemq-5.17': (s) =>
    `No packet from ${s.client} for ${s.silence}: ActiveMQ's shared timer, checking every ${s.k / 2} s, found the last activity 1.5 × ${s.k} s old and closes the connection (1.5 to 2 × keep alive after the last byte).`,
  'ejabberd-23': (s) =>
    `No packet from ${s.client} for ${s.silence}: ejabberd's timer of round(1.5 × ${s.k}) = ${Math.round(1.5 * s.k)} s ran out${s.protocol === 5 ? ' (DISCONNECT 0x8D "Idle connection" first)' : ''}.`,
};

/** Why a broker timed a client out, in its profile's words. */
export function brokerTimeoutSentence(
  profile: ProfileName,
  client: string,
  silenceMs: number,
  k: number,
  protocol: ProtocolLevel,
  b: Builder,
): void {
  const limitMs = 1.5 * k * 1000;
  const cmp = Math.abs(silenceMs - limitMs) < 50 ? '=' : silenceMs > limitMs ? '>' : '<';
  const v5close = protocol === 5 ? ' (MQTT 5: DISCONNECT 0x8D Keep Alive timeout first)' : '';
  b.because(
    TIMEOUT_SENTENCE[profile]({ client, silence: seconds(silenceMs), cmp, k, v5close, protocol }),
    cite('brokerTimeout', protocol),
  );
}

/** The broker behind each live source, when the event does not name it (`broker`). */
const SOURCE_BROKER: Record<string, string> = {
  'mosquitto-log': 'Mosquitto',
  'emqx-event': 'EMQX',
  embedded: 'the embedded broker',
};

/** "not reported by Mosquitto": what a live timeout says of a field its broker did not reveal. */
export function notReportedBy(e: TimeoutEvent): string {
  const named = (e as { broker?: unknown }).broker;
  const broker = typeof named === 'string' ? named : (SOURCE_BROKER[e.source ?? ''] ?? 'the broker');
  return `not reported by ${broker}`;
}

/** How long a live timeout's client had been silent, ms, when known (`silentMs`: since before the trace). */
export function silenceOf(e: TimeoutEvent): number | null {
  if (Number.isFinite(e.lastActivity)) return e.t - e.lastActivity;
  const silent = (e as { silentMs?: unknown }).silentMs;
  return typeof silent === 'number' && Number.isFinite(silent) ? silent : null;
}

/**
 * A live broker's timeout that lacks its keep alive or its last activity: the fields it gave, the
 * others as "not reported by <broker>", and the rule in words without invented numbers.
 */
export function explainUnreportedTimeout(
  e: TimeoutEvent,
  profile: ProfileName,
  protocol: ProtocolLevel,
  b: Builder,
): void {
  const missing = notReportedBy(e);
  const k = Number.isFinite(e.keepAlive) ? e.keepAlive : null;
  const silence = silenceOf(e);
  b.field('client', e.client);
  b.field('connection', String(e.conn));
  b.field('side', e.side);
  b.field('keep alive', k === null ? missing : `${k} s`);
  b.field(
    'last packet received',
    Number.isFinite(e.lastActivity)
      ? at(e.lastActivity)
      : silence !== null
        ? `${seconds(silence)} before it fired (before this trace began)`
        : missing,
  );
  b.field('fired', at(e.t));
  if (k !== null && silence !== null) {
    b.timing.push(
      `${seconds(silence)} after the last packet from ${e.client}; deadline ${deadlineWords(profile, k)}.`,
    );
    return brokerTimeoutSentence(profile, e.client, silence, k, protocol, b);
  }
  if (k !== null)
    b.timing.push(`Deadline ${deadlineWords(profile, k)}; the time of the last packet is ${missing}.`);
  const rule = k === null ? 'its keep alive' : `a keep alive of ${k} s`;
  b.because(
    `The broker heard nothing from ${e.client} for 1.5 × keep alive, with ${rule}, and closes the connection; how long it had been silent is ${missing}.`,
    cite('brokerTimeout', protocol),
  );
}
