// The time grid of the fleet view's per-interval series. A bucket is a power of ten milliseconds wide,
// the smallest that keeps a run within MAX_BUCKETS buckets: the display intervals people read well
// (100 ms, 1 s, 5 s, 15 s, 1 min, …) are then whole numbers of buckets, and the worker (packets of a
// sampled run) and the page (everything else) cut a run of the same planned length the same way.

import { PACKET_TYPES } from '../../trace/types';

/** At most this many buckets per run (the page's grid merges tenfold past it, see BucketGrid). */
export const MAX_BUCKETS = 8192;
export const MIN_BUCKET_MS = 10;

/** Packet type codes are indices in PACKET_TYPES: this many columns per bucket. */
export const PACKET_TYPE_COUNT = PACKET_TYPES.length;

/**
 * Packets sent per time bucket and packet type, over every lane:
 * counts[bucket × PACKET_TYPE_COUNT + type code] packets sent in [bucket × bucketMs, (bucket + 1) × bucketMs).
 */
export interface PacketTypeCounts {
  bucketMs: number;
  buckets: number;
  counts: Uint32Array;
}

/** The bucket width (ms) for a run of `durationMs`. */
export function fleetBucketMs(durationMs: number): number {
  const raw = (Number.isFinite(durationMs) ? Math.max(1, durationMs) : 1) / MAX_BUCKETS;
  let ms = MIN_BUCKET_MS;
  while (ms < raw) ms *= 10;
  return ms;
}

/** Empty counts covering [0, durationMs] (a packet at durationMs goes in the last bucket). */
export function emptyPacketTypeCounts(durationMs: number): PacketTypeCounts {
  const bucketMs = fleetBucketMs(durationMs);
  const buckets = Math.max(1, Math.ceil(Math.max(0, durationMs) / bucketMs));
  return { bucketMs, buckets, counts: new Uint32Array(buckets * PACKET_TYPE_COUNT) };
}

/** The traffic groups the fleet view stacks, bottom to top. */
export const TRAFFIC_GROUPS = ['keep-alive', 'data', 'connect', 'other'] as const;
export type TrafficGroup = (typeof TRAFFIC_GROUPS)[number];
export const GROUP_KEEP_ALIVE = 0;
export const GROUP_DATA = 1;
export const GROUP_CONNECT = 2;
export const GROUP_OTHER = 3;

/** The packet types of each group (every type is in exactly one). */
export const GROUP_TYPES: Readonly<Record<TrafficGroup, readonly (typeof PACKET_TYPES)[number][]>> = {
  'keep-alive': ['PINGREQ', 'PINGRESP'],
  data: ['PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'],
  connect: ['CONNECT', 'CONNACK'],
  other: ['SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'DISCONNECT', 'AUTH'],
};

/** Type code → traffic group. */
export const GROUP_OF_TYPE: Uint8Array = (() => {
  const map = new Uint8Array(PACKET_TYPE_COUNT).fill(GROUP_OTHER);
  TRAFFIC_GROUPS.forEach((g, gi) => {
    for (const type of GROUP_TYPES[g]) map[PACKET_TYPES.indexOf(type)] = gi;
  });
  return map;
})();
