// Long client-controlled texts kept at a bounded length: short ones unchanged, long ones clipped to
// exactly the limit, two long ones with one beginning still two different texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipText } from '../../src/live/clip';

describe('clipText', () => {
  it('leaves a text within the limit as it is', () => {
    expect(clipText('sensors/1/temp', 256)).toBe('sensors/1/temp');
  });

  it('keeps the beginning of a longer text, then "…#" and a hash, the limit long', () => {
    const clipped = clipText(`flood/1/${'x'.repeat(60_000)}`, 256);
    expect(clipped).toHaveLength(256);
    expect(clipped).toMatch(/^flood\/1\/x+…#[0-9a-f]{8}$/);
  });

  it('tells apart long texts that differ only after the limit, and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 5 }),
        fc.string({ minLength: 1, maxLength: 5 }),
        (a, b) => {
          fc.pre(a !== b);
          const base = '🌡'.repeat(200);
          expect(clipText(base + a, 100)).not.toBe(clipText(base + b, 100));
          const clipped = clipText(base + a, 101);
          expect(new TextDecoder().decode(new TextEncoder().encode(clipped))).toBe(clipped);
        },
      ),
    );
  });
});
