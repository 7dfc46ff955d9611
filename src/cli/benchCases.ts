// The benchmark cases of `npm run bench`. Each runs in its own Node process so that its peak memory
// is its own. A case that simulates a fleet names that fleet, so the bench can also run the bare loop
// of the same keep-alive model over it (bareLoop.ts) and print the ratio.

import { performance } from 'node:perf_hooks';
import { EventHeap } from '../sim/engine/eventHeap';
import { EventQueue } from '../sim/engine/eventQueue';
import { Random } from '../sim/engine/random';
import { createSimulation } from '../sim/simulation';
import { getPreset } from '../scenario/presets';
import { estimateScenarioSize } from '../scenario/size';
import { resolveScenario } from '../scenario/validate';
import type { Scenario } from '../scenario/types';
import { CountingSink } from '../trace/counters';
import { TraceStore } from '../trace/store';
import { runBareLoop } from './bareLoop';

export interface BenchResult {
  what: string;
  size: string;
  events: number;
  wallMs: number;
  /** Peak resident memory of the process, MB. */
  peakMb: number;
  note?: string;
}

export interface BenchCase {
  run(): BenchResult;
  /** The fleet this case simulates, for the bare loop; absent for cases that do not simulate. */
  fleet?: () => Scenario;
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

/**
 * The same fleet all connecting at t = 0 (a power cut, a broker restart, a rack booting), latency
 * 27 ± 22 ms (5 ms plus up to 44 ms of jitter): its pings stay in step all hour.
 */
export function synchronisedFleetScenario(clients: number): Scenario {
  const scenario = fleetScenario(clients);
  scenario.name = `bench ${clients} clients connecting at once`;
  scenario.network = { latencyMs: 5, jitterMs: 44 };
  delete scenario.clients[0].connectSpreadMs;
  return scenario;
}

function peakMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function presetScenario(name: string): Scenario {
  const preset = getPreset(name);
  if (preset === undefined) throw new Error(`no preset ${name}`);
  return structuredClone(preset.scenario);
}

/** Simulates `scenario` to its end; validation and expansion happen before the clock starts. */
function simulate(scenario: Scenario, keepEvents: boolean, size: string): BenchResult {
  const resolved = resolveScenario(scenario);
  const store = keepEvents ? new TraceStore() : null;
  // As the page does: room for the estimated run at once, so the columns are never copied.
  store?.reserve(estimateScenarioSize(scenario).events);
  const counts = new CountingSink();
  const started = performance.now();
  const sim = createSimulation(resolved, store ?? counts);
  sim.runToEnd();
  const wallMs = performance.now() - started;
  return {
    what: keepEvents ? 'simulate, every event kept (TraceStore)' : 'simulate, counters only',
    size,
    events: sim.eventCount,
    wallMs,
    peakMb: peakMb(),
    note: store
      ? `${store.length} trace events, store ${Math.round(store.memoryBytes() / 1e6)} MB`
      : `${counts.events} trace events`,
  };
}

/** The bare loop over the fleet of a case (bareLoop.ts), timed like `simulate`. */
export function bare(scenario: Scenario, queue: 'heap' | 'calendar'): BenchResult {
  const resolved = resolveScenario(scenario);
  const started = performance.now();
  const result = runBareLoop(resolved, queue);
  const wallMs = performance.now() - started;
  return {
    what: `bare loop (${queue})`,
    size: `${resolved.clients.length} clients`,
    events: result.events,
    wallMs,
    peakMb: peakMb(),
    note: `${result.packets} packets`,
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

/** A case simulating `fleet`, counters only or every event kept. */
function fleetCase(fleet: () => Scenario, size: string, keepEvents = false): BenchCase {
  return { fleet, run: () => simulate(fleet(), keepEvents, size) };
}

export const BENCH_CASES: Record<string, BenchCase> = {
  'queue-calendar': { run: () => queue('calendar') },
  'queue-heap': { run: () => queue('heap') },
  'fleet-1k': fleetCase(() => fleetScenario(1_000), '1k × 1 h, K = 60 s, connects over 60 s'),
  'fleet-10k': fleetCase(() => fleetScenario(10_000), '10k × 1 h, K = 60 s, connects over 60 s'),
  'fleet-100k': fleetCase(() => fleetScenario(100_000), '100k × 1 h, K = 60 s, connects over 60 s'),
  'fleet-100k-sync': fleetCase(
    () => synchronisedFleetScenario(100_000),
    '100k × 1 h, K = 60 s, all at t = 0, 27 ± 22 ms',
  ),
  // The preset itself: K = 60 s, 40 + 10 ms, faults and reconnects.
  'preset-fleet-100k': fleetCase(() => presetScenario('fleet-100k'), 'fleet-100k preset (1 h)'),
  'fleet-1m': fleetCase(() => fleetScenario(1_000_000), '1M × 1 h, K = 60 s, connects over 60 s'),
  'fleet-10k-kept': fleetCase(() => fleetScenario(10_000), '10k × 1 h, K = 60 s', true),
  // The fleet-10k preset (K = 30 s, faults, reconnects): about 2.4 M trace events, all kept.
  'preset-fleet-10k-kept': fleetCase(() => presetScenario('fleet-10k'), 'fleet-10k preset (1 h)', true),
};
