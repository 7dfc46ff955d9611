// Comparing two traces of one scenario (simulated or live): `npm run compare`.
export {
  compareCollected,
  compareTraces,
  type CollectedTrace,
  type Comparison,
  type CompareOptions,
  type CompareRow,
  type TraceLabel,
} from './compare';
export { FactsCollector, extractFacts, type TraceFacts, type TraceInput, type ClientFacts } from './facts';
export { formatComparison } from './format';
export {
  detectionWindow,
  inWindow,
  tolerancesFor,
  BASE_SLACK_MS,
  type DetectionWindow,
  type Tolerances,
} from './tolerances';
export { printable, printableLines } from './printable';
