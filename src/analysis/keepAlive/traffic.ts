// What keep alive alone costs: PINGREQ and PINGRESP, each 2 bytes of MQTT (a fixed header byte and a
// zero Remaining Length) plus the TCP/IP headers of its segment. The broker answers every PINGREQ
// [MQTT-3.12.4-1], so an exchange is two packets. Publishes are not counted: they are sent anyway,
// and they are what makes pings unnecessary [MQTT-3.1.2-23].

import { bareSize } from '../packetSize';
import { publishIntervalMs, type KeepAliveInputs } from './inputs';
import { sendCycle } from './sendCycle';

export const DAY_MS = 86_400_000;

/** Bytes of one PINGREQ or PINGRESP on the wire, MQTT only (the same in 3.1.1 and 5.0). */
export const PING_PACKET_BYTES = bareSize('PINGREQ', 4);

export interface KeepAliveTraffic {
  pingsPerDevicePerDay: number;
  /** PINGREQ + PINGRESP with their TCP/IP headers. */
  bytesPerExchange: number;
  bytesPerDevicePerDay: number;
  bytesPerFleetPerDay: number;
  /** PINGREQs in plus PINGRESPs out, per second, for the whole fleet. */
  brokerPacketsPerS: number;
}

type TrafficInputs = Pick<KeepAliveInputs, 'keepAliveS' | 'publishIntervalS' | 'fleetSize' | 'overheadBytes'>;

export function keepAliveTraffic(inputs: TrafficInputs): KeepAliveTraffic {
  const cycle = sendCycle(inputs.keepAliveS, publishIntervalMs(inputs));
  const pingsPerDevicePerDay =
    cycle.pingsPerPeriod === 0 ? 0 : (cycle.pingsPerPeriod * DAY_MS) / cycle.periodMs;
  const bytesPerExchange = 2 * (PING_PACKET_BYTES + inputs.overheadBytes);
  const bytesPerDevicePerDay = pingsPerDevicePerDay * bytesPerExchange;
  return {
    pingsPerDevicePerDay,
    bytesPerExchange,
    bytesPerDevicePerDay,
    bytesPerFleetPerDay: bytesPerDevicePerDay * inputs.fleetSize,
    brokerPacketsPerS: (2 * pingsPerDevicePerDay * inputs.fleetSize * 1000) / DAY_MS,
  };
}
