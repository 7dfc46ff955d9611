// Every network connection of a run, as a table: one row per connection (its id, from 1), one
// typed array per field. The two ends of a connection close independently: the gap between them is
// what a half-open connection is, so each end has its own state here.
//
// Why a table and not an object per connection: a fleet's events each touch one connection picked
// at random among 100 000 or more, so the cost is in cache misses and in the heap. A row of typed
// arrays has no header, no pointers for the garbage collector to trace, and a million rows fit in a
// few tens of MB. Only what the broker holds by reference (the will, the session) stays in arrays
// of objects, and it is touched only when a connection opens or closes.

import type { ProtocolLevel, ResolvedWill } from '../scenario/types';
import { resized } from '../trace/grow';
import type { Session } from './broker/session';

/** The broker end: not yet reached by the CONNECT, open, or closed. */
export const BROKER_UNKNOWN = 0;
export const BROKER_OPEN = 1;
export const BROKER_CLOSED = 2;

const INITIAL_CAPACITY = 1024;

export class Connections {
  /** Rows in use; ids run from 1 to `count` (row 0 is unused, so an id of 0 means "none"). */
  count = 0;
  private capacity = INITIAL_CAPACITY;

  // Identity, fixed when the client opens the connection.
  device = new Int32Array(INITIAL_CAPACITY);
  protocol = new Uint8Array(INITIAL_CAPACITY);
  cleanStart = new Uint8Array(INITIAL_CAPACITY);
  /** Its client's library code (client/libraries), copied from the device: read on every client event. */
  library = new Uint8Array(INITIAL_CAPACITY);
  clientId: string[] = [];

  /** Last arrival time per direction: TCP delivers in order. */
  lastArrivalToBroker = new Float64Array(INITIAL_CAPACITY);
  lastArrivalToClient = new Float64Array(INITIAL_CAPACITY);

  // Client end.
  clientOpen = new Uint8Array(INITIAL_CAPACITY);
  /** CONNACK with return code 0 received. */
  connected = new Uint8Array(INITIAL_CAPACITY);
  /** The keep alive the client uses, seconds (its own, or the broker's Server Keep Alive). */
  clientKeepAlive = new Int32Array(INITIAL_CAPACITY);
  clientLastSent = new Float64Array(INITIAL_CAPACITY);
  clientLastReceived = new Float64Array(INITIAL_CAPACITY);
  /** When the outstanding PINGREQ was sent, or -1. */
  pingSentAt = new Float64Array(INITIAL_CAPACITY);
  /** When the client's keep-alive timer event is due, Infinity when none is armed. */
  pingTimerAt = new Float64Array(INITIAL_CAPACITY);
  /** The last restart of the client library's own keep-alive timer (client/libraries). */
  timerBase = new Float64Array(INITIAL_CAPACITY);
  nextMessageId = new Int32Array(INITIAL_CAPACITY);

  // Broker end.
  brokerEnd = new Uint8Array(INITIAL_CAPACITY);
  brokerKeepAlive = new Int32Array(INITIAL_CAPACITY);
  brokerConnectedAt = new Float64Array(INITIAL_CAPACITY);
  brokerLastReceived = new Float64Array(INITIAL_CAPACITY);
  brokerTimerArmed = new Uint8Array(INITIAL_CAPACITY);
  /** Session Expiry Interval granted, seconds; Infinity for a v3 persistent session. */
  sessionExpiry = new Float64Array(INITIAL_CAPACITY);
  /** The will the broker holds for each connection, until a normal DISCONNECT discards it. */
  will: (ResolvedWill | null)[] = [null];
  session: (Session | null)[] = [null];

  /** A new connection of `device`, open at the client end; returns its id. */
  open(
    device: number,
    clientId: string,
    protocol: ProtocolLevel,
    keepAlive: number,
    cleanStart: boolean,
    library: number,
    now: number,
  ): number {
    const id = ++this.count;
    if (id === this.capacity) this.grow();
    this.device[id] = device;
    this.protocol[id] = protocol;
    this.cleanStart[id] = cleanStart ? 1 : 0;
    this.library[id] = library;
    this.clientId[id] = clientId;
    this.clientOpen[id] = 1;
    this.clientKeepAlive[id] = keepAlive;
    this.pingSentAt[id] = -1;
    this.pingTimerAt[id] = Infinity;
    // A library that counts received packets counts from the connect (paho's reconnect()).
    this.clientLastReceived[id] = now;
    this.timerBase[id] = now;
    this.nextMessageId[id] = 1;
    this.will[id] = null;
    this.session[id] = null;
    return id;
  }

  allocateMessageId(id: number): number {
    const messageId = this.nextMessageId[id];
    this.nextMessageId[id] = messageId === 65535 ? 1 : messageId + 1;
    return messageId;
  }

  private grow(): void {
    const n = this.capacity;
    const capacity = n * 2;
    this.capacity = capacity;
    this.device = resized(this.device, capacity, n);
    this.protocol = resized(this.protocol, capacity, n);
    this.cleanStart = resized(this.cleanStart, capacity, n);
    this.library = resized(this.library, capacity, n);
    this.lastArrivalToBroker = resized(this.lastArrivalToBroker, capacity, n);
    this.lastArrivalToClient = resized(this.lastArrivalToClient, capacity, n);
    this.clientOpen = resized(this.clientOpen, capacity, n);
    this.connected = resized(this.connected, capacity, n);
    this.clientKeepAlive = resized(this.clientKeepAlive, capacity, n);
    this.clientLastSent = resized(this.clientLastSent, capacity, n);
    this.clientLastReceived = resized(this.clientLastReceived, capacity, n);
    this.pingSentAt = resized(this.pingSentAt, capacity, n);
    this.pingTimerAt = resized(this.pingTimerAt, capacity, n);
    this.timerBase = resized(this.timerBase, capacity, n);
    this.nextMessageId = resized(this.nextMessageId, capacity, n);
    this.brokerEnd = resized(this.brokerEnd, capacity, n);
    this.brokerKeepAlive = resized(this.brokerKeepAlive, capacity, n);
    this.brokerConnectedAt = resized(this.brokerConnectedAt, capacity, n);
    this.brokerLastReceived = resized(this.brokerLastReceived, capacity, n);
    this.brokerTimerArmed = resized(this.brokerTimerArmed, capacity, n);
    this.sessionExpiry = resized(this.sessionExpiry, capacity, n);
  }
}
