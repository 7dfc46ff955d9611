import { describe, expect, it } from 'vitest';
import { getPreset } from '../../src/scenario';
import { startRun } from '../../src/sim/run';
import { TraceStore } from '../../src/trace/store';
import { BAND_BROKER, BAND_CLIENT, BandList, laneDeadlineBands } from '../../src/timeline/deadlines';
import { BROKER_LANE, TimelineModel } from '../../src/timeline/model';
import { SPAN_HALF_OPEN, SPAN_OPEN, SPAN_STATES, SpanSegments, connSegments } from '../../src/timeline/spans';
import { findRow, presetModel } from './support/traces';

function spansOf(model: TimelineModel, clientId: string): { state: string; start: number; end: number }[] {
  const lane = model.laneIndex(clientId);
  const seg = new SpanSegments();
  const out: { state: string; start: number; end: number }[] = [];
  for (const slot of model.laneConnections(lane)) {
    connSegments(model.connections, slot, model.extent[1], seg);
    for (let k = 0; k < seg.length; k++) {
      out.push({ state: SPAN_STATES[seg.state[k]], start: seg.start[k], end: seg.end[k] });
    }
  }
  return out;
}

function bandsOf(model: TimelineModel, clientId: string, t0: number, t1: number): BandList {
  return laneDeadlineBands(model, model.laneIndex(clientId), t0, t1, 0.001, new BandList());
}

