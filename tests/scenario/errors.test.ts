import { describe, expect, it } from 'vitest';
import { ScenarioError, formatIssue, quote } from '../../src/scenario/errors';

describe('ScenarioError', () => {
  it('joins every issue, formatted as "path: message", one a line', () => {
    const err = new ScenarioError([
      { path: 'seed', message: 'must be 0..4294967295 (got -1)' },
      { path: 'clients[2].keepAlive', message: 'must be 0..65535 (got 70000)' },
    ]);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ScenarioError');
    expect(err.message).toBe(
      'seed: must be 0..4294967295 (got -1)\nclients[2].keepAlive: must be 0..65535 (got 70000)',
    );
    expect(err.issues.map(formatIssue)).toEqual(err.message.split('\n'));
  });
});

describe('quote', () => {
  it('quotes values as JSON', () => {
    expect(quote('sensor-9')).toBe('"sensor-9"');
    expect(quote(70000)).toBe('70000');
    expect(quote(null)).toBe('null');
    expect(quote({ a: [1] })).toBe('{"a":[1]}');
  });

  it('shows what JSON cannot as JavaScript would', () => {
    expect(quote(undefined)).toBe('undefined');
    expect(quote(Number.NaN)).toBe('NaN');
    expect(quote(-Infinity)).toBe('-Infinity');
    expect(quote(10n)).toBe('10n');
  });

  it('shortens long values to 80 characters', () => {
    const q = quote('x'.repeat(1000));
    expect(q).toHaveLength(80);
    expect(q.endsWith('…')).toBe(true);
  });
});
