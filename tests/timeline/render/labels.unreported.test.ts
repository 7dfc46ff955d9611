// Timeline labels of live broker timeouts that lack what the broker did not reveal: the broker is
// named, and nothing says "NaN", "undefined" or "silent since 0 s".
import { describe, expect, it } from 'vitest';
import { TimelineModel } from '../../../src/timeline/model';
import { describeRow, rowLabel } from '../../../src/timeline/render/labels';
import { TraceStore } from '../../../src/trace/store';
import type { NonPacketEvent } from '../../../src/trace/types';

function model(...timeouts: Record<string, unknown>[]): TimelineModel {
  const store = new TraceStore();
  timeouts.forEach((extra, i) =>
    store.event({
      t: 9000 + i,
      kind: 'timeout',
      client: `c-${i}`,
      conn: i + 1,
      side: 'broker',
      ...extra,
    } as unknown as NonPacketEvent),
  );
  return new TimelineModel(store, { durationMs: 20_000 });
}

describe('labels of live broker timeouts', () => {
  const m = model(
    { keepAlive: 2, source: 'mosquitto-log', broker: 'Mosquitto' },
    { source: 'live', broker: 'RabbitMQ' },
    { keepAlive: 60, silentMs: 90_000, source: 'embedded', broker: 'the embedded broker' },
    { keepAlive: 2, lastActivity: 6000, source: 'embedded' },
  );

  it('say which broker did not report the keep alive or the last activity', () => {
    expect(describeRow(m, 0)).toBe('timeout c-0 at broker: K 2 s, last activity not reported by Mosquitto');
    expect(describeRow(m, 1)).toBe(
      'timeout c-1 at broker: K not reported by RabbitMQ, last activity not reported by RabbitMQ',
    );
  });

  it('give a silence longer than the trace as a duration, and a known last activity as a time', () => {
    expect(describeRow(m, 2)).toBe('timeout c-2 at broker: K 60 s, silent 1 min 30 s');
    expect(rowLabel(m, 2)).toBe('timeout · silent 90 s');
    expect(describeRow(m, 3)).toMatch(/^timeout c-3 at broker: K 2 s, silent since 6(\.0+)? s$/);
    expect(rowLabel(m, 3)).toBe('timeout · silent 3 s');
    expect(rowLabel(m, 0)).toBe('timeout');
  });

  it('never show NaN, undefined or a silence since 0 s', () => {
    for (let row = 0; row < 4; row++) {
      expect(describeRow(m, row)).not.toMatch(/NaN|undefined|since 0 s/);
      expect(rowLabel(m, row)).not.toMatch(/NaN|undefined/);
    }
  });
});
