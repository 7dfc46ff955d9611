import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getPreset, encodeScenarioHash, type Scenario } from '../../src/scenario';
import { runToJsonl, simulationHeader, startRun } from '../../src/sim/run';
import { wallMs, wallNow } from '../../src/base/time';
import { AppController } from '../../src/state/controller';
import { usePlaybackStore } from '../../src/state/playback';
import { usePanelsStore } from '../../src/state/prefs';
import { useSelectionStore } from '../../src/state/selection';
import { useTraceStore } from '../../src/state/traceStore';
import { CountingSink, type TraceEvent } from '../../src/trace';
import type { WorkerPort } from '../../src/worker/client';
import { packActivity } from '../../src/worker/activity';
import { CONN_KIND } from '../../src/trace/codedEvent';
import { ROW_CODED, type FromWorker, type ToWorker } from '../../src/worker/protocol';
import { inProcessWorker, waitFor } from './inProcessWorker';

function cliTrace(scenario: Scenario): string {
  const lines: string[] = [];
  runToJsonl(scenario, (l) => lines.push(l));
  return lines.join('');
}

let downloads: { blob: Blob; name: string }[];
let hashes: string[];
let worker: ReturnType<typeof inProcessWorker>;

function controller(): AppController {
  downloads = [];
  hashes = [];
  worker = inProcessWorker();
  return new AppController({
    createWorker: () => worker,
    frame: (cb) => setTimeout(cb, 1),
    now: wallNow,
    download: (blob, name) => downloads.push({ blob, name }),
    replaceHash: (h) => hashes.push(h),
  });
}

const state = () => useTraceStore.getState();

beforeEach(() => {
  usePlaybackStore.getState().setSpeed('max');
  useTraceStore.setState({ notices: [] });
});

