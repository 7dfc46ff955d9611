import { describe, expect, it } from 'vitest';
import { compareInGroup, groupAndSuffixOf, groupKeyOf, suffixNumberOf } from '../../src/timeline/groups';

describe('groupKeyOf', () => {
  it('groups an ID by the part before its trailing -/ run of digits', () => {
    expect(groupKeyOf('sensor-12')).toBe('sensor');
    expect(groupKeyOf('site/7')).toBe('site');
    expect(groupKeyOf('plant-a-3')).toBe('plant-a');
    expect(groupKeyOf('a/b/42')).toBe('a/b');
  });

  it('keeps an ID without such a suffix as its own group', () => {
    expect(groupKeyOf('dashboard')).toBe('dashboard');
    expect(groupKeyOf('device12')).toBe('device12');
    expect(groupKeyOf('-3')).toBe('-3');
  });
});

describe('compareInGroup', () => {
  it('orders lanes numerically by suffix, then by ID', () => {
    const ids = ['sensor-10', 'sensor-2', 'sensor-1', 'sensor'];
    const sorted = [...ids].sort((a, b) => compareInGroup(a, suffixNumberOf(a), b, suffixNumberOf(b)));
    expect(sorted).toEqual(['sensor-1', 'sensor-2', 'sensor-10', 'sensor']);
  });
});

describe('groupAndSuffixOf', () => {
  it('agrees with groupKeyOf and suffixNumberOf', () => {
    for (const id of ['sensor-12', 'site/7', 'dashboard', 'a-b-3', '-5', 'x-', 'l\nine-4', 'n-0012'])
      expect(groupAndSuffixOf(id)).toEqual({ key: groupKeyOf(id), suffix: suffixNumberOf(id) });
  });

  it('hands back the previous key itself for an ID of the same group, and a new key otherwise', () => {
    const previous = groupAndSuffixOf('sensor-1').key;
    const same = groupAndSuffixOf('sensor-12', previous);
    expect(same.key).toBe(previous);
    expect(same.suffix).toBe(12);
    expect(groupAndSuffixOf('sensorX-3', previous)).toEqual({ key: 'sensorX', suffix: 3 });
    expect(groupAndSuffixOf('senso/4', previous)).toEqual({ key: 'senso', suffix: 4 });
    expect(groupAndSuffixOf('sensor', previous)).toEqual({ key: 'sensor', suffix: NaN });
  });
});
