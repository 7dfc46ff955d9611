import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS } from '../../../src/analysis/keepAlive';
import { parseForm, sameInputs, textsOf } from '../../../src/ui/calculator/form';
import { formatDuration } from '../../../src/base/format';
import { formatBytes, formatDelay, formatTick } from '../../../src/ui/calculator/format';
import { keepAliveTicks, logTicks } from '../../../src/ui/calculator/plots/ticks';

describe('the calculator form', () => {
  it('reads back the inputs it shows', () => {
    expect(parseForm(textsOf(DEFAULT_INPUTS))).toEqual({ inputs: DEFAULT_INPUTS, problems: {} });
  });

  it('takes an empty publish interval as never publishing', () => {
    const parsed = parseForm({ ...textsOf(DEFAULT_INPUTS), publishIntervalS: '  ' });
    expect(parsed.inputs?.publishIntervalS).toBeNull();
  });

  it('names the field of text that is no number, or missing', () => {
    const parsed = parseForm({ ...textsOf(DEFAULT_INPUTS), keepAliveS: '', latencyMs: 'fast' });
    expect(parsed.inputs).toBeNull();
    expect(parsed.problems).toEqual({
      keepAliveS: 'Keep alive (s): is required',
      latencyMs: 'Link latency (ms): must be a number',
    });
  });

  it('treats publish interval 0 and none as the same inputs', () => {
    expect(
      sameInputs({ ...DEFAULT_INPUTS, publishIntervalS: 0 }, { ...DEFAULT_INPUTS, publishIntervalS: null }),
    ).toBe(true);
    expect(sameInputs(DEFAULT_INPUTS, { ...DEFAULT_INPUTS, keepAliveS: 61 })).toBe(false);
  });
});

describe('calculator formats and ticks', () => {
  it('write delays, durations and bytes briefly', () => {
    expect(formatDelay(60.05)).toBe('60.05 s');
    expect(formatDelay(4500.05)).toBe('75 min');
    expect(formatDuration(9000)).toBe('2.5 h');
    expect(formatBytes(120_960)).toBe('121 kB');
    expect(formatBytes(84)).toBe('84 B');
    expect(formatTick(1500)).toBe('1.5k');
    expect(formatTick(0.5)).toBe('0.5');
  });

  it('tick round values inside the domain', () => {
    expect(logTicks([3, 700], 10)).toEqual([5, 10, 20, 50, 100, 200, 500]);
    expect(logTicks([3, 700], 4)).toEqual([10, 100]);
    expect(logTicks([200_000, 1_300_000], 6).length).toBeGreaterThanOrEqual(3);
    expect(keepAliveTicks([5, 600], 20)).toEqual([5, 10, 15, 30, 60, 120, 300, 600]);
    expect(keepAliveTicks([5, 600], 4).length).toBeLessThanOrEqual(4);
  });
});
