import { describe, expect, it } from 'vitest';
import { ConnectedCounter, connectedAt, connectedClients } from '../../src/analysis/connected';
import { getPreset } from '../../src/scenario';
import { startRun } from '../../src/sim/run';
import { TraceStore } from '../../src/trace/store';

function run(name: string): TraceStore {
  const preset = getPreset(name);
  if (preset === undefined) throw new Error(name);
  const store = new TraceStore();
  startRun(preset.scenario, store).runToEnd();
  return store;
}

describe('connectedClients', () => {
  it('steps up as the broker accepts connections and down as it closes them', () => {
    const series = connectedClients(run('crash-vs-power-off'));
    expect(series.max).toBe(4);
    expect(connectedAt(series, 0)).toBe(0);
    expect(connectedAt(series, 10_000)).toBe(4);
    // The crash is seen at once (30.02 s); the power-off only at the keep-alive timeout (≈35 s).
    expect(connectedAt(series, 30_010)).toBe(4);
    expect(connectedAt(series, 30_100)).toBe(3);
    expect(connectedAt(series, 34_000)).toBe(3);
    expect(connectedAt(series, 36_000)).toBe(2);
    expect(connectedAt(series, 50_000)).toBe(1);
  });

  it('has strictly ascending step times', () => {
    const series = connectedClients(run('client-id-clash'));
    for (let i = 1; i < series.length; i++) expect(series.t[i]).toBeGreaterThan(series.t[i - 1]);
  });

  it('counts a take-over as one connection at the instant it happens', () => {
    const series = connectedClients(run('half-open-takeover'));
    expect(series.max).toBe(2);
    expect(connectedAt(series, 40_000)).toBe(2);
  });

  it('ignores client-side events: a half-open connection still counts', () => {
    const store = new TraceStore();
    store.append({
      t: 0,
      kind: 'conn',
      client: 'a',
      conn: 1,
      side: 'broker',
      state: 'open',
      reason: 'connect',
    });
    store.append({
      t: 5,
      kind: 'conn',
      client: 'a',
      conn: 1,
      side: 'client',
      state: 'closed',
      reason: 'network-error',
    });
    const series = connectedClients(store);
    expect(connectedAt(series, 10)).toBe(1);
  });

  it('builds the same series incrementally', () => {
    const full = run('reconnect-storm');
    const store = new TraceStore();
    const counter = new ConnectedCounter();
    for (let i = 0; i < full.length; i++) {
      store.append(full.get(i));
      if (i % 97 === 0) counter.add(store);
    }
    counter.add(store);
    const a = counter.series();
    const b = connectedClients(full);
    expect(Array.from(a.t)).toEqual(Array.from(b.t));
    expect(Array.from(a.count)).toEqual(Array.from(b.count));
  });
});
