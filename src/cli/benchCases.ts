// The benchmark cases of `npm run bench`. Each runs in its own Node process so that its peak memory
// is its own.

import { performance } from 'node:perf_hooks';
import { EventHeap } from '../sim/engine/eventHeap';
import { EventQueue } from '../sim/engine/eventQueue';
import { Random } from '../sim/engine/random';
import { startRun } from '../sim/run';
import { getPreset } from '../scenario/presets';
import type { Scenario } from '../scenario/types';
import { CountingSink } from '../trace/counters';
import { TraceStore } from '../trace/store';

export interface BenchResult {
  what: string;
  size: string;
  events: number;
  wallMs: number;
  /** Peak resident memory of the process, MB. */
  peakMb: number;
  note?: string;
}

/** A fleet of sensors with keep alive 60 s, QoS 1 readings every 5 min, wills, and one dashboard. */
export function fleetScenario(clients: number): Scenario {
  return {
    scenario: 1,
    name: `bench ${clients} clients`,
    seed: 1,
    durationMs: 3_600_000,
    protocol: 4,
    network: { latencyMs: 20, jitterMs: 5 },
    clients: [
      {
        id: 'sensor-{n}',
        count: clients,
        keepAlive: 60,
        connectSpreadMs: 60_000,
        will: { topic: 'fleet/{id}/status', payload: 'offline', qos: 1, retain: true },
        publish: { topic: 'fleet/{id}/temp', everyMs: 300_000, qos: 1, offsetSpreadMs: 300_000 },
      },
      { id: 'dashboard', keepAlive: 60, subscribe: ['fleet/+/status'] },
    ],
  };
}

function peakMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function fleet(clients: number, keepEvents: boolean, scenario = fleetScenario(clients)): BenchResult {
  const store = keepEvents ? new TraceStore() : null;
  const counts = new CountingSink();
  const started = performance.now();
  const sim = startRun(scenario, store ?? counts);
  sim.runToEnd();
  const wallMs = performance.now() - started;
  return {
    what: keepEvents ? 'simulate, every event kept (TraceStore)' : 'simulate, counters only',
    size: `${clients / 1000}k clients × 1 h, K = ${scenario.clients[0].keepAlive} s`,
    events: sim.eventCount,
    wallMs,
    peakMb: peakMb(),
    note: store
      ? `${store.length} trace events, store ${Math.round(store.memoryBytes() / 1e6)} MB`
      : `${counts.events} trace events`,
  };
}

/** Pop + push at a steady 400 000 pending events, times spread over a minute (a fleet's timers). */
function queue(kind: 'calendar' | 'heap'): BenchResult {
  const pending = 400_000;
  const operations = 10_000_000;
  const random = new Random(1);
  let popTime: () => number;
  let push: (t: number) => void;
  if (kind === 'calendar') {
    const q = new EventQueue();
    popTime = () => (q.pop(), q.poppedTime);
    push = (t) => q.push(t, 1, 0, 0);
  } else {
    const h = new EventHeap();
    let seq = 0;
    popTime = () => (h.pop(), h.poppedTime);
    push = (t) => h.push(t, seq++, 1, 0, 0);
  }
  for (let i = 0; i < pending; i++) push(random.next() * 60_000);
  const started = performance.now();
  for (let i = 0; i < operations; i++) push(popTime() + 1 + random.next() * 60_000);
  const wallMs = performance.now() - started;
  return {
    what: kind === 'calendar' ? 'event queue: calendar + small heap' : 'event queue: one 4-ary heap',
    size: '400k pending',
    events: operations,
    wallMs,
    peakMb: peakMb(),
    note: 'pop + push',
  };
}

export const BENCH_CASES: Record<string, () => BenchResult> = {
  'queue-calendar': () => queue('calendar'),
  'queue-heap': () => queue('heap'),
  'fleet-1k': () => fleet(1_000, false),
  'fleet-10k': () => fleet(10_000, false),
  'fleet-100k': () => fleet(100_000, false),
  'fleet-10k-kept': () => fleet(10_000, true),
  // The fleet-10k preset (K = 30 s, faults, reconnects): about 2.4 M trace events, all kept.
  'preset-fleet-10k-kept': () => fleet(10_000, true, getPreset('fleet-10k')!.scenario),
};
