import { describe, expect, it } from 'vitest';
import { AttentionList } from '../../../src/analysis/fleet';
import { getPreset } from '../../../src/scenario';
import { startRun } from '../../../src/sim/run';
import { TraceStore } from '../../../src/trace/store';

function run(name: string): TraceStore {
  const store = new TraceStore();
  startRun(structuredClone(getPreset(name)!.scenario), store).runToEnd();
  return store;
}

describe('AttentionList', () => {
  it('lists a client once a second connection of its is accepted (a reconnect), not for its first', () => {
    const store = run('reconnect-storm');
    const list = new AttentionList();
    list.read(store, 0, store.length);
    const all = list.list(store);
    // Every device came back after the broker restart; the broker's own fault names no client.
    expect(all.length).toBe(200);
    expect(all.every((a) => a.reasons.join() === 'reconnect')).toBe(true);
    expect(all[0].t).toBeGreaterThan(60_000);
  });

  it('reads the trace in pieces with the same result as at once, in order of first need', () => {
    const store = run('crash-vs-power-off');
    const whole = new AttentionList();
    whole.read(store, 0, store.length);
    const pieces = new AttentionList();
    for (let i = 0; i < store.length; i += 7) pieces.read(store, i, Math.min(store.length, i + 7));
    expect(pieces.list(store)).toEqual(whole.list(store));
    const names = whole.list(store).map((a) => a.client);
    expect(names).toEqual(['sensor-1', 'sensor-2', 'sensor-3']);
    expect(names).not.toContain('dashboard');
  });
});
