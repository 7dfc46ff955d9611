// The behaviour of every simulated client: connect, keep alive, publish, subscribe, react to what the
// broker sends, reconnect with backoff; and the faults a device can suffer.
//
// Keep alive [MQTT-3.1.2-23] / [MQTT-3.1.2-20]: when the client pings, what restarts its timer and
// how long it waits for the PINGRESP are its library's (libraries/: mqtt.js 5 by default, Paho
// Python, or the standard's rule alone). One timer event per connection, lazily re-armed: it fires,
// asks the library when the ping is due now, and either pings or sleeps until then.
//
// Devices and connections are rows of tables (devices.ts, connections.ts), addressed by index.
// One file because every reaction (connect, keep alive, publish, faults, reconnect) moves the same
// device and connection rows, in the engine's order; what differs between libraries is in libraries/.

import type { ResolvedClient, ResolvedEvent, Qos } from '../../scenario/types';
import type { PacketDetail, Reason } from '../../trace/types';
import type { Connections } from '../connections';
import type { Engine } from '../engine/engine';
import type { Random } from '../engine/random';
import { CONNACK_DUE, CONNECT_DUE, PING_DUE, PINGRESP_DUE, PUBLISH_DUE, RECONNECT_DUE } from '../kinds';
import type { Wire } from '../network/wire';
import {
  CONNACK,
  CONNECT,
  DISCONNECT,
  PINGREQ,
  PINGRESP,
  PUBACK,
  PUBCOMP,
  PUBLISH,
  PUBREC,
  PUBREL,
  SUBSCRIBE,
} from '../packets';
import type { Transport } from '../transport';
import { reconnectDelay } from './backoff';
import { LIBRARIES, onLattice } from './libraries';
import type { Devices } from './devices';

/** A client that gets no CONNACK within K seconds gives up (30 s when K = 0): docs/scenario-format.md. */
const CONNACK_WAIT_WITHOUT_KEEPALIVE_S = 30;

const DISCONNECT_REASONS: Record<number, Reason> = {
  0x8e: 'takeover',
  0x8d: 'keepalive-timeout',
  0x8b: 'server-shutdown',
};

/** No device has this client ID. */
export const NO_DEVICE = -1;

