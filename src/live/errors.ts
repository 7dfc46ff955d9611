// Why a live connection could not be made, in words that say what to do: each error names the form
// field it is about. A broker's refusal quotes its CONNACK code under the standard's name for it
// (src/base/reasonCodes.ts, the table the inspector uses too).
import { CONNACK_V3_NAMES, REASON_CODE_NAMES } from '../base/reasonCodes';
import type { LiveField } from './options';

export type LiveErrorCode = 'invalid' | 'unreachable' | 'not-mqtt' | 'refused' | 'timeout' | 'closed';

export class LiveConnectError extends Error {
  constructor(
    readonly code: LiveErrorCode,
    message: string,
    /** The form field the error is about, when it is one. */
    readonly field?: LiveField,
    /** CONNACK return/reason code, for `refused`. */
    readonly connackCode?: number,
  ) {
    super(message);
    this.name = 'LiveConnectError';
  }
}

/** The form field each refusal is about (3.1.1 return codes 1..5, MQTT 5 reason codes 0x80..). */
const CONNACK_FIELD: Record<number, LiveField> = {
  1: 'protocol',
  2: 'clientId',
  4: 'password',
  5: 'username',
  0x84: 'protocol',
  0x85: 'clientId',
  0x86: 'password',
  0x87: 'username',
};

/** A refused CONNECT: 3.1.1 return codes are below 0x80, MQTT 5 reason codes from 0x80 on. */
export function refusedError(code: number): LiveConnectError {
  const text = (code < 0x80 ? CONNACK_V3_NAMES[code] : REASON_CODE_NAMES[code]) ?? 'refused';
  const field = CONNACK_FIELD[code];
  const hint =
    field === 'password' || field === 'username'
      ? ' — check the user name and password'
      : field === 'protocol'
        ? ' — try the other MQTT version'
        : field === 'clientId'
          ? ' — try another client ID'
          : '';
  return new LiveConnectError(
    'refused',
    `The broker refused the connection: ${text} (CONNACK code ${code})${hint}.`,
    field,
    code,
  );
}

/** The errors of a connection attempt that got no CONNACK, by what was seen of the socket. */
export const connectErrors = {
  /** The WebSocket opened but no CONNACK came in time. */
  silent: (url: string, timeoutMs: number): LiveConnectError =>
    new LiveConnectError(
      'not-mqtt',
      `The WebSocket at ${url} opened but sent no MQTT CONNACK within ${timeoutMs / 1000} s: is it an MQTT broker (right path, MQTT over WebSockets)?`,
      'url',
    ),
  /** The WebSocket did not open in time. */
  timeout: (url: string, timeoutMs: number): LiveConnectError =>
    new LiveConnectError(
      'timeout',
      `No answer from ${url} within ${timeoutMs / 1000} s: the host is unreachable or not responding.`,
      'url',
    ),
  /** The WebSocket could not be opened (`why`: what the environment said, if anything). */
  unreachable: (url: string, why: string | null): LiveConnectError =>
    new LiveConnectError(
      'unreachable',
      `Cannot open a WebSocket to ${url}: the host is unreachable, refused the connection, or is not a WebSocket endpoint${why ? ` (${why})` : ''}.`,
      'url',
    ),
  /** The WebSocket opened and data came that mqtt.js could not parse. */
  garbage: (url: string, why: string): LiveConnectError =>
    new LiveConnectError('not-mqtt', `${url} answered with data that is not MQTT (${why}).`, 'url'),
  /** The WebSocket opened and closed without a CONNACK. */
  closed: (url: string, protocol: 4 | 5): LiveConnectError =>
    new LiveConnectError(
      'not-mqtt',
      `${url} closed the WebSocket without answering CONNECT: not an MQTT endpoint, or it does not accept ${protocol === 5 ? 'MQTT 5' : 'MQTT 3.1.1'} or this client ID.`,
      'url',
    ),
};
