import { describe, expect, it } from 'vitest';
import { getPreset, type Scenario } from '../../src/scenario';
import { injectionTime, withInjectedEvent } from '../../src/worker/injection';

const preset = (name: string): Scenario => structuredClone(getPreset(name)!.scenario);

describe('an injected fault', () => {
  it('injectionTime lands on a half millisecond after now', () => {
    expect(injectionTime(1000)).toBe(1000.5);
    expect(injectionTime(1000.2)).toBe(1000.5);
    expect(injectionTime(1000.5)).toBe(1001.5);
    expect(injectionTime(1000.7)).toBe(1001.5);
  });

  it('withInjectedEvent appends and resolves the event', () => {
    const s = preset('crash-vs-power-off');
    const { scenario, resolved } = withInjectedEvent(s, { atMs: 30_000, client: 'sensor-1', do: 'crash' });
    expect(scenario.events?.length).toBe(4);
    expect(s.events?.length).toBe(3);
    expect(resolved).toMatchObject({ atMs: 30_000, client: 'sensor-1', do: 'crash' });
  });
});
