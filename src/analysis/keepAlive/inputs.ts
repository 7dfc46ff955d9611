// What the keep-alive calculator is asked about: one kind of device, a fleet of them, a broker
// profile and the link between them. The checks here are the domain's (ranges, and what the simulated
// client can live with); each message starts with the field's label so a form can show it as is.

import { BROKER_PROFILES, type BrokerProfileName } from '../../scenario/types';

export interface KeepAliveInputs {
  /** Keep Alive K, seconds; 0 turns keep alive off. */
  keepAliveS: number;
  /** Devices connected to the broker. */
  fleetSize: number;
  /** Seconds between a device's publishes; 0 or null: it never publishes. */
  publishIntervalS: number | null;
  profile: BrokerProfileName;
  /** One-way link latency, ms. */
  latencyMs: number;
  /** TCP/IP header bytes carried by every packet (40: IPv4 + TCP without options). */
  overheadBytes: number;
}

/** IPv4 (20 bytes) + TCP (20 bytes) headers, no options. */
export const DEFAULT_OVERHEAD_BYTES = 40;

export const DEFAULT_INPUTS: KeepAliveInputs = {
  keepAliveS: 60,
  fleetSize: 1000,
  publishIntervalS: null,
  profile: 'spec',
  latencyMs: 50,
  overheadBytes: DEFAULT_OVERHEAD_BYTES,
};

export type InputField = keyof KeepAliveInputs;

export const FIELD_LABELS: Record<InputField, string> = {
  keepAliveS: 'Keep alive (s)',
  fleetSize: 'Fleet size',
  publishIntervalS: 'Publish interval (s)',
  profile: 'Broker profile',
  latencyMs: 'Link latency (ms)',
  overheadBytes: 'TCP/IP overhead (bytes per packet)',
};

/** Keep Alive is a two-byte integer on the wire. */
export const MAX_KEEP_ALIVE_S = 65_535;
export const MAX_FLEET_SIZE = 100_000_000;
/** One day: the simulated run has to hold a few publish periods within its 7-day limit. */
export const MAX_PUBLISH_INTERVAL_S = 86_400;
export const MAX_LATENCY_MS = 60_000;
export const MAX_OVERHEAD_BYTES = 1_000;

export interface InputProblem {
  field: InputField;
  /** Starts with the field's label, e.g. "Keep alive (s): must be a whole number from 0 to 65535". */
  message: string;
}

const isWhole = (v: number): boolean => Number.isInteger(v);

/**
 * The highest one-way latency a device with keep alive `k` copes with: the simulated client (like
 * mqtt.js) closes its connection when no PINGRESP comes within half its keep alive, so the round
 * trip must stay below K / 2.
 */
export function maxLatencyMs(keepAliveS: number): number {
  return keepAliveS > 0 ? Math.min(MAX_LATENCY_MS, keepAliveS * 250 - 1) : MAX_LATENCY_MS;
}

/** Every problem with the inputs, or [] when the calculator and its simulation can use them. */
export function inputProblems(inputs: KeepAliveInputs): InputProblem[] {
  const out: InputProblem[] = [];
  const bad = (field: InputField, why: string): void => {
    out.push({ field, message: `${FIELD_LABELS[field]}: ${why}` });
  };
  const { keepAliveS: k, fleetSize, publishIntervalS: p, latencyMs, overheadBytes } = inputs;
  if (!isWhole(k) || k < 0 || k > MAX_KEEP_ALIVE_S)
    bad('keepAliveS', `must be a whole number of seconds from 0 to ${MAX_KEEP_ALIVE_S}`);
  if (!isWhole(fleetSize) || fleetSize < 1 || fleetSize > MAX_FLEET_SIZE)
    bad('fleetSize', `must be a whole number from 1 to ${MAX_FLEET_SIZE}`);
  if (p !== null && (!Number.isFinite(p) || p < 0 || (p > 0 && p < 0.1) || p > MAX_PUBLISH_INTERVAL_S))
    bad('publishIntervalS', `must be 0 (never publishes) or from 0.1 to ${MAX_PUBLISH_INTERVAL_S} seconds`);
  if (!BROKER_PROFILES.includes(inputs.profile))
    bad('profile', `must be one of ${BROKER_PROFILES.join(', ')}`);
  if (!isWhole(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS)
    bad('latencyMs', `must be a whole number of milliseconds from 0 to ${MAX_LATENCY_MS}`);
  else if (isWhole(k) && k > 0 && latencyMs > maxLatencyMs(k))
    bad(
      'latencyMs',
      `must be at most ${maxLatencyMs(k)} ms with keep alive ${k} s: a client gives up when the PINGRESP ` +
        'takes longer than half the keep alive (the round trip is twice the latency)',
    );
  if (!isWhole(overheadBytes) || overheadBytes < 0 || overheadBytes > MAX_OVERHEAD_BYTES)
    bad('overheadBytes', `must be a whole number of bytes from 0 to ${MAX_OVERHEAD_BYTES}`);
  return out;
}

/** The publish interval in ms, 0 when the device never publishes. */
export function publishIntervalMs(inputs: Pick<KeepAliveInputs, 'publishIntervalS'>): number {
  const p = inputs.publishIntervalS;
  return p === null || p <= 0 ? 0 : Math.round(p * 1000);
}
