import { describe, expect, it } from 'vitest';
import { getPreset, type Scenario } from '../../src/scenario';
import { runToJsonl, simulationHeader } from '../../src/sim/run';
import { TraceStore } from '../../src/trace';
import { RunClients, applyBatch } from '../../src/worker/applyBatch';
import { formatTraceChunks } from '../../src/trace/format';
import { mergeActivity, unpackActivity } from '../../src/worker/activity';
import { BatchSink } from '../../src/worker/batchSink';
import { estimateEvents, keptLanes } from '../../src/worker/budget';
import type { FromWorker, LaneActivity, ToWorker } from '../../src/worker/protocol';
import { SimRunner } from '../../src/worker/runner';
import { resolveScenario } from '../../src/scenario';
import { FakeHost } from './support/fakeHost';
import { PACKET_TYPE_COUNT, fleetBucketMs } from '../../src/analysis/fleet/buckets';
import { PACKET_TYPES, type TraceEvent } from '../../src/trace/types';

/** The page side: applies batches to a store, as the app does. */
class Page {
  readonly store = new TraceStore();
  readonly clients = new RunClients();
  header: unknown = null;
  activity: LaneActivity | null = null;
  seen = 0;
  constructor(
    private readonly host: FakeHost,
    private readonly runner: SimRunner,
  ) {}
  pump(): void {
    for (; this.seen < this.host.messages.length; this.seen++) {
      const m = this.host.messages[this.seen];
      if (m.type === 'started') {
        this.header = m.header;
        this.activity = m.activity === null ? null : unpackActivity(m.activity);
      }
      if (m.type === 'batch') {
        applyBatch(this.store, this.clients, m.batch);
        this.runner.handle({ type: 'ack', rows: m.batch.length });
      }
      if (m.type === 'activity' && this.activity !== null)
        mergeActivity(this.activity, m.from, m.span, m.counts, m.types);
      if (m.type === 'error') throw new Error(m.message);
    }
  }
  send(msg: ToWorker): void {
    this.runner.handle(msg);
  }
  run(until = Infinity): void {
    for (let i = 0; i < 100000; i++) {
      this.pump();
      const before = this.host.messages.length;
      this.host.drain(until, 1);
      this.pump();
      if (this.host.messages.length === before && this.host.clock >= until) return;
      if (this.host.messages.length === before && !this.hasTimers()) return;
    }
  }
  private hasTimers(): boolean {
    return (this.host as unknown as { timers: { live: boolean }[] }).timers.some((t) => t.live);
  }
  progress(): Extract<FromWorker, { type: 'batch' }>['progress'] {
    for (let i = this.host.messages.length - 1; i >= 0; i--) {
      const m = this.host.messages[i];
      if (m.type === 'batch' || m.type === 'progress') return m.progress;
    }
    throw new Error('no progress yet');
  }
  last<T extends FromWorker['type']>(type: T): Extract<FromWorker, { type: T }> | undefined {
    const all = this.host.messages.filter((m) => m.type === type);
    return all[all.length - 1] as Extract<FromWorker, { type: T }> | undefined;
  }
}

function setup(): { host: FakeHost; runner: SimRunner; page: Page } {
  const host = new FakeHost();
  const runner = new SimRunner(host);
  return { host, runner, page: new Page(host, runner) };
}

const preset = (name: string): Scenario => structuredClone(getPreset(name)!.scenario);

function cliTrace(scenario: Scenario): string {
  const lines: string[] = [];
  runToJsonl(scenario, (l) => lines.push(l));
  return lines.join('');
}

