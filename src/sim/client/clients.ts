// The behaviour of every simulated client: connect, keep alive, publish, subscribe, react to what the
// broker sends, reconnect with backoff; and the faults a device can suffer.
//
// Keep alive [MQTT-3.1.2-23] / [MQTT-3.1.2-20]: the client sends a PINGREQ only when it has sent
// nothing for K seconds; any packet sent resets that timer. The PINGRESP wait is what mqtt.js 5 does:
// its KeepaliveManager ticks every ⌈K/2⌉ and gives up one tick after the PINGREQ, so a client
// closes the connection when no PINGRESP arrived within ⌈K × 1000 / 2⌉ ms of its PINGREQ.

import type { ResolvedEvent, Qos } from '../../scenario/types';
import type { PacketDetail, Reason } from '../../trace/types';
import type { Engine } from '../engine/engine';
import type { Random } from '../engine/random';
import { SimConnection } from '../connection';
import { CONNACK_DUE, CONNECT_DUE, PING_DUE, PINGRESP_DUE, PUBLISH_DUE, RECONNECT_DUE } from '../kinds';
import type { Wire } from '../network/wire';
import type { Transport } from '../transport';
import { reconnectDelay } from './backoff';
import { Device } from './device';

/** A client that gets no CONNACK within K seconds gives up (30 s when K = 0), as DESIGN.md says. */
const CONNACK_WAIT_WITHOUT_KEEPALIVE_S = 30;

const DISCONNECT_REASONS: Record<number, Reason> = {
  0x8e: 'takeover',
  0x8d: 'keepalive-timeout',
  0x8b: 'server-shutdown',
};

export class Clients {
  readonly devices: Device[] = [];
  /** The original device of each client ID (scenario events address these). */
  private readonly byId = new Map<string, Device>();

  constructor(
    private readonly engine: Engine,
    private readonly transport: Transport,
    private readonly wire: Wire,
    private readonly random: Random,
    private readonly connections: SimConnection[],
  ) {}

  add(spec: Device['spec']): Device {
    const device = new Device(this.devices.length, spec, false);
    this.devices.push(device);
    this.byId.set(spec.id, device);
    if (spec.connectAtMs !== null) this.engine.schedule(spec.connectAtMs, CONNECT_DUE, device.index, 0);
    return device;
  }

  device(clientId: string): Device | undefined {
    return this.byId.get(clientId);
  }

  connectDue(deviceIndex: number, generation: number): void {
    const device = this.devices[deviceIndex];
    if (device.generation === generation && device.canRun) this.connect(device);
  }

  reconnectDue(deviceIndex: number, generation: number): void {
    this.connectDue(deviceIndex, generation);
  }

