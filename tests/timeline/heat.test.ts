import { describe, expect, it } from 'vitest';
import { HeatCache } from '../../src/timeline/heat';
import { HEAT_ROWS, HeatColumnBuild, buildHeatTile, laneResolutionFor } from '../../src/timeline/heatTile';
import { buildLaneLayout } from '../../src/timeline/laneLayout';
import { TILE_BUCKETS } from '../../src/timeline/lod';
import { PRIORITY_TIMEOUT } from '../../src/timeline/priority';
import { TraceStore } from '../../src/trace/store';
import { TimelineModel } from '../../src/timeline/model';

/** A whole column at once (what a frame with time to spare builds). */
function buildHeatColumn(
  ...args: ConstructorParameters<typeof HeatColumnBuild>
): ReturnType<HeatColumnBuild['finish']> {
  const build = new HeatColumnBuild(...args);
  build.step(Infinity);
  return build.finish();
}

function fleetModel(lanes: number, perLane: number): TimelineModel {
  const store = new TraceStore();
  for (let i = 0; i < perLane; i++) {
    for (let c = 1; c <= lanes; c++)
      store.packet(i * 100 + c, 'c2b', `s-${c}`, c, 'PINGREQ', i * 100 + c + 20, null);
  }
  store.append({
    t: perLane * 100,
    kind: 'timeout',
    client: 's-3',
    conn: 3,
    side: 'broker',
    keepAlive: 1,
    lastActivity: 0,
  });
  return new TimelineModel(store);
}

describe('laneResolutionFor', () => {
  it('puts several lanes in one heat row when lanes are under a pixel tall', () => {
    expect(laneResolutionFor(3)).toBe(1);
    expect(laneResolutionFor(1)).toBe(1);
    expect(laneResolutionFor(0.3)).toBe(4);
    expect(laneResolutionFor(0.01)).toBe(128);
  });
});

describe('heat tiles', () => {
  const model = fleetModel(300, 20);
  const layout = buildLaneLayout(model, new Set());

  it('count every row of the covered lanes once', () => {
    const tiles = buildHeatColumn(model, layout, 16, 0, 4, 0, 1);
    let sum = 0;
    for (const tile of tiles) for (const c of tile.counts) sum += c;
    // 20 pings per lane and one timeout.
    expect(sum).toBe(300 * 20 + 1);
  });

  it('give the same cells lane by lane as in one pass over the store', () => {
    const byColumn = buildHeatColumn(model, layout, 16, 0, 2, 0, 2);
    for (const col of byColumn) {
      const byLane = buildHeatTile(model, layout, 16, 0, 2, col.block);
      expect(Array.from(col.counts)).toEqual(Array.from(byLane.counts));
      expect(Array.from(col.marks)).toEqual(Array.from(byLane.marks));
    }
  });

  it('keep a timeout as a mark in its cell', () => {
    const [tile] = buildHeatColumn(model, layout, 16, 0, 8, 0, 0);
    // s-3 is display row 3 (row 0 is the group header): heat row 0 at 8 rows per heat row.
    const bucket = Math.floor(2000 / 16);
    expect(tile.marks[0 * TILE_BUCKETS + bucket]).toBe(PRIORITY_TIMEOUT);
    expect(tile.counts.length).toBe(HEAT_ROWS * TILE_BUCKETS);
  });

  it('cover a screen of a big fleet with a bounded number of tiles', () => {
    const cache = new HeatCache(model);
    let n = 0;
    cache.forEachTile(layout, 0, 2100, 16, 8, 0, layout.length, () => n++);
    expect(n).toBeLessThanOrEqual(2 * Math.ceil(layout.length / (8 * HEAT_ROWS)));
    expect(cache.referenceMax(16, 8)).toBeGreaterThan(0);
  });

  it('leave columns for later frames once the deadline has passed, and finish them in later calls', () => {
    const cache = new HeatCache(model);
    const tilesAt = (t1: number, deadline: number): number => {
      let n = 0;
      cache.forEachTile(layout, 0, t1, 4, 8, 0, layout.length, () => n++, deadline);
      return n;
    };
    const whole = tilesAt(2100, Infinity); // three columns of 1 024 ms, built at once
    const fresh = new HeatCache(model);
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      let n = 0;
      fresh.forEachTile(layout, 0, 2100, 4, 8, 0, layout.length, () => n++, -Infinity);
      counts.push(n);
    }
    // One column a call when time is up: the picture fills in over three calls, then stays whole.
    expect(counts[0]).toBeLessThan(whole);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts.slice(2)).toEqual([whole, whole, whole]);
    expect(fresh.behind).toBe(false);
  });

  it('show a column’s stale tiles while its new build waits for a later frame', () => {
    const store = new TraceStore();
    // K = 60 s: every tile stays open to change (not final) for 90 s after its end.
    for (let c = 1; c <= 300; c++) store.packet(c, 'c2b', `s-${c}`, c, 'CONNECT', c + 20, { keepAlive: 60 });
    for (let c = 1; c <= 300; c++) store.packet(1100 + c, 'c2b', `s-${c}`, c, 'PINGREQ', 1120 + c, null);
    const growing = new TimelineModel(store);
    const lay = buildLaneLayout(growing, new Set());
    const cache = new HeatCache(growing);
    const counted = (deadline: number): number => {
      let total = 0;
      const add = (t: { counts: Float32Array }): void => void (total += t.counts.reduce((a, b) => a + b, 0));
      cache.forEachTile(lay, 0, 3000, 4, 8, 0, lay.length, add, deadline); // columns of 1 024 ms: 0, 1, 2
      return total;
    };
    expect(counted(Infinity)).toBe(600);
    for (let c = 1; c <= 300; c++) store.packet(2100 + c, 'c2b', `s-${c}`, c, 'PINGREQ', 2120 + c, null);
    growing.update();
    // Time is up after column 0 is rebuilt: columns 1 and 2 show their old tiles, not nothing.
    expect(counted(-Infinity)).toBe(600);
    expect(cache.behind).toBe(true);
    expect(counted(Infinity)).toBe(900);
    expect(cache.behind).toBe(false);
  });

  it('read packet counts from activity data when the page does not hold the packets', () => {
    const store = new TraceStore();
    const m = new TimelineModel(store);
    m.activity = {
      bucketMs: 1000,
      buckets: 4,
      lanes: ['q-1', 'q-2'],
      counts: new Uint32Array([4, 0, 0, 0, 0, 0, 8, 0]),
    };
    const lay = buildLaneLayout(m, new Set());
    const [tile] = buildHeatColumn(m, lay, 16, 0, 1, 0, 0);
    let sum = 0;
    for (const c of tile.counts) sum += c;
    // q-1's first second (4) and q-2's third (8), both inside the tile's 4096 ms.
    expect(sum).toBeCloseTo(12, 5);
  });
});
