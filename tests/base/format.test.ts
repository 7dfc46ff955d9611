import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatInterval,
  formatSeconds,
  formatSecondsAt,
  formatSecondsBrief,
  formatTick,
  formatTime,
  significant,
  trimZeros,
} from '../../src/base/format';

describe('the formats', () => {
  it('label timeline ticks in ms, s, min and h as the zoom requires', () => {
    expect(formatTick(250, 50)).toBe('250 ms');
    expect(formatTick(30_000, 5_000)).toBe('30 s');
    expect(formatTick(30_010, 10)).toBe('30.01 s');
    expect(formatTick(90_000, 15_000)).toBe('1 min 30 s');
    expect(formatTick(3_900_000, 300_000)).toBe('1 h 5 min');
    expect(formatTime(850)).toBe('850 ms');
    expect(formatTime(125_000)).toBe('2 min 5 s');
  });

  it('write seconds with fixed decimals, or as few as a label needs', () => {
    expect(formatSeconds(12_345)).toBe('12.3 s');
    expect(formatSeconds(12_345, 3)).toBe('12.345 s');
    expect(formatSecondsBrief(15_020)).toBe('15.02 s');
    expect(formatSecondsBrief(15_000)).toBe('15 s');
    expect(formatSecondsBrief(40)).toBe('0.04 s');
    expect(formatSecondsBrief(123_400)).toBe('123 s');
    expect(formatSecondsBrief(12_540, 1)).toBe('12.5 s');
    expect(formatSecondsAt(2.5, 0.5)).toBe('2.5 s');
  });

  it('choose the unit of an interval or a duration by its size', () => {
    expect(formatInterval(500)).toBe('500 ms');
    expect(formatInterval(300_000)).toBe('5 min');
    expect(formatDuration(12.34)).toBe('12.3 s');
    expect(formatDuration(754)).toBe('12.6 min');
  });

  it('group thousands, keep three significant figures and drop trailing zeros', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(significant(0.0501)).toBe('0.05');
    expect(significant(0.0501, 4)).toBe('0.0501');
    expect(significant(1234.5)).toBe('1235');
    expect(trimZeros('12.500')).toBe('12.5');
    expect(trimZeros('300')).toBe('300');
  });
});