describe('TimelineModel', () => {
  const model = presetModel('crash-vs-power-off');

  it('derives one lane per client, grouped by ID prefix in natural order', () => {
    const groups = model.groups().map((g) => [g.key, g.lanes.map((l) => model.laneId(l))]);
    expect(groups).toEqual([
      ['sensor', ['sensor-1', 'sensor-2', 'sensor-3']],
      ['dashboard', ['dashboard']],
    ]);
    expect(model.laneCount).toBe(4);
  });

  it('keeps each lane’s rows in time order and every client row in exactly one lane', () => {
    const { t, client } = model.columns;
    let total = model.brokerRows.length;
    for (let lane = 0; lane < model.laneCount; lane++) {
      const rows = model.laneRows(lane);
      total += rows.length;
      for (let i = 1; i < rows.length; i++) expect(t[rows[i]]).toBeGreaterThanOrEqual(t[rows[i - 1]]);
      for (const r of rows) expect(model.store.clientIds()[client[r]] ?? '').toBe(model.laneId(lane));
    }
    expect(total).toBe(model.store.length);
  });

  it('shows sensor-1 (power-off) half-open until the broker’s keep-alive timeout', () => {
    const timeout = findRow(model, (e) => e.kind === 'timeout' && e.client === 'sensor-1');
    const half = spansOf(model, 'sensor-1').filter((s) => s.state === 'half-open');
    expect(half).toEqual([{ state: 'half-open', start: 30_000, end: model.columns.t[timeout] }]);
    expect(half[0].end - half[0].start).toBeGreaterThan(5_000);
  });

  it('never shows sensor-2 (crash) half-open: its socket close reaches the broker at once', () => {
    const spans = spansOf(model, 'sensor-2');
    expect(spans.some((s) => s.state === 'half-open')).toBe(false);
    const closing = spans.find((s) => s.state === 'closing');
    expect(closing?.start).toBe(30_000);
    expect((closing?.end ?? Infinity) - 30_000).toBeLessThan(100);
  });

  it('keeps the dashboard open to the end of the run', () => {
    const spans = spansOf(model, 'dashboard');
    expect(spans.at(-1)).toMatchObject({ state: 'open', end: 120_000 });
  });

  it('takes K from CONNECT: 10 s for the sensors, 60 s for the dashboard', () => {
    expect(model.laneKeepAliveMs(model.laneIndex('sensor-1'))).toBe(10_000);
    expect(model.laneKeepAliveMs(model.laneIndex('dashboard'))).toBe(60_000);
    expect(model.maxKeepAliveMs).toBe(60_000);
  });

  it('restarts the client’s K window at each packet it sends and the broker’s 1.5 × K at each arrival', () => {
    const bands = bandsOf(model, 'sensor-3', 0, 30_000);
    const client: number[] = [];
    const broker: number[] = [];
    for (let i = 0; i < bands.length; i++) {
      (bands.kind[i] === BAND_CLIENT ? client : broker).push(bands.start[i]);
      // A band ends no later than its deadline.
      expect(bands.end[i]).toBeLessThanOrEqual(bands.deadline[i] + 1e-9);
    }
    // Sends at 0 (CONNECT) and its PINGREQs about every 10 s: each starts a client band.
    const sends: number[] = [];
    for (let row = 0; row < model.store.length; row++) {
      const e = model.store.get(row);
      if (e.kind === 'packet' && e.client === 'sensor-3' && e.dir === 'c2b' && e.t < 30_000) sends.push(e.t);
    }
    expect(sends[0]).toBe(0);
    expect(sends[1]).toBeGreaterThanOrEqual(10_000);
    expect(client.slice(0, 3)).toEqual(sends.slice(0, 3));
    // The broker's bands start where those packets arrived, about 20 ms later.
    expect(broker[1] - sends[1]).toBeGreaterThan(0);
    expect(broker[1] - sends[1]).toBeLessThan(100);
    for (let i = 0; i < bands.length; i++) {
      if (bands.kind[i] === BAND_BROKER) {
        expect(bands.deadline[i] - bands.start[i]).toBeCloseTo(15_000, 6);
      }
    }
  });

  it('lets sensor-1’s broker deadline run out at the timeout, marked expired', () => {
    const timeout = findRow(model, (e) => e.kind === 'timeout' && e.client === 'sensor-1');
    const e = model.store.get(timeout);
    const bands = bandsOf(model, 'sensor-1', 20_000, 40_000);
    let last = -1;
    for (let i = 0; i < bands.length; i++) if (bands.kind[i] === BAND_BROKER) last = i;
    expect(last).toBeGreaterThanOrEqual(0);
    expect(e.kind === 'timeout' && bands.start[last]).toBe(e.kind === 'timeout' ? e.lastActivity : -1);
    expect(bands.end[last]).toBeCloseTo(model.columns.t[timeout], 6);
    expect(bands.expired[last]).toBe(1);
  });

  it('lists notable rows (timeouts, wills, faults, connection changes) in time order', () => {
    const kinds = new Set(Array.from(model.notable.view(), (r) => model.store.get(r).kind));
    expect(kinds).toEqual(new Set(['conn', 'session', 'fault', 'timeout', 'will']));
  });

  it('records each will’s receivers as lanes', () => {
    const will = findRow(model, (e) => e.kind === 'will' && e.client === 'sensor-1');
    expect(Array.from(model.willReceiversOf(will), (l) => model.laneId(l))).toEqual(['dashboard']);
  });

  it('counts the broker’s open connections for the overview', () => {
    const s = model.connectedSeries();
    expect(s.max).toBe(4);
    expect(s.count[s.length - 1]).toBe(1);
  });

  it('has an extent from 0 to the planned duration', () => {
    expect(model.extent).toEqual([0, 120_000]);
  });
});

describe('TimelineModel on a take-over', () => {
  const model = presetModel('half-open-takeover');

  it('records the take-over from the half-open connection to the new one', () => {
    const row = findRow(model, (e) => e.kind === 'takeover');
    expect(model.takeoverOf(row)).toEqual({ oldConn: 1, newConn: 3 });
    expect(model.laneOfRow(row)).toBe(model.laneIndex('sensor-1'));
  });

  it('ends the old connection’s half-open span at the take-over', () => {
    const takeover = model.columns.t[findRow(model, (e) => e.kind === 'takeover')];
    const lane = model.laneIndex('sensor-1');
    const slot = model.laneConnections(lane)[0];
    const seg = connSegments(model.connections, slot, model.extent[1], new SpanSegments());
    const states = Array.from(seg.state.subarray(0, seg.length));
    expect(states).toContain(SPAN_HALF_OPEN);
    expect(seg.end[seg.length - 1]).toBe(takeover);
  });
});

