// The scenario package: the format (types), validation with clear errors, presets, and deep links.

export * from './types';
export {
  DEFAULT_PROTOCOL,
  MAX_DURATION_MS,
  SCENARIO_VERSION,
  ScenarioError,
  formatIssue,
  loadScenario,
  parseScenario,
  resolveScenario,
  type ScenarioIssue,
} from './validate';
export { PRESETS, getPreset, type Preset } from './presets';
export {
  DeepLinkError,
  compressScenario,
  decompressScenario,
  encodeScenarioHash,
  formatLocationHash,
  parseLocationHash,
  type DeepLink,
} from './url';
export { topicFilterProblem, topicMatches, topicNameProblem } from './topics';
export { withOverrides, type ScenarioOverrides } from './overrides';
export { PASSWORD_MASK, hasPasswords, maskPasswords } from './credentials';
export { estimateScenarioSize, type ScenarioSize } from './size';
export { parseScenarioText } from './parseText';
export {
  BIG_RUN_EVENTS,
  MAX_CLIENTS,
  MAX_CLIENT_GROUPS,
  MAX_RUN_EVENTS,
  MAX_SCENARIO_CHARS,
  MAX_SCENARIO_EVENTS,
  MAX_SUBSCRIPTIONS,
  MIN_PERIOD_MS,
} from './limits';
