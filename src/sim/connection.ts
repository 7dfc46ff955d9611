// One network connection between a device and the broker, with what each end knows of it. The two
// ends close independently: the gap between them is what a half-open connection is.

import type { ResolvedWill, ProtocolLevel } from '../scenario/types';
import type { Session } from './broker/session';
import type { Device } from './client/device';

/** The broker end: not yet reached by the CONNECT, open, or closed. */
export const BROKER_UNKNOWN = 0;
export const BROKER_OPEN = 1;
export const BROKER_CLOSED = 2;

export class SimConnection {
  clientOpen = true;
  brokerEnd = BROKER_UNKNOWN;
  /** Last arrival time per direction: TCP delivers in order. */
  lastArrivalToBroker = 0;
  lastArrivalToClient = 0;

  // Client end.
  /** CONNACK with return code 0 received. */
  connected = false;
  /** The keep alive the client uses, seconds (its own, or the broker's Server Keep Alive). */
  clientKeepAlive: number;
  clientLastSent = 0;
  clientLastReceived = 0;
  /** When the outstanding PINGREQ was sent, or -1. */
  pingSentAt = -1;
  pingTimerArmed = false;
  nextMessageId = 1;

  // Broker end.
  brokerKeepAlive = 0;
  brokerConnectedAt = 0;
  brokerLastReceived = 0;
  brokerTimerArmed = false;
  /** The will the broker holds for this connection, until a normal DISCONNECT discards it. */
  will: ResolvedWill | null = null;
  /** Session Expiry Interval granted, seconds; Infinity for a v3 persistent session. */
  sessionExpiry = 0;
  session: Session | null = null;

  constructor(
    readonly id: number,
    readonly device: Device,
    readonly clientId: string,
    readonly protocol: ProtocolLevel,
    keepAlive: number,
    readonly cleanStart: boolean,
  ) {
    this.clientKeepAlive = keepAlive;
  }

  allocateMessageId(): number {
    const id = this.nextMessageId;
    this.nextMessageId = id === 65535 ? 1 : id + 1;
    return id;
  }
}
