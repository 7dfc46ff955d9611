// The calculator's figures over a range of keep-alive values, for the plots: detection delay for
// every broker profile, and keep-alive traffic (which no profile changes). Keep Alive is a whole
// number of seconds on the wire, so the samples are whole seconds, log-spaced.

import { BROKER_PROFILES, type BrokerProfileName } from '../../scenario/types';
import { detectionDelay } from './detection';
import type { KeepAliveInputs } from './inputs';
import { keepAliveTraffic } from './traffic';

export const CURVE_MIN_K = 5;
export const CURVE_MAX_K = 600;

/**
 * About `count` whole keep-alive values log-spaced over [min(lo, current), max(hi, current)], with
 * `current` itself (when > 0), ascending and without repeats.
 */
export function keepAliveSamples(current: number, lo = CURVE_MIN_K, hi = CURVE_MAX_K, count = 80): number[] {
  const from = Math.max(1, current > 0 ? Math.min(lo, current) : lo);
  const to = Math.max(hi, current);
  const ks = new Set<number>();
  const ratio = Math.log(to / from);
  for (let i = 0; i < count; i++) ks.add(Math.round(from * Math.exp((ratio * i) / (count - 1))));
  if (current > 0) ks.add(current);
  return [...ks].sort((a, b) => a - b);
}

export interface DelayPoint {
  keepAliveS: number;
  /** Seconds. */
  best: number;
  mean: number;
  worst: number;
}

export interface ProfileCurve {
  profile: BrokerProfileName;
  points: DelayPoint[];
}

type CurveInputs = Omit<KeepAliveInputs, 'keepAliveS' | 'profile'>;

/** Detection delay against keep alive, one curve per profile (in BROKER_PROFILES order). */
export function delayCurves(inputs: CurveInputs, ks: readonly number[]): ProfileCurve[] {
  return BROKER_PROFILES.map((profile) => ({
    profile,
    points: ks.flatMap((keepAliveS) => {
      const d = detectionDelay({ ...inputs, keepAliveS, profile });
      return d.detected ? [{ keepAliveS, best: d.best, mean: d.mean, worst: d.worst }] : [];
    }),
  }));
}

export interface TrafficPoint {
  keepAliveS: number;
  bytesPerDevicePerDay: number;
  brokerPacketsPerS: number;
}

export function trafficCurve(inputs: CurveInputs, ks: readonly number[]): TrafficPoint[] {
  return ks.map((keepAliveS) => {
    const t = keepAliveTraffic({ ...inputs, keepAliveS });
    return {
      keepAliveS,
      bytesPerDevicePerDay: t.bytesPerDevicePerDay,
      brokerPacketsPerS: t.brokerPacketsPerS,
    };
  });
}
