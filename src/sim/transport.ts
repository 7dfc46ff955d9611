// Sends packets and socket closes between the two ends of a connection over the simulated network.
// A device whose link is down or whose power is off loses everything it sends and everything sent
// to it; the sockets themselves stay open (docs/scenario-format.md: link-down, power-off).

import type { PacketDetail } from '../trace/types';
import type { Devices } from './client/devices';
import type { Connections } from './connections';
import type { Engine } from './engine/engine';
import { ARRIVE_AT_BROKER, ARRIVE_AT_CLIENT, CLOSE_AT_BROKER, CLOSE_AT_CLIENT } from './kinds';
import type { Network } from './network/network';
import { TICKET_MASK, type Wire } from './network/wire';

export class Transport {
  constructor(
    private readonly engine: Engine,
    private readonly network: Network,
    private readonly wire: Wire,
    private readonly conns: Connections,
    private readonly devices: Devices,
  ) {}

  /** Sends a packet of type `type` (packets.ts) from the client end of `conn`. */
  toBroker(conn: number, type: number, messageId: number, detail: PacketDetail | null): void {
    const conns = this.conns;
    const now = this.engine.now;
    conns.clientLastSent[conn] = now;
    const reachable = this.devices.linkUp[conns.device[conn]] === 1;
    const arrive = reachable ? this.network.packetArrival(now, conns.lastArrivalToBroker[conn]) : NaN;
    const ticket = this.wire.send(now, true, conn, type, arrive, messageId, detail);
    if (arrive === arrive) {
      conns.lastArrivalToBroker[conn] = arrive;
      this.engine.schedule(arrive, ARRIVE_AT_BROKER, ticket & TICKET_MASK, conn);
    }
  }

  /** Sends a packet of type `type` (packets.ts) from the broker end of `conn`. */
  toClient(conn: number, type: number, messageId: number, detail: PacketDetail | null): void {
    const conns = this.conns;
    const devices = this.devices;
    const now = this.engine.now;
    const device = conns.device[conn];
    const reachable = devices.linkUp[device] === 1 && devices.powered[device] === 1;
    const arrive = reachable ? this.network.packetArrival(now, conns.lastArrivalToClient[conn]) : NaN;
    const ticket = this.wire.send(now, false, conn, type, arrive, messageId, detail);
    if (arrive === arrive) {
      conns.lastArrivalToClient[conn] = arrive;
      this.engine.schedule(arrive, ARRIVE_AT_CLIENT, ticket & TICKET_MASK, conn);
    }
  }

  /** The client's socket closes (FIN): the broker learns of it one latency later, if the link lets it through. */
  closeFromClient(conn: number): void {
    if (this.devices.linkUp[this.conns.device[conn]] !== 1) return;
    const at = this.network.closeArrival(this.engine.now, this.conns.lastArrivalToBroker[conn]);
    this.engine.schedule(at, CLOSE_AT_BROKER, conn);
  }

  /** The broker's socket closes: the client learns of it one latency later, if it can hear it. */
  closeFromBroker(conn: number): void {
    const device = this.conns.device[conn];
    if (this.devices.linkUp[device] !== 1 || this.devices.powered[device] !== 1) return;
    const at = this.network.closeArrival(this.engine.now, this.conns.lastArrivalToClient[conn]);
    this.engine.schedule(at, CLOSE_AT_CLIENT, conn);
  }
}
