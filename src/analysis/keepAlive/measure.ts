// The calculator's figures measured from a trace (a simulated run of calculatorScenario, or any trace
// of sensors that lose power):
// - detection: for each `power-off` fault, the time until the broker gave up on the connection the
//   device had open (its broker-side keep-alive `timeout`, or any broker-side close if that came
//   first); a power-off the broker never noticed within the trace counts as undetected;
// - keep-alive traffic: the PINGREQs each connection sent, and the PINGRESPs that answered them,
//   over whole send cycles: from the device's first packet after CONNACK that is not a PINGREQ (a
//   publish, a subscribe) to its last such packet, or to its last PINGREQ when it sent nothing else
//   after the first. So the boot, a cycle cut short by a power-off and the silence after it are left
//   out. Scaled to a day per device, and to packets per second for `fleetSize` devices.

import { resolveScenario } from '../../scenario/validate';
import type { Scenario } from '../../scenario/types';
import type { TraceEvent } from '../../trace/types';
import { DEFAULT_OVERHEAD_BYTES } from './inputs';
import { DAY_MS, PING_PACKET_BYTES } from './traffic';

export interface MeasuredDetection {
  /** Seconds from power-off to the broker closing the connection, one per detected power-off. */
  samples: number[];
  /** Seconds; null when nothing was detected. */
  best: number | null;
  mean: number | null;
  worst: number | null;
  /** Power-offs of a device with an open connection that the broker never noticed in the trace. */
  undetected: number;
}

export interface MeasuredKeepAlive {
  detection: MeasuredDetection;
  pingBytesPerDevicePerDay: number;
  pingBytesPerFleetPerDay: number;
  brokerPacketsPerS: number;
  /** Device-seconds of steady sending the traffic figures come from (0: no figures). */
  observedDeviceS: number;
}

export interface MeasureOptions {
  /** TCP/IP bytes per packet (default 40). */
  overheadBytes?: number;
  /** Devices to scale the fleet figures to (default: the scenario's clients). */
  fleetSize?: number;
}

interface ConnTrack {
  client: string;
  /** When the CONNACK reached the client; NaN until then. */
  connackAt: number;
  /** First and last packet sent after CONNACK, and the same for packets other than PINGREQ. */
  firstSend: number;
  lastSend: number;
  firstOther: number;
  lastOther: number;
  /** Send times of PINGREQs that reached the broker, in order, and whether each was answered. */
  pings: number[];
  answered: boolean[];
  /** Index in `pings` of the next PINGREQ a PINGRESP answers (TCP keeps them in order). */
  nextAnswer: number;
}

function track(client: string): ConnTrack {
  return {
    client,
    connackAt: NaN,
    firstSend: NaN,
    lastSend: NaN,
    firstOther: NaN,
    lastOther: NaN,
    pings: [],
    answered: [],
    nextAnswer: 0,
  };
}

function summary(samples: number[], undetected: number): MeasuredDetection {
  if (samples.length === 0) return { samples, best: null, mean: null, worst: null, undetected };
  return {
    samples,
    best: Math.min(...samples),
    mean: samples.reduce((a, s) => a + s, 0) / samples.length,
    worst: Math.max(...samples),
    undetected,
  };
}

export function measureKeepAlive(
  events: Iterable<TraceEvent>,
  scenario: Scenario,
  options: MeasureOptions = {},
): MeasuredKeepAlive {
  const devices = new Set(resolveScenario(scenario).clients.map((c) => c.id));
  const overhead = options.overheadBytes ?? DEFAULT_OVERHEAD_BYTES;
  const fleetSize = options.fleetSize ?? devices.size;

  const conns = new Map<number, ConnTrack>();
  /** Each client's latest connection, and whether the broker still holds it open. */
  const current = new Map<string, number>();
  const brokerOpen = new Set<number>();
  /** conn → when its device lost power, while the broker has not yet noticed. */
  const dying = new Map<number, number>();
  const samples: number[] = [];

  for (const e of events) {
    switch (e.kind) {
      case 'packet': {
        if (!devices.has(e.client)) break;
        let c = conns.get(e.conn);
        if (c === undefined) conns.set(e.conn, (c = track(e.client)));
        if (e.dir === 'c2b') {
          if (e.type === 'CONNECT') {
            current.set(e.client, e.conn);
            if (e.arrive !== null) brokerOpen.add(e.conn);
            break;
          }
          if (!(e.t >= c.connackAt)) break;
          if (Number.isNaN(c.firstSend)) c.firstSend = e.t;
          c.lastSend = e.t;
          if (e.type !== 'PINGREQ') {
            if (Number.isNaN(c.firstOther)) c.firstOther = e.t;
            c.lastOther = e.t;
          } else if (e.arrive !== null) {
            c.pings.push(e.t);
            c.answered.push(false);
          }
        } else if (e.type === 'CONNACK') {
          c.connackAt = e.arrive ?? Infinity;
        } else if (e.type === 'PINGRESP' && c.nextAnswer < c.pings.length) {
          c.answered[c.nextAnswer++] = true;
        }
        break;
      }
      case 'fault': {
        if (e.fault !== 'power-off') break;
        const conn = current.get(e.target);
        if (conn !== undefined && brokerOpen.has(conn) && !dying.has(conn)) dying.set(conn, e.t);
        break;
      }
      case 'timeout':
      case 'conn': {
        if (e.side !== 'broker' || (e.kind === 'conn' && e.state !== 'closed')) break;
        brokerOpen.delete(e.conn);
        const diedAt = dying.get(e.conn);
        if (diedAt !== undefined) {
          samples.push((e.t - diedAt) / 1000);
          dying.delete(e.conn);
        }
        break;
      }
      default:
        break;
    }
  }

  let packets = 0;
  let observedMs = 0;
  for (const c of conns.values()) {
    const from = Number.isNaN(c.firstOther) ? c.firstSend : c.firstOther;
    const to = c.lastOther > from ? c.lastOther : c.lastSend;
    if (!(to > from)) continue;
    observedMs += to - from;
    c.pings.forEach((t, i) => {
      if (t > from && t <= to) packets += c.answered[i] ? 2 : 1;
    });
  }
  const packetsPerDevicePerMs = observedMs > 0 ? packets / observedMs : 0;
  const bytesPerDevicePerDay = packetsPerDevicePerMs * DAY_MS * (PING_PACKET_BYTES + overhead);
  return {
    detection: summary(samples, dying.size),
    pingBytesPerDevicePerDay: bytesPerDevicePerDay,
    pingBytesPerFleetPerDay: bytesPerDevicePerDay * fleetSize,
    brokerPacketsPerS: packetsPerDevicePerMs * 1000 * fleetSize,
    observedDeviceS: observedMs / 1000,
  };
}
