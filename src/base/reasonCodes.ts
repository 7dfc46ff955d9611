// The names of MQTT's reason codes, as the standards name them: MQTT 5.0 §2.4 (one table for every
// packet that carries a reason code) and MQTT 3.1.1's CONNACK return codes (§3.2.2.3). One table for
// the whole lab: the inspector's explanations (src/analysis) and live mode's connection errors
// (src/live) both name codes from here.

/** MQTT 5.0 reason codes (§2.4) by number, with the standard's names. */
export const REASON_CODE_NAMES: Readonly<Record<number, string>> = {
  0x00: 'Success',
  0x01: 'Granted QoS 1',
  0x02: 'Granted QoS 2',
  0x04: 'Disconnect with Will Message',
  0x10: 'No matching subscribers',
  0x11: 'No subscription existed',
  0x18: 'Continue authentication',
  0x19: 'Re-authenticate',
  0x80: 'Unspecified error',
  0x81: 'Malformed Packet',
  0x82: 'Protocol Error',
  0x83: 'Implementation specific error',
  0x84: 'Unsupported Protocol Version',
  0x85: 'Client Identifier not valid',
  0x86: 'Bad User Name or Password',
  0x87: 'Not authorized',
  0x88: 'Server unavailable',
  0x89: 'Server busy',
  0x8a: 'Banned',
  0x8b: 'Server shutting down',
  0x8c: 'Bad authentication method',
  0x8d: 'Keep Alive timeout',
  0x8e: 'Session taken over',
  0x8f: 'Topic Filter invalid',
  0x90: 'Topic Name invalid',
  0x91: 'Packet Identifier in use',
  0x92: 'Packet Identifier not found',
  0x93: 'Receive Maximum exceeded',
  0x94: 'Topic Alias invalid',
  0x95: 'Packet too large',
  0x96: 'Message rate too high',
  0x97: 'Quota exceeded',
  0x98: 'Administrative action',
  0x99: 'Payload format invalid',
  0x9a: 'Retain not supported',
  0x9b: 'QoS not supported',
  0x9c: 'Use another server',
  0x9d: 'Server moved',
  0x9e: 'Shared Subscriptions not supported',
  0x9f: 'Connection rate exceeded',
  0xa0: 'Maximum connect time',
  0xa1: 'Subscription Identifiers not supported',
  0xa2: 'Wildcard Subscriptions not supported',
};

/** MQTT 3.1.1 CONNACK return codes (§3.2.2.3), named as the standard names them. */
export const CONNACK_V3_NAMES: Readonly<Record<number, string>> = {
  0: 'Connection Accepted',
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'Server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
};

/** A CONNACK's code as the standard of `protocol` names it; undefined for a code it does not define. */
export function connackCodeName(code: number, protocol: 4 | 5): string | undefined {
  return protocol === 4 ? CONNACK_V3_NAMES[code] : REASON_CODE_NAMES[code];
}
