// Plays a scenario for real against a real broker from Node (`npm run sim -- <scenario> --against URL`,
// or two URLs: the same broker over TCP and over WebSocket): the environment-neutral player (core.ts)
// over Node's sockets (nodeConnector.ts), each client to its transport's target (transports.ts).
import { playScenario, type PlayOptions, type PlaySummary } from './core';
import type { Connector } from './link';
import { nodeConnector } from './nodeConnector';
import type { Target } from './target';
import type { TransportTargets } from './transports';

export {
  checkRealRun,
  LONG_RUN_MS,
  MANY_CLIENTS,
  RealRunError,
  type BrokerControl,
  type PlayOptions,
  type PlaySummary,
} from './core';

export interface RealRunOptions extends Omit<PlayOptions, 'connector' | 'connectors' | 'write'> {
  /** The `--against` target, or both of one broker (one TCP, one WebSocket: parseTargets). */
  target: Target | readonly Target[];
  /** Receives the trace, one whole line (with "\n") per call, header first. */
  write(line: string): void;
}

export interface RealRunSummary extends Omit<PlaySummary, 'url'> {
  /** The first target (the watcher's). */
  target: Target;
  targets: Target[];
}

export async function runAgainst(options: RealRunOptions): Promise<RealRunSummary> {
  const { target, ...rest } = options;
  const targets: Target[] = Array.isArray(target) ? [...target] : [target as Target];
  const connectors: TransportTargets<Connector> = {};
  for (const t of targets) connectors[t.transport === 'tcp' ? 'tcp' : 'ws'] = nodeConnector(t);
  const main = targets[0];
  const { url: _url, ...summary } = await playScenario({
    ...rest,
    connector: connectors[main.transport === 'tcp' ? 'tcp' : 'ws'] ?? nodeConnector(main),
    connectors,
    targetLabel: `--against ${main.url}`,
  });
  return { ...summary, target: main, targets };
}
