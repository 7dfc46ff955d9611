import { describe, expect, it } from 'vitest';
import { LEGEND, LEGEND_MARKS } from '../../src/timeline/legend';
import { MARKER_SHAPES } from '../../src/timeline/render/markers';
import { PACKET_CLASSES, packetStroke } from '../../src/timeline/render/packetStyle';
import { SPAN_STATES } from '../../src/timeline/spans';
import { DARK, LIGHT, paletteFor } from '../../src/timeline/theme';
import { RecordingContext } from './support/recordingContext';

function drawn(id: string, palette = LIGHT): RecordingContext {
  const entry = LEGEND.find((e) => e.id === id);
  if (entry === undefined) throw new Error(`no legend entry ${id}`);
  const ctx = new RecordingContext();
  entry.draw(ctx, palette, 56, 28);
  return ctx;
}

function colours(ctx: RecordingContext): Set<string> {
  const out = new Set<string>();
  for (const c of ctx.calls) {
    if (c.op === 'fill' || c.op === 'fillRect') out.add(c.fillStyle);
    if (c.op === 'stroke' || c.op === 'strokeRect') out.add(c.strokeStyle);
  }
  return out;
}

describe('the legend', () => {
  it('has an entry for every kind of mark the timeline draws', () => {
    const covered = new Set(LEGEND.flatMap((e) => e.marks));
    const missing = LEGEND_MARKS.filter((m) => !covered.has(m));
    expect(missing).toEqual([]);
    // The list of marks itself follows the drawing code's own lists.
    for (const shape of MARKER_SHAPES) expect(LEGEND_MARKS).toContain(`marker:${shape}`);
    for (const cls of PACKET_CLASSES) expect(LEGEND_MARKS).toContain(`packet:${cls}`);
    for (const state of SPAN_STATES) expect(LEGEND_MARKS).toContain(`span:${state}`);
  });

  it('names only marks that exist, each entry with a name and a meaning', () => {
    for (const e of LEGEND) {
      for (const m of e.marks) expect(LEGEND_MARKS).toContain(m);
      expect(e.name.length).toBeGreaterThan(2);
      expect(e.meaning.length).toBeGreaterThan(20);
    }
  });

  it('draws every sample, balanced, inside its box', () => {
    for (const e of LEGEND) {
      const ctx = drawn(e.id);
      expect(ctx.calls.length, e.id).toBeGreaterThan(0);
      expect(ctx.balanced, e.id).toBe(true);
    }
  });

  it('draws samples in the colours the timeline uses for them, in both themes', () => {
    for (const p of [LIGHT, DARK]) {
      expect(colours(drawn('timeout', p))).toContain(p.timeout);
      expect(colours(drawn('will', p))).toContain(p.will);
      expect(colours(drawn('takeover', p))).toContain(p.takeover);
      expect(colours(drawn('band-client', p))).toContain(p.bandClient);
      expect(colours(drawn('band-broker', p))).toContain(p.bandBroker);
      expect(colours(drawn('span-half-open', p))).toContain(p.spanHalfOpen);
      expect(colours(drawn('keepalive', p))).toContain(packetStroke(p, 0, true).colour);
      expect(colours(drawn('data', p))).toContain(p.data);
      expect(colours(drawn('will-pending', p))).toContain(p.will);
    }
  });

  it('draws with the projector palette’s thicker strokes when the timeline does', () => {
    const big = paletteFor('light', 1.5);
    expect(packetStroke(big, 0, true).width).toBe(1.5 * packetStroke(LIGHT, 0, true).width);
    expect(colours(drawn('keepalive', big))).toContain(big.packetC2b);
  });
});
