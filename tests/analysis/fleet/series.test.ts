import { describe, expect, it } from 'vitest';
import { connectedClients } from '../../../src/analysis/connected';
import { PACKET_TYPE_COUNT, fleetBucketMs, MAX_BUCKETS } from '../../../src/analysis/fleet/buckets';
import {
  EVENT_BROKER_TIMEOUT,
  EVENT_CLIENT_TIMEOUT,
  EVENT_TAKEOVER,
  EVENT_WILL,
  FleetSeries,
} from '../../../src/analysis/fleet/series';
import type { GridView } from '../../../src/analysis/fleet/grid';
import { TraceStore } from '../../../src/trace/store';
import { PACKET_TYPES } from '../../../src/trace/types';
import { getPreset } from '../../../src/scenario';
import { runPreset } from '../helpers';

function cell(view: GridView, bucket: number, col: number): number {
  return view.counts[bucket * view.stride + view.offset + col];
}

function sumColumn(view: GridView, col: number): number {
  let n = 0;
  for (let b = 0; b < view.buckets; b++) n += cell(view, b, col);
  return n;
}

describe('FleetSeries', () => {
  it('counts every packet by type and time bucket, as the trace says', () => {
    const { store } = runPreset('reconnect-storm');
    const durationMs = getPreset('reconnect-storm')!.scenario.durationMs;
    const series = new FleetSeries(durationMs);
    series.update(store);
    const view = series.packetCounts();
    expect(view.bucketMs).toBe(fleetBucketMs(durationMs));
    const expected = new Map<string, number>();
    for (const e of store) {
      if (e.kind !== 'packet') continue;
      const key = `${Math.floor(e.t / view.bucketMs)}:${PACKET_TYPES.indexOf(e.type)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    let total = 0;
    for (let b = 0; b < view.buckets; b++)
      for (let type = 0; type < PACKET_TYPE_COUNT; type++) {
        const n = cell(view, b, type);
        expect(n).toBe(expected.get(`${b}:${type}`) ?? 0);
        total += n;
      }
    expect(total).toBe(series.totals().packets);
  });

  it('reads only the rows appended since the last call, in slices, and ends where one pass does', () => {
    const { store: full } = runPreset('client-id-clash');
    const whole = new FleetSeries(60_000);
    whole.update(full);
    const store = new TraceStore();
    const sliced = new FleetSeries(60_000);
    for (let i = 0; i < full.length; i++) {
      store.append(full.get(i));
      if (i % 37 === 0) while (sliced.update(store, 5) > 0);
    }
    // Rows appended after the last look are still pending.
    const pending = sliced.pendingRows(store);
    expect(pending).toBe((full.length - 1) % 37);
    expect(sliced.update(store, 3)).toBe(Math.min(3, pending));
    while (sliced.update(store, 64) > 0);
    expect(sliced.pendingRows(store)).toBe(0);
    expect(Array.from(sliced.packetCounts().counts)).toEqual(Array.from(whole.packetCounts().counts));
    expect(sliced.totals()).toEqual(whole.totals());
    expect(Array.from(sliced.delays())).toEqual(Array.from(whole.delays()));
  });

  it('counts broker and client timeouts, wills and take-overs per bucket, with their totals', () => {
    for (const name of ['crash-vs-power-off', 'half-open-takeover', 'client-id-clash']) {
      const { store } = runPreset(name);
      const series = new FleetSeries(120_000);
      series.update(store);
      let broker = 0;
      let client = 0;
      let wills = 0;
      let takeovers = 0;
      for (const e of store) {
        if (e.kind === 'timeout' && e.side === 'broker') broker++;
        if (e.kind === 'timeout' && e.side === 'client') client++;
        if (e.kind === 'will') wills++;
        if (e.kind === 'takeover') takeovers++;
      }
      const events = series.eventCounts();
      expect(sumColumn(events, EVENT_BROKER_TIMEOUT)).toBe(broker);
      expect(sumColumn(events, EVENT_CLIENT_TIMEOUT)).toBe(client);
      expect(sumColumn(events, EVENT_WILL)).toBe(wills);
      expect(sumColumn(events, EVENT_TAKEOVER)).toBe(takeovers);
      expect(series.totals()).toMatchObject({
        brokerTimeouts: broker,
        clientTimeouts: client,
        wills,
        takeovers,
      });
    }
  });

  it("measures the broker's detection delay from the last packet it received to its timeout", () => {
    // sensor-1 loses power at 30 s with keep alive 10 s: the spec broker waits exactly 1.5 × 10 s.
    const { store } = runPreset('crash-vs-power-off');
    const series = new FleetSeries(120_000);
    series.update(store);
    expect(Array.from(series.delays())).toEqual([15_000]);
    const timeout = [...store].find((e) => e.kind === 'timeout');
    expect(timeout?.kind === 'timeout' && timeout.t - timeout.lastActivity).toBe(15_000);
  });

  it('keeps the same connected-clients series as analysis/connected', () => {
    const { store } = runPreset('reconnect-storm');
    const series = new FleetSeries(180_000);
    series.update(store);
    const a = series.connected();
    const b = connectedClients(store);
    expect(Array.from(a.t)).toEqual(Array.from(b.t));
    expect(Array.from(a.count)).toEqual(Array.from(b.count));
    expect(a.max).toBe(200);
  });

  it('grows past its planned length, merging ten buckets into one beyond MAX_BUCKETS', () => {
    const store = new TraceStore();
    const series = new FleetSeries(60_000);
    expect(series.packetCounts().bucketMs).toBe(10);
    for (let t = 0; t < 200_000; t += 250) store.packet(t, 'c2b', 'a', 1, 'PINGREQ', t + 20, null);
    series.update(store);
    const view = series.packetCounts();
    expect(view.bucketMs).toBe(100);
    expect(view.buckets).toBeLessThanOrEqual(MAX_BUCKETS);
    const ping = PACKET_TYPES.indexOf('PINGREQ');
    expect(sumColumn(view, ping)).toBe(800);
    // 250 ms apart: buckets of 100 ms hold 0, 1 or 1 pings (never two).
    expect(cell(view, 0, ping)).toBe(1);
    expect(cell(view, 1, ping)).toBe(0);
    expect(cell(view, 2, ping)).toBe(1);
  });

  it('follows a bounded live trace that drops its oldest rows, keeping what they counted', () => {
    const store = new TraceStore();
    const series = new FleetSeries(null);
    for (let i = 0; i < 10; i++) store.packet(i * 1000, 'c2b', 'a', 1, 'PINGREQ', i * 1000 + 5, null);
    series.update(store);
    store.dropOldest(6);
    for (let i = 10; i < 15; i++) store.packet(i * 1000, 'c2b', 'a', 1, 'PINGREQ', i * 1000 + 5, null);
    expect(series.pendingRows(store)).toBe(5);
    series.update(store);
    expect(series.pendingRows(store)).toBe(0);
    expect(series.totals().packets).toBe(15);
    expect(series.lastTime).toBe(14_000);
  });
});
