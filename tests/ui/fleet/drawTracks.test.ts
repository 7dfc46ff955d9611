import { describe, expect, it } from 'vitest';
import { DARK, LIGHT } from '../../../src/timeline/theme';
import { FleetSeries } from '../../../src/analysis/fleet';
import { drawTracks } from '../../../src/ui/fleet/drawTracks';
import { FleetFrames } from '../../../src/ui/fleet/frames';
import { fleetLayout } from '../../../src/ui/fleet/layout';
import { fleetStyle } from '../../../src/ui/fleet/style';
import { RecordingContext, type Call } from '../../timeline/support/recordingContext';
import { strip, type StripOptions } from './support';

function draw(name: string, o: StripOptions = {}): { ctx: RecordingContext; s: ReturnType<typeof strip> } {
  const s = strip(name, o);
  const ctx = new RecordingContext();
  drawTracks(ctx, s.frame, s.layout, s.style);
  return { ctx, s };
}

/** The rects added to the path that was filled with `colour` (each fill ends its path). */
function rectsFilledWith(ctx: RecordingContext, colour: string): number[][] {
  const out: number[][] = [];
  let pending: number[][] = [];
  for (const c of ctx.calls) {
    if (c.op === 'beginPath') pending = [];
    if (c.op === 'rect') pending.push(c.args as number[]);
    if (c.op === 'fill' && c.fillStyle === colour) out.push(...pending);
  }
  return out;
}

describe('drawTracks', () => {
  it('labels every track in the gutter with its unit and current scale', () => {
    const { ctx } = draw('reconnect-storm');
    const texts = ctx.texts();
    expect(texts).toContain('connected clients');
    expect(texts).toContain('max 200');
    expect(texts).toContain('packets/s');
    expect(texts.some((t) => /^max \d/.test(t) && t !== 'max 200')).toBe(true);
    expect(texts).toEqual(expect.arrayContaining(['ping', 'data', 'connect', 'other']));
    expect(texts).toEqual(expect.arrayContaining(['timeouts', 'wills', 'take-overs']));
    expect(texts.some((t) => t.startsWith('per '))).toBe(true);
    expect(ctx.balanced).toBe(true);
  });

  it('keeps labels inside the gutter, shorter variants when it is narrow', () => {
    const { ctx } = draw('reconnect-storm', { gutter: 80 });
    expect(ctx.texts()).toContain('connected');
    for (const c of ctx.calls.filter((c: Call) => c.op === 'fillText')) {
      const [text, x] = c.args as [string, number];
      expect(x + text.length * 12 * 0.58).toBeLessThanOrEqual(80);
    }
  });

  it('stacks keep-alive traffic at the bottom, in the keep-alive colour, then data, connect and other', () => {
    const { ctx, s } = draw('reconnect-storm');
    const p = LIGHT;
    const order = ctx.calls
      .filter((c) => c.op === 'fill')
      .map((c) => c.fillStyle)
      .filter((f) => [p.packetC2b, p.data, p.control, p.mutedText].includes(f));
    expect(order.slice(0, 4)).toEqual([p.packetC2b, p.data, p.control, p.mutedText]);
    // Keep-alive rects stand on the track's baseline.
    const base = s.layout.traffic.y + s.layout.traffic.h;
    const pings = rectsFilledWith(ctx, p.packetC2b).filter(([, y]) => y < base);
    expect(pings.length).toBeGreaterThan(0);
    for (const [, y, , h] of pings) expect(y + h).toBeCloseTo(base, 6);
  });

  it('puts a time at the same x as the timeline: gutter + (t − t0) × (width − gutter − 8) / (t1 − t0)', () => {
    const t0 = 30_000;
    const t1 = 90_000;
    const { ctx, s } = draw('reconnect-storm', { t0, t1, width: 1000, gutter: 136 });
    const I = s.frame.traffic.sums.intervalMs;
    const xs = rectsFilledWith(ctx, LIGHT.packetC2b).map(([x]) => x);
    const expected = (t: number): number => 136 + ((t - t0) * (1000 - 136 - 8)) / (t1 - t0);
    for (const x of xs) {
      const k = Math.round((t0 + ((x - 136) * (t1 - t0)) / (1000 - 144)) / I);
      expect(x).toBeCloseTo(expected(k * I), 6);
    }
  });

  it('draws timeouts, wills and take-overs in their marker colours, a lone event still 3 px wide', () => {
    const lone = (name: string, colour: string): void => {
      const rects = rectsFilledWith(draw(name).ctx, colour);
      expect(rects.length).toBe(1);
      const [, , w, h] = rects[0];
      expect(w).toBeGreaterThanOrEqual(3);
      expect(h).toBeGreaterThanOrEqual(3);
    };
    // One power-off: one broker timeout. A take-over: one take-over and the old connection's will.
    lone('crash-vs-power-off', LIGHT.timeout);
    lone('half-open-takeover', LIGHT.takeover);
    lone('half-open-takeover', LIGHT.will);
  });

  it('draws nothing after the time the data is known up to', () => {
    const { ctx, s } = draw('reconnect-storm', { until: 60_000 });
    const xUntil = s.layout.plotX0 + (60_000 * (s.layout.plotX1 - s.layout.plotX0)) / s.durationMs;
    const rects = [LIGHT.packetC2b, LIGHT.data, LIGHT.control].flatMap((c) => rectsFilledWith(ctx, c));
    expect(rects.length).toBeGreaterThan(0);
    for (const [x, , w] of rects) expect(x + w).toBeLessThanOrEqual(xUntil + 0.5 + 1e-6);
    const line = ctx.calls.filter((c) => c.op === 'lineTo' && c.strokeStyle !== LIGHT.grid);
    for (const c of line) expect(c.args[0] as number).toBeLessThanOrEqual(Math.ceil(xUntil) + 1);
  });

  it('uses the dark palette for the dark theme', () => {
    const { ctx } = draw('reconnect-storm', { theme: 'dark' });
    expect(ctx.calls.find((c) => c.op === 'fillRect')?.fillStyle).toBe(DARK.background);
    expect(ctx.calls.some((c) => c.op === 'fill' && c.fillStyle === DARK.packetC2b)).toBe(true);
  });

  it('grows with the label size (projector mode), its labels still inside the wider gutter', () => {
    const normal = strip('reconnect-storm');
    const { ctx, s } = draw('reconnect-storm', { fontPx: 16, gutter: 204 });
    expect(s.layout.height).toBeGreaterThan(normal.layout.height);
    expect(s.layout.traffic.h).toBeGreaterThan(normal.layout.traffic.h);
    expect(ctx.texts()).toContain('connected clients');
    for (const c of ctx.calls.filter((c: Call) => c.op === 'fillText')) {
      const [text, x] = c.args as [string, number];
      expect(x + text.length * 16 * 0.58).toBeLessThanOrEqual(204);
    }
  });

  it('says "none yet" for scales of a trace with nothing in it', () => {
    const layout = fleetLayout(800, 136, 12);
    const frame = new FleetFrames().frame(
      { series: new FleetSeries(60_000), types: null, typesGeneration: 0, sampled: false },
      layout,
      0,
      60_000,
      0,
    );
    const ctx = new RecordingContext();
    drawTracks(ctx, frame, layout, fleetStyle(LIGHT, 12));
    expect(ctx.texts().filter((t) => t.includes('none yet')).length).toBe(3);
    // Track backgrounds and grid lines only: no area, bar or line.
    expect(ctx.count('rect')).toBe(0);
    expect(ctx.calls.filter((c) => c.op === 'lineTo' && c.strokeStyle !== LIGHT.grid).length).toBe(0);
  });
});
