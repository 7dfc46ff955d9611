// How far two traces of one scenario may differ and still agree: the broker profile's keep-alive
// detection window (docs/brokers.md) and a timing slack for network
// latency and timer jitter. Pure: numbers in, numbers out.

import type { BrokerProfileName } from '../../scenario/types';

/** The idle times (ms from the last packet the broker received) at which a profile drops a client. */
export interface DetectionWindow {
  /** Lowest idle time, ms. */
  lo: number;
  /** Highest idle time, ms. */
  hi: number;
  /** `lo` itself is excluded (Mosquitto: strictly more than ⌊1.5 K⌋ s). */
  loOpen: boolean;
  /** How the window reads in the table, e.g. "(3, 10] s". */
  text: string;
}

export interface Tolerances {
  /** The profile the windows come from. */
  profile: BrokerProfileName;
  /** One-way network latency of the scenario (ms): a live packet's sending is its arrival less this. */
  latencyMs: number;
  /**
   * Slack for any time measured in a trace (ms): network latency and jitter of the simulated network,
   * and, in a live trace, the real network, the broker's and the runner's timers.
   */
  slackMs: number;
  /**
   * How far a real timeout may be from the profile's prediction for its own history (ms): loopback
   * measurement error, plus the scenario's network (the runner's gate delays each way).
   */
  predictionMs: number;
  /**
   * Extra lateness allowed for a will with a Will Delay Interval or one sent when a session expires
   * (Mosquitto 2.0.11 keeps those times in whole seconds: W = 3 s measured 3.7–4.0 s).
   */
  delayedWillSlackMs: number;
  /** Deliveries of one will to several subscribers arrive within this many ms of the first. */
  clusterMs: number;
  /** Messages a resumed session delivers right after CONNACK arrive within this many ms of it. */
  burstMs: number;
}

export interface ToleranceOptions {
  /** Overrides the computed `slackMs`. */
  slackMs?: number;
  /** Overrides the computed `predictionMs`. */
  predictionMs?: number;
}

/** A network as the scenario describes it (ms). */
export interface NetworkLike {
  latencyMs: number;
  jitterMs: number;
}

/** Timer and scheduling jitter of a real run on a busy machine (ms), on top of the network's. */
export const BASE_SLACK_MS = 300;

/** How far a timeout measured on loopback may be from the time its own history predicts (ms). */
export const PREDICTION_MS = 50;

export function tolerancesFor(
  profile: BrokerProfileName,
  network: NetworkLike,
  options: ToleranceOptions = {},
): Tolerances {
  const net = network.latencyMs + network.jitterMs;
  const slackMs = options.slackMs ?? BASE_SLACK_MS + 2 * net;
  return {
    profile,
    latencyMs: network.latencyMs,
    slackMs,
    predictionMs: options.predictionMs ?? PREDICTION_MS + 2 * net,
    delayedWillSlackMs: profile === 'mosquitto-2.0' ? 1100 : 0,
    clusterMs: 200 + 2 * net,
    burstMs: 250 + 2 * net,
  };
}

const s = (ms: number): string => {
  const v = ms / 1000;
  return Number.isInteger(v) ? String(v) : v.toFixed(3).replace(/0+$/, '');
};

function closed(lo: number, hi: number): DetectionWindow {
  return { lo, hi, loOpen: false, text: lo === hi ? `${s(lo)} s` : `[${s(lo)}, ${s(hi)}] s` };
}

/**
 * When a profile times out a connection with keep alive `k` seconds (in force: the Server Keep
 * Alive when the broker sent one), as idle time after the last packet it received. Null when keep
 * alive is off (k = 0): the broker never times the connection out.
 */
export function detectionWindow(profile: BrokerProfileName, k: number): DetectionWindow | null {
  if (k <= 0) return null;
  const ms = k * 1000;
  switch (profile) {
    case 'spec':
      return closed(1.5 * ms, 1.5 * ms);
    case 'mosquitto-2.0': {
      // Whole seconds, and a sweep on every sixth whole second of the same clock: the client is
      // expired on a whole second after more than ⌊1.5K⌋ s, then waits 0–5 s for the sweep.
      const threshold = Math.floor((3 * k) / 2) * 1000;
      return {
        lo: threshold,
        hi: threshold + 6000,
        loOpen: true,
        text: `(${s(threshold)}, ${s(threshold + 6000)}] s`,
      };
    }
    case 'emqx': {
      const tick = Math.min(30_000, Math.max(1000, ms / 2));
      const idle = Math.ceil(1.5 * k) * 1000;
      return closed(idle, idle + tick);
    }
    case 'hivemq': {
      const timer = Math.max(1, Math.floor(1.5 * k)) * 1000;
      return closed(timer, timer + 100);
    }
    case 'aedes':
      return closed(1.5 * ms + 1, 1.5 * ms + 1);
    case 'rabbitmq-3.10':
      return closed(2 * ms, 3 * ms);
    case 'activemq-5.17':
      // 1.5 K to 2 K, 2.5 K when silent since CONNECT, and the shared timer can add K/2.
      return closed(1.5 * ms, 3 * ms);
    case 'ejabberd-23': {
      const idle = Math.round(1.5 * k) * 1000;
      return closed(idle, idle);
    }
  }
}

/** Whether an idle time falls in the window, widened by `slackMs` on both sides. */
export function inWindow(idleMs: number, w: DetectionWindow, slackMs: number): boolean {
  return idleMs >= w.lo - slackMs && idleMs <= w.hi + slackMs;
}
