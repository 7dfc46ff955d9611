import { describe, expect, it } from 'vitest';
import { measureKeepAlive } from '../../../src/analysis/keepAlive';
import type { Scenario } from '../../../src/scenario/types';
import type { PacketEvent, PacketType, TraceEvent } from '../../../src/trace/types';

const scenario: Scenario = {
  scenario: 1,
  name: 'three sensors',
  seed: 1,
  durationMs: 60_000,
  clients: [{ id: 's{n}', count: 3, keepAlive: 10 }],
};

function packet(
  t: number,
  dir: 'c2b' | 'b2c',
  client: string,
  conn: number,
  type: PacketType,
  arrive: number | null,
): PacketEvent {
  return { t, kind: 'packet', dir, client, conn, type, arrive };
}

/** s1: publishes once, pings twice (answered), one lost PINGREQ after, then loses power at 25 s. */
const trace: TraceEvent[] = [
  packet(0, 'c2b', 's1', 1, 'CONNECT', 10),
  packet(0, 'c2b', 's2', 2, 'CONNECT', 10),
  packet(10, 'b2c', 's1', 1, 'CONNACK', 20),
  packet(10, 'b2c', 's2', 2, 'CONNACK', 20),
  packet(20, 'c2b', 's1', 1, 'PUBLISH', 30),
  packet(10_020, 'c2b', 's1', 1, 'PINGREQ', 10_030),
  packet(10_030, 'b2c', 's1', 1, 'PINGRESP', 10_040),
  packet(20_020, 'c2b', 's1', 1, 'PINGREQ', 20_030),
  packet(20_030, 'b2c', 's1', 1, 'PINGRESP', 20_040),
  packet(22_000, 'c2b', 's1', 1, 'PINGREQ', null),
  { t: 25_000, kind: 'fault', target: 's1', fault: 'power-off' },
  { t: 26_000, kind: 'fault', target: 's2', fault: 'power-off' },
  // s3 never connected: nothing for the broker to notice.
  { t: 27_000, kind: 'fault', target: 's3', fault: 'power-off' },
  { t: 35_030, kind: 'timeout', client: 's1', conn: 1, side: 'broker', keepAlive: 10, lastActivity: 20_030 },
  {
    t: 35_030,
    kind: 'conn',
    client: 's1',
    conn: 1,
    side: 'broker',
    state: 'closed',
    reason: 'keepalive-timeout',
  },
];

describe('measureKeepAlive', () => {
  it('times each power-off to the broker closing that connection', () => {
    const m = measureKeepAlive(trace, scenario);
    expect(m.detection.samples).toEqual([10.03]);
    expect(m.detection).toMatchObject({ best: 10.03, mean: 10.03, worst: 10.03 });
  });

  it('counts a power-off the broker never noticed as undetected, and ignores a device already offline', () => {
    expect(measureKeepAlive(trace, scenario).detection.undetected).toBe(1);
  });

  it('counts only PINGREQs that arrived and the PINGRESPs that answered them, over whole cycles', () => {
    // From the publish at 20 ms to the last packet at 22 000 ms: two exchanges (4 packets of 42 bytes).
    const m = measureKeepAlive(trace, scenario, { overheadBytes: 40, fleetSize: 10 });
    expect(m.observedDeviceS).toBeCloseTo(21.98, 9);
    expect(m.pingBytesPerDevicePerDay).toBeCloseTo((4 * 42 * 86_400) / 21.98, 6);
    expect(m.pingBytesPerFleetPerDay).toBeCloseTo((10 * 4 * 42 * 86_400) / 21.98, 4);
    expect(m.brokerPacketsPerS).toBeCloseTo((10 * 4) / 21.98, 9);
  });

  it('reports nothing measured for an empty trace', () => {
    const m = measureKeepAlive([], scenario);
    expect(m.detection).toEqual({ samples: [], best: null, mean: null, worst: null, undetected: 0 });
    expect(m.pingBytesPerDevicePerDay).toBe(0);
    expect(m.observedDeviceS).toBe(0);
  });
});
