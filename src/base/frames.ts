// One animation frame for everything the page draws. The trace feed, the timeline and the fleet strip
// each asked for their own requestAnimationFrame, so one worker message became a chain of frames: the
// feed applied rows in one, its store update made the timeline and the fleet strip ask for the next,
// and the timeline's overlay for a third. Each frame paid the browser's commit and canvas copies again:
// a fleet run drew ~45 frames a second for ~10 messages a second, on the cores the worker needs.
//
// Here a callback asked for while a frame runs (by another callback, or by the React render that a
// store update causes, which runs in a microtask before the frame is painted) runs in that same
// frame, until the frame has spent its budget; what is asked for after that waits for the next one.

/**
 * Wall ms of callbacks after which a frame takes no more (the rest go to the next frame). A drawer
 * that spent its own budget (8 ms of rows for the feed, 8 ms of lanes or 12 ms of heat for the
 * timeline) ends the frame: in a run's first seconds, when all of them are busy, their budgets must
 * not add up into one long task.
 */
export const FRAME_BUDGET_MS = 8;

export interface FrameHost {
  /** requestAnimationFrame. */
  frame(run: () => void): void;
  /** performance.now. */
  now(): number;
  /** queueMicrotask. */
  microtask(run: () => void): void;
}

interface Entry {
  run: () => void;
  live: boolean;
}

export class FrameScheduler {
  private queue: Entry[] = [];
  private frameAsked = false;
  private inFrame = false;
  private frameStart = 0;
  private drainAsked = false;

  constructor(
    private readonly host: FrameHost,
    private readonly budgetMs = FRAME_BUDGET_MS,
  ) {}

  /** Runs `run` in the next frame, or in this one if a frame is running with time left; returns a cancel. */
  request(run: () => void): () => void {
    const entry: Entry = { run, live: true };
    this.queue.push(entry);
    if (this.inFrame) this.askDrain();
    else this.askFrame();
    return () => {
      entry.live = false;
    };
  }

  private askFrame(): void {
    if (this.frameAsked) return;
    this.frameAsked = true;
    this.host.frame(() => this.frame());
  }

  private frame(): void {
    this.frameAsked = false;
    this.inFrame = true;
    this.frameStart = this.host.now();
    this.drain();
  }

  /** After the microtasks queued so far (a React render among them): what they asked for, or the frame's end. */
  private askDrain(): void {
    if (this.drainAsked) return;
    this.drainAsked = true;
    this.host.microtask(() => {
      this.drainAsked = false;
      if (this.queue.length > 0 && this.host.now() - this.frameStart < this.budgetMs) this.drain();
      else this.endFrame();
    });
  }

  private endFrame(): void {
    this.inFrame = false;
    if (this.queue.length > 0) this.askFrame();
  }

  private drain(): void {
    const entries = this.queue;
    this.queue = [];
    let failure: { error: unknown } | null = null;
    for (const entry of entries) {
      if (!entry.live) continue;
      try {
        entry.run();
      } catch (error) {
        // The others still draw; the error is reported as an uncaught one, as from its own frame.
        failure ??= { error };
      }
    }
    this.askDrain();
    if (failure !== null) {
      const { error } = failure;
      this.host.microtask(() => {
        throw error;
      });
    }
  }
}

/** The page's scheduler (requestAnimationFrame, performance.now and queueMicrotask, looked up when used). */
export const pageFrames = new FrameScheduler({
  frame: (run) => requestAnimationFrame(() => run()),
  now: () => performance.now(),
  microtask: (run) => queueMicrotask(run),
});
