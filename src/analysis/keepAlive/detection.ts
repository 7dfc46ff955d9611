// How long a broker takes to notice a device that died silently (power-off: no FIN, no DISCONNECT),
// from the moment it died to the broker closing the connection, which is when the will goes out
// [MQTT-3.1.2-8].
//
// The device sent its last packet φ before it died (0 ≤ φ < the gap it was in, see sendCycle.ts);
// that packet arrived latency L after it was sent, even if the device died meanwhile; the broker
// drops the connection an idle time w after the last packet it received, w in the profile's
// detection window [lo, hi] (1.5 × K for the standard, [MQTT-3.1.2-24]). So the delay is
//     w + L − φ,
// best lo + L − longest gap (dying just before the next packet), worst hi + L (dying just after one),
// mean E[w] + L − E[φ] with the death uniform over the send pattern and w independent of φ.

import { detectionWindow } from '../compare/tolerances';
import type { BrokerProfileName } from '../../scenario/types';
import { publishIntervalMs, type KeepAliveInputs } from './inputs';
import { sendCycle, type SendCycle } from './sendCycle';

/** The idle times (ms after the last packet received) at which a profile drops a silent client. */
export interface IdleWindow {
  loMs: number;
  hiMs: number;
  /** `loMs` itself is excluded (Mosquitto drops when idle strictly exceeds ⌊1.5 K⌋ s). */
  loOpen: boolean;
  /** Expected idle time for a device whose sending is out of step with the broker's own timer. */
  meanMs: number;
  /**
   * 'fixed': the profile times each connection from its last packet (within 100 ms);
   * 'phase': a periodic check decides, so where in the window a device falls depends on how its
   * packets line up with the broker's timer, and the mean assumes every alignment is equally likely.
   */
  basis: 'fixed' | 'phase';
  /** e.g. "(90, 96] s". */
  text: string;
}

/** Wider windows than this come from a periodic check rather than a per-connection timer. */
const FIXED_WITHIN_MS = 100;

/** Expected idle time for a device out of step with the broker's timer (ms). */
function meanIdleMs(profile: BrokerProfileName, keepAliveS: number, lo: number, hi: number): number {
  switch (profile) {
    // ActiveMQ checks every K/2 after a first check at K: a device that has sent anything since then
    // is dropped 1.5 K to 2 K after its last packet (mean 1.75 K). The window reaches 3 K to cover a
    // client silent since CONNECT (2.5 K) and the real broker's timer jitter.
    case 'activemq-5.17':
      return 1.75 * keepAliveS * 1000;
    // Mosquitto expires a client on a whole second of its clock (on average 0.5 s after ⌊1.5 K⌋ s of
    // silence) and sweeps on one whole second in six: 0–5 s later, 2.5 s on average.
    case 'mosquitto-2.0':
      return lo + 3000;
    default:
      return (lo + hi) / 2;
  }
}

export function idleWindow(profile: BrokerProfileName, keepAliveS: number): IdleWindow | null {
  const w = detectionWindow(profile, keepAliveS);
  if (w === null) return null;
  const meanMs = meanIdleMs(profile, keepAliveS, w.lo, w.hi);
  return {
    loMs: w.lo,
    hiMs: w.hi,
    loOpen: w.loOpen,
    meanMs,
    basis: w.hi - w.lo <= FIXED_WITHIN_MS ? 'fixed' : 'phase',
    text: w.text,
  };
}

/** Seconds. */
export interface DelayFigures {
  best: number;
  mean: number;
  worst: number;
}

export type DetectionDelay =
  | {
      detected: true;
      /** Seconds from power-off to the broker closing the connection. */
      best: number;
      mean: number;
      worst: number;
      idle: IdleWindow;
      cycle: SendCycle;
    }
  | {
      /** Keep alive 0: the broker never times the connection out [MQTT-3.1.2-24]. */
      detected: false;
      cycle: SendCycle;
    };

type DelayInputs = Pick<KeepAliveInputs, 'keepAliveS' | 'publishIntervalS' | 'profile' | 'latencyMs'>;

export function detectionDelay(inputs: DelayInputs): DetectionDelay {
  const cycle = sendCycle(inputs.keepAliveS, publishIntervalMs(inputs));
  const idle = idleWindow(inputs.profile, inputs.keepAliveS);
  if (idle === null) return { detected: false, cycle };
  const l = inputs.latencyMs;
  return {
    detected: true,
    best: (idle.loMs + l - cycle.longestGapMs) / 1000,
    mean: (idle.meanMs + l - cycle.meanSinceLastMs) / 1000,
    worst: (idle.hiMs + l) / 1000,
    idle,
    cycle,
  };
}