  /** A packet reached the client end of an open connection. */
  receive(conn: SimConnection, ticket: number): void {
    conn.clientLastReceived = this.engine.now;
    const wire = this.wire;
    switch (wire.type(ticket)) {
      case 'CONNACK':
        this.connacked(conn, wire.detail(ticket) as PacketDetail);
        return;
      case 'PINGRESP':
        conn.pingSentAt = -1;
        return;
      case 'PUBLISH': {
        const qos = wire.detail(ticket)?.qos ?? 0;
        if (qos === 1) this.transport.toBroker(conn, 'PUBACK', wire.messageId(ticket), null);
        else if (qos === 2) this.transport.toBroker(conn, 'PUBREC', wire.messageId(ticket), null);
        return;
      }
      case 'PUBREC':
        this.transport.toBroker(conn, 'PUBREL', wire.messageId(ticket), null);
        return;
      case 'PUBREL':
        this.transport.toBroker(conn, 'PUBCOMP', wire.messageId(ticket), null);
        return;
      case 'DISCONNECT': {
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
  brokerClosed(conn: SimConnection): void {
    if (conn.clientOpen) this.lose(conn, 'network-error', false);
  }

  pingDue(conn: SimConnection): void {
    conn.pingTimerArmed = false;
    if (!conn.clientOpen || !conn.connected) return;
    const keepAlive = conn.clientKeepAlive;
    const now = this.engine.now;
    const due = conn.clientLastSent + keepAlive * 1000;
    if (due > now) {
      this.armPing(conn, due);
      return;
    }
    this.transport.toBroker(conn, 'PINGREQ', 0, null);
    conn.pingSentAt = now;
    this.engine.schedule(now + Math.ceil((keepAlive * 1000) / 2), PINGRESP_DUE, conn.id);
    this.armPing(conn, now + keepAlive * 1000);
  }

  pingRespDue(conn: SimConnection): void {
    const now = this.engine.now;
    if (!conn.clientOpen || conn.pingSentAt < 0) return;
    if (now < conn.pingSentAt + Math.ceil((conn.clientKeepAlive * 1000) / 2)) return;
    this.wire.event({
      t: now,
      kind: 'timeout',
      client: conn.clientId,
      conn: conn.id,
      side: 'client',
      keepAlive: conn.clientKeepAlive,
      lastActivity: conn.clientLastReceived,
    });
    this.lose(conn, 'ping-timeout', true);
  }

  connackDue(conn: SimConnection): void {
    if (conn.clientOpen && !conn.connected) this.lose(conn, 'network-error', true);
  }

  publishDue(conn: SimConnection): void {
    const publish = conn.device.spec.publish;
    if (!conn.clientOpen || !conn.connected || publish === null) return;
    const device = conn.device;
    const payload = publish.payload ?? reading(device.index, device.publishCount++);
    this.publish(conn, publish.topic, payload, publish.qos, publish.retain);
    this.engine.schedule(this.engine.now + publish.everyMs, PUBLISH_DUE, conn.id);
  }

  // Faults and actions (DESIGN.md, "Actions").

  connectAction(device: Device): void {
    if (!device.powered) return;
    device.processAlive = true;
    device.wantsOnline = true;
    device.generation++;
    this.connect(device);
  }

  disconnect(device: Device, withWill: boolean): void {
    device.wantsOnline = false;
    device.generation++;
    const conn = device.conn;
    if (conn === null || !conn.clientOpen) return;
    if (!conn.connected) {
      this.close(conn, 'client-disconnect', true);
      return;
    }
    // [MQTT-3.14.4-3] DISCONNECT 0x00 discards the will; MQTT 5 reason 0x04 asks for it.
    const v5WithWill = withWill && conn.protocol === 5;
    this.transport.toBroker(
      conn,
      'DISCONNECT',
      0,
      conn.protocol === 5 ? { reasonCode: v5WithWill ? 0x04 : 0 } : null,
    );
    this.close(conn, v5WithWill ? 'disconnect-with-will' : 'client-disconnect', true);
  }

  /** The process dies; its operating system closes the socket, so the broker hears of it. */
  crash(device: Device): void {
    device.processAlive = false;
    device.generation++;
    const conn = device.conn;
    if (conn !== null && conn.clientOpen) this.close(conn, 'network-error', true);
  }

  /** The device vanishes: nothing is sent, not even a FIN. The broker keeps a half-open connection. */
  powerOff(device: Device): void {
    device.powered = false;
    device.processAlive = false;
    device.generation++;
    const conn = device.conn;
    if (conn !== null && conn.clientOpen) this.close(conn, 'network-error', false);
  }

  powerOn(device: Device): void {
    if (device.powered && device.processAlive && device.conn?.clientOpen) return;
    device.powered = true;
    device.processAlive = true;
    device.wantsOnline = true;
    device.backoffAttempt = 0;
    device.generation++;
    this.connect(device);
  }

  setLink(device: Device, up: boolean): void {
    device.linkUp = up;
  }

  /** A second device with the same client ID connects: a client-ID clash. */
  clone(device: Device): void {
    const twin = new Device(this.devices.length, device.spec, true);
    this.devices.push(twin);
    this.connect(twin);
  }

  publishNow(device: Device, event: ResolvedEvent): void {
    const conn = device.conn;
    if (conn !== null && conn.clientOpen && conn.connected) {
      this.publish(conn, event.topic, event.payload, event.qos, event.retain);
    }
  }

  private connect(device: Device): void {
    if (device.conn !== null && device.conn.clientOpen) return;
    const spec = device.spec;
    const now = this.engine.now;
    const conn = new SimConnection(
      this.connections.length + 1,
      device,
      spec.id,
      spec.protocol,
      spec.keepAlive,
      spec.cleanStart,
    );
    this.connections.push(conn);
    device.conn = conn;
    this.wire.event({
      t: now,
      kind: 'conn',
      client: spec.id,
      conn: conn.id,
      side: 'client',
      state: 'open',
      reason: 'connect',
    });
    this.transport.toBroker(conn, 'CONNECT', 0, connectDetail(device));
    const wait = (spec.keepAlive || CONNACK_WAIT_WITHOUT_KEEPALIVE_S) * 1000;
    this.engine.schedule(now + wait, CONNACK_DUE, conn.id);
  }

  private connacked(conn: SimConnection, connack: PacketDetail): void {
    if (conn.connected) return;
    if ((connack.reasonCode ?? 0) !== 0) {
      this.lose(conn, 'protocol-error', true);
      return;
    }
    const device = conn.device;
    const spec = device.spec;
    conn.connected = true;
    device.backoffAttempt = 0;
    // [MQTT-3.2.2-21] The client uses the Server Keep Alive the broker returns.
    const serverKeepAlive = connack.properties?.serverKeepAlive;
    if (conn.protocol === 5 && serverKeepAlive !== undefined) conn.clientKeepAlive = serverKeepAlive;
    if (spec.subscribe.length > 0 && !connack.sessionPresent) {
      const messageId = conn.allocateMessageId();
      this.transport.toBroker(conn, 'SUBSCRIBE', messageId, {
        messageId,
        subscriptions: spec.subscribe.map((s) => ({ topic: s.topic, qos: s.qos })),
      });
    }
    if (conn.clientKeepAlive > 0) this.armPing(conn, conn.clientLastSent + conn.clientKeepAlive * 1000);
    if (spec.publish !== null) {
      this.engine.schedule(this.engine.now + spec.publish.offsetMs, PUBLISH_DUE, conn.id);
    }
  }

  private publish(conn: SimConnection, topic: string, payload: string, qos: Qos, retain: boolean): void {
    const messageId = qos > 0 ? conn.allocateMessageId() : 0;
    const detail: PacketDetail = { topic, qos, retain, payload };
    if (qos > 0) detail.messageId = messageId;
    this.transport.toBroker(conn, 'PUBLISH', messageId, detail);
  }

  private armPing(conn: SimConnection, at: number): void {
    if (conn.pingTimerArmed) return;
    conn.pingTimerArmed = true;
    this.engine.schedule(at, PING_DUE, conn.id);
  }

  /** Closes the client end of a connection the client did not mean to lose, then maybe reconnects. */
  private lose(conn: SimConnection, reason: Reason, notifyBroker: boolean): void {
    this.close(conn, reason, notifyBroker);
    const device = conn.device;
    const reconnect = device.spec.reconnect;
    if (reconnect === null || device.conn !== conn || !device.canRun) return;
    const delay = reconnectDelay(reconnect, device.backoffAttempt++, this.random);
    this.engine.schedule(this.engine.now + delay, RECONNECT_DUE, device.index, device.generation);
  }

  private close(conn: SimConnection, reason: Reason, notifyBroker: boolean): void {
    conn.clientOpen = false;
    this.wire.event({
      t: this.engine.now,
      kind: 'conn',
      client: conn.clientId,
      conn: conn.id,
      side: 'client',
      state: 'closed',
      reason,
    });
    if (notifyBroker) this.transport.closeFromClient(conn);
  }
}

function connectDetail(device: Device): PacketDetail {
  const spec = device.spec;
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

/** A plausible temperature that changes from publish to publish, derived from counters only. */
function reading(deviceIndex: number, count: number): string {
  return (18 + ((deviceIndex * 7 + count * 3) % 80) / 10).toFixed(1);
}