export class Clients {
  /** Devices made by `add` (the scenario's clients); clones come after them. */
  private originals = 0;
  /** The original device of each client ID (scenario events address these), built when first asked. */
  private byId: Map<string, number> | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly transport: Transport,
    private readonly wire: Wire,
    private readonly random: Random,
    private readonly conns: Connections,
    private readonly devices: Devices,
  ) {}

  add(spec: ResolvedClient): number {
    const device = this.devices.add(spec, false);
    this.originals = this.devices.count;
    this.byId = null;
    if (spec.connectAtMs !== null) this.engine.schedule(spec.connectAtMs, CONNECT_DUE, device, 0);
    return device;
  }

  /** The original device of a client ID, or NO_DEVICE. */
  device(clientId: string): number {
    if (this.byId === null) {
      // Only scenario events ask, rarely: a fleet without any keeps no map of its million IDs.
      const byId = new Map<string, number>();
      for (let d = 0; d < this.originals; d++) byId.set(this.devices.spec[d].id, d);
      this.byId = byId;
    }
    return this.byId.get(clientId) ?? NO_DEVICE;
  }

  connectDue(device: number, generation: number): void {
    const devices = this.devices;
    if (devices.generation[device] === generation && devices.canRun(device)) this.connect(device);
  }

  reconnectDue(device: number, generation: number): void {
    this.connectDue(device, generation);
  }

  /** A packet reached the client end of an open connection. */
  receive(conn: number, ticket: number): void {
    const conns = this.conns;
    const now = this.engine.now;
    conns.clientLastReceived[conn] = now;
    const wire = this.wire;
    const type = wire.type(ticket);
    const library = LIBRARIES[conns.library[conn]];
    if (library.restartsOnReceive[type] === 1) conns.timerBase[conn] = now;
    this.react(conn, ticket, type);
    // A library that checks on every wake of its network loop checks now; the others keep their timer.
    if (library.checkStepMs > 0 && conns.clientOpen[conn] === 1) this.keepAliveCheck(conn);
    else if (type === PINGRESP || conns.pingTimerAt[conn] === Infinity) this.armKeepAlive(conn);
  }

  private react(conn: number, ticket: number, type: number): void {
    const wire = this.wire;
    switch (type) {
      case CONNACK:
        this.connacked(conn, wire.detail(ticket) as PacketDetail);
        return;
      case PINGRESP:
        this.conns.pingSentAt[conn] = -1;
        return;
      case PUBLISH: {
        const qos = wire.detail(ticket)?.qos ?? 0;
        if (qos === 1) this.transport.toBroker(conn, PUBACK, wire.messageId(ticket), null);
        else if (qos === 2) this.transport.toBroker(conn, PUBREC, wire.messageId(ticket), null);
        return;
      }
      case PUBREC:
        this.transport.toBroker(conn, PUBREL, wire.messageId(ticket), null);
        return;
      case PUBREL:
        this.transport.toBroker(conn, PUBCOMP, wire.messageId(ticket), null);
        return;
      case DISCONNECT: {
        // A v5 broker says why before it closes: 0x8E take-over, 0x8D keep-alive timeout, 0x8B shutdown.
        const code = wire.detail(ticket)?.reasonCode ?? 0;
        this.lose(conn, DISCONNECT_REASONS[code] ?? 'network-error', true);
        return;
      }
      default:
        return;
    }
  }

  /** The broker's end closed and the client heard it. */
  brokerClosed(conn: number): void {
    if (this.conns.clientOpen[conn] === 1) this.lose(conn, 'network-error', false);
  }

  pingDue(conn: number): void {
    const conns = this.conns;
    // The timer was re-armed to an earlier moment since (a Paho loop's new phase): that one rules.
    if (conns.pingTimerAt[conn] !== this.engine.now) return;
    conns.pingTimerAt[conn] = Infinity;
    if (conns.clientOpen[conn] !== 1 || conns.connected[conn] !== 1) return;
    this.keepAliveCheck(conn);
  }

  pingRespDue(conn: number): void {
    const conns = this.conns;
    const sentAt = conns.pingSentAt[conn];
    if (conns.clientOpen[conn] !== 1 || sentAt < 0) return;
    const library = LIBRARIES[conns.library[conn]];
    const giveUp = library.giveUpAt(conns.clientKeepAlive[conn] * 1000, sentAt, conns.timerBase[conn]);
    if (giveUp > this.engine.now) return;
    this.clientTimeout(conn);
  }

  /** The library's keep-alive check at this moment: give up, ping, or sleep until its next check. */
  private keepAliveCheck(conn: number): void {
    const conns = this.conns;
    const keepAliveMs = conns.clientKeepAlive[conn] * 1000;
    if (keepAliveMs === 0) return;
    const now = this.engine.now;
    const library = LIBRARIES[conns.library[conn]];
    // A network-loop library gives up inside the same check that pings; the others on PINGRESP_DUE.
    const looping = library.checkStepMs > 0;
    if (looping) {
      // A timer armed before the loop's phase moved is not a check of the loop: wait for the next one.
      const at = this.nextCheck(conn);
      if (at > now) {
        this.armAt(conn, at);
        return;
      }
    }
    if (looping && library.giveUpAt(keepAliveMs, conns.pingSentAt[conn], conns.timerBase[conn]) <= now) {
      this.clientTimeout(conn);
      return;
    }
    const due = library.pingDue(
      keepAliveMs,
      conns.clientLastSent[conn],
      conns.clientLastReceived[conn],
      conns.timerBase[conn],
      conns.pingSentAt[conn],
    );
    if (conns.connected[conn] === 1 && due <= now) {
      this.transport.toBroker(conn, PINGREQ, 0, null);
      conns.pingSentAt[conn] = now;
      if (!looping) {
        const giveUp = library.giveUpAt(keepAliveMs, now, conns.timerBase[conn]);
        if (giveUp !== Infinity) this.engine.schedule(giveUp, PINGRESP_DUE, conn);
      }
    }
    this.armKeepAlive(conn);
  }

  /** Arms the connection's keep-alive timer for the library's next check, unless one comes sooner. */
  private armKeepAlive(conn: number): void {
    const conns = this.conns;
    if (conns.clientKeepAlive[conn] === 0 || conns.clientOpen[conn] !== 1 || conns.connected[conn] !== 1)
      return;
    this.armAt(conn, this.nextCheck(conn));
  }

  /** When the library next acts on its own: a ping, or (for a network loop) giving up; Infinity: never. */
  private nextCheck(conn: number): number {
    const conns = this.conns;
    const keepAliveMs = conns.clientKeepAlive[conn] * 1000;
    const library = LIBRARIES[conns.library[conn]];
    const lastSent = conns.clientLastSent[conn];
    const lastReceived = conns.clientLastReceived[conn];
    const timerBase = conns.timerBase[conn];
    const pingSentAt = conns.pingSentAt[conn];
    const ping = library.pingDue(keepAliveMs, lastSent, lastReceived, timerBase, pingSentAt);
    if (library.checkStepMs === 0) return ping;
    const at = Math.min(ping, library.giveUpAt(keepAliveMs, pingSentAt, timerBase));
    // The loop wakes at its last packet in or out, and every step after.
    return at === Infinity ? at : onLattice(Math.max(lastSent, lastReceived), at, library.checkStepMs);
  }

  private armAt(conn: number, at: number): void {
    const conns = this.conns;
    if (at < conns.pingTimerAt[conn]) {
      conns.pingTimerAt[conn] = at;
      this.engine.schedule(at, PING_DUE, conn);
    }
  }

  private clientTimeout(conn: number): void {
    const conns = this.conns;
    const now = this.engine.now;
    const keepAlive = conns.clientKeepAlive[conn];
    this.wire.event({
      t: now,
      kind: 'timeout',
      client: conns.clientId[conn],
      conn,
      side: 'client',
      keepAlive,
      lastActivity: conns.clientLastReceived[conn],
    });
    this.lose(conn, 'ping-timeout', true);
  }

  connackDue(conn: number): void {
    if (this.conns.clientOpen[conn] === 1 && this.conns.connected[conn] !== 1) {
      this.lose(conn, 'network-error', true);
    }
  }

  publishDue(conn: number): void {
    const conns = this.conns;
    const devices = this.devices;
    const device = conns.device[conn];
    const publish = devices.spec[device].publish;
    if (conns.clientOpen[conn] !== 1 || conns.connected[conn] !== 1 || publish === null) return;
    const payload = publish.payload ?? reading(device, devices.publishCount[device]++);
    this.publish(conn, publish.topic, payload, publish.qos, publish.retain);
    this.engine.schedule(this.engine.now + publish.everyMs, PUBLISH_DUE, conn);
  }

  // Faults and actions (docs/scenario-format.md, "Actions").

  connectAction(device: number): void {
    const devices = this.devices;
    if (devices.powered[device] !== 1) return;
    devices.processAlive[device] = 1;
    devices.wantsOnline[device] = 1;
    devices.generation[device]++;
    this.connect(device);
  }

  disconnect(device: number, withWill: boolean): void {
    const devices = this.devices;
    const conns = this.conns;
    devices.wantsOnline[device] = 0;
    devices.generation[device]++;
    const conn = devices.conn[device];
    if (conns.clientOpen[conn] !== 1) return;
    if (conns.connected[conn] !== 1) {
      this.close(conn, 'client-disconnect', true);
      return;
    }
    // [MQTT-3.14.4-3] DISCONNECT 0x00 discards the will; MQTT 5 reason 0x04 asks for it.
    const v5 = conns.protocol[conn] === 5;
    const v5WithWill = withWill && v5;
    this.transport.toBroker(conn, DISCONNECT, 0, v5 ? { reasonCode: v5WithWill ? 0x04 : 0 } : null);
    this.close(conn, v5WithWill ? 'disconnect-with-will' : 'client-disconnect', true);
  }

  /** The process dies; its operating system closes the socket, so the broker hears of it. */
  crash(device: number): void {
    const devices = this.devices;
    devices.processAlive[device] = 0;
    devices.generation[device]++;
    const conn = devices.conn[device];
    if (this.conns.clientOpen[conn] === 1) this.close(conn, 'network-error', true);
  }

  /** The device vanishes: nothing is sent, not even a FIN. The broker keeps a half-open connection. */
  powerOff(device: number): void {
    const devices = this.devices;
    devices.powered[device] = 0;
    devices.processAlive[device] = 0;
    devices.generation[device]++;
    const conn = devices.conn[device];
    if (this.conns.clientOpen[conn] === 1) this.close(conn, 'network-error', false);
  }

  powerOn(device: number): void {
    const devices = this.devices;
    const running = devices.powered[device] === 1 && devices.processAlive[device] === 1;
    if (running && this.conns.clientOpen[devices.conn[device]] === 1) return;
    devices.powered[device] = 1;
    devices.processAlive[device] = 1;
    devices.wantsOnline[device] = 1;
    devices.backoffAttempt[device] = 0;
    devices.generation[device]++;
    this.connect(device);
  }

  setLink(device: number, up: boolean): void {
    this.devices.linkUp[device] = up ? 1 : 0;
  }

  /** A second device with the same client ID connects: a client-ID clash. */
  clone(device: number): void {
    const twin = this.devices.add(this.devices.spec[device], true);
    this.connect(twin);
  }

  publishNow(device: number, event: ResolvedEvent): void {
    const conn = this.devices.conn[device];
    if (this.conns.clientOpen[conn] === 1 && this.conns.connected[conn] === 1) {
      this.publish(conn, event.topic, event.payload, event.qos, event.retain);
    }
  }

  private connect(device: number): void {
    const devices = this.devices;
    const conns = this.conns;
    // Row 0 is never open, so a device without a connection passes.
    if (conns.clientOpen[devices.conn[device]] === 1) return;
    const spec = devices.spec[device];
    const now = this.engine.now;
    const conn = conns.open(
      device,
      spec.id,
      spec.protocol,
      spec.keepAlive,
      spec.cleanStart,
      devices.library[device],
      now,
    );
    devices.conn[device] = conn;
    this.wire.event({
      t: now,
      kind: 'conn',
      client: spec.id,
      conn,
      side: 'client',
      state: 'open',
      reason: 'connect',
    });
    this.transport.toBroker(conn, CONNECT, 0, connectDetail(spec));
    const wait = (spec.keepAlive || CONNACK_WAIT_WITHOUT_KEEPALIVE_S) * 1000;
    this.engine.schedule(now + wait, CONNACK_DUE, conn);
  }

  private connacked(conn: number, connack: PacketDetail): void {
    const conns = this.conns;
    if (conns.connected[conn] === 1) return;
    if ((connack.reasonCode ?? 0) !== 0) {
      this.lose(conn, 'protocol-error', true);
      return;
    }
    const device = conns.device[conn];
    const spec = this.devices.spec[device];
    conns.connected[conn] = 1;
    this.devices.backoffAttempt[device] = 0;
    // [MQTT-3.2.2-21] The client uses the Server Keep Alive the broker returns.
    const serverKeepAlive = connack.properties?.serverKeepAlive;
    if (conns.protocol[conn] === 5 && serverKeepAlive !== undefined)
      conns.clientKeepAlive[conn] = serverKeepAlive;
    if (spec.subscribe.length > 0 && !connack.sessionPresent) {
      const messageId = conns.allocateMessageId(conn);
      this.transport.toBroker(conn, SUBSCRIBE, messageId, {
        messageId,
        subscriptions: spec.subscribe.map((s) => ({ topic: s.topic, qos: s.qos })),
      });
    }
    this.armKeepAlive(conn);
    if (spec.publish !== null) {
      this.engine.schedule(this.engine.now + spec.publish.offsetMs, PUBLISH_DUE, conn);
    }
  }

  private publish(conn: number, topic: string, payload: string, qos: Qos, retain: boolean): void {
    const messageId = qos > 0 ? this.conns.allocateMessageId(conn) : 0;
    const detail: PacketDetail = { topic, qos, retain, payload };
    if (qos > 0) detail.messageId = messageId;
    this.transport.toBroker(conn, PUBLISH, messageId, detail);
    // The application's publish wakes a network loop, which checks keep alive after writing it.
    if (LIBRARIES[this.conns.library[conn]].checkStepMs > 0) this.keepAliveCheck(conn);
  }

  /** Closes the client end of a connection the client did not mean to lose, then maybe reconnects. */
  private lose(conn: number, reason: Reason, notifyBroker: boolean): void {
    this.close(conn, reason, notifyBroker);
    const devices = this.devices;
    const device = this.conns.device[conn];
    const reconnect = devices.spec[device].reconnect;
    if (reconnect === null || devices.conn[device] !== conn || !devices.canRun(device)) return;
    const delay = reconnectDelay(reconnect, devices.backoffAttempt[device]++, this.random);
    this.engine.schedule(this.engine.now + delay, RECONNECT_DUE, device, devices.generation[device]);
  }

  private close(conn: number, reason: Reason, notifyBroker: boolean): void {
    this.conns.clientOpen[conn] = 0;
    this.wire.event({
      t: this.engine.now,
      kind: 'conn',
      client: this.conns.clientId[conn],
      conn,
      side: 'client',
      state: 'closed',
      reason,
    });
    if (notifyBroker) this.transport.closeFromClient(conn);
  }
}

function connectDetail(spec: ResolvedClient): PacketDetail {
  const detail: PacketDetail = {
    keepAlive: spec.keepAlive,
    cleanStart: spec.cleanStart,
    protocol: spec.protocol,
  };
  const will = spec.will;
  if (will !== null) {
    detail.will = { topic: will.topic, payload: will.payload, qos: will.qos, retain: will.retain };
  }
  if (spec.protocol === 5) {
    const properties: PacketDetail['properties'] = {};
    if (spec.sessionExpiry > 0) properties.sessionExpiryInterval = spec.sessionExpiry;
    if (will !== null && will.delay > 0) properties.willDelayInterval = will.delay;
    if (Object.keys(properties).length > 0) detail.properties = properties;
  }
  return detail;
}

/** The 80 readings, 18.0 to 25.9, made once: a fleet publishes millions of them. */
const READINGS = Array.from({ length: 80 }, (_, k) => (18 + k / 10).toFixed(1));

/** A plausible temperature that changes from publish to publish, derived from counters only. */
function reading(deviceIndex: number, count: number): string {
  return READINGS[(deviceIndex * 7 + count * 3) % 80];
}
