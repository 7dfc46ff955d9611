// One network connection between a device and the broker, with what each end knows of it. The two
// ends close independently: the gap between them is what a half-open connection is.

import type { ResolvedWill, ProtocolLevel } from '../scenario/types';
import type { Session } from './broker/session';
import type { Device } from './client/device';
import {
  BROKER_CONNECTED_AT,
  BROKER_LAST_RECEIVED,
  CLIENT_LAST_RECEIVED,
  CLIENT_LAST_SENT,
  LAST_ARRIVAL_TO_BROKER,
  LAST_ARRIVAL_TO_CLIENT,
  PING_SENT_AT,
  type ConnectionClocks,
} from './connectionClocks';

/** The broker end: not yet reached by the CONNECT, open, or closed. */
export const BROKER_UNKNOWN = 0;
export const BROKER_OPEN = 1;
export const BROKER_CLOSED = 2;

export class SimConnection {
  clientOpen = true;
  brokerEnd = BROKER_UNKNOWN;

  // Client end.
  /** CONNACK with return code 0 received. */
  connected = false;
  /** The keep alive the client uses, seconds (its own, or the broker's Server Keep Alive). */
  clientKeepAlive: number;
  pingTimerArmed = false;
  nextMessageId = 1;

  // Broker end.
  brokerKeepAlive = 0;
  brokerTimerArmed = false;
  /** The will the broker holds for this connection, until a normal DISCONNECT discards it. */
  will: ResolvedWill | null = null;
  /** Session Expiry Interval granted, seconds; Infinity for a v3 persistent session. */
  sessionExpiry = 0;
  session: Session | null = null;

  constructor(
    private readonly clocks: ConnectionClocks,
    readonly id: number,
    readonly device: Device,
    readonly clientId: string,
    readonly protocol: ProtocolLevel,
    keepAlive: number,
    readonly cleanStart: boolean,
  ) {
    this.clientKeepAlive = keepAlive;
    clocks.add(id);
  }

  // Times in ms, kept in the run's ConnectionClocks (see there why).

  /** Last arrival on this connection towards the broker: TCP delivers in order. */
  get lastArrivalToBroker(): number {
    return this.clocks.get(this.id, LAST_ARRIVAL_TO_BROKER);
  }
  set lastArrivalToBroker(t: number) {
    this.clocks.set(this.id, LAST_ARRIVAL_TO_BROKER, t);
  }
  get lastArrivalToClient(): number {
    return this.clocks.get(this.id, LAST_ARRIVAL_TO_CLIENT);
  }
  set lastArrivalToClient(t: number) {
    this.clocks.set(this.id, LAST_ARRIVAL_TO_CLIENT, t);
  }
  get clientLastSent(): number {
    return this.clocks.get(this.id, CLIENT_LAST_SENT);
  }
  set clientLastSent(t: number) {
    this.clocks.set(this.id, CLIENT_LAST_SENT, t);
  }
  get clientLastReceived(): number {
    return this.clocks.get(this.id, CLIENT_LAST_RECEIVED);
  }
  set clientLastReceived(t: number) {
    this.clocks.set(this.id, CLIENT_LAST_RECEIVED, t);
  }
  /** When the outstanding PINGREQ was sent, or -1. */
  get pingSentAt(): number {
    return this.clocks.get(this.id, PING_SENT_AT);
  }
  set pingSentAt(t: number) {
    this.clocks.set(this.id, PING_SENT_AT, t);
  }
  get brokerConnectedAt(): number {
    return this.clocks.get(this.id, BROKER_CONNECTED_AT);
  }
  set brokerConnectedAt(t: number) {
    this.clocks.set(this.id, BROKER_CONNECTED_AT, t);
  }
  get brokerLastReceived(): number {
    return this.clocks.get(this.id, BROKER_LAST_RECEIVED);
  }
  set brokerLastReceived(t: number) {
    this.clocks.set(this.id, BROKER_LAST_RECEIVED, t);
  }

  allocateMessageId(): number {
    const id = this.nextMessageId;
    this.nextMessageId = id === 65535 ? 1 : id + 1;
    return id;
  }
}
