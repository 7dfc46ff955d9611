// Plays a scenario for real against a real broker from Node (`npm run sim -- <scenario> --against URL`):
// the environment-neutral player (core.ts) over Node's sockets (nodeConnector.ts).
import { playScenario, type PlayOptions, type PlaySummary } from './core';
import { nodeConnector } from './nodeConnector';
import type { Target } from './target';

export {
  checkRealRun,
  LONG_RUN_MS,
  MANY_CLIENTS,
  RealRunError,
  type BrokerControl,
  type PlayOptions,
  type PlaySummary,
} from './core';

export interface RealRunOptions extends Omit<PlayOptions, 'connector' | 'write'> {
  target: Target;
  /** Receives the trace, one whole line (with "\n") per call, header first. */
  write(line: string): void;
}

export interface RealRunSummary extends Omit<PlaySummary, 'url'> {
  target: Target;
}

export async function runAgainst(options: RealRunOptions): Promise<RealRunSummary> {
  const { target, ...rest } = options;
  const { url: _url, ...summary } = await playScenario({
    ...rest,
    connector: nodeConnector(target),
    targetLabel: `--against ${target.url}`,
  });
  return { ...summary, target };
}
