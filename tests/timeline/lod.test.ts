import { describe, expect, it } from 'vitest';
import { getPreset } from '../../src/scenario';
import { startRun } from '../../src/sim/run';
import { TraceStore } from '../../src/trace/store';
import {
  LodCache,
  TILE_BUCKETS,
  buildTile,
  extendTile,
  groupLaneKey,
  resolutionFor,
  type LodTile,
  tileRange,
} from '../../src/timeline/lod';
import { BROKER_LANE, TimelineModel } from '../../src/timeline/model';
import { PRIORITY_PING, PRIORITY_TIMEOUT, PRIORITY_WILL } from '../../src/timeline/priority';
import { presetModel } from './support/traces';

/** A lane with `n` pings 1 ms apart, a will at 500 ms and a timeout at 502 ms. */
function denseModel(n: number): TimelineModel {
  const store = new TraceStore();
  for (let i = 0; i < n; i++) {
    if (i === 500) {
      store.append({
        t: 500,
        kind: 'will',
        client: 'dense-1',
        conn: 1,
        topic: 'x',
        qos: 0,
        retain: false,
        cause: 'keepalive-timeout',
        delayed: 0,
      });
    }
    if (i === 502) {
      store.append({
        t: 502,
        kind: 'timeout',
        client: 'dense-1',
        conn: 1,
        side: 'broker',
        keepAlive: 1,
        lastActivity: 0,
      });
    }
    store.packet(i, 'c2b', 'dense-1', 1, 'PINGREQ', i + 0.5, null);
  }
  return new TimelineModel(store);
}

describe('resolutionFor', () => {
  it('rounds ms per pixel up to a power of two', () => {
    expect(resolutionFor(1)).toBe(1);
    expect(resolutionFor(3)).toBe(4);
    expect(resolutionFor(100)).toBe(128);
    expect(resolutionFor(0.3)).toBe(0.5);
  });

  it('covers a window with whole tiles', () => {
    expect(tileRange(0, 1000, 1)).toEqual([0, Math.floor(1000 / TILE_BUCKETS)]);
  });
});

describe('buildTile', () => {
  it('keeps the most important row of each pixel bucket plus the bucket’s count', () => {
    const model = denseModel(1000);
    const lane = model.laneIndex('dense-1');
    // 8 ms per bucket: the bucket [496, 504) holds 8 pings, the will and the timeout.
    const tile = buildTile(model, lane, 8, 0);
    const j = Array.from(tile.bucket).indexOf(62);
    expect(j).toBeGreaterThanOrEqual(0);
    expect(tile.count[j]).toBe(10);
    expect(tile.priority[j]).toBe(PRIORITY_TIMEOUT);
    expect(model.store.get(tile.row[j]).kind).toBe('timeout');
    // A bucket of pings only keeps a ping and counts 8.
    expect(tile.priority[0]).toBe(PRIORITY_PING);
    expect(tile.count[0]).toBe(8);
    expect(PRIORITY_TIMEOUT).toBeGreaterThan(PRIORITY_WILL);
  });

  it('bounds a tile to one item per pixel however dense the lane', () => {
    const model = denseModel(20_000);
    const lane = model.laneIndex('dense-1');
    const tile = buildTile(model, lane, 64, 0);
    expect(tile.length).toBeLessThanOrEqual(TILE_BUCKETS);
    let sum = 0;
    for (let j = 0; j < tile.length; j++) sum += tile.count[j];
    expect(sum).toBe(tile.total);
    const t = model.columns.t;
    expect(tile.total).toBe(Array.from(model.laneRows(lane)).filter((r) => t[r] < tile.t1).length);
  });

  it('summarises the whole trace on the broker lane and a group on its aggregate row', () => {
    const model = presetModel('crash-vs-power-off');
    const res = resolutionFor(120_000 / 1000);
    let brokerTotal = 0;
    let groupTotal = 0;
    const [first, last] = tileRange(0, 120_000, res);
    for (let k = first; k <= last; k++) {
      brokerTotal += buildTile(model, BROKER_LANE, res, k).total;
      groupTotal += buildTile(model, groupLaneKey(0), res, k).total;
    }
    expect(brokerTotal).toBe(model.store.length);
    const sensors = model.groups()[0].lanes.reduce((n, l) => n + model.laneRows(l).length, 0);
    expect(groupTotal).toBe(sensors);
  });

  it('carries the lane’s deadline bands when the resolution can show them', () => {
    const model = presetModel('crash-vs-power-off');
    const lane = model.laneIndex('sensor-1');
    expect(buildTile(model, lane, 32, 0).bands?.length ?? 0).toBeGreaterThan(0);
    // 16 s per pixel: a 15 s deadline is under a pixel wide.
    expect(buildTile(model, lane, 16_384, 0).bands).toBeNull();
  });
});