describe('the app controller', () => {
  it('opens a preset ready to play, plays it to the end, and shows the CLI trace', async () => {
    const c = controller();
    expect(c.openPreset('crash-vs-power-off', { updateHash: true })).toBe(true);
    expect(hashes).toEqual(['#preset=crash-vs-power-off']);
    expect(state().status).toBe('ready');
    expect(state().origin).toBe('sim');
    c.play();
    await waitFor(() => state().status === 'done', 15_000, 'done');
    const scenario = structuredClone(getPreset('crash-vs-power-off')!.scenario);
    expect(state().store.toJsonl(simulationHeader(scenario))).toBe(cliTrace(scenario));
    expect(state().totals.events).toBe(state().store.length);
    const counts = new CountingSink();
    startRun(scenario, counts).runToEnd();
    expect(state().totals.brokerTimeouts).toBe(counts.summary().timeouts.broker);
    expect(state().totals.brokerTimeouts).toBeGreaterThan(0);
    expect(usePlaybackStore.getState().now).toBe(120_000);
    expect(usePlaybackStore.getState().playing).toBe(false);
  });

  it('reserves the store for the whole run the worker announces, so its columns are not copied as it grows', () => {
    // A port that only records: the test plays the worker's part.
    const port: WorkerPort & { sent: ToWorker[] } = {
      sent: [],
      onmessage: null,
      onerror: null,
      postMessage: (msg: ToWorker) => port.sent.push(msg),
      terminate() {},
    };
    const c = new AppController({
      createWorker: () => port,
      frame: (cb) => setTimeout(cb, 1),
      now: wallNow,
      download: () => {},
      replaceHash: () => {},
    });
    c.openPreset('basics', { play: true });
    const start = port.sent.find((m) => m.type === 'start');
    if (start?.type !== 'start') throw new Error('no start');
    const before = state().store.memoryBytes();
    const started = (mode: 'full' | 'sampled', estimate: number, lanes = 0): void =>
      port.onmessage?.({
        data: {
          type: 'started',
          runId: start.runId,
          header: simulationHeader(start.scenario),
          mode,
          estimate,
          activity:
            lanes === 0
              ? null
              : packActivity({
                  bucketMs: 1000,
                  buckets: 1,
                  lanes: Array.from({ length: lanes }, (_, i) => `s-${i}`),
                  counts: new Uint32Array(lanes),
                }),
        },
      } as MessageEvent<FromWorker>);
    started('sampled', 1_000_000);
    expect(state().store.memoryBytes()).toBe(before);
    // A sampled run: room for its clients' connection and session rows (three a lane), not the run.
    started('sampled', 1_000_000, 100_000);
    const sampled = state().store.memoryBytes();
    expect(sampled).toBeGreaterThanOrEqual(before + 3 * 100_000 * 8);
    expect(sampled).toBeLessThan(before + 3 * 100_000 * 64);
    started('full', 1_000_000);
    // Every column of a million rows, at once: at least 8 bytes of time a row.
    expect(state().store.memoryBytes()).toBeGreaterThanOrEqual(before + 8_000_000);
    expect(state().store.length).toBe(0);
  });

  it('exports a byte-identical trace named after the preset', async () => {
    const c = controller();
    c.openPreset('client-id-clash', { play: true });
    await waitFor(() => state().status === 'done');
    await expect(c.exportTrace()).resolves.toBe(true);
    expect(downloads.map((d) => d.name)).toEqual(['client-id-clash.trace.jsonl']);
    expect(await downloads[0].blob.text()).toBe(
      cliTrace(structuredClone(getPreset('client-id-clash')!.scenario)),
    );
  });

  it('adds a fault by hand as a scenario event; export includes it', async () => {
    const c = controller();
    c.openPreset('basics');
    c.seek(20_000);
    await waitFor(() => usePlaybackStore.getState().now === 20_000, 15_000, 'seek');
    const event = await c.injectFault('sensor-busy', 'crash');
    expect(event).toEqual({ atMs: 20_000.5, client: 'sensor-busy', do: 'crash' });
    expect(state().scenario?.events).toEqual([event]);
    c.play();
    await waitFor(() => state().status === 'done');
    await c.exportTrace();
    const text = await downloads[0].blob.text();
    expect(text).toContain('{"t":20000.5,"kind":"fault","target":"sensor-busy","fault":"crash"}');
    const withFault = { ...structuredClone(getPreset('basics')!.scenario), events: [event] };
    expect(text).toBe(cliTrace(withFault));
    expect(state().store.toJsonl(simulationHeader(withFault))).toBe(text);
  });

  it('refuses a fault when no run is going', async () => {
    const c = controller();
    c.openPreset('basics', { play: true });
    await waitFor(() => state().status === 'done');
    await expect(c.injectFault('sensor-busy', 'crash')).rejects.toThrow(/only while a simulation runs/);
    expect(state().notices.find((n) => n.topic === 'fault')?.kind).toBe('error');
  });

  it('seeks back by replaying to that time', async () => {
    const c = controller();
    c.openPreset('basics');
    c.seek(40_000);
    await waitFor(() => usePlaybackStore.getState().now === 40_000);
    const rowsAt40 = state().store.length;
    c.seek(10_000);
    await waitFor(() => usePlaybackStore.getState().now === 10_000);
    expect(state().store.length).toBeLessThan(rowsAt40);
    expect(state().status).toBe('paused');
  });

  it('steps, pauses and cancels', async () => {
    usePlaybackStore.getState().setSpeed(1);
    const c = controller();
    c.openPreset('basics');
    c.step();
    await waitFor(() => state().store.length > 0, 15_000, 'a step');
    expect(state().status).toBe('paused');
    c.play();
    await waitFor(() => state().status === 'running');
    c.pause();
    await waitFor(() => state().status === 'paused');
    c.cancel();
    expect(state().status).toBe('cancelled');
  });

  it('imports a trace; a bad one shows the line and keeps the current trace', async () => {
    const c = controller();
    c.openPreset('half-open-takeover', { play: true });
    await waitFor(() => state().status === 'done');
    const before = state().store;
    const bad = new Blob(['{"trace":1,"source":"sim"}\n{"t":0,"kind":"packet"}\n']);
    await expect(c.importTrace(bad, 'bad.trace.jsonl')).resolves.toBe(false);
    const notice = state().notices.find((n) => n.topic === 'import');
    expect(notice?.text).toMatch(/^Could not import bad\.trace\.jsonl: line 2: /);
    expect(state().store).toBe(before);
    expect(state().origin).toBe('sim');

    const scenario = structuredClone(getPreset('basics')!.scenario);
    const good = new Blob([cliTrace(scenario)]);
    await expect(c.importTrace(good, 'basics.trace.jsonl')).resolves.toBe(true);
    expect(state().origin).toBe('import');
    expect(state().traceName).toBe('basics');
    expect(state().scenario).toEqual(scenario);
    expect(state().totals.events).toBe(state().store.length);
    await c.exportTrace();
    expect(await downloads[0].blob.text()).toBe(cliTrace(scenario));
  });

  it('reads deep links and names the bad part', () => {
    const c = controller();
    c.applyHash('#preset=nope');
    expect(state().notices.find((n) => n.topic === 'link')?.text).toMatch(/preset: no preset named "nope"/);
    c.applyHash('#scenario=garbage&play=1');
    expect(state().notices.find((n) => n.topic === 'link')?.text).toMatch(/: scenario: /);
    c.applyHash('#colour=red');
    expect(state().notices.find((n) => n.topic === 'link')?.text).toMatch(/colour: unknown hash parameter/);
    const scenario = structuredClone(getPreset('will-delay')!.scenario);
    c.applyHash(encodeScenarioHash(scenario, { play: false }));
    expect(state().notices.find((n) => n.topic === 'link')).toBeUndefined();
    expect(state().scenario).toEqual(scenario);
    expect(state().presetName).toBeNull();
    c.applyHash('#live=' + encodeURIComponent('ws://127.0.0.1:9001/mqtt'));
    expect(usePanelsStore.getState()).toMatchObject({ liveOpen: true, liveUrl: 'ws://127.0.0.1:9001/mqtt' });
  });

  it('validates scenario text with errors by path', () => {
    const c = controller();
    expect(c.applyScenarioText('{')[0].message).toMatch(/^is not JSON/);
    const problems = c.applyScenarioText(
      JSON.stringify({
        scenario: 1,
        name: 'x',
        seed: 1,
        durationMs: 1000,
        clients: [{ id: 'a', keepAlive: 70000 }],
      }),
    );
    expect(problems).toEqual([{ path: 'clients[0].keepAlive', message: 'must be 0..65535 (got 70000)' }]);
    const clash = c.applyScenarioText(
      JSON.stringify({
        scenario: 1,
        name: 'x',
        seed: 1,
        durationMs: 1000,
        clients: [{ id: 'a', keepAlive: 5 }],
        events: [{ atMs: 5, client: 'b', do: 'crash' }],
      }),
    );
    expect(clash).toEqual([{ path: 'events[0].client', message: 'no client with that ID (got "b")' }]);
    c.applyHash(
      encodeScenarioHash({
        scenario: 1,
        name: 'x',
        seed: 1,
        durationMs: 1000,
        clients: [{ id: 'a', keepAlive: 5 }],
        events: [{ atMs: 5, client: 'b', do: 'crash' }],
      }),
    );
    expect(state().notices.find((n) => n.topic === 'link')?.text).toMatch(
      /scenario: .*\n.*events\[0\]\.client/,
    );
  });

  it('feeds live events per frame through the LiveTraceApi', async () => {
    const c = controller();
    c.live.begin({ trace: 1, source: 'live', startedAt: '2024-01-01T00:00:00.000Z' });
    expect(state().origin).toBe('live');
    useSelectionStore.getState().select(3);
    const events: TraceEvent[] = [
      { t: 0, kind: 'conn', client: 'probe-1', conn: 1, side: 'client', state: 'open', reason: 'connect' },
      {
        t: 1,
        kind: 'packet',
        dir: 'c2b',
        client: 'probe-1',
        conn: 1,
        type: 'CONNECT',
        arrive: 2,
        keepAlive: 5,
        protocol: 4,
      },
    ];
    const rev = state().revision;
    c.live.append(events.slice(0, 1));
    c.live.append(events.slice(1));
    expect(state().store.length).toBe(0); // batched to the next frame
    await waitFor(() => state().store.length === 2);
    expect(state().revision).toBe(rev + 1);
    expect(state().totals.packets).toBe(1);
    await c.exportTrace();
    expect((await downloads[0].blob.text()).split('\n').length).toBe(4);
  });

  it('moves the live clock on while nothing arrives, never back for an older event', async () => {
    const c = controller();
    c.live.begin({ trace: 1, source: 'live', startedAt: '2024-01-01T00:00:00.000Z' });
    const rev = state().revision;
    expect(state().durationMs).toBe(60_000); // shown over its first minute at first
    c.live.advanceTo(5000);
    expect(usePlaybackStore.getState().now).toBe(5000);
    await waitFor(() => state().revision > rev);
    c.live.append([{ t: 4990, kind: 'fault', target: 'probe-1', fault: 'crash' }]);
    await waitFor(() => state().store.length === 1);
    expect(usePlaybackStore.getState().now).toBe(5000);
    c.live.advanceTo(4000);
    expect(usePlaybackStore.getState().now).toBe(5000);
    c.live.append([{ t: 5200, kind: 'fault', target: 'probe-1', fault: 'power-off' }]);
    await waitFor(() => usePlaybackStore.getState().now === 5200);
    c.live.advanceTo(61_000);
    expect(state().durationMs).toBe(61_000); // past the first minute the extent follows the clock
  });

  it('drops the oldest live events from the trace, keeping the selection on its event', async () => {
    const c = controller();
    c.live.begin({ trace: 1, source: 'live', startedAt: '2024-01-01T00:00:00.000Z' });
    const fault = (t: number): TraceEvent => ({ t, kind: 'fault', target: `probe-${t}`, fault: 'crash' });
    c.live.append([0, 1, 2, 3, 4].map(fault));
    await waitFor(() => state().store.length === 5);
    useSelectionStore.getState().select(3);
    c.live.append([5, 6].map(fault));
    c.live.dropOldest(6); // five applied, and one of the two still queued
    await waitFor(() => state().store.length === 1);
    expect([...state().store].map((e) => e.t)).toEqual([6]);
    expect(useSelectionStore.getState().selectedRow).toBeNull();
    c.live.append([7, 8].map(fault));
    await waitFor(() => state().store.length === 3);
    useSelectionStore.getState().select(2);
    c.live.dropOldest(1);
    expect([...state().store].map((e) => e.t)).toEqual([7, 8]);
    expect(useSelectionStore.getState().selectedRow).toBe(1);
    expect(state().store.get(1).t).toBe(8);
  });
});

