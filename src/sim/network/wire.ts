// Packets on the wire, and the order in which the trace hears of them.
//
// A packet's network fate (arrival time or loss) is decided when it is sent (docs/scenario-format.md,
// "The simulated network"). One thing is only known on arrival: whether the receiving end is still
// open. A PINGREQ that reaches a broker which has just timed the connection out was not received by
// anyone, and the trace must not show it arriving on a closed connection. So packets wait here, in send
// order, until they arrive; a packet that reaches a closed end is recorded as lost. Trace items leave in
// the order they were produced, which is non-decreasing time, as soon as every earlier packet's fate is
// final.
//
// Every packet in flight, whatever its connection, is a slot of one pooled ring of typed columns,
// reused as the head moves on: a fleet that pings in step keeps a hundred thousand packets in flight,
// and a slot costs no allocation. A packet's type is its code (packets.ts) and its client is looked
// up from its connection only when it leaves for the trace.

import type { NonPacketEvent, PacketDetail, TraceSink } from '../../trace/types';
import { packetTypeName } from '../packets';

const PENDING = 0;
const FINAL = 1;
const EVENT = 2;

const INITIAL_CAPACITY = 4096;
/**
 * A ticket travels through the event queue as its low 27 bits (the queue's argument a): the ring, at
 * most 2^27 packets in flight, masks it to the same slot as the whole ticket.
 */
export const TICKET_MASK = (1 << 27) - 1;
const MAX_CAPACITY = TICKET_MASK + 1;

export class Wire {
  private mask = INITIAL_CAPACITY - 1;
  private head = 0;
  private tail = 0;
  private sent = new Float64Array(INITIAL_CAPACITY);
  private arrival = new Float64Array(INITIAL_CAPACITY);
  private connection = new Int32Array(INITIAL_CAPACITY);
  private messageIds = new Int32Array(INITIAL_CAPACITY);
  private state = new Uint8Array(INITIAL_CAPACITY);
  private toBroker = new Uint8Array(INITIAL_CAPACITY);
  private types = new Uint8Array(INITIAL_CAPACITY);
  private details: (PacketDetail | null)[] = new Array<PacketDetail | null>(INITIAL_CAPACITY).fill(null);
  private events: (NonPacketEvent | null)[] = new Array<NonPacketEvent | null>(INITIAL_CAPACITY).fill(null);

  /** `clientOf`: the client ID of a connection, for the trace. */
  constructor(
    private readonly sink: TraceSink,
    private readonly clientOf: (conn: number) => string,
  ) {}

  /**
   * Puts a packet on the wire. `arrive` is NaN when the network loses it. Returns a ticket that the
   * arrival event carries back to `receive`. `messageId` is 0 when the packet has none.
   */
  send(
    t: number,
    toBroker: boolean,
    conn: number,
    type: number,
    arrive: number,
    messageId: number,
    detail: PacketDetail | null,
  ): number {
    if (this.tail - this.head === this.mask + 1) this.grow();
    const ticket = this.tail++;
    const i = ticket & this.mask;
    this.sent[i] = t;
    this.arrival[i] = arrive;
    this.connection[i] = conn;
    this.messageIds[i] = messageId;
    this.toBroker[i] = toBroker ? 1 : 0;
    this.types[i] = type;
    this.details[i] = detail;
    const lost = arrive !== arrive;
    this.state[i] = lost ? FINAL : PENDING;
    if (lost && ticket === this.head) this.flush();
    return ticket;
  }

  /** The packet of this ticket reached its receiver; `accepted` false when that end was closed. */
  receive(ticket: number, accepted: boolean): void {
    const i = ticket & this.mask;
    if (!accepted) this.arrival[i] = NaN;
    this.state[i] = FINAL;
    // A ticket may come back as its low bits (TICKET_MASK); the ring index identifies it uniquely.
    if (i === (this.head & this.mask)) this.flush();
  }

  /** The packet's type code (packets.ts). */
  type(ticket: number): number {
    return this.types[ticket & this.mask];
  }

  messageId(ticket: number): number {
    return this.messageIds[ticket & this.mask];
  }

  detail(ticket: number): PacketDetail | null {
    return this.details[ticket & this.mask];
  }

  /** A trace event other than a packet; it leaves after every packet sent before it. */
  event(e: NonPacketEvent): void {
    if (this.head === this.tail) {
      this.sink.event(e);
      return;
    }
    if (this.tail - this.head === this.mask + 1) this.grow();
    const i = this.tail++ & this.mask;
    this.state[i] = EVENT;
    this.events[i] = e;
  }

  /**
   * Ends the run: packets still in flight leave with the arrival time their network fate gave them,
   * unless `receiverOpen` says the end they travel to is already closed (then they are lost).
   */
  finish(receiverOpen: (conn: number, toBroker: boolean) => boolean): void {
    for (let ticket = this.head; ticket < this.tail; ticket++) {
      const i = ticket & this.mask;
      if (this.state[i] !== PENDING) continue;
      if (!receiverOpen(this.connection[i], this.toBroker[i] === 1)) this.arrival[i] = NaN;
      this.state[i] = FINAL;
    }
    this.flush();
  }

  private flush(): void {
    const sink = this.sink;
    const wantsDetail = sink.wantsDetail;
    const mask = this.mask;
    const state = this.state;
    const tail = this.tail;
    let head = this.head;
    while (head < tail) {
      const i = head & mask;
      const s = state[i];
      if (s === PENDING) return;
      this.head = ++head;
      if (s === EVENT) {
        const e = this.events[i] as NonPacketEvent;
        this.events[i] = null;
        sink.event(e);
        continue;
      }
      const arrive = this.arrival[i];
      const conn = this.connection[i];
      let detail = this.details[i];
      this.details[i] = null;
      if (wantsDetail && detail === null && this.messageIds[i] !== 0)
        detail = { messageId: this.messageIds[i] };
      const type = this.types[i];
      sink.packet(
        this.sent[i],
        this.toBroker[i] === 1 ? 'c2b' : 'b2c',
        this.clientOf(conn),
        conn,
        packetTypeName(type),
        arrive === arrive ? arrive : null,
        wantsDetail ? detail : null,
        type,
      );
    }
  }

  private grow(): void {
    const oldMask = this.mask;
    const capacity = (oldMask + 1) * 2;
    if (capacity > MAX_CAPACITY) throw new RangeError(`more than ${MAX_CAPACITY} packets in flight`);
    const mask = capacity - 1;
    const sent = new Float64Array(capacity);
    const arrival = new Float64Array(capacity);
    const connection = new Int32Array(capacity);
    const messageIds = new Int32Array(capacity);
    const state = new Uint8Array(capacity);
    const toBroker = new Uint8Array(capacity);
    const types = new Uint8Array(capacity);
    const details = new Array<PacketDetail | null>(capacity).fill(null);
    const events = new Array<NonPacketEvent | null>(capacity).fill(null);
    for (let ticket = this.head; ticket < this.tail; ticket++) {
      const from = ticket & oldMask;
      const to = ticket & mask;
      sent[to] = this.sent[from];
      arrival[to] = this.arrival[from];
      connection[to] = this.connection[from];
      messageIds[to] = this.messageIds[from];
      state[to] = this.state[from];
      toBroker[to] = this.toBroker[from];
      types[to] = this.types[from];
      details[to] = this.details[from];
      events[to] = this.events[from];
    }
    this.mask = mask;
    this.sent = sent;
    this.arrival = arrival;
    this.connection = connection;
    this.messageIds = messageIds;
    this.state = state;
    this.toBroker = toBroker;
    this.types = types;
    this.details = details;
    this.events = events;
  }
}
