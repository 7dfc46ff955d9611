// One socket attempt of a traced client (tracedClient.ts), what its owner is told about it, and the
// reason a connection ended in the trace's words.
import type { Packet } from 'mqtt';
import type { Reason } from '../trace';
import type { Lane } from './conns';

/** What ended a connection, as the client side saw it. */
export interface LocalClose {
  lane: Lane;
  reason: Reason;
  /** The page closed it (disconnect, crash); false: the broker or the network did. */
  byUs: boolean;
}

export interface Attempt {
  id: number;
  opened: boolean;
  closed: boolean;
  failed: boolean;
  lane: Lane | null;
  /** Packets written before the socket opened. */
  pending: Packet[];
  connectSentAt: number;
  pingSentAt: number;
  /** CONNACK code, once received. */
  connack: number | null;
  /** DISCONNECT reason code received from the broker (MQTT 5). */
  brokerDisconnect: number | null;
  crashRequested: boolean;
  pingTimeout: boolean;
  error: string | null;
}

/** A socket attempt that has not opened yet. */
export function newAttempt(id: number): Attempt {
  return {
    id,
    opened: false,
    closed: false,
    failed: false,
    lane: null,
    pending: [],
    connectSentAt: -1,
    pingSentAt: -1,
    connack: null,
    brokerDisconnect: null,
    crashRequested: false,
    pingTimeout: false,
    error: null,
  };
}

export type ClientEvent =
  | { type: 'open'; lane: Lane }
  | { type: 'connack'; code: number; lane: Lane }
  | { type: 'close'; close: LocalClose | null; attempt: Attempt }
  | { type: 'error'; message: string };

/**
 * A packet is stamped when mqtt.js reports it sent, which on a busy event loop comes after its bytes
 * left: ejabberd's 3 s timer for K = 2 s closed 2 to 11 ms after the stamp, no margin at all.
 */
const SENT_STAMP_LATE_MS = 100;

/**
 * Whether a silence (ms, from the last packet's stamp) is long enough for a broker to have timed a
 * client with keep alive `k` (s) out. The earliest any broker here does is ⌊1.5 K⌋ s (Mosquitto and
 * HiveMQ count whole seconds: Mosquitto dropped a K = 5 s client 7.43 s after its CONNECT), not the
 * standard's 1.5 K.
 */
export function silentLongEnoughForTimeout(silentMs: number, k: number): boolean {
  return k > 0 && silentMs >= Math.max(1, Math.floor(1.5 * k)) * 1000 - SENT_STAMP_LATE_MS;
}

/** The close a client's own DISCONNECT asks for: 0x04 keeps the will (5.0), anything else is normal. */
export function reasonOfSentDisconnect(code: number): Reason {
  return code === 0x04 ? 'disconnect-with-will' : 'client-disconnect';
}

/** The reason a broker's MQTT 5 DISCONNECT gives, in the trace's words. */
export function reasonOfBrokerDisconnect(code: number): Reason {
  if (code === 0x8e) return 'takeover';
  if (code === 0x8d) return 'keepalive-timeout';
  if (code === 0x8b) return 'server-shutdown';
  if (code === 0x81 || code === 0x82) return 'protocol-error';
  return 'network-error';
}

/** The reason a client-side close gets: what the page did, what it saw, or what the broker said. */
export function closeReason(lane: Lane, attempt: Attempt): { reason: Reason; byUs: boolean } {
  if (lane.disconnectSent !== undefined)
    return { reason: reasonOfSentDisconnect(lane.disconnectSent), byUs: true };
  if (attempt.pingTimeout) return { reason: 'ping-timeout', byUs: true };
  if (attempt.crashRequested || attempt.failed) return { reason: 'network-error', byUs: true };
  return {
    reason:
      attempt.brokerDisconnect !== null
        ? reasonOfBrokerDisconnect(attempt.brokerDisconnect)
        : 'network-error',
    byUs: false,
  };
}
