// Export trace in the worker: re-runs a scenario to its JSONL trace, in slices of wall time so the
// worker keeps answering, and hands the page a Blob.

import type { Scenario } from '../scenario/types';
import { simulationHeader, startRun } from '../sim/run';
import type { Simulation } from '../sim/simulation';
import { JsonlSink } from '../trace/jsonlWriter';
import type { RunnerHost } from './runner';

/** Wall ms one slice of an export may take: an export has no playback to keep smooth. */
const EXPORT_SLICE_MS = 24;

/** Re-runs a scenario to its JSONL trace, in slices, as a Blob: what `Export trace` downloads. */
export class Exporter {
  private active = new Map<number, () => void>();

  constructor(private readonly host: RunnerHost) {}

  cancel(requestId: number): void {
    this.active.get(requestId)?.();
    this.active.delete(requestId);
  }

  start(requestId: number, scenario: Scenario): void {
    const host = this.host;
    // Text goes into Blob parts as it is made: a fleet's trace (gigabytes) never sits in the heap
    // whole; the browser may keep big blobs on disk.
    let parts: BlobPart[] = [];
    let pending: string[] = [];
    let lines: string[] = [];
    let bytes = 0;
    let sim: Simulation;
    const fail = (err: unknown): void => {
      this.active.delete(requestId);
      host.post({
        type: 'export-failed',
        requestId,
        message: err instanceof Error ? err.message : String(err),
      });
    };
    try {
      sim = startRun(
        scenario,
        new JsonlSink(simulationHeader(scenario), (line) => {
          lines.push(line);
          bytes += line.length;
          if (lines.length >= 20_000) {
            pending.push(lines.join(''));
            if (pending.length >= 50) {
              parts = [new Blob([...parts, ...pending])];
              pending = [];
            }
            lines = [];
          }
        }),
      );
    } catch (err) {
      return fail(err);
    }
    let step = 1000;
    let cancelled = false;
    let cancelTimer: () => void = () => undefined;
    this.active.set(requestId, () => {
      cancelled = true;
      cancelTimer();
    });
    const slice = (): void => {
      if (cancelled) return;
      try {
        const started = host.now();
        while (!sim.done && host.now() - started < EXPORT_SLICE_MS) {
          const before = host.now();
          sim.runUntil(sim.now + step);
          const spent = host.now() - before;
          if (spent < 4) step = Math.min(step * 2, 3_600_000);
          else if (spent > 12) step = Math.max(1, step / 2);
        }
        if (!sim.done) {
          host.post({ type: 'export-progress', requestId, now: sim.now, durationMs: sim.durationMs, bytes });
          cancelTimer = host.later(slice, 0);
          return;
        }
        if (lines.length > 0) pending.push(lines.join(''));
        lines = [];
        this.active.delete(requestId);
        const blob = new Blob([...parts, ...pending], { type: 'application/x-ndjson' });
        parts = [];
        pending = [];
        host.post({ type: 'exported', requestId, blob, bytes: blob.size });
      } catch (err) {
        fail(err);
      }
    };
    slice();
  }
}
