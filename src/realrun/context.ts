// What every probe of one real run shares: the target, the clock, the lane registry, the trace.
import type { ConnRegistry } from '../live/conns';
import type { TraceEvent } from '../trace/types';
import type { Probe } from './probe';
import type { OpenedSocket, Target } from './target';

export interface RunContext {
  readonly target: Target;
  readonly registry: ConnRegistry;
  /** The run has ended: nothing more is traced. */
  readonly finished: boolean;
  /** A `broker-restart` is under way. */
  readonly brokerRestarting: boolean;
  /** Trace time, ms since the run started. */
  now(): number;
  emit(e: TraceEvent): void;
  /** A new socket to the target (the only address the runner uses). */
  openSocket(): OpenedSocket;
  probeOpened(probe: Probe): void;
  /** Another connection with `probe`'s client ID sent CONNECT at or after `since` (and after `probe`'s). */
  newerConnect(probe: Probe, since: number): boolean;
}
