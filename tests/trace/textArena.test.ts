import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextArena } from '../../src/trace/textArena';

describe('TextArena', () => {
  it('gives back every text exactly, lone surrogates and empty strings included', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' })), (texts) => {
        const arena = new TextArena();
        const ids = texts.map((s) => arena.add(s));
        expect(ids.map((id) => arena.get(id))).toEqual(texts);
        texts.forEach((s, i) => expect(arena.equals(ids[i], s)).toBe(true));
        arena.trim();
        expect(ids.map((id) => arena.get(id))).toEqual(texts);
      }),
    );
  });

  it('gives back a text longer than one decoding chunk', () => {
    const arena = new TextArena();
    const long = 'é'.repeat(10_000) + '\ud800';
    arena.add('a');
    expect(arena.get(arena.add(long))).toBe(long);
  });

  it('tells a different text of the same length apart', () => {
    const arena = new TextArena();
    const id = arena.add('abc');
    expect(arena.equals(id, 'abd')).toBe(false);
    expect(arena.equals(id, 'ab')).toBe(false);
  });
});