describe('TimelineModel.update', () => {
  it('gives the same lanes, spans and rows when fed in batches as when built at once', () => {
    const preset = getPreset('client-id-clash');
    if (preset === undefined) throw new Error('preset');
    const store = new TraceStore();
    const sim = startRun(preset.scenario, store);
    const streamed = new TimelineModel(store, { durationMs: preset.scenario.durationMs });
    const versions: number[] = [];
    for (let t = 1000; !sim.done; t += 1000) {
      sim.runUntil(t);
      streamed.update();
      versions.push(streamed.version);
    }
    const whole = new TimelineModel(store, { durationMs: preset.scenario.durationMs });
    expect(streamed.length).toBe(store.length);
    expect(streamed.laneCount).toBe(whole.laneCount);
    for (let lane = 0; lane < whole.laneCount; lane++) {
      expect(Array.from(streamed.laneRows(lane))).toEqual(Array.from(whole.laneRows(lane)));
    }
    expect(spansOf(streamed, 'meter-7')).toEqual(spansOf(whole, 'meter-7'));
    expect(Array.from(streamed.notable.view())).toEqual(Array.from(whole.notable.view()));
    // Versions only move forward.
    for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThanOrEqual(versions[i - 1]);
  });

  it('after the store drops its oldest rows, holds the same lane and notable rows as a model of what is left', () => {
    const preset = getPreset('client-id-clash');
    if (preset === undefined) throw new Error('preset');
    const store = new TraceStore();
    const sim = startRun(preset.scenario, store);
    const model = new TimelineModel(store);
    const kept = new TraceStore(); // the same events, minus those dropped, in a store of their own
    for (let t = 1000; !sim.done; t += 1000) {
      sim.runUntil(t);
      if (t % 5000 === 0) store.dropOldest(Math.floor(store.length / 3));
      model.update();
    }
    for (let i = 0; i < store.length; i++) kept.append(store.get(i));
    const fresh = new TimelineModel(kept);
    expect(store.dropped).toBeGreaterThan(0);
    expect(model.length).toBe(store.length);
    expect(model.extent[0]).toBe(store.t(0));
    for (let lane = 0; lane < model.laneCount; lane++) {
      const id = model.laneId(lane);
      const freshLane = fresh.laneIndex(id);
      const freshRows = freshLane < 0 ? [] : Array.from(fresh.laneRows(freshLane));
      expect(Array.from(model.laneRows(lane)), id).toEqual(freshRows);
    }
    expect(Array.from(model.notable.view())).toEqual(Array.from(fresh.notable.view()));
    for (let slot = 0; slot < model.connections.length; slot++) {
      const first = model.connections.firstRow[slot];
      expect(first).toBeLessThan(store.length);
      if (first >= 0) expect(store.get(first).t).toBeGreaterThanOrEqual(store.t(0));
    }
  });

  it('processes only the rows appended since the last call', () => {
    const store = new TraceStore();
    const model = new TimelineModel(store);
    expect(model.update()).toBe(0);
    store.append({
      t: 0,
      kind: 'conn',
      client: 'a-1',
      conn: 1,
      side: 'client',
      state: 'open',
      reason: 'connect',
    });
    expect(model.update()).toBe(1);
    expect(model.update()).toBe(0);
    expect(model.laneId(0)).toBe('a-1');
  });

  it('reads the Server Keep Alive of an MQTT 5 CONNACK over the CONNECT’s keep alive', () => {
    const store = new TraceStore();
    store.append({
      t: 0,
      kind: 'packet',
      dir: 'c2b',
      client: 'p',
      conn: 1,
      type: 'CONNECT',
      arrive: 10,
      keepAlive: 60,
    });
    store.append({
      t: 10,
      kind: 'packet',
      dir: 'b2c',
      client: 'p',
      conn: 1,
      type: 'CONNACK',
      arrive: 20,
      reasonCode: 0,
      properties: { serverKeepAlive: 5 },
    });
    const model = new TimelineModel(store);
    expect(model.connections.keepAliveMs[model.connections.slotOf(1)]).toBe(5000);
  });

  it('puts a fault on the broker in the broker rows', () => {
    const store = new TraceStore();
    store.append({ t: 5, kind: 'fault', target: 'broker', fault: 'broker-restart' });
    const model = new TimelineModel(store);
    expect(model.laneOfRow(0)).toBe(BROKER_LANE);
    expect(Array.from(model.brokerRows.view())).toEqual([0]);
  });

  it('adds lanes for clients known only from activity counts', () => {
    const store = new TraceStore();
    const model = new TimelineModel(store);
    const before = model.layoutVersion;
    model.activity = {
      bucketMs: 1000,
      buckets: 2,
      lanes: ['quiet-1', 'quiet-2'],
      counts: new Uint32Array([1, 2, 3, 4]),
    };
    expect(model.laneCount).toBe(2);
    expect(model.activityRowOf(model.laneIndex('quiet-2'))).toBe(1);
    expect(model.layoutVersion).toBeGreaterThan(before);
  });

  it('puts the rows of clients known from activity in their lanes, in the activity order or not', () => {
    const store = new TraceStore();
    const model = new TimelineModel(store);
    const lanes = ['s-1', 's-2', 's-3', 's-4'];
    model.activity = { bucketMs: 1000, buckets: 1, lanes, counts: new Uint32Array(lanes.length) };
    model.flush();
    // Connected in order, then out of order, then one the activity does not name.
    for (const [t, id] of ['s-1', 's-2', 's-4', 's-3', 'dashboard'].entries())
      store.packet(t, 'c2b', id, t + 1, 'PINGREQ', t + 0.5, null);
    model.flush();
    expect([0, 1, 2, 3, 4].map((row) => model.laneId(model.laneOfRow(row)))).toEqual([
      's-1',
      's-2',
      's-4',
      's-3',
      'dashboard',
    ]);
    expect(model.laneCount).toBe(5);
  });

  it('registers the lanes of a big activity in slices, all of them once flushed', () => {
    const store = new TraceStore();
    const model = new TimelineModel(store);
    const lanes = Array.from({ length: 10_000 }, (_, i) => `s-${10_000 - i}`);
    model.activity = { bucketMs: 1000, buckets: 1, lanes, counts: new Uint32Array(lanes.length) };
    expect(model.laneCount + model.pendingLanes).toBe(10_000);
    expect(model.laneCount).toBeLessThan(10_000);
    const before = model.layoutVersion;
    model.flush();
    expect(model.pendingLanes).toBe(0);
    expect(model.laneCount).toBe(10_000);
    expect(model.layoutVersion).toBeGreaterThan(before);
    expect(model.activityRowOf(model.laneIndex('s-1'))).toBe(9_999);
    expect(
      model
        .groups()[0]
        .lanes.map((l) => model.laneId(l))
        .slice(0, 3),
    ).toEqual(['s-1', 's-2', 's-3']);
  });

  it('keeps lanes sorted when an event arrives out of time order', () => {
    const store = new TraceStore();
    const model = new TimelineModel(store);
    store.append({ t: 10, kind: 'session', client: 'x', state: 'created' });
    store.append({ t: 30, kind: 'session', client: 'x', state: 'resumed', queued: 0 });
    model.update();
    const epoch = model.epoch;
    store.append({ t: 20, kind: 'session', client: 'x', state: 'expired' });
    model.update();
    expect(Array.from(model.laneRows(0), (r) => model.columns.t[r])).toEqual([10, 20, 30]);
    expect(model.epoch).toBeGreaterThan(epoch);
  });
});

describe('connSegments', () => {
  it('calls a connection open only while both sides hold it', () => {
    const model = presetModel('basics');
    const lane = model.laneIndex('sensor-quiet');
    const seg = connSegments(model.connections, model.laneConnections(lane)[0], 60_000, new SpanSegments());
    expect(Array.from(seg.state.subarray(0, seg.length), (s) => SPAN_STATES[s])).toEqual([
      'connecting',
      'open',
    ]);
    expect(seg.state[1]).toBe(SPAN_OPEN);
    expect(seg.end[1]).toBe(60_000);
  });
});
