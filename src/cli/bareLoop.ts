// The bench's yardstick: the simulator's keep-alive model for a healthy fleet, written as bare
// typed-array code with no trace, no wire, no broker objects, so that `npm run bench` can say how
// close the real simulator comes to what the same events cost as queue operations plus arithmetic.
//
// It is honest in that it makes the same engine events as the simulator for the same fleet: the same
// kinds (connect, CONNACK wait, packet arrivals at either end, lazily re-armed ping and keep-alive
// timers, PINGRESP wait, periodic publish), at the same times, with the same network draws from the
// same seeded generator in the same order, so its event count matches the simulator's (minus what a
// fleet scenario adds on top: a dashboard's subscription, faults, wills, reconnects). It leaves out
// everything that is not needed for that: every client is a sensor that publishes to nobody, the
// broker applies the standard's 1.5 × K rule, and packets are counted by type, never recorded.
//
// Its queue is the engine's (time, sequence)-ordered typed-array 4-ary heap by default: the "bare
// typed-array heap" the simulator is measured against. `calendar` runs it on the simulator's own
// calendar queue instead, the floor for this model on this machine.

import type { ResolvedScenario } from '../scenario/types';
import { EventHeap } from '../sim/engine/eventHeap';
import { EventQueue } from '../sim/engine/eventQueue';
import { Random } from '../sim/engine/random';

const CONNECT_DUE = 1;
const CONNACK_DUE = 2;
/** b: the packet type (below). */
const ARRIVE_AT_BROKER = 3;
const ARRIVE_AT_CLIENT = 4;
const PING_DUE = 5;
const PINGRESP_DUE = 6;
const KEEPALIVE_DUE = 7;
const PUBLISH_DUE = 8;

const CONNECT = 0;
const CONNACK = 1;
const PINGREQ = 2;
const PINGRESP = 3;
const PUBLISH = 4;
const PUBACK = 5;

export interface BareLoopResult {
  /** Events handled: comparable with the simulator's engine events for the same fleet. */
  events: number;
  /** Packets sent, all types together. */
  packets: number;
}

/** The queue interface the loop needs, met by both the heap and the calendar. */
interface Queue {
  push(time: number, kind: number, a: number, b: number): void;
  pop(): boolean;
  poppedTime: number;
  poppedKind: number;
  poppedA: number;
  poppedB: number;
}

/** The engine's 4-ary heap with its sequence numbers, behind the calendar's push signature. */
class HeapQueue implements Queue {
  private readonly heap = new EventHeap();
  private seq = 0;
  poppedTime = 0;
  poppedKind = 0;
  poppedA = 0;
  poppedB = 0;

  push(time: number, kind: number, a: number, b: number): void {
    this.heap.push(time, this.seq++, kind, a, b);
  }

  pop(): boolean {
    const heap = this.heap;
    if (!heap.pop()) return false;
    this.poppedTime = heap.poppedTime;
    this.poppedKind = heap.poppedKind;
    this.poppedA = heap.poppedA;
    this.poppedB = heap.poppedB;
    return true;
  }
}

