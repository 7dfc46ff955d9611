import { describe, expect, it } from 'vitest';
import { WhatIfPathError, applyWhatIf, formatPath, parsePath, setPath } from '../../src/lessons/whatIf';
import { getPreset } from '../../src/scenario/presets';
import type { Scenario } from '../../src/scenario/types';

describe('parsePath', () => {
  it.each([
    ['clients[0].keepAlive', ['clients', 0, 'keepAlive']],
    ['broker.profile', ['broker', 'profile']],
    ['events[1].atMs', ['events', 1, 'atMs']],
    ['clients[0].subscribe[1].qos', ['clients', 0, 'subscribe', 1, 'qos']],
    ['clients[0]["odd key"]', ['clients', 0, 'odd key']],
  ])('%s', (text, keys) => {
    expect(parsePath(text)).toEqual(keys);
    expect(formatPath(parsePath(text))).toBe(text);
  });

  it.each([
    ['', 'is empty (a scenario path like clients[0].keepAlive)'],
    ['[0].keepAlive', 'is not a scenario path like clients[0].keepAlive (at "[0].keepAlive")'],
    ['.clients', 'is not a scenario path like clients[0].keepAlive (at ".clients")'],
    ['clients..x', 'is not a scenario path like clients[0].keepAlive (at "..x")'],
    ['clients[x]', 'is not a scenario path like clients[0].keepAlive (at "[x]")'],
    ['clients[0]keepAlive', 'is not a scenario path like clients[0].keepAlive (at "keepAlive")'],
  ])('rejects %j', (text, message) => {
    expect(() => parsePath(text)).toThrow(WhatIfPathError);
    expect(() => parsePath(text)).toThrow(message);
  });
});

describe('setPath', () => {
  const target = (): Record<string, unknown> => ({ clients: [{ id: 'a', keepAlive: 10 }], broker: {} });

  it('sets a field, adds an optional one, and appends to a list', () => {
    const t = target();
    setPath(t, 'clients[0].keepAlive', 60);
    setPath(t, 'broker.profile', 'emqx');
    setPath(t, 'clients[1]', { id: 'b', keepAlive: 5 });
    expect(t).toEqual({
      clients: [
        { id: 'a', keepAlive: 60 },
        { id: 'b', keepAlive: 5 },
      ],
      broker: { profile: 'emqx' },
    });
  });

  it.each([
    ['clients[2].keepAlive', 'clients[2] is past the end of the list (it has 1)'],
    ['clients[1].keepAlive', 'clients[1] is past the end of the list (it has 1)'],
    ['network.latencyMs', 'network is not in the scenario'],
    ['clients.id', 'clients is not an object'],
    ['broker[0]', 'broker is not a list'],
    ['clients[0].keepAlive.x', 'clients[0].keepAlive is not an object'],
  ])('rejects %s', (path, message) => {
    expect(() => setPath(target(), path, 1)).toThrow(message);
  });
});

describe('applyWhatIf', () => {
  it('edits a copy and leaves the original (and the preset) alone', () => {
    const original = getPreset('basics')?.scenario as Scenario;
    const before = JSON.stringify(original);
    const edited = applyWhatIf(original, { 'clients[0].keepAlive': 60 });
    expect(edited.clients[0].keepAlive).toBe(60);
    expect(JSON.stringify(original)).toBe(before);
  });

  it('copies the values it sets', () => {
    const value = { minMs: 1, maxMs: 2 };
    const edited = applyWhatIf(
      { scenario: 1, name: 'x', seed: 1, durationMs: 1, clients: [{ id: 'a', keepAlive: 1 }] },
      {
        'clients[0].reconnect': value,
      },
    );
    value.minMs = 99;
    expect(edited.clients[0].reconnect?.minMs).toBe(1);
  });
});
