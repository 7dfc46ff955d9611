// The standard's statement ids the explanations cite, by protocol level (docs/brokers.md, "What the
// standard says"): 3.1.1 and 5.0 number their statements differently.

import type { ProtocolLevel } from '../packetSize';

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

export type SpecKey = keyof typeof SPEC;

export function cite(key: SpecKey, protocol: ProtocolLevel): string {
  return SPEC[key][protocol];
}

/** "[MQTT-3.1.2-24]" for each id, joined. */
export function brackets(ids: readonly string[]): string {
  return ids.map((id) => `[${id}]`).join(' ');
}
