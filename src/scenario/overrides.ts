// Command-line and UI overrides of a scenario's seed and broker profile. The result is the scenario
// that actually ran, so it is what a trace's header records.

import type { BrokerProfileName, Scenario } from './types';

export interface ScenarioOverrides {
  seed?: number;
  profile?: BrokerProfileName;
}

export function withOverrides(scenario: Scenario, overrides: ScenarioOverrides): Scenario {
  let result = scenario;
  if (overrides.seed !== undefined) result = { ...result, seed: overrides.seed };
  if (overrides.profile !== undefined)
    result = { ...result, broker: { ...result.broker, profile: overrides.profile } };
  return result;
}
