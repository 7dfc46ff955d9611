import {
  acceptAll,
  closeOnly,
  neverAfterDisconnect,
  noCap,
  resumedSessionPresent,
  type BrokerProfile,
  noTie,
} from './profile';

/** Mosquitto's keep-alive sweep period, ms. */
export const MOSQUITTO_SWEEP_MS = 6000;
const SWEEP_MS = MOSQUITTO_SWEEP_MS;

/** The trace time (mod 6 s) of sweeps on whole second `sweepSecond` (0–5) of a clock `clockOffsetMs` ahead. */
export function mosquittoSweepPhase(sweepSecond: number, clockOffsetMs: number): number {
  return (((sweepSecond * 1000 - clockOffsetMs) % SWEEP_MS) + SWEEP_MS) % SWEEP_MS;
}

/**
 * Mosquitto 2.0.11 (docs/brokers.md; read in its keepalive.c and measured on the Debian 12 package).
 * It reads a monotonic clock in whole seconds and sweeps all clients when `last sweep + 5 < now`, so
 * every 6 of its seconds, each sweep on a whole second of that clock; it drops a client when
 * (now − last packet) > ⌊3K/2⌋ s, so detection falls in (⌊1.5K⌋, ⌊1.5K⌋ + 6] s after the last
 * packet. `wallOffsetMs` is that clock's sub-second offset against the trace's; the sweep phase is
 * `mosquittoSweepPhase` of it (both drawn from the run's seed).
 */
export function mosquittoProfile(sweepPhaseMs: number, wallOffsetMs: number): BrokerProfile {
  return {
    name: 'mosquitto-2.0',
    refusal: acceptAll,
    keepAliveDeadline: (keepAlive, _connectedAt, lastReceived) => {
      if (keepAlive === 0) return Infinity;
      const lastInSeconds = Math.floor((lastReceived + wallOffsetMs) / 1000);
      const threshold = Math.floor((keepAlive * 3) / 2);
      // The first wall-clock second at which now_s − last_s > threshold holds ...
      const expired = (lastInSeconds + threshold + 1) * 1000 - wallOffsetMs;
      // ... and the first sweep at or after it.
      const sweeps = Math.max(0, Math.ceil((expired - sweepPhaseMs) / SWEEP_MS));
      return sweepPhaseMs + sweeps * SWEEP_MS;
    },
    // No 0x8D, and 0x8E only from 2.0.15: a plain socket close in both cases.
    keepAliveTieMs: noTie,
    timeoutReasonCode: closeOnly,
    takeoverReasonCode: closeOnly,
    // The old will goes out only when the old session ends and the will has no delay.
    takeoverPublishesWill: (ctx) => (ctx.oldSessionEnds || ctx.newCleanStart) && ctx.willDelay === 0,
    // Will delay is not shortened by Session Expiry 0; a session that expires first sends it then.
    willPublishDelay: (willDelay, sessionExpiry) =>
      sessionExpiry > 0 && sessionExpiry < willDelay ? sessionExpiry : willDelay,
    // max_keepalive (default 65535): a v5 client with K = 0 or K above it is told the maximum.
    serverKeepAlive: (clientKeepAlive, configured) => {
      const max = configured ?? 65535;
      return clientKeepAlive === 0 || clientKeepAlive > max ? max : null;
    },
    grantedSessionExpiry: noCap,
    willOnNormalDisconnect: neverAfterDisconnect,
    sessionPresent: resumedSessionPresent,
  };
}
