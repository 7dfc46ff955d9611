// The rhythm of what one device sends. [MQTT-3.1.2-23]: with Keep Alive K the client sends some
// control packet within every K seconds, a PINGREQ only when it has nothing else to send, and any
// packet resets the timer. So a device that publishes every P seconds:
//   P ≤ K      never pings: its publishes come every P;
//   P > K      pings K after each publish until the next publish is due: ⌈P / K⌉ − 1 pings, then
//              the publish, the pattern repeating every P;
//   never      pings every K.
// Times in ms, as the simulation keeps them, so P / K divides exactly.

export type Rhythm = 'pings' | 'publishes' | 'publishes-and-pings' | 'silent';

export interface SendCycle {
  rhythm: Rhythm;
  /** Length of the repeating pattern, ms (Infinity when the device sends nothing). */
  periodMs: number;
  /** The gaps between consecutive packets within one period, ms; they add up to `periodMs`. */
  gapsMs: number[];
  /** The longest gap, ms. */
  longestGapMs: number;
  /**
   * Mean time since the device's last packet at a moment drawn uniformly over the period, ms: a gap
   * g is hit with probability g / period and then its mean is g / 2, so Σ g² / (2 Σ g).
   */
  meanSinceLastMs: number;
  /** PINGREQs in one period. */
  pingsPerPeriod: number;
}

function cycle(rhythm: Rhythm, gapsMs: number[], pingsPerPeriod: number): SendCycle {
  const periodMs = gapsMs.reduce((a, g) => a + g, 0);
  const squares = gapsMs.reduce((a, g) => a + g * g, 0);
  return {
    rhythm,
    periodMs,
    gapsMs,
    longestGapMs: Math.max(...gapsMs),
    meanSinceLastMs: squares / (2 * periodMs),
    pingsPerPeriod,
  };
}

/** The send pattern for keep alive `keepAliveS` (0: off) and a publish every `publishMs` (0: never). */
export function sendCycle(keepAliveS: number, publishMs: number): SendCycle {
  const kMs = keepAliveS * 1000;
  if (publishMs <= 0) {
    if (kMs <= 0)
      return {
        rhythm: 'silent',
        periodMs: Infinity,
        gapsMs: [],
        longestGapMs: Infinity,
        meanSinceLastMs: Infinity,
        pingsPerPeriod: 0,
      };
    return cycle('pings', [kMs], 1);
  }
  if (kMs <= 0 || publishMs <= kMs) return cycle('publishes', [publishMs], 0);
  const pings = Math.ceil(publishMs / kMs) - 1;
  const gaps = new Array<number>(pings).fill(kMs);
  gaps.push(publishMs - pings * kMs);
  return cycle('publishes-and-pings', gaps, pings);
}
