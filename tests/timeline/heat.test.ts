import { describe, expect, it } from 'vitest';
import {
  HEAT_ROWS,
  HeatCache,
  buildHeatColumn,
  buildHeatTile,
  laneResolutionFor,
} from '../../src/timeline/heat';
import { buildLaneLayout } from '../../src/timeline/laneLayout';
import { TILE_BUCKETS } from '../../src/timeline/lod';
import { PRIORITY_TIMEOUT } from '../../src/timeline/priority';
import { TraceStore } from '../../src/trace/store';
import { TimelineModel } from '../../src/timeline/model';

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