describe('the worker run loop', () => {
  it('streams a whole run as fast as possible; the page store formats to the CLI trace', () => {
    for (const name of ['basics', 'client-id-clash', 'reconnect-storm']) {
      const { page } = setup();
      const scenario = preset(name);
      page.send({ type: 'start', runId: 1, scenario, playing: true, speed: 'max' });
      page.run();
      expect(page.progress().done).toBe(true);
      expect(page.store.toJsonl(simulationHeader(scenario))).toBe(cliTrace(scenario));
    }
  });

  it('advances the simulated clock at N × wall time and stops on pause', () => {
    const { host, page } = setup();
    page.send({ type: 'start', runId: 1, scenario: preset('basics'), playing: true, speed: 10 });
    page.run(1000);
    const at1s = page.progress();
    expect(at1s?.now).toBeGreaterThan(9_000);
    expect(at1s?.now).toBeLessThanOrEqual(10_000);
    page.send({ type: 'pause' });
    const paused = page.progress();
    expect(paused.playing).toBe(false);
    host.clock += 5_000;
    page.run(host.clock + 5_000);
    expect(page.progress().now).toBe(paused.now);
  });

  it('steps to the next event', () => {
    const { page } = setup();
    page.send({ type: 'start', runId: 1, scenario: preset('basics'), playing: false, speed: 1 });
    page.run();
    expect(page.store.length).toBe(0);
    page.send({ type: 'step' });
    page.pump();
    expect(page.store.length).toBeGreaterThan(0);
    const n = page.store.length;
    page.send({ type: 'step' });
    page.pump();
    expect(page.store.length).toBeGreaterThan(n);
  });

  it('seeks forward as fast as possible, then keeps its play state', () => {
    const { page } = setup();
    page.send({ type: 'start', runId: 1, scenario: preset('basics'), playing: false, speed: 1 });
    page.send({ type: 'seek', t: 30_000 });
    page.run();
    const p = page.progress();
    expect(p.now).toBe(30_000);
    expect(p.playing).toBe(false);
  });

  it('reports the end of a seek even when its last stretch makes no event', () => {
    const { host, page } = setup();
    host.msPerLook = 5; // a seek over several slices, the last one quiet and soon after a batch
    const quiet: Scenario = {
      scenario: 1,
      name: 'quiet',
      seed: 1,
      durationMs: 120_000,
      protocol: 4,
      network: { latencyMs: 20 },
      clients: [{ id: 'sensor-1', keepAlive: 60 }], // nothing happens between its CONNACK and 60 s
    };
    page.send({ type: 'start', runId: 1, scenario: quiet, playing: false, speed: 1 });
    page.send({ type: 'seek', t: 30_000 });
    page.run();
    const p = page.progress();
    expect(p.now).toBe(30_000);
    expect(p.playing).toBe(false);
  });

  it('plays up to a given time at N × wall time and pauses exactly there (a lesson moving to its moment)', () => {
    const { host, page } = setup();
    page.send({ type: 'start', runId: 1, scenario: preset('basics'), playing: false, speed: 1 });
    page.send({ type: 'play', speed: 5, untilMs: 20_000 });
    page.run(2_000);
    // Two wall seconds at 5×: still on its way.
    expect(page.progress().now).toBeLessThan(20_000);
    expect(page.progress().playing).toBe(true);
    page.run(host.clock + 5_000);
    const p = page.progress();
    expect(p.now).toBe(20_000);
    expect(p.playing).toBe(false);
    // It stays there.
    page.run(host.clock + 5_000);
    expect(page.progress().now).toBe(20_000);
    // What it holds is the trace up to there: a prefix of the whole run's, nothing after 20 s.
    const ts = [...page.store].map((e) => e.t);
    expect(Math.max(...ts)).toBeLessThanOrEqual(20_000);
    const all = cliTrace(preset('basics')).split('\n').slice(1, -1);
    const held = page.store.length;
    expect(held).toBeGreaterThan(20);
    expect(
      [...formatTraceChunks(simulationHeader(preset('basics')), page.store)]
        .join('')
        .split('\n')
        .slice(1, -1),
    ).toEqual(all.slice(0, held));
  });

  it('starts with untilMs (a seek back replays to that time)', () => {
    const { page } = setup();
    page.send({
      type: 'start',
      runId: 1,
      scenario: preset('basics'),
      playing: false,
      speed: 1,
      untilMs: 12_000,
    });
    page.run();
    expect(page.progress().now).toBe(12_000);
  });

  it('injects a fault as a scenario event; the streamed trace equals a re-run of the new scenario', () => {
    const { page } = setup();
    const scenario = preset('basics');
    page.send({ type: 'start', runId: 1, scenario, playing: false, speed: 1, untilMs: 12_345.7 });
    page.run();
    page.send({ type: 'inject', requestId: 5, client: 'sensor-quiet', fault: 'power-off' });
    page.pump();
    const injected = page.last('injected');
    expect(injected?.requestId).toBe(5);
    expect(injected?.event).toEqual({ atMs: 12_346.5, client: 'sensor-quiet', do: 'power-off' });
    page.send({ type: 'inject', requestId: 6, client: 'nobody', fault: 'crash' });
    expect(page.last('inject-failed')?.message).toMatch(/events\[1\]\.client: no client with that ID/);
    page.send({ type: 'play', speed: 'max' });
    page.run();
    const withFault: Scenario = { ...scenario, events: [injected!.event] };
    const text = page.store.toJsonl(simulationHeader(withFault));
    expect(text).toBe(cliTrace(withFault));
    expect(text).toContain('"kind":"fault","target":"sensor-quiet","fault":"power-off"');
    expect(text).toContain('"kind":"timeout"');
  });

  it('refuses a fault after the end', () => {
    const { page } = setup();
    page.send({ type: 'start', runId: 1, scenario: preset('basics'), playing: true, speed: 'max' });
    page.run();
    page.send({ type: 'inject', requestId: 1, client: 'sensor-quiet', fault: 'crash' });
    expect(page.last('inject-failed')?.message).toMatch(/ended/);
  });

  it('samples a run above the budget: all events, packets of kept lanes, activity for every lane', () => {
    const { page } = setup();
    const scenario = preset('reconnect-storm');
    page.send({ type: 'start', runId: 1, scenario, playing: true, speed: 'max', budget: 100 });
    page.run();
    const started = page.last('started')!;
    expect(started.mode).toBe('sampled');
    expect(page.activity?.lanes.length).toBe(200);
    const full = new TraceStore();
    const lines = cliTrace(scenario).split('\n').slice(1, -1);
    let nonPackets = 0;
    for (const l of lines) if (!l.includes('"kind":"packet"')) nonPackets++;
    let storeNonPackets = 0;
    for (const e of page.store) if (e.kind !== 'packet') storeNonPackets++;
    expect(storeNonPackets).toBe(nonPackets);
    void full;
    // Every packet is counted in the activity.
    const counted = page.activity!.counts.reduce((a, b) => a + b, 0);
    expect(counted).toBe(lines.length - nonPackets);
    const last = page.progress();
    expect(last.events).toBe(lines.length);
  });

  it('counts every packet of a sampled run by type and time bucket, kept lanes or not', () => {
    const { page } = setup();
    const scenario = preset('reconnect-storm');
    page.send({ type: 'start', runId: 1, scenario, playing: true, speed: 'max', budget: 100 });
    page.run();
    const types = page.activity!.types!;
    expect(types.bucketMs).toBe(fleetBucketMs(scenario.durationMs));
    const expected = new Uint32Array(types.buckets * PACKET_TYPE_COUNT);
    for (const line of cliTrace(scenario).split('\n').slice(1, -1)) {
      const e = JSON.parse(line) as TraceEvent;
      if (e.kind !== 'packet') continue;
      const bucket = Math.min(types.buckets - 1, Math.floor(e.t / types.bucketMs));
      expected[bucket * PACKET_TYPE_COUNT + PACKET_TYPES.indexOf(e.type)]++;
    }
    expect(types.counts).toEqual(expected);
  });

  it('waits for the page when too many rows are in flight, and goes on when it acknowledges them', () => {
    const host = new FakeHost();
    // Work takes wall time, so rows go out in batches as the run goes (not all at its end).
    host.msPerLook = 5;
    const runner = new SimRunner(host);
    const scenario = preset('reconnect-storm');
    runner.handle({ type: 'start', runId: 1, scenario, playing: true, speed: 'max', maxInFlight: 1000 });
    host.drain();
    const sent = (): number =>
      host.messages.reduce((n, m) => n + (m.type === 'batch' ? m.batch.length : 0), 0);
    const total = cliTrace(scenario).split('\n').length - 2;
    const stalled = sent();
    expect(stalled).toBeGreaterThan(1000);
    expect(stalled).toBeLessThan(total);
    runner.handle({ type: 'ack', rows: stalled });
    host.drain();
    expect(sent()).toBeGreaterThan(stalled);
    for (let i = 0; i < 100 && sent() < total; i++) {
      runner.handle({ type: 'ack', rows: 1_000_000 });
      host.drain();
    }
    expect(sent()).toBe(total);
  });
});

