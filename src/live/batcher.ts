// Batches live events per animation frame: a flood of messages becomes one append per frame, so the
// page's trace, timeline and views update at most once a frame whatever the message rate. A hidden tab
// gets no frames: a timer flushes then instead, and a batch that grows past `maxBatch` is flushed at
// once (a flood never piles up unbounded).
import { pageFrames } from '../base/frames';
import type { TraceEvent } from '../trace';

export interface FrameScheduler {
  request(callback: () => void): () => void;
}

/**
 * The page's shared animation frame where there is one (so the trace feed draws the batch in that same
 * frame), with a timer as a fallback (hidden tabs, Node).
 */
export function defaultScheduler(fallbackMs = 250): FrameScheduler {
  return {
    request(callback) {
      let done = false;
      const run = (): void => {
        if (done) return;
        done = true;
        callback();
      };
      const cancelFrame = typeof requestAnimationFrame === 'function' ? pageFrames.request(run) : null;
      const timer = setTimeout(run, cancelFrame === null ? 16 : fallbackMs);
      return () => {
        done = true;
        cancelFrame?.();
        clearTimeout(timer);
      };
    },
  };
}

export class FrameBatcher {
  private pending: TraceEvent[] = [];
  private cancel: (() => void) | null = null;

  constructor(
    private readonly flushTo: (batch: TraceEvent[]) => void,
    private readonly scheduler: FrameScheduler = defaultScheduler(),
    private readonly maxBatch = 100_000,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  push(e: TraceEvent): void {
    this.pending.push(e);
    if (this.pending.length >= this.maxBatch) this.flush();
    else
      this.cancel ??= this.scheduler.request(() => {
        this.cancel = null;
        this.flush();
      });
  }

  flush(): void {
    if (this.cancel) {
      this.cancel();
      this.cancel = null;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushTo(batch);
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = null;
    this.pending = [];
  }
}