/** Runs the fleet of `scenario` (its clients' connect times, keep alive and publish periods) to its end. */
export function runBareLoop(
  scenario: ResolvedScenario,
  queueKind: 'heap' | 'calendar' = 'heap',
): BareLoopResult {
  const clients = scenario.clients;
  const n = clients.length;
  const { latencyMs, jitterMs, loss } = scenario.network;
  const durationMs = scenario.durationMs;
  const random = new Random(scenario.seed);
  const queue: Queue = queueKind === 'heap' ? new HeapQueue() : new EventQueue();

  // Structure of arrays, one slot per client (one connection each: a healthy fleet never reconnects).
  const keepAliveMs = new Float64Array(n);
  const publishEveryMs = new Float64Array(n);
  const publishOffsetMs = new Float64Array(n);
  const publishQos = new Uint8Array(n);
  const clientLastSent = new Float64Array(n);
  const brokerLastReceived = new Float64Array(n);
  const toBrokerLast = new Float64Array(n);
  const toClientLast = new Float64Array(n);
  const pingSentAt = new Float64Array(n).fill(-1);
  const connected = new Uint8Array(n);
  const pingArmed = new Uint8Array(n);
  const brokerArmed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = clients[i];
    keepAliveMs[i] = c.keepAlive * 1000;
    publishEveryMs[i] = c.publish?.everyMs ?? 0;
    publishOffsetMs[i] = c.publish?.offsetMs ?? 0;
    publishQos[i] = c.publish?.qos ?? 0;
    if (c.connectAtMs !== null) queue.push(c.connectAtMs, CONNECT_DUE, i, 0);
  }

  let now = 0;
  let events = 0;
  let packets = 0;

  /** The network's fate of a packet sent now, as the simulator draws it (NaN: lost). */
  const arrival = (previous: number): number => {
    if (loss > 0 && random.next() < loss) return NaN;
    const delay = jitterMs > 0 ? latencyMs + jitterMs * random.next() : latencyMs;
    const at = Math.round((now + delay) * 1000) / 1000;
    return at > previous ? at : previous;
  };
  const toBroker = (i: number, type: number): void => {
    packets++;
    clientLastSent[i] = now;
    const at = arrival(toBrokerLast[i]);
    if (at !== at) return;
    toBrokerLast[i] = at;
    queue.push(at, ARRIVE_AT_BROKER, i, type);
  };
  const toClient = (i: number, type: number): void => {
    packets++;
    const at = arrival(toClientLast[i]);
    if (at !== at) return;
    toClientLast[i] = at;
    queue.push(at, ARRIVE_AT_CLIENT, i, type);
  };
  const armPing = (i: number, at: number): void => {
    if (pingArmed[i] === 1) return;
    pingArmed[i] = 1;
    queue.push(at, PING_DUE, i, 0);
  };
  const armKeepAlive = (i: number, at: number): void => {
    if (brokerArmed[i] === 1) return;
    brokerArmed[i] = 1;
    queue.push(at, KEEPALIVE_DUE, i, 0);
  };

  while (queue.pop()) {
    if (queue.poppedTime > durationMs) break;
    now = queue.poppedTime;
    events++;
    const i = queue.poppedA;
    switch (queue.poppedKind) {
      case CONNECT_DUE:
        toBroker(i, CONNECT);
        queue.push(now + (keepAliveMs[i] || 30_000), CONNACK_DUE, i, 0);
        break;
      case CONNACK_DUE:
        // A healthy fleet is always connected by then; the simulator checks the same flag.
        if (connected[i] === 0) throw new Error('bare loop: a sensor got no CONNACK');
        break;
      case ARRIVE_AT_BROKER: {
        brokerLastReceived[i] = now;
        const type = queue.poppedB;
        if (type === CONNECT) {
          toClient(i, CONNACK);
          if (keepAliveMs[i] > 0) armKeepAlive(i, now + keepAliveMs[i] * 1.5);
        } else if (type === PINGREQ) {
          toClient(i, PINGRESP);
        } else if (type === PUBLISH && publishQos[i] > 0) {
          toClient(i, PUBACK);
        }
        break;
      }
      case ARRIVE_AT_CLIENT: {
        const type = queue.poppedB;
        if (type === CONNACK) {
          connected[i] = 1;
          if (keepAliveMs[i] > 0) armPing(i, clientLastSent[i] + keepAliveMs[i]);
          if (publishEveryMs[i] > 0) queue.push(now + publishOffsetMs[i], PUBLISH_DUE, i, 0);
        } else if (type === PINGRESP) {
          pingSentAt[i] = -1;
        }
        break;
      }
      case PING_DUE: {
        pingArmed[i] = 0;
        const due = clientLastSent[i] + keepAliveMs[i];
        if (due > now) {
          armPing(i, due);
          break;
        }
        toBroker(i, PINGREQ);
        pingSentAt[i] = now;
        queue.push(now + Math.ceil(keepAliveMs[i] / 2), PINGRESP_DUE, i, 0);
        armPing(i, now + keepAliveMs[i]);
        break;
      }
      case PINGRESP_DUE:
        if (pingSentAt[i] >= 0 && now >= pingSentAt[i] + Math.ceil(keepAliveMs[i] / 2)) {
          throw new Error('bare loop: a PINGRESP came too late');
        }
        break;
      case KEEPALIVE_DUE: {
        brokerArmed[i] = 0;
        const deadline = brokerLastReceived[i] + keepAliveMs[i] * 1.5;
        if (deadline <= now) throw new Error('bare loop: a sensor timed out');
        armKeepAlive(i, deadline);
        break;
      }
      case PUBLISH_DUE:
        toBroker(i, PUBLISH);
        queue.push(now + publishEveryMs[i], PUBLISH_DUE, i, 0);
        break;
    }
  }
  return { events, packets };
}
