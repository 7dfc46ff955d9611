import { describe, expect, it } from 'vitest';
import { StatsAccumulator, packetsByTypeName, rangeStats } from '../../src/analysis/rangeStats';
import { getPreset } from '../../src/scenario';
import { startRun } from '../../src/sim/run';
import { packetSize } from '../../src/analysis/packetSize';
import { CountingSink, TraceStore, teeSink } from '../../src/trace';
import type { PacketDetail } from '../../src/trace/types';
import { runPreset } from './helpers';

describe('rangeStats', () => {
  it('over everything equals the run totals (and the counting sink)', () => {
    for (const name of ['crash-vs-power-off', 'client-id-clash', 'persistent-session']) {
      const scenario = structuredClone(getPreset(name)!.scenario);
      const store = new TraceStore();
      const totals = new StatsAccumulator(scenario.protocol ?? 4);
      const counts = new CountingSink();
      startRun(scenario, teeSink(store, totals, counts)).runToEnd();
      const all = rangeStats(store, { t0: 0, t1: Infinity, lanes: [...store.clientIds(), 'broker'] });
      expect(all).toEqual(totals.snapshot());
      const c = counts.summary();
      expect(all.events).toBe(c.events);
      expect(all.packets).toBe(c.byKind.packet);
      expect(all.lost).toBe(c.packetsLost);
      expect(all.brokerTimeouts).toBe(c.timeouts.broker);
      expect(all.wills).toBe(c.wills);
      expect(all.takeovers).toBe(c.takeovers);
      expect(all.faults).toBe(c.faults);
    }
  });

  it('counts one lane in a window: sensor-1 pings every 10 s in basics', () => {
    const { store, header } = runPreset('basics');
    const s = rangeStats(store, { t0: 5_000, t1: 35_000, lanes: ['sensor-quiet'] }, header);
    expect(packetsByTypeName(s)).toEqual([
      { type: 'PINGREQ', count: 3 },
      { type: 'PINGRESP', count: 3 },
    ]);
    expect(s.bytes).toBe(12);
    expect(s.wills).toBe(0);
  });

  it('counts the timeout, the will and the fault of a power-off in their lane', () => {
    const { store, header } = runPreset('crash-vs-power-off');
    const s = rangeStats(store, { t0: 29_000, t1: 50_000, lanes: ['sensor-1'] }, header);
    expect(s.brokerTimeouts).toBe(1);
    expect(s.wills).toBe(1);
    expect(s.faults).toBe(1);
    const none = rangeStats(store, { t0: 50_000, t1: 29_000, lanes: [] }, header);
    expect(none.events).toBe(0);
  });

  it('sizes acknowledgements by their reason code and properties in MQTT 5, and by their type alone otherwise', () => {
    const bytes = (protocol: 4 | 5, detail: PacketDetail | null): number => {
      const totals = new StatsAccumulator(protocol);
      totals.packet(0, 'b2c', 'c', 1, 'PUBACK', 1, detail);
      return totals.snapshot().bytes;
    };
    for (const protocol of [4, 5] as const) {
      expect(bytes(protocol, null)).toBe(packetSize('PUBACK', null, protocol));
      expect(bytes(protocol, { messageId: 7 })).toBe(4);
      expect(bytes(protocol, { messageId: 7, reasonCode: 0 })).toBe(4);
    }
    // A reason code other than success, and properties, add to a v5 acknowledgement only.
    const refused: PacketDetail = { messageId: 7, reasonCode: 0x10 };
    expect(bytes(5, refused)).toBe(packetSize('PUBACK', refused, 5));
    expect(bytes(5, refused)).toBeGreaterThan(4);
    expect(bytes(4, { messageId: 7, reasonCode: 0x10 })).toBe(4);
    const withProperties: PacketDetail = {
      messageId: 7,
      reasonCode: 0x10,
      properties: { reasonString: 'no' },
    };
    expect(bytes(5, withProperties)).toBe(packetSize('PUBACK', withProperties, 5));
    expect(bytes(5, withProperties)).toBeGreaterThan(bytes(5, refused));
  });
});
