// A probe for tests and benchmarks: the times at which the timeline's static layer was redrawn, read
// from the page. Each static redraw starts with a setTransform on the timeline's canvas, so the probe
// wraps that one call. Node-only tooling: the function is handed to Playwright's addInitScript and
// runs in the page before its scripts, so it must not use anything outside its own body.

/** Where the page keeps the times (performance.now()) of the timeline's static redraws. */
export interface TimelineDrawsWindow {
  __timelineDraws: number[];
}

export function probeTimelineDraws(): void {
  const w = window as unknown as TimelineDrawsWindow;
  w.__timelineDraws = [];
  const proto = CanvasRenderingContext2D.prototype;
  const setTransform = proto.setTransform as (this: CanvasRenderingContext2D, ...a: unknown[]) => void;
  (proto as unknown as { setTransform: (...a: unknown[]) => void }).setTransform = function (
    this: CanvasRenderingContext2D,
    ...a: unknown[]
  ) {
    if (this.canvas instanceof HTMLCanvasElement && this.canvas.dataset.testid === 'timeline-canvas')
      w.__timelineDraws.push(performance.now());
    return setTransform.apply(this, a);
  };
}
