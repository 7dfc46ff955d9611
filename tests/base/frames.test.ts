import { describe, expect, it } from 'vitest';
import { FRAME_BUDGET_MS, FrameScheduler } from '../../src/base/frames';

/** A page whose frames, clock and microtasks the test runs by hand. */
function fakePage() {
  const frames: (() => void)[] = [];
  const microtasks: (() => void)[] = [];
  const page = {
    clock: 0,
    framesAsked: 0,
    /** Runs the next frame, then its microtasks, as the browser does before it paints. */
    runFrame(): void {
      const frame = frames.shift();
      if (frame === undefined) throw new Error('no frame was asked for');
      frame();
      while (microtasks.length > 0) microtasks.shift()?.();
    },
    get frameWaiting(): boolean {
      return frames.length > 0;
    },
  };
  const scheduler = new FrameScheduler({
    frame: (run) => {
      page.framesAsked++;
      frames.push(run);
    },
    now: () => page.clock,
    microtask: (run) => microtasks.push(run),
  });
  return { page, scheduler, microtasks };
}

describe('FrameScheduler', () => {
  it('runs every callback asked for between frames in one frame, in order', () => {
    const { page, scheduler } = fakePage();
    const ran: string[] = [];
    scheduler.request(() => ran.push('feed'));
    scheduler.request(() => ran.push('timeline'));
    scheduler.request(() => ran.push('fleet'));
    expect(page.framesAsked).toBe(1);
    page.runFrame();
    expect(ran).toEqual(['feed', 'timeline', 'fleet']);
    expect(page.frameWaiting).toBe(false);
  });

  it('runs in the same frame what a callback asks for while the frame runs', () => {
    const { page, scheduler } = fakePage();
    const ran: string[] = [];
    scheduler.request(() => {
      ran.push('feed');
      scheduler.request(() => ran.push('timeline'));
    });
    page.runFrame();
    expect(ran).toEqual(['feed', 'timeline']);
    expect(page.framesAsked).toBe(1);
  });

  it('runs in the same frame what a render in a microtask after a callback asks for', () => {
    const { page, scheduler, microtasks } = fakePage();
    const ran: string[] = [];
    scheduler.request(() => {
      ran.push('feed');
      // A store update queues the render (React flushes it in a microtask); its effect asks for a redraw.
      microtasks.push(() => {
        ran.push('render');
        scheduler.request(() => ran.push('timeline'));
      });
    });
    page.runFrame();
    expect(ran).toEqual(['feed', 'render', 'timeline']);
    expect(page.framesAsked).toBe(1);
  });

  it('leaves for the next frame what is asked for once the frame has spent its budget', () => {
    const { page, scheduler } = fakePage();
    const ran: string[] = [];
    scheduler.request(() => {
      ran.push('timeline');
      page.clock += FRAME_BUDGET_MS;
      scheduler.request(() => ran.push('fleet'));
    });
    page.runFrame();
    expect(ran).toEqual(['timeline']);
    expect(page.frameWaiting).toBe(true);
    page.runFrame();
    expect(ran).toEqual(['timeline', 'fleet']);
  });

  it('asks for a new frame for what is asked for after a frame ended', () => {
    const { page, scheduler } = fakePage();
    const ran: string[] = [];
    scheduler.request(() => ran.push('first'));
    page.runFrame();
    scheduler.request(() => ran.push('second'));
    expect(page.framesAsked).toBe(2);
    expect(ran).toEqual(['first']);
    page.runFrame();
    expect(ran).toEqual(['first', 'second']);
  });

  it('never runs a cancelled callback', () => {
    const { page, scheduler } = fakePage();
    const ran: string[] = [];
    const cancel = scheduler.request(() => ran.push('cancelled'));
    scheduler.request(() => ran.push('kept'));
    cancel();
    page.runFrame();
    expect(ran).toEqual(['kept']);
  });

  it('still runs the other callbacks when one throws, and reports the error after them', () => {
    const { page, scheduler } = fakePage();
    const ran: string[] = [];
    scheduler.request(() => {
      throw new Error('draw failed');
    });
    scheduler.request(() => ran.push('fleet'));
    expect(() => page.runFrame()).toThrow('draw failed');
    expect(ran).toEqual(['fleet']);
    // The scheduler is not left inside a frame: the next request gets a frame of its own.
    scheduler.request(() => ran.push('next'));
    page.runFrame();
    expect(ran).toEqual(['fleet', 'next']);
  });
});
