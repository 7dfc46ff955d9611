import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/analysis/explain';
import { TimelineModel } from '../../../src/timeline/model';
import { describeRow, rowLabel } from '../../../src/timeline/render/labels';
import { parseTrace } from '../../../src/trace/parse';
import { TraceStore } from '../../../src/trace/store';

// Live mode's own connection, lost and retried twice: the second retry waited twice as long.
function reconnects(): TimelineModel {
  const store = new TraceStore();
  store.event({
    t: 1000,
    kind: 'fault',
    target: 'lab-1',
    fault: 'connect',
    source: 'live',
    attempt: 1,
    backoffMs: 1000,
  });
  store.event({
    t: 3000,
    kind: 'fault',
    target: 'lab-1',
    fault: 'connect',
    source: 'live',
    attempt: 2,
    backoffMs: 2000,
  });
  store.event({ t: 4000, kind: 'fault', target: 'sensor-1', fault: 'crash' });
  return new TimelineModel(store, { durationMs: 5000 });
}

describe('row labels', () => {
  it('name a live reconnect by its attempt and the backoff it waited', () => {
    const m = reconnects();
    expect([0, 1, 2].map((row) => rowLabel(m, row))).toEqual([
      'reconnect 1 · after 1 s',
      'reconnect 2 · after 2 s',
      'crash',
    ]);
    expect(describeRow(m, 1)).toMatch(/^reconnect lab-1: attempt 2 after a backoff of 2(\.0+)? s$/);
  });

  it('the inspector says why the client waited', () => {
    const m = reconnects();
    const x = explain(m.store, 1, null);
    expect(x.fields).toContainEqual({ name: 'attempt', value: '2' });
    expect(x.fields).toContainEqual({ name: 'backoff', value: '2.000 s' });
    expect(x.why).toMatch(
      /attempt 2 since its last good connection, after waiting 2\.000 s\. The wait doubles/,
    );
  });

  it('an imported trace may carry them, but only as numbers', () => {
    const header = JSON.stringify({ trace: 1, source: 'live', startedAt: '2026-12-07T00:00:00.000Z' });
    const ok = `${header}\n{"t":1,"kind":"fault","target":"lab-1","fault":"connect","attempt":3,"backoffMs":4000,"source":"live"}\n`;
    expect(parseTrace(ok).events[0]).toMatchObject({ attempt: 3, backoffMs: 4000 });
    const bad = `${header}\n{"t":1,"kind":"fault","target":"lab-1","fault":"connect","attempt":"<b>3</b>","source":"live"}\n`;
    expect(() => parseTrace(bad)).toThrow(/line 2.*attempt/);
  });
});
