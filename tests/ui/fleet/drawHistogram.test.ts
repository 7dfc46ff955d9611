import { describe, expect, it } from 'vitest';
import { delayHistogram } from '../../../src/analysis/fleet';
import { LIGHT } from '../../../src/timeline/theme';
import { drawHistogram } from '../../../src/ui/fleet/drawHistogram';
import { fleetStyle } from '../../../src/ui/fleet/style';
import { RecordingContext } from '../../timeline/support/recordingContext';

const style = fleetStyle(LIGHT, 12);

describe('drawHistogram', () => {
  it('draws delay bins as bars in the timeout colour, with the axis in seconds and its count scale', () => {
    const hist = delayHistogram([45_000, 45_000, 46_200, 51_000])!;
    const ctx = new RecordingContext();
    drawHistogram(ctx, hist, 300, 70, style);
    const bars = ctx.calls.filter((c) => c.op === 'rect');
    expect(bars.length).toBe(3);
    expect(ctx.calls.some((c) => c.op === 'fill' && c.fillStyle === LIGHT.timeout)).toBe(true);
    const texts = ctx.texts();
    expect(texts).toContain('detection delay');
    expect(texts).toContain('max 2 per bin');
    expect(texts.filter((t) => / s$/.test(t)).length).toBeGreaterThanOrEqual(2);
    expect(ctx.balanced).toBe(true);
  });

  it('marks the median with a dashed line', () => {
    const hist = delayHistogram([10_000, 20_000, 30_000])!;
    const ctx = new RecordingContext();
    drawHistogram(ctx, hist, 300, 70, style);
    const dash = ctx.calls.findIndex((c) => c.op === 'setLineDash' && (c.args[0] as number[]).length > 0);
    const move = ctx.calls.slice(dash).find((c) => c.op === 'moveTo')!;
    const x = (20 - hist.lo) / (hist.step * hist.counts.length);
    expect(move.args[0]).toBeCloseTo(Math.round(4 + x * 292) + 0.5, 6);
  });

  it('says so when no broker timeout has happened yet', () => {
    const ctx = new RecordingContext();
    drawHistogram(ctx, null, 300, 70, style);
    expect(ctx.texts()).toContain('no broker timeouts yet');
    expect(ctx.count('rect')).toBe(0);
  });
});
