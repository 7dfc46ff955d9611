// Whether a trace's keep-alive timeouts are the ones a broker profile predicts for that trace's own
// history: each connection's real CONNECT and real last packet, put through the profile's rule
// (src/sim/broker/profiles). A window ("2 K to 3 K") would let a wrong profile pass; a prediction from
// the same history may miss only by the measurement's tolerance. Pure: no clock, no I/O.
//
// Mosquitto's rule has a phase no trace records: it sweeps all clients every 6 s of a whole-second
// monotonic clock whose sub-second offset nobody outside the broker knows. So a Mosquitto trace
// agrees when one such clock explains all its timeouts at once.

import type { BrokerProfileName } from '../../scenario/types';
import { mosquittoSweepPhase, phasedProfile } from '../../sim/broker/profiles';

/** A timeout with the history that decides it (ms on the trace's clock). */
export interface TimeoutHistory {
  t: number;
  /** Keep alive in force, seconds. */
  keepAlive: number;
  connectedAt: number;
  lastReceived: number;
}

/** When the profile says the broker drops a connection with this history. */
export function predictedTimeout(profile: BrokerProfileName, h: TimeoutHistory): number {
  return phasedProfile(profile, 0, 0).keepAliveDeadline(h.keepAlive, h.connectedAt, h.lastReceived);
}

export interface Prediction {
  /** The predicted time that matched, or the one for the history as measured, ms. */
  predicted: number;
  ok: boolean;
}

/** The tie of a profile (see `keepAliveTieMs`), ms. */
export function deadlineTieMs(profile: BrokerProfileName, keepAlive: number): number {
  return phasedProfile(profile, 0, 0).keepAliveTieMs(keepAlive);
}

/**
 * Checks one timeout of a profile without a phase. A history measured to ± `toleranceMs` may sit on
 * a rule's edge (a packet just before or after a broker's check), so the prediction is also made with
 * the CONNECT and the last packet moved by the tolerance, and any of them may match; so may the
 * check after it when the profile's deadline ties with a check (`keepAliveTieMs`).
 */
export function checkPrediction(
  profile: BrokerProfileName,
  h: TimeoutHistory,
  toleranceMs: number,
): Prediction {
  const rule = phasedProfile(profile, 0, 0);
  const exact = rule.keepAliveDeadline(h.keepAlive, h.connectedAt, h.lastReceived);
  const tie = rule.keepAliveTieMs(h.keepAlive);
  for (const dc of [0, -toleranceMs, toleranceMs]) {
    for (const dl of [0, -toleranceMs, toleranceMs]) {
      const p = rule.keepAliveDeadline(h.keepAlive, h.connectedAt + dc, h.lastReceived + dl);
      if (Math.abs(p - h.t) <= toleranceMs) return { predicted: p, ok: true };
      if (tie > 0 && Math.abs(p + tie - h.t) <= toleranceMs) return { predicted: p + tie, ok: true };
    }
  }
  return { predicted: exact, ok: false };
}

export interface SweepFit {
  ok: boolean;
  /** The sweep phase found (ms, 0 ≤ phase < 6000), or null when none fits. */
  phaseMs: number | null;
}

/**
 * How late after its whole second a sweep may run: Mosquitto checks once per pass of its main loop,
 * which waits for sockets at most 100 ms (measured here: sweeps 0–60 ms after the second).
 */
export const MOSQUITTO_LOOP_MS = 100;

/**
 * Looks for one Mosquitto clock (its sub-second offset against the trace's clock, and which of every
 * six of its seconds it sweeps on) under which every timeout is the first sweep after its client was
 * silent for more than ⌊1.5 K⌋ whole seconds.
 */
export function fitMosquittoSweep(timeouts: readonly TimeoutHistory[], toleranceMs: number): SweepFit {
  if (timeouts.length === 0) return { ok: true, phaseMs: null };
  for (let offset = 0; offset < 1000; offset += 5) {
    for (let second = 0; second < 6; second++) {
      const phase = mosquittoSweepPhase(second, offset);
      const rule = phasedProfile('mosquitto-2.0', phase, offset);
      const fits = timeouts.every((h) => {
        const p = rule.keepAliveDeadline(h.keepAlive, h.connectedAt, h.lastReceived);
        return h.t >= p - toleranceMs && h.t <= p + MOSQUITTO_LOOP_MS + toleranceMs;
      });
      if (fits) return { ok: true, phaseMs: phase };
    }
  }
  return { ok: false, phaseMs: null };
}
