import { describe, expect, it } from 'vitest';
import { explain } from '../../src/analysis/explain';
import { getPreset, withOverrides, type Scenario } from '../../src/scenario';
import type { TraceEvent } from '../../src/trace';
import { rowsWhere, runPreset, runScenario } from './helpers';

function first(
  run: ReturnType<typeof runPreset>,
  match: (e: TraceEvent) => boolean,
): ReturnType<typeof explain> {
  const rows = rowsWhere(run.store, match);
  expect(rows.length, 'a matching row').toBeGreaterThan(0);
  return explain(run.store, rows[0], run.header);
}

const preset = (name: string): Scenario => structuredClone(getPreset(name)!.scenario);

describe('explain: keep alive', () => {
  const basics = runPreset('basics');

  it('PINGREQ: the client must send something every K seconds [MQTT-3.1.2-23]', () => {
    const x = first(
      basics,
      (e) => e.kind === 'packet' && e.type === 'PINGREQ' && e.client === 'sensor-quiet',
    );
    expect(x.specIds).toEqual(['MQTT-3.1.2-23']);
    expect(x.why).toMatch(/sensor-quiet had sent nothing for 10 s .*PINGREQ.*\[MQTT-3\.1\.2-23\]$/);
    expect(x.timing.join(' ')).toMatch(/Sent 10\.0 s after sensor-quiet's previous packet/);
    expect(x.timing.join(' ')).toMatch(
      /after the previous packet from this client; broker deadline 1\.5 × 10 s = 15\.0 s/,
    );
    expect(x.packet?.protocol).toBe(4);
    expect(x.fields).toContainEqual({ name: 'size', value: '2 bytes' });
  });

  it('PINGREQ under MQTT 5 cites [MQTT-3.1.2-20]', () => {
    const run = runScenario({ ...preset('basics'), protocol: 5 });
    const x = first(run, (e) => e.kind === 'packet' && e.type === 'PINGREQ');
    expect(x.specIds).toEqual(['MQTT-3.1.2-20']);
  });

  it('PINGRESP: the broker answers every PINGREQ [MQTT-3.12.4-1]', () => {
    const x = first(basics, (e) => e.kind === 'packet' && e.type === 'PINGRESP');
    expect(x.why).toContain('[MQTT-3.12.4-1]');
    expect(x.timing.join(' ')).toMatch(/Answers the PINGREQ sent at t = 10\.\d{3} s; round trip/);
  });

  it('PUBLISH from a client resets keep alive', () => {
    const x = first(basics, (e) => e.kind === 'packet' && e.type === 'PUBLISH' && e.dir === 'c2b');
    expect(x.why).toMatch(/resets the keep-alive timer.*\[MQTT-3\.1\.2-23\]/);
    expect(x.fields).toContainEqual({ name: 'topic', value: 'sensors/sensor-busy/temp' });
  });
});

describe('explain: timeouts and wills', () => {
  const run = runPreset('crash-vs-power-off');

  it('a broker timeout: "No packet from sensor-1 for 15.0 s = 1.5 × 10 s" [MQTT-3.1.2-24]', () => {
    const x = first(run, (e) => e.kind === 'timeout' && e.side === 'broker');
    expect(x.why).toMatch(
      /^No packet from sensor-1 for 15\.0 s = 1\.5 × 10 s: the broker closes the connection\. \[MQTT-3\.1\.2-24\]$/,
    );
    expect(x.specIds).toEqual(['MQTT-3.1.2-24']);
    expect(x.timing[0]).toMatch(
      /^15\.0 s after the last packet from sensor-1; deadline 1\.5 × 10 s = 15\.0 s\.$/,
    );
  });

  it('a MQTT 5 broker timeout cites [MQTT-3.1.2-22]', () => {
    const v5 = runScenario({ ...preset('crash-vs-power-off'), protocol: 5 });
    const x = first(v5, (e) => e.kind === 'timeout' && e.side === 'broker');
    expect(x.specIds).toEqual(['MQTT-3.1.2-22']);
    const d = first(v5, (e) => e.kind === 'packet' && e.type === 'DISCONNECT' && e.reasonCode === 0x8d);
    expect(d.why).toContain('[MQTT-3.1.2-22]');
    expect(d.fields).toContainEqual({ name: 'reason code', value: '0x8D Keep Alive timeout' });
  });

  it('Mosquitto 2.0 words its late sweep', () => {
    const m = runScenario(withOverrides(preset('crash-vs-power-off'), { profile: 'mosquitto-2.0' }));
    const x = first(m, (e) => e.kind === 'timeout' && e.side === 'broker');
    expect(x.why).toMatch(
      /Mosquitto 2\.0 sweeps its clients about every 6 s .*⌊1\.5 × 10⌋ = 15 s.*\[MQTT-3\.1\.2-24\]$/,
    );
    expect(x.fields).toContainEqual({ name: 'broker profile', value: 'mosquitto-2.0' });
  });

  it('a will after a crash [MQTT-3.1.2-8]', () => {
    const x = first(run, (e) => e.kind === 'will' && e.client === 'sensor-2');
    expect(x.why).toMatch(
      /sensor-2's connection ended by the socket closing without a DISCONNECT.*\[MQTT-3\.1\.2-8\]$/,
    );
  });

  it('the will delivered to the dashboard is recognised as a will', () => {
    const x = first(
      run,
      (e) =>
        e.kind === 'packet' &&
        e.type === 'PUBLISH' &&
        e.client === 'dashboard' &&
        e.topic === 'sensors/sensor-2/status',
    );
    expect(x.why).toMatch(/This is sensor-2's will.*\[MQTT-3\.1\.2-8\]$/);
  });

  it('a polite DISCONNECT discards the will [MQTT-3.14.4-3]', () => {
    const x = first(run, (e) => e.kind === 'packet' && e.type === 'DISCONNECT' && e.client === 'sensor-3');
    expect(x.specIds).toEqual(['MQTT-3.14.4-3']);
  });

  it('faults: power-off leaves a half-open connection [MQTT-3.1.2-24], crash publishes the will [MQTT-3.1.2-8]', () => {
    expect(first(run, (e) => e.kind === 'fault' && e.fault === 'power-off').why).toMatch(
      /half-open.*\[MQTT-3\.1\.2-24\]$/,
    );
    expect(first(run, (e) => e.kind === 'fault' && e.fault === 'crash').specIds).toEqual(['MQTT-3.1.2-8']);
  });

  it('the broker side of a crash sees the socket close [MQTT-3.1.2-8]', () => {
    const x = first(
      run,
      (e) => e.kind === 'conn' && e.side === 'broker' && e.state === 'closed' && e.reason === 'network-error',
    );
    expect(x.specIds).toEqual(['MQTT-3.1.2-8']);
  });

  it('a delayed will cites the Will Delay Interval [MQTT-3.1.3-9]', () => {
    const x = first(runPreset('will-delay'), (e) => e.kind === 'will');
    expect(x.why).toMatch(/Will Delay Interval of 30 s.*\[MQTT-3\.1\.3-9\]$/);
  });
});

describe('explain: take-over and sessions', () => {
  it('MQTT 3.1.1 take-over [MQTT-3.1.4-2]', () => {
    const x = first(runPreset('half-open-takeover'), (e) => e.kind === 'takeover');
    expect(x.why).toMatch(
      /still open at the broker, so the broker closes the old socket.*\[MQTT-3\.1\.4-2\]$/,
    );
  });

  it('MQTT 5 take-over [MQTT-3.1.4-3], with DISCONNECT 0x8E', () => {
    const run = runPreset('client-id-clash');
    expect(first(run, (e) => e.kind === 'takeover').why).toMatch(
      /0x8E "Session taken over".*\[MQTT-3\.1\.4-3\]$/,
    );
    expect(first(run, (e) => e.kind === 'packet' && e.type === 'DISCONNECT').specIds).toEqual([
      'MQTT-3.1.4-3',
    ]);
  });

  it('a resumed MQTT 5 session [MQTT-3.1.2-5]', () => {
    const x = first(runPreset('will-delay'), (e) => e.kind === 'session' && e.state === 'resumed');
    expect(x.specIds).toEqual(['MQTT-3.1.2-5']);
  });

  it('Server Keep Alive in CONNACK [MQTT-3.1.2-21]', () => {
    const s: Scenario = { ...preset('basics'), protocol: 5, broker: { serverKeepAlive: 5 } };
    const x = first(runScenario(s), (e) => e.kind === 'packet' && e.type === 'CONNACK');
    expect(x.why).toMatch(/Server Keep Alive 5 s.*\[MQTT-3\.1\.2-21\]$/);
  });

  it('every row of every small preset has an explanation', () => {
    for (const name of [
      'basics',
      'crash-vs-power-off',
      'half-open-takeover',
      'client-id-clash',
      'will-delay',
      'persistent-session',
    ]) {
      const run = runPreset(name);
      for (let i = 0; i < run.store.length; i++) {
        const x = explain(run.store, i, run.header);
        expect(x.why, `${name} row ${i}`).not.toBe('');
        expect(x.title).not.toBe('');
      }
    }
  });
});
