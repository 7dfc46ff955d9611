import { describe, expect, it } from 'vitest';
import {
  LabelPlacer,
  labelWidth,
  placeLabels,
  shortenTo,
  type LabelCandidate,
} from '../../src/timeline/labelPlacement';

const bounds = { x0: 0, y0: 0, x1: 400, y1: 200 };

function candidate(over: Partial<LabelCandidate>): LabelCandidate {
  return { text: 'timeout · silent 15 s', x: 100, y: 100, gap: 5, priority: 1, fontPx: 11, row: 0, ...over };
}

describe('LabelPlacer', () => {
  it('puts a label to the right of and above its anchor when that spot is free', () => {
    const placer = new LabelPlacer(bounds);
    const p = placer.place(candidate({}));
    expect(p).not.toBeNull();
    expect(p?.x).toBeGreaterThan(100);
    expect((p?.y ?? 0) + (p?.h ?? 0)).toBeLessThanOrEqual(100);
  });

  it('moves a second label at the same anchor to another spot instead of overlapping', () => {
    const placer = new LabelPlacer(bounds);
    const a = placer.place(candidate({}));
    const b = placer.place(candidate({ text: 'will → dashboard' }));
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    if (a === null || b === null) return;
    const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    expect(overlap).toBe(false);
  });

  it('shortens a label with an ellipsis near the right edge, never past it', () => {
    const placer = new LabelPlacer(bounds);
    const p = placer.place(candidate({ x: 330, rightOnly: true }));
    expect(p?.text.endsWith('…')).toBe(true);
    expect((p?.x ?? 0) + (p?.w ?? 0)).toBeLessThanOrEqual(400);
  });

  it('drops a label that has no room at all rather than drawing it over another', () => {
    const placer = new LabelPlacer(bounds);
    placer.reserve(0, 0, 400, 200);
    expect(placer.place(candidate({}))).toBeNull();
  });

  it('keeps a one-sided label on its side (a packet label below the line stays below)', () => {
    const placer = new LabelPlacer(bounds);
    placer.reserve(0, 100, 400, 200);
    expect(placer.place(candidate({ below: true, oneSide: true, rightOnly: true }))).toBeNull();
    expect(placer.place(candidate({ below: true, rightOnly: true }))).not.toBeNull();
  });

  it('places the more important of two competing labels', () => {
    const placer = new LabelPlacer({ x0: 0, y0: 80, x1: 220, y1: 100 });
    const placed = placeLabels(placer, [
      candidate({ text: 'PINGREQ', priority: 1, oneSide: true, rightOnly: true }),
      candidate({ text: 'timeout', priority: 9, oneSide: true, rightOnly: true }),
    ]);
    expect(placed.map((l) => l.text)).toEqual(['timeout']);
  });
});

describe('labelWidth and shortenTo', () => {
  it('estimates capitals wider than lower case', () => {
    expect(labelWidth('PINGREQ', 11)).toBeGreaterThan(labelWidth('pingreq', 11));
  });

  it('shortens to the width or gives up below the shortest useful text', () => {
    const t = shortenTo('session resumed · 5 queued', 80, 11, 6);
    expect(t.endsWith('…')).toBe(true);
    expect(labelWidth(t, 11)).toBeLessThanOrEqual(80);
    expect(shortenTo('session resumed', 10, 11, 6)).toBe('');
  });
});
