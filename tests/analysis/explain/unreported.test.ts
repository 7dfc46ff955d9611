// The inspector on a live broker's timeout that lacks what the broker did not reveal: it names the
// broker ("not reported by Mosquitto") and never shows NaN, undefined or an invented 0.
import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/analysis/explain';
import { TraceStore } from '../../../src/trace/store';
import type { NonPacketEvent, TraceHeader } from '../../../src/trace/types';

const HEADER: TraceHeader = { trace: 1, source: 'live', startedAt: '2026-12-07T00:00:00.000Z' };

function inspect(timeout: Record<string, unknown>): ReturnType<typeof explain> {
  const store = new TraceStore();
  store.event({
    t: 1000,
    kind: 'conn',
    client: 'ka-1',
    conn: 1,
    side: 'broker',
    state: 'open',
    reason: 'connect',
    source: 'live',
  });
  store.event({
    t: 9000,
    kind: 'timeout',
    client: 'ka-1',
    conn: 1,
    side: 'broker',
    ...timeout,
  } as unknown as NonPacketEvent);
  return explain(store, 1, HEADER);
}

const field = (x: ReturnType<typeof explain>, name: string) => x.fields.find((f) => f.name === name)?.value;

const text = (x: ReturnType<typeof explain>) => JSON.stringify(x);

describe('a live broker timeout missing fields, in the inspector', () => {
  it('Mosquitto: the keep alive from its connect line, the last activity not reported by Mosquitto', () => {
    const x = inspect({ keepAlive: 2, source: 'mosquitto-log', broker: 'Mosquitto' });
    expect(field(x, 'keep alive')).toBe('2 s');
    expect(field(x, 'last packet received')).toBe('not reported by Mosquitto');
    expect(x.timing.join(' ')).toMatch(
      /^Deadline 1\.5 × 2 s = 3(\.0+)? s; the time of the last packet is not reported by Mosquitto\.$/,
    );
    expect(x.why).toMatch(
      /heard nothing from ka-1 for 1\.5 × keep alive, with a keep alive of 2 s.*not reported by Mosquitto\. \[MQTT-3\.1\.2-24\]$/,
    );
    expect(text(x)).not.toMatch(/NaN|undefined/);
  });

  it('RabbitMQ at level info: neither keep alive nor last activity, each not reported by RabbitMQ', () => {
    const x = inspect({ source: 'live', broker: 'RabbitMQ' });
    expect(field(x, 'keep alive')).toBe('not reported by RabbitMQ');
    expect(field(x, 'last packet received')).toBe('not reported by RabbitMQ');
    expect(x.why).toContain('with its keep alive');
    expect(text(x)).not.toMatch(/NaN|undefined/);
  });

  it('an old trace without `broker` names the broker of its source', () => {
    expect(field(inspect({ keepAlive: 2, source: 'mosquitto-log' }), 'last packet received')).toBe(
      'not reported by Mosquitto',
    );
    expect(field(inspect({ source: 'live' }), 'keep alive')).toBe('not reported by the broker');
  });

  it('a silence that began before the trace: how long, not "t = 0"', () => {
    const x = inspect({
      keepAlive: 60,
      silentMs: 100_000,
      source: 'embedded',
      broker: 'the embedded broker',
    });
    expect(field(x, 'last packet received')).toBe('100.0 s before it fired (before this trace began)');
    expect(x.why).toMatch(/^No packet from ka-1 for 100\.0 s > 1\.5 × 60 s/);
  });

  it('a timeout with every field keeps its usual explanation', () => {
    const x = inspect({ keepAlive: 2, lastActivity: 6000, source: 'embedded' });
    expect(field(x, 'last packet received')).toBe('t = 6.000 s');
    expect(x.why).toMatch(/^No packet from ka-1 for 3\.0 s = 1\.5 × 2 s/);
  });
});
