// Comparing two traces of one scenario (simulated or live): `npm run compare`.
export {
  compareTraces,
  type Comparison,
  type CompareOptions,
  type CompareRow,
  type TraceLabel,
} from './compare';
export { extractFacts, type TraceFacts, type TraceInput, type ClientFacts } from './facts';
export { formatComparison } from './format';
export {
  detectionWindow,
  inWindow,
  tolerancesFor,
  BASE_SLACK_MS,
  type DetectionWindow,
  type Tolerances,
} from './tolerances';
