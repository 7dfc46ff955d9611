import { describe, expect, it } from 'vitest';
import { parseSimArgs, readArgs } from '../../src/cli/args';

describe('command-line arguments', () => {
  it('take values after the flag or after "=", the last one when given twice', () => {
    const r = readArgs(['a', '--out', 'x', '--out=y', '--yes'], { strings: ['out'], flags: ['yes'] });
    expect(r.positionals).toEqual(['a']);
    expect(r.strings.get('out')).toBe('y');
    expect(r.flags.has('yes')).toBe(true);
  });

  it('name the flag that is unknown or has no value', () => {
    expect(() => readArgs(['--frobnicate'], { strings: [] })).toThrow('--frobnicate: unknown option');
    expect(() => readArgs(['a', '--out'], { strings: ['out'] })).toThrow('--out: needs a value');
    expect(() => readArgs(['a', '--out='], { strings: ['out'] })).toThrow('--out: needs a value');
  });

  it('let a value start with a dash, so a negative seed is a bad seed', () => {
    expect(() => parseSimArgs(['basics', '--seed', '-1'])).toThrow(
      '--seed: must be an integer 0..4294967295 (got "-1")',
    );
  });

  it('of sim: one scenario, its overrides, and a real run asked for', () => {
    expect(
      parseSimArgs(['basics', '--seed=7', '--profile', 'spec', '--against', 'mqtt://h:1', '--yes']),
    ).toEqual({
      scenario: 'basics',
      out: null,
      seed: 7,
      profile: 'spec',
      against: ['mqtt://h:1'],
      yes: true,
    });
    expect(parseSimArgs(['basics', '--against', 'mqtt://h:1', '--against=ws://h:2/mqtt']).against).toEqual([
      'mqtt://h:1',
      'ws://h:2/mqtt',
    ]);
    expect(parseSimArgs(['basics']).against).toEqual([]);
    expect(() => parseSimArgs([])).toThrow('missing the scenario file or preset name');
    expect(() => parseSimArgs(['a', 'b'])).toThrow('one scenario only (got 2)');
  });
});
