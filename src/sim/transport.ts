// Sends packets and socket closes between the two ends of a connection over the simulated network.
// A device whose link is down or whose power is off loses everything it sends and everything sent
// to it; the sockets themselves stay open (DESIGN.md: link-down, power-off).

import type { PacketDetail, PacketType } from '../trace/types';
import type { Engine } from './engine/engine';
import { ARRIVE_AT_BROKER, ARRIVE_AT_CLIENT, CLOSE_AT_BROKER, CLOSE_AT_CLIENT } from './kinds';
import type { Network } from './network/network';
import type { Wire } from './network/wire';
import type { SimConnection } from './connection';

export class Transport {
  constructor(
    private readonly engine: Engine,
    private readonly network: Network,
    private readonly wire: Wire,
  ) {}

  toBroker(conn: SimConnection, type: PacketType, messageId: number, detail: PacketDetail | null): void {
    const now = this.engine.now;
    conn.clientLastSent = now;
    const reachable = conn.device.linkUp;
    const arrive = reachable ? this.network.packetArrival(now, conn.lastArrivalToBroker) : NaN;
    const ticket = this.wire.send(now, 'c2b', conn.clientId, conn.id, type, arrive, messageId, detail);
    if (arrive === arrive) {
      conn.lastArrivalToBroker = arrive;
      this.engine.schedule(arrive, ARRIVE_AT_BROKER, ticket | 0);
    }
  }

  toClient(conn: SimConnection, type: PacketType, messageId: number, detail: PacketDetail | null): void {
    const now = this.engine.now;
    const reachable = conn.device.linkUp && conn.device.powered;
    const arrive = reachable ? this.network.packetArrival(now, conn.lastArrivalToClient) : NaN;
    const ticket = this.wire.send(now, 'b2c', conn.clientId, conn.id, type, arrive, messageId, detail);
    if (arrive === arrive) {
      conn.lastArrivalToClient = arrive;
      this.engine.schedule(arrive, ARRIVE_AT_CLIENT, ticket | 0);
    }
  }

  /** The client's socket closes (FIN): the broker learns of it one latency later, if the link lets it through. */
  closeFromClient(conn: SimConnection): void {
    if (!conn.device.linkUp) return;
    const at = this.network.closeArrival(this.engine.now, conn.lastArrivalToBroker);
    this.engine.schedule(at, CLOSE_AT_BROKER, conn.id);
  }

  /** The broker's socket closes: the client learns of it one latency later, if it can hear it. */
  closeFromBroker(conn: SimConnection): void {
    if (!conn.device.linkUp || !conn.device.powered) return;
    const at = this.network.closeArrival(this.engine.now, conn.lastArrivalToClient);
    this.engine.schedule(at, CLOSE_AT_CLIENT, conn.id);
  }
}