describe('worker helpers', () => {
  it('takes rows in batches of at most N objects that rebuild the same trace', () => {
    const whole = new BatchSink();
    const split = new BatchSink();
    for (const sink of [whole, split]) {
      for (let i = 0; i < 20; i++) {
        sink.packet(i, 'c2b', `c-${i % 3}`, 1, 'PINGREQ', i + 0.5, null);
        sink.packet(i, 'b2c', `c-${i % 3}`, 1, 'CONNACK', i + 0.5, { sessionPresent: false, reasonCode: 0 });
        sink.event({ t: i, kind: 'session', client: `c-${i % 4}`, state: 'resumed', queued: i });
        // Coded in the row: no object travels.
        sink.event({ t: i, kind: 'session', client: `c-${i % 4}`, state: 'created' });
      }
    }
    const a = new TraceStore();
    const b = new TraceStore();
    applyBatch(a, new RunClients(), whole.take()!);
    const clients = new RunClients();
    let batches = 0;
    for (let batch = split.take(7); batch !== null; batch = split.length > 0 ? split.take(7) : null) {
      expect(batch.details.length + batch.objects.length).toBeLessThanOrEqual(7);
      applyBatch(b, clients, batch);
      batches++;
    }
    expect(batches).toBe(Math.ceil(40 / 7));
    expect(b.length).toBe(80);
    for (let i = 0; i < 80; i++) expect(b.get(i)).toEqual(a.get(i));
  });

  it('estimates fleet sizes', () => {
    const ten = estimateEvents(resolveScenario(preset('fleet-10k')));
    expect(ten).toBeGreaterThan(2_000_000);
    expect(ten).toBeLessThan(5_000_000);
    const hundred = resolveScenario(preset('fleet-100k'));
    expect(estimateEvents(hundred)).toBeGreaterThan(5_000_000);
    const kept = keptLanes(hundred);
    expect(kept.has('sensor-1')).toBe(true);
    expect(kept.has('sensor-1000')).toBe(true);
    expect(kept.has('sensor-1001')).toBe(false);
    expect(kept.has('dashboard')).toBe(true);
    expect(kept.size).toBeLessThan(1100);
  });
});