describe('LodCache', () => {
  it('builds each tile once while panning back and forth', () => {
    const model = presetModel('crash-vs-power-off');
    const cache = new LodCache(model);
    const lane = model.laneIndex('sensor-1');
    const visit = (t0: number, t1: number): void => cache.forEachTile(lane, t0, t1, 64, () => undefined);
    visit(0, 60_000);
    const built = cache.builds;
    visit(10_000, 70_000);
    const afterPan = cache.builds;
    expect(afterPan - built).toBeLessThanOrEqual(2);
    visit(0, 60_000);
    expect(cache.builds).toBe(afterPan);
  });

  it('rebuilds a tile that new rows could still change, and keeps final ones', () => {
    const store = new TraceStore();
    const model = new TimelineModel(store);
    const cache = new LodCache(model);
    store.packet(0, 'c2b', 'a', 1, 'PINGREQ', 1, null);
    model.update();
    const t1 = cache.tile(0, 1, 0);
    expect(t1.final).toBe(false);
    store.packet(10, 'c2b', 'a', 1, 'PINGREQ', 11, null);
    model.update();
    const t2 = cache.tile(0, 1, 0);
    expect(t2.total).toBe(2);
    store.packet(100_000, 'c2b', 'a', 1, 'PINGREQ', 100_001, null);
    model.update();
    expect(cache.tile(0, 1, 0).final).toBe(true);
    const builds = cache.builds;
    store.packet(100_001, 'c2b', 'a', 1, 'PINGREQ', 100_002, null);
    model.update();
    cache.tile(0, 1, 0);
    expect(cache.builds).toBe(builds);
  });

  it('extends a tile with the rows appended since, to exactly the tile a fresh build gives', () => {
    const preset = getPreset('half-open-takeover');
    if (preset === undefined) throw new Error('preset');
    const store = new TraceStore();
    const sim = startRun(preset.scenario, store);
    const model = new TimelineModel(store);
    const res = 128; // a tile spans 32.8 s: most steps below land inside a tile that keeps growing
    let tiles: ReturnType<typeof buildTile>[] = [];
    let compared = 0;
    for (let t = 700; !sim.done; t += 700) {
      sim.runUntil(t);
      model.update();
      tiles = tiles.map((tile) => {
        const extended = extendTile(model, tile);
        const fresh = buildTile(model, tile.lane, tile.res, tile.index);
        expect(extended).toEqual(fresh);
        compared++;
        return extended;
      });
      if (tiles.length === 0 && model.laneCount > 0) {
        const lanes = [BROKER_LANE, ...Array.from({ length: model.laneCount }, (_, l) => l)];
        const [first, last] = tileRange(0, preset.scenario.durationMs, res);
        for (const lane of lanes)
          for (let k = first; k <= last; k++) tiles.push(buildTile(model, lane, res, k));
      }
    }
    expect(compared).toBeGreaterThan(100);
    expect(tiles.some((tile) => tile.total > 0 && tile.second.some((r) => r >= 0))).toBe(true);
  });

  it('after the store drops its oldest rows gives the tiles a fresh build of what is left gives', () => {
    const drawn = ({ version: _version, seen: _seen, ...rest }: LodTile): Omit<LodTile, 'version' | 'seen'> =>
      rest;
    const preset = getPreset('reconnect-storm');
    if (preset === undefined) throw new Error('preset');
    const store = new TraceStore();
    const sim = startRun(preset.scenario, store);
    const model = new TimelineModel(store);
    const cache = new LodCache(model);
    const res = 64; // tiles of 16.4 s
    let compared = 0;
    let shifted = 0;
    for (let t = 2000; !sim.done; t += 2000) {
      sim.runUntil(t);
      if (t % 10_000 === 0) store.dropOldest(Math.floor(store.length / 4));
      model.update();
      const builds = cache.builds;
      let asked = 0;
      const [first, last] = tileRange(model.extent[0], model.extent[1], res);
      for (const lane of [BROKER_LANE, ...Array.from({ length: model.laneCount }, (_, l) => l)]) {
        for (let k = first; k <= last; k++) {
          // What is drawn must match; `version` and `seen` are the cache's bookkeeping (a final tile keeps its own).
          expect(drawn(cache.tile(lane, res, k))).toEqual(drawn(buildTile(model, lane, res, k)));
          compared++;
          asked++;
        }
      }
      // On a drop, tiles past the front were kept (shifted), not all built again.
      if (t % 10_000 === 0 && cache.builds - builds < asked) shifted++;
    }
    expect(store.dropped).toBeGreaterThan(0);
    expect(compared).toBeGreaterThan(200);
    expect(shifted).toBeGreaterThan(0);
  });

  it('evicts the least recently used tiles beyond its limit', () => {
    const model = presetModel('basics');
    const cache = new LodCache(model, 4);
    for (let k = 0; k < 10; k++) cache.tile(0, 1, k);
    expect(cache.size).toBe(4);
  });
});
