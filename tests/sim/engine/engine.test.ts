import { describe, expect, it } from 'vitest';
import { Engine, type EventHandler } from '../../../src/sim/engine/engine';

/** A handler that records (time, kind, a, b) and may schedule more from inside an event. */
class Recorder implements EventHandler {
  readonly seen: [number, number, number, number][] = [];
  engine!: Engine;
  onHandle: (kind: number, a: number) => void = () => {};

  handle(kind: number, a: number, b: number): void {
    this.seen.push([this.engine.now, kind, a, b]);
    this.onHandle(kind, a);
  }
}

function engine(): { engine: Engine; rec: Recorder } {
  const rec = new Recorder();
  const e = new Engine(rec);
  rec.engine = e;
  return { engine: e, rec };
}

describe('Engine', () => {
  it('runs events in time order and moves its clock to each', () => {
    const { engine: e, rec } = engine();
    e.schedule(30, 1, 1);
    e.schedule(10, 1, 2);
    e.schedule(20, 1, 3, 9);
    e.runUntil(100);
    expect(rec.seen).toEqual([
      [10, 1, 2, 0],
      [20, 1, 3, 9],
      [30, 1, 1, 0],
    ]);
    expect(e.eventCount).toBe(3);
  });

  it('runUntil runs events at the limit, not after, and leaves the clock at the limit', () => {
    const { engine: e, rec } = engine();
    e.schedule(10, 1, 1);
    e.schedule(10.001, 1, 2);
    e.runUntil(10);
    expect(rec.seen.map((s) => s[2])).toEqual([1]);
    expect(e.now).toBe(10);
    expect(e.pending).toBe(1);
    expect(e.nextTime()).toBe(10.001);
    e.runUntil(5); // the clock never goes back
    expect(e.now).toBe(10);
  });

  it('runs an event scheduled in the past at the current time, after the ones already due now', () => {
    const { engine: e, rec } = engine();
    e.schedule(50, 1, 1);
    e.schedule(50, 1, 2);
    rec.onHandle = (_k, a) => {
      if (a === 1) e.schedule(20, 2, 3);
    };
    e.runUntil(60);
    expect(rec.seen).toEqual([
      [50, 1, 1, 0],
      [50, 1, 2, 0],
      [50, 2, 3, 0],
    ]);
  });

  it('step handles one event at a time and reports when there is none', () => {
    const { engine: e, rec } = engine();
    e.schedule(5, 1, 1);
    e.schedule(7, 1, 2);
    expect(e.step()).toBe(true);
    expect(e.now).toBe(5);
    expect(e.step()).toBe(true);
    expect(e.step()).toBe(false);
    expect(rec.seen.map((s) => s[0])).toEqual([5, 7]);
  });

  it('keeps FIFO order for events an event schedules at its own instant', () => {
    const { engine: e, rec } = engine();
    e.schedule(1, 1, 0);
    rec.onHandle = (_k, a) => {
      if (a < 5) e.schedule(e.now, 1, a + 1);
    };
    e.schedule(1, 9, 99);
    e.runUntil(Infinity);
    expect(rec.seen.map((s) => s[2])).toEqual([0, 99, 1, 2, 3, 4, 5]);
  });
});
