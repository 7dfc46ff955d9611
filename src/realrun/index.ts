// Running a scenario for real against a real broker (Node only): `npm run sim -- <scenario> --against URL`.
export {
  checkRealRun,
  runAgainst,
  RealRunError,
  LONG_RUN_MS,
  MANY_CLIENTS,
  type BrokerControl,
  type RealRunOptions,
  type RealRunSummary,
} from './run';
export { parseTarget, parseTargets, redactUrl, TargetError, type Target } from './target';
export { targetsOfClients, TransportError, type TransportTargets } from './transports';
export { Gate, Framer, type GateMode } from './gate';
export { playScenario, type PlayOptions, type PlaySummary } from './core';
export type { Connector, GateControl, GateHooks } from './link';
