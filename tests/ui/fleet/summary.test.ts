import { describe, expect, it } from 'vitest';
import { delayHistogram } from '../../../src/analysis/fleet';
import {
  fleetSummary,
  histogramDescription,
  sameSummary,
  summaryLines,
  tracksDescription,
} from '../../../src/ui/fleet/summary';
import { formatInterval } from '../../../src/base/format';
import { formatCompact, formatSecondsShort } from '../../../src/ui/fleet/format';
import { presetRun, strip } from './support';

describe('fleet summary', () => {
  it('tells the totals of timeouts, wills and take-overs and the detection delay in words', () => {
    const { series, store } = presetRun('crash-vs-power-off');
    const s = fleetSummary(series, delayHistogram(series.delays()), 4, false, store);
    expect(summaryLines(s)).toEqual([
      '4 clients, up to 4 connected',
      '1 timeout (broker 1, client 0) · 2 wills · 0 take-overs',
      'Last packet → broker timeout: median 15 s, max 15 s (1 broker timeout)',
    ]);
  });

  it('says when there was no broker timeout yet', () => {
    const { series, store } = presetRun('reconnect-storm');
    const s = fleetSummary(series, null, 200, true, store);
    expect(summaryLines(s)[2]).toBe('Last packet → broker timeout: no broker timeouts yet');
    expect(sameSummary(s, { ...s })).toBe(true);
    expect(sameSummary(s, { ...s, wills: 1 })).toBe(false);
  });

  it('lists the clients that need attention, first first, with why', () => {
    const { series, store } = presetRun('crash-vs-power-off');
    const s = fleetSummary(series, null, 4, false, store);
    expect(s.attention.map((a) => [a.client, a.reasons])).toEqual([
      ['sensor-1', ['power-off', 'timeout', 'will']],
      ['sensor-2', ['crash', 'will']],
      ['sensor-3', ['disconnect']],
    ]);
    // Unchanged: the same list, not rebuilt.
    expect(fleetSummary(series, null, 4, false, store, s).attention).toBe(s.attention);
  });

  it('describes the tracks with their current scales and where the packet counts come from', () => {
    const f = strip('reconnect-storm').frame;
    const text = tracksDescription(f);
    expect(text).toContain('Connected clients, scale up to 200.');
    expect(text).toContain(`scale up to ${formatCompact(f.traffic.top)}`);
    expect(text).toContain('counted from the trace');
    expect(text).toContain(`per ${formatInterval(f.events.sums.intervalMs)}`);
  });

  it('describes the histogram bin by bin', () => {
    const text = histogramDescription(delayHistogram([15_000, 15_000, 16_000]));
    expect(text).toContain('3 timeouts, median 15 s, max 16 s');
    // 0.1 s bins; the last one is closed, so 16 s counts in 15.9–16 s.
    expect(text).toContain('15–15.1 s: 2');
    expect(text).toContain('15.9–16 s: 1');
    expect(histogramDescription(null)).toMatch(/no broker timeouts yet/);
  });
});

describe('fleet number formats', () => {
  it('shortens numbers for the gutter and keeps seconds readable', () => {
    expect(formatCompact(3412)).toBe('3.4 k');
    expect(formatCompact(100_000)).toBe('100 k');
    expect(formatCompact(2_500_000)).toBe('2.5 M');
    expect(formatCompact(195)).toBe('195');
    expect(formatCompact(0.25)).toBe('0.25');
    expect(formatInterval(15_000)).toBe('15 s');
    expect(formatInterval(300_000)).toBe('5 min');
    expect(formatInterval(500)).toBe('500 ms');
    expect(formatSecondsShort(90)).toBe('90 s');
    expect(formatSecondsShort(7.25)).toBe('7.25 s');
  });
});
