import { describe, expect, it } from 'vitest';
import { formatHex, formatNumber, roundFact } from '../../src/lessons/format';

describe('formatNumber', () => {
  it.each([
    [15.0234, '15.02'],
    [90, '90'],
    [0.5, '0.5'],
    [15.1, '15.1'],
    [22.405, '22.41'],
    [-0.001, '0'],
    [-2.5, '-2.5'],
    [3600, '3600'],
  ])('%d → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('formatHex', () => {
  it('writes reason codes as two hex digits or more', () => {
    expect(formatHex(142)).toBe('0x8E');
    expect(formatHex(4)).toBe('0x04');
    expect(formatHex(0)).toBe('0x00');
  });
});

describe('roundFact', () => {
  it('keeps microseconds, so ms differences come out whole', () => {
    expect((25020.513 - 10020.513) / 1000).not.toBe(15);
    expect(roundFact((25020.513 - 10020.513) / 1000)).toBe(15);
  });
});