/**
 * A controller whose worker is a port the test speaks for (`send`), whose animation frames wait in
 * `frames` until the test runs them, and whose clock reads `clock.now`; the basics preset playing.
 */
function scriptedController(clock = { now: 0 }) {
  const frames: (() => void)[] = [];
  let port: { onmessage: ((e: MessageEvent) => void) | null } = { onmessage: null };
  const c = new AppController({
    createWorker: () => {
      const p = { onmessage: null, onerror: null, postMessage() {}, terminate() {} };
      port = p;
      return p;
    },
    frame: (cb) => frames.push(cb),
    now: () => wallMs(clock.now),
    download: () => undefined,
  });
  c.openPreset('basics', { play: true });
  const send = (data: unknown) => port.onmessage?.({ data } as MessageEvent);
  const runFrames = (): void => frames.splice(0).forEach((f) => f());
  return { c, frames, send, runFrames };
}

describe('the frame loop', () => {
  it('shows the newest clock when a progress message is followed by a batch before the frame', () => {
    const { send, runFrames } = scriptedController();
    const runId = 1;
    const stats = state().totals;
    const progress = (now: number) => ({
      now,
      durationMs: 60_000,
      events: 0,
      rate: 0,
      playing: true,
      done: false,
    });
    send({ type: 'progress', runId, progress: progress(0), stats });
    const empty = {
      length: 0,
      kind: new Uint8Array(0),
      t: new Float64Array(0),
      arrive: new Float64Array(0),
      client: new Int32Array(0),
      conn: new Int32Array(0),
      type: new Uint8Array(0),
      dir: new Uint8Array(0),
      ref: new Int32Array(0),
      details: [],
      objects: [],
      newClients: [],
    };
    send({ type: 'batch', runId, batch: empty, progress: progress(210), stats });
    runFrames();
    expect(usePlaybackStore.getState().now).toBe(210);
    send({ type: 'progress', runId, progress: progress(500), stats });
    runFrames();
    expect(usePlaybackStore.getState().now).toBe(500);
  });

  it('asks for no frame while a sampled run only waits for its next redraw, and redraws when it is due', () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const clock = { now: 0 };
      const { c, frames, send, runFrames } = scriptedController(clock);
      const runId = 1;
      const stats = state().totals;
      const activity = { bucketMs: 1000, buckets: 60, lanes: 'a', counts: new Uint32Array(60) };
      send({ type: 'started', runId, header: {}, mode: 'sampled', estimate: 1e9, activity });
      const batch = (t: number) => ({
        length: 1,
        kind: new Uint8Array([ROW_CODED]),
        t: new Float64Array([t]),
        arrive: new Float64Array([NaN]),
        client: new Int32Array([0]),
        conn: new Int32Array([t + 1]),
        type: new Uint8Array([0]),
        // A coded conn event (its code, 0, in `type`).
        dir: new Uint8Array([CONN_KIND]),
        ref: new Int32Array([-1]),
        details: [],
        objects: [],
        newClients: t === 0 ? ['a'] : [],
      });
      const progress = { now: 0, durationMs: 60_000, events: 1, rate: 0, playing: true, done: false };
      send({ type: 'batch', runId, batch: batch(0), progress, stats });
      runFrames();
      const revision = state().revision;
      clock.now = 100;
      send({ type: 'batch', runId, batch: batch(1), progress, stats });
      runFrames();
      // Applied; its redraw is a second after the last one: no frame is asked for until then.
      expect(state().store.length).toBe(2);
      expect(state().revision).toBe(revision);
      expect(frames).toEqual([]);
      clock.now = 1000;
      vi.advanceTimersByTime(900);
      runFrames();
      expect(state().revision).toBeGreaterThan(revision);
      c.cancel();
    } finally {
      vi.useRealTimers();
    }
  });

  it('Step from t = 0 runs to the first event and selects it; Step and Step back walk the trace', async () => {
    const c = controller();
    c.openPreset('basics');
    expect(state().store.length).toBe(0);
    c.step();
    await waitFor(() => useSelectionStore.getState().selectedRow === 0, 15_000, 'first event selected');
    expect(state().store.get(0).t).toBe(0);
    c.step();
    await waitFor(() => useSelectionStore.getState().selectedRow === 1, 15_000, 'second event selected');
    c.stepBack();
    expect(useSelectionStore.getState().selectedRow).toBe(0);
    // A finished run: Step walks what is there, and stops at its end.
    c.play();
    await waitFor(() => state().status === 'done', 15_000, 'done');
    useSelectionStore.getState().select(state().store.length - 2);
    c.step();
    expect(useSelectionStore.getState().selectedRow).toBe(state().store.length - 1);
    c.step();
    expect(useSelectionStore.getState().selectedRow).toBe(state().store.length - 1);
  });

  it('opens a large run at "as fast as possible" and goes back to the normal speed for a small one', () => {
    const c = controller();
    usePlaybackStore.getState().setSpeed(10);
    c.openPreset('fleet-10k');
    expect(usePlaybackStore.getState().speed).toBe('max');
    c.openPreset('basics');
    expect(usePlaybackStore.getState().speed).toBe(10);
  });

  it('asks before a big run: nothing runs until the user says yes, and no says no', () => {
    const c = controller();
    const big: Scenario = {
      scenario: 1,
      name: 'Too big to start blindly',
      seed: 1,
      durationMs: 7 * 24 * 3_600_000,
      clients: [{ id: 'sensor-{n}', count: 150_000, keepAlive: 10 }],
    };
    const before = state().scenario;
    c.openScenario(big, { play: true });
    const ask = usePanelsStore.getState().runToConfirm;
    expect(ask?.text).toMatch(
      /^Too big to start blindly: about [\d.]+ million trace events from 150,000 clients/,
    );
    expect(state().scenario).toBe(before);
    usePanelsStore.getState().askToRun(null);
    expect(state().scenario).toBe(before);
    ask?.run();
    expect(state().scenario).toBe(big);
    c.cancel();
  });

  it('a live link to another machine connects only when the user agrees', () => {
    const asked: string[] = [];
    const c = new AppController({
      createWorker: () => inProcessWorker(),
      frame: (cb) => setTimeout(cb, 1),
      now: wallNow,
      download: () => undefined,
      confirm: (q) => {
        asked.push(q);
        return false;
      },
    });
    usePanelsStore.getState().closeLive();
    c.applyHash(`#live=${encodeURIComponent('wss://broker.example.com/mqtt')}`);
    expect(asked).toHaveLength(1);
    expect(usePanelsStore.getState().liveOpen).toBe(false);
    expect(
      state()
        .notices.map((n) => n.text)
        .join(),
    ).toContain('was not opened');
  });
});
