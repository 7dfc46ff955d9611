// One simulated run: the engine, the network, the broker and the devices, wired together. The world
// receives every event from the engine and hands it to the part it concerns; it also turns scenario
// events (and faults a user adds during a run) into actions.

import type { ResolvedEvent, ResolvedScenario } from '../scenario/types';
import type { TraceSink } from '../trace/types';
import { Broker } from './broker/broker';
import { createProfile } from './broker/profiles';
import { Clients, NO_DEVICE } from './client/clients';
import { Devices } from './client/devices';
import { BROKER_CLOSED, Connections } from './connections';
import { Engine, type EventHandler } from './engine/engine';
import { Random } from './engine/random';
import {
  ARRIVE_AT_BROKER,
  ARRIVE_AT_CLIENT,
  BROKER_UP,
  CLOSE_AT_BROKER,
  CLOSE_AT_CLIENT,
  CONNACK_DUE,
  CONNECT_DUE,
  KEEPALIVE_DUE,
  PINGRESP_DUE,
  PING_DUE,
  PUBLISH_DUE,
  RECONNECT_DUE,
  SCENARIO_EVENT,
  SESSION_EXPIRY_DUE,
  WILL_DUE,
} from './kinds';
import { Network } from './network/network';
import { Wire } from './network/wire';
import { CONNECT } from './packets';
import { Transport } from './transport';

export class World implements EventHandler {
  readonly engine: Engine;
  private readonly wire: Wire;
  private readonly transport: Transport;
  private readonly broker: Broker;
  private readonly clients: Clients;
  private readonly conns = new Connections();
  private readonly events: ResolvedEvent[] = [];

  constructor(scenario: ResolvedScenario, sink: TraceSink) {
    const random = new Random(scenario.seed);
    this.engine = new Engine(this);
    const conns = this.conns;
    const clientIds = conns.clientId;
    this.wire = new Wire(sink, (conn) => clientIds[conn]);
    const network = new Network(scenario.network, random);
    const devices = new Devices();
    const transport = new Transport(this.engine, network, this.wire, conns, devices);
    this.transport = transport;
    this.clients = new Clients(this.engine, transport, this.wire, random, conns, devices);
    const profile = createProfile(scenario.profile, random);
    const webSocketClients = new Set(scenario.clients.filter((c) => c.transport === 'ws').map((c) => c.id));
    this.broker = new Broker(
      this.engine,
      transport,
      this.wire,
      conns,
      profile,
      scenario.serverKeepAlive,
      webSocketClients,
    );
    for (const spec of scenario.clients) this.clients.add(spec);
    for (const event of scenario.events) this.addEvent(event);
  }

  /** Schedules a scenario event (also one a user adds during the run; it runs at atMs or now if later). */
  addEvent(event: ResolvedEvent): void {
    this.events.push(event);
    this.engine.schedule(event.atMs, SCENARIO_EVENT, this.events.length - 1);
  }

  /** Flushes packets still in flight into the trace; call once when the run ends. */
  finish(): void {
    const conns = this.conns;
    this.wire.finish((conn, toBroker) =>
      toBroker ? this.broker.up && conns.brokerEnd[conn] !== BROKER_CLOSED : conns.clientOpen[conn] === 1,
    );
  }

  handle(kind: number, a: number, b: number): void {
    switch (kind) {
      case ARRIVE_AT_BROKER:
        return this.arriveAtBroker(a, b);
      case ARRIVE_AT_CLIENT: {
        // The receiver reads the packet before the wire lets it go to the trace.
        const accepted = this.conns.clientOpen[b] === 1;
        if (accepted) this.clients.receive(b, a);
        this.wire.receive(a, accepted);
        return;
      }
      case CLOSE_AT_BROKER:
        return this.broker.peerClosed(a);
      case CLOSE_AT_CLIENT:
        return this.clients.brokerClosed(a);
      case PING_DUE:
        return this.clients.pingDue(a);
      case PINGRESP_DUE:
        return this.clients.pingRespDue(a);
      case CONNACK_DUE:
        return this.clients.connackDue(a);
      case PUBLISH_DUE:
        return this.clients.publishDue(a);
      case RECONNECT_DUE:
        return this.clients.reconnectDue(a, b);
      case CONNECT_DUE:
        return this.clients.connectDue(a, b);
      case KEEPALIVE_DUE:
        return this.broker.keepAliveDue(a);
      case WILL_DUE:
        return this.broker.willDue(a, b);
      case SESSION_EXPIRY_DUE:
        return this.broker.sessionExpiryDue(a, b);
      case SCENARIO_EVENT:
        return this.act(this.events[a]);
      case BROKER_UP:
        return this.broker.comeBack();
    }
  }

  private arriveAtBroker(ticket: number, conn: number): void {
    if (!this.broker.up) {
      // Nothing listens while the broker is down: the connection is refused (RST).
      this.wire.receive(ticket, false);
      if (this.wire.type(ticket) === CONNECT) this.transport.closeFromBroker(conn);
      return;
    }
    const accepted = this.conns.brokerEnd[conn] !== BROKER_CLOSED;
    if (accepted) this.broker.receive(conn, ticket);
    this.wire.receive(ticket, accepted);
  }

  private act(event: ResolvedEvent): void {
    const target = event.client ?? 'broker';
    this.wire.event({ t: this.engine.now, kind: 'fault', target, fault: event.do });
    if (event.do === 'broker-restart') {
      if (this.broker.up) this.broker.restart(event.downMs);
      return;
    }
    const device = event.client === null ? NO_DEVICE : this.clients.device(event.client);
    if (device === NO_DEVICE) return;
    const clients = this.clients;
    switch (event.do) {
      case 'connect':
        return clients.connectAction(device);
      case 'disconnect':
        return clients.disconnect(device, false);
      case 'disconnect-with-will':
        return clients.disconnect(device, true);
      case 'crash':
        return clients.crash(device);
      case 'power-off':
        return clients.powerOff(device);
      case 'power-on':
        return clients.powerOn(device);
      case 'link-down':
        return clients.setLink(device, false);
      case 'link-up':
        return clients.setLink(device, true);
      case 'clone':
        return clients.clone(device);
      case 'publish':
        return clients.publishNow(device, event);
    }
  }
}
