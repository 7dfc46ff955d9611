import { describe, expect, it } from 'vitest';
import { PACKET_TYPE_COUNT, fleetBucketMs } from '../../src/analysis/fleet/buckets';
import { PACKET_TYPE_INDEX } from '../../src/trace/codes';
import type { PacketType } from '../../src/trace/types';
import {
  ActivityCounter,
  activityTransfers,
  mergeActivity,
  packActivity,
  unpackActivity,
} from '../../src/worker/activity';
import { BatchSink } from '../../src/worker/batchSink';

const code = (type: PacketType): number => PACKET_TYPE_INDEX.get(type) ?? -1;

function typeCount(counts: Uint32Array, bucket: number, type: PacketType): number {
  return counts[bucket * PACKET_TYPE_COUNT + code(type)];
}

describe('ActivityCounter packet types', () => {
  it('counts the packets of lanes the page does not keep, by type, on the fleet grid', () => {
    const counter = new ActivityCounter(['a', 'b', 'c'], 60_000);
    const sink = new BatchSink();
    sink.sample(['a'], counter);
    sink.packet(500, 'c2b', 'a', 1, 'PINGREQ', 520, null);
    sink.packet(505, 'b2c', 'b', 2, 'PINGRESP', 540, null);
    sink.packet(1_500, 'c2b', 'c', 3, 'PUBLISH', 1_520, { topic: 't', qos: 0, retain: false, payload: 'x' });
    // Only lane a's packet is sent to the page; every packet is counted.
    expect(sink.take()?.length).toBe(1);
    const types = counter.types;
    expect(types.bucketMs).toBe(fleetBucketMs(60_000));
    const b0 = Math.floor(500 / types.bucketMs);
    expect(typeCount(types.counts, b0, 'PINGREQ')).toBe(1);
    expect(typeCount(types.counts, b0, 'PINGRESP')).toBe(1);
    expect(typeCount(types.counts, Math.floor(1_500 / types.bucketMs), 'PUBLISH')).toBe(1);
    expect(types.counts.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('counts each client in its own lane, whatever order the clients first appear in', () => {
    const counter = new ActivityCounter(['a', 'b', 'c', 'd'], 60_000);
    const sink = new BatchSink();
    sink.sample([], counter);
    // In the lanes' order, then out of it, then a client with no lane, then in order again.
    const order = ['a', 'b', 'd', 'd', 'c', 'x', 'a'];
    order.forEach((id, i) => sink.packet(i, 'c2b', id, i + 1, 'PINGREQ', i + 0.5, null));
    const counts = counter.snapshot().counts;
    const lane = (l: number): number => counts[l * counter.buckets];
    expect([0, 1, 2, 3].map(lane)).toEqual([2, 1, 1, 2]);
  });

  it('puts a packet at the end of the run in the last bucket', () => {
    const counter = new ActivityCounter(['a'], 10_000);
    counter.add(0, 10_000, code('PINGREQ'));
    const types = counter.types;
    expect(typeCount(types.counts, types.buckets - 1, 'PINGREQ')).toBe(1);
  });

  it('sends only the changed type buckets, and merging them rebuilds the counts', () => {
    const counter = new ActivityCounter(['a', 'b'], 120_000);
    const page = unpackActivity(packActivity(counter.snapshot()));
    counter.add(0, 1_000, code('PINGREQ'));
    counter.add(1, 61_000, code('CONNECT'));
    const first = counter.takeDirty()!;
    expect(first.types?.from).toBe(Math.floor(1_000 / counter.types.bucketMs));
    expect(first.types?.counts.length).toBe(first.types!.span * PACKET_TYPE_COUNT);
    mergeActivity(page, first.from, first.span, first.counts, first.types);
    counter.add(1, 61_000, code('CONNACK'));
    const second = counter.takeDirty()!;
    expect(second.types?.span).toBe(1);
    mergeActivity(page, second.from, second.span, second.counts, second.types);
    expect(page.types?.counts).toEqual(counter.types.counts);
    expect(page.counts).toEqual(counter.snapshot().counts);
    expect(counter.takeDirty()).toBeNull();
  });

  it('hands out the whole grid as zeros before any packet, and what was counted after one', () => {
    const counter = new ActivityCounter(['a', 'b', 'c'], 60_000);
    const empty = counter.snapshot().counts;
    expect(empty.length).toBe(3 * counter.buckets);
    expect(empty.every((n) => n === 0)).toBe(true);
    counter.add(2, 0, code('PINGREQ'));
    const counted = counter.snapshot().counts;
    // Lane-major: lane c's first bucket.
    expect(counted[2 * counter.buckets]).toBe(1);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('keeps counting after a snapshot without touching the copy, whose buffers all transfer', () => {
    const counter = new ActivityCounter(['a'], 60_000);
    const copy = counter.snapshot();
    counter.add(0, 5, code('PINGREQ'));
    expect(copy.types?.counts.reduce((a, b) => a + b, 0)).toBe(0);
    const packed = packActivity(copy);
    expect(activityTransfers(packed)).toEqual([copy.counts.buffer, copy.types?.counts.buffer]);
  });

  it('merges lane counts as before when a delta carries no types', () => {
    const counter = new ActivityCounter(['a'], 60_000);
    const page = unpackActivity(packActivity(counter.snapshot()));
    counter.add(0, 100, code('PINGREQ'));
    const d = counter.takeDirty()!;
    mergeActivity(page, d.from, d.span, d.counts);
    expect(page.counts).toEqual(counter.snapshot().counts);
    expect(page.types?.counts.reduce((a, b) => a + b, 0)).toBe(0);
    expect(page.generation).toBe(1);
  });

  it('counts a stream of packets in time order in the same buckets as one division each, and marks them changed after every take', () => {
    const lanes = ['a', 'b', 'c'];
    const counter = new ActivityCounter(lanes, 3_600_000);
    const expected = new Uint32Array(lanes.length * counter.buckets);
    const expectedTypes = new Uint32Array(counter.types.counts.length);
    const page = unpackActivity(packActivity(counter.snapshot()));
    // Times that land on and around bucket edges of both grids, and past the run's end.
    const times: number[] = [];
    for (let t = 0; t <= 3_700_000; t += counter.bucketMs / 3) times.push(t, t + 0.001);
    for (const edge of [counter.bucketMs, counter.types.bucketMs]) times.push(edge - 0.001, edge, edge);
    times.sort((x, y) => x - y);
    times.forEach((t, i) => {
      const lane = (i % 4) - 1; // -1: a client without a lane
      const type = i % PACKET_TYPE_COUNT;
      counter.add(lane, t, type);
      const b = Math.min(counter.buckets - 1, Math.floor(t / counter.bucketMs));
      if (lane >= 0) expected[b * lanes.length + lane]++;
      const types = counter.types;
      const tb = Math.min(types.buckets - 1, Math.floor(t / types.bucketMs));
      expectedTypes[tb * PACKET_TYPE_COUNT + type]++;
      // The page takes what changed now and then, in the middle of a bucket too.
      if (i % 7 === 0) {
        const d = counter.takeDirty();
        if (d !== null) mergeActivity(page, d.from, d.span, d.counts, d.types);
      }
    });
    const d = counter.takeDirty();
    if (d !== null) mergeActivity(page, d.from, d.span, d.counts, d.types);
    const laneMajor = counter.snapshot().counts;
    for (let lane = 0; lane < lanes.length; lane++)
      for (let b = 0; b < counter.buckets; b++)
        expect(laneMajor[lane * counter.buckets + b]).toBe(expected[b * lanes.length + lane]);
    expect(counter.types.counts).toEqual(expectedTypes);
    // Everything counted reached the page.
    expect(page.counts).toEqual(laneMajor);
    expect(page.types?.counts).toEqual(expectedTypes);
  });
});
