// What every probe of one real run shares: the connector (the watcher's target), the clock, the lane
// registry, the trace. Each probe's own target is in its settings (its client's transport's). Environment-neutral: the Node runner and the page's runner build the same one.
import type { ConnRegistry } from '../live/conns';
import type { TraceEvent } from '../trace/types';
import type { Connector } from './link';
import type { Probe } from './probe';

export interface RunContext {
  /** The run's main target (the watcher's); a probe opens its connection with its own settings' connector. */
  readonly connector: Connector;
  readonly registry: ConnRegistry;
  /** The run has ended: nothing more is traced. */
  readonly finished: boolean;
  /** A `broker-restart` is under way. */
  readonly brokerRestarting: boolean;
  /** Trace time, ms since the run started. */
  now(): number;
  emit(e: TraceEvent): void;
  probeOpened(probe: Probe): void;
  /** Another connection with `probe`'s client ID sent CONNECT at or after `since` (and after `probe`'s). */
  newerConnect(probe: Probe, since: number): boolean;
}
