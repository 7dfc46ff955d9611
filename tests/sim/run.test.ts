// Determinism: a scenario and its seed fully determine the trace, byte for byte.

import { describe, expect, it } from 'vitest';
import { runToJsonl, simulationHeader, startRun } from '../../src/sim/run';
import type { Scenario } from '../../src/scenario/types';
import { parseTrace } from '../../src/trace/parse';
import { TraceStore } from '../../src/trace/store';
import { formatTrace } from '../../src/trace/format';
import { scenario } from './helpers';

function jsonl(s: Scenario): string {
  const lines: string[] = [];
  runToJsonl(s, (line) => lines.push(line));
  return lines.join('');
}

/** The event lines only (the header records the seed). */
const events = (text: string): string => text.slice(text.indexOf('\n') + 1);

/** A busy little world: wills, sessions, faults, reconnects. */
function busy(o: {
  seed: number;
  jitterMs?: number;
  loss?: number;
  profile?: 'spec' | 'mosquitto-2.0';
}): Scenario {
  return scenario(
    [
      {
        id: 'sensor-{n}',
        count: 5,
        keepAlive: 3,
        connectSpreadMs: 1000,
        cleanStart: false,
        sessionExpiry: 30,
        will: { topic: 'status/{id}', payload: 'offline', qos: 1, retain: true, delay: 2 },
        publish: { topic: 'data/{id}', everyMs: 1700, qos: 1 },
        reconnect: { minMs: 500, maxMs: 4000, jitter: 0.5 },
      },
      { id: 'dash', keepAlive: 10, subscribe: [{ topic: 'status/#', qos: 1 }, 'data/#'] },
    ],
    {
      protocol: 5,
      seed: o.seed,
      profile: o.profile ?? 'spec',
      latencyMs: 15,
      jitterMs: o.jitterMs ?? 0,
      loss: o.loss ?? 0,
      durationMs: 40_000,
      events: [
        { atMs: 5000, client: 'sensor-1', do: 'power-off' },
        { atMs: 6000, client: 'sensor-2', do: 'crash' },
        { atMs: 7000, client: 'sensor-3', do: 'link-down' },
        { atMs: 12_000, client: 'sensor-3', do: 'link-up' },
        { atMs: 9000, client: 'sensor-4', do: 'clone' },
        { atMs: 15_000, do: 'broker-restart', downMs: 2000 },
        { atMs: 20_000, client: 'sensor-1', do: 'power-on' },
      ],
    },
  );
}

describe('determinism', () => {
  it('the same scenario and seed give byte-identical JSONL, run after run', () => {
    const s = busy({ seed: 11, jitterMs: 20, loss: 0.05 });
    const first = jsonl(s);
    expect(first.split('\n').length).toBeGreaterThan(500);
    expect(jsonl(structuredClone(s))).toBe(first);
    expect(jsonl(s)).toBe(first);
  });

  it('another seed gives a different trace when there is jitter', () => {
    expect(events(jsonl(busy({ seed: 1, jitterMs: 20 })))).not.toBe(
      events(jsonl(busy({ seed: 2, jitterMs: 20 }))),
    );
  });

  it('another seed gives a different trace when there is loss', () => {
    expect(events(jsonl(busy({ seed: 1, loss: 0.1 })))).not.toBe(events(jsonl(busy({ seed: 2, loss: 0.1 }))));
  });

  it("another seed changes Mosquitto's sweep phase, even on a perfect network", () => {
    const a = events(jsonl(busy({ seed: 1, profile: 'mosquitto-2.0' })));
    expect(events(jsonl(busy({ seed: 2, profile: 'mosquitto-2.0' })))).not.toBe(a);
  });

  it('without jitter, loss, backoff jitter or a random profile the seed changes nothing but the header', () => {
    const still = (seed: number): Scenario => {
      const s = busy({ seed });
      for (const c of s.clients) delete c.reconnect;
      return s;
    };
    expect(events(jsonl(still(1)))).toBe(events(jsonl(still(2))));
  });

  it('the JSONL starts with the header of the effective scenario and reads back as the same events', () => {
    const s = busy({ seed: 5, jitterMs: 10 });
    const text = jsonl(s);
    expect(text.slice(0, text.indexOf('\n'))).toBe(
      JSON.stringify(JSON.parse(text.slice(0, text.indexOf('\n')))),
    );
    const parsed = parseTrace(text);
    expect(parsed.header).toEqual(simulationHeader(s));
    const store = new TraceStore();
    startRun(s, store).runToEnd();
    expect(parsed.events).toEqual([...store]);
    expect(formatTrace(simulationHeader(s), store)).toBe(text);
  });

  it('running in slices (as the Web Worker does) gives the same trace as running to the end', () => {
    const s = busy({ seed: 9, jitterMs: 30, loss: 0.02 });
    const whole = new TraceStore();
    startRun(s, whole).runToEnd();
    const sliced = new TraceStore();
    const sim = startRun(s, sliced);
    for (let t = 0; !sim.done; t += 777) sim.runUntil(t);
    expect(sim.now).toBe(s.durationMs);
    expect([...sliced]).toEqual([...whole]);
  });

  it('a fault injected during a run takes effect at once and is recorded', () => {
    const store = new TraceStore();
    const sim = startRun(scenario([{ id: 'dev', keepAlive: 5 }]), store);
    sim.runUntil(3000);
    sim.inject({
      atMs: 1000,
      client: 'dev',
      do: 'crash',
      downMs: 0,
      topic: '',
      payload: '',
      qos: 0,
      retain: false,
    });
    sim.runToEnd();
    const trace = [...store];
    expect(trace.filter((e) => e.kind === 'fault')).toMatchObject([
      { t: 3000, target: 'dev', fault: 'crash' },
    ]);
    expect(trace.filter((e) => e.kind === 'conn' && e.state === 'closed')).toMatchObject([
      { t: 3000, side: 'client' },
      { t: 3010, side: 'broker', reason: 'network-error' },
    ]);
    expect(() => sim.inject({ ...structuredClone(trace[0]), atMs: 0 } as never)).toThrow(/ended/);
  });
});
