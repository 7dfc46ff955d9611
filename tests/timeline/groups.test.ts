import { describe, expect, it } from 'vitest';
import { compareInGroup, groupKeyOf, suffixNumberOf } from '../../src/timeline/groups';

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
