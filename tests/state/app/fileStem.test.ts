import { describe, expect, it } from 'vitest';
import { fileStem } from '../../../src/state/app/fileStem';

describe('a trace file name', () => {
  it('is the lower-case words of the name joined by dashes, without a trace extension', () => {
    expect(fileStem('Power loss vs crash')).toBe('power-loss-vs-crash');
    expect(fileStem('run.trace.jsonl')).toBe('run');
  });

  it('is "trace" when nothing of the name is left', () => {
    expect(fileStem('///')).toBe('trace');
  });
});
