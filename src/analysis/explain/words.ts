// The words the explanations are made of: times, reason codes, close reasons, payloads.

import { formatSeconds } from '../../base/format';
import { CONNACK_V3_NAMES, REASON_CODE_NAMES } from '../../base/reasonCodes';
import type { PacketEvent, Reason } from '../../trace/types';
import type { ProtocolLevel } from '../packetSize';

/** What ended a connection, as words. */
export const REASON_TEXT: Record<Reason, string> = {
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
  return formatSeconds(ms, Math.abs(ms) < 1000 ? 3 : 1);
}

/** A trace time: "t = 12.345 s". */
export function at(ms: number): string {
  return `t = ${formatSeconds(ms, 3)}`;
}

/** A reason code as hex with its MQTT 5 name: "0x8E Session taken over". */
export function reasonCodeText(code: number, type?: string, protocol: ProtocolLevel = 5): string {
  if (type === 'CONNACK' && protocol === 4) return `${code} ${CONNACK_V3_NAMES[code] ?? ''}`.trim();
  const hex = `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  const name = code === 0 && type === 'DISCONNECT' ? 'Normal disconnection' : REASON_CODE_NAMES[code];
  return name === undefined ? hex : `${hex} ${name}`;
}

export function payloadText(p: PacketEvent['payload']): string | undefined {
  if (p === undefined) return undefined;
  return typeof p === 'string' ? p : `base64 ${p.base64}`;
}
