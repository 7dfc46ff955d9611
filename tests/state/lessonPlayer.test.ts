// The lesson player driving the real controller and the simulation worker's code (in process): a
// step pauses the run at its event, selects and highlights it; a question stops before the moment
// and the answer plays to it; a what-if replays with its change; links open lessons or say why not.

import { beforeEach, describe, expect, it } from 'vitest';
import { wallNow } from '../../src/base/time';
import { getLesson, encodeLessonData, lessonScenario, runLesson, type Lesson } from '../../src/lessons';
import { AppController, setAppController } from '../../src/state/controller';
import { openLessonLink } from '../../src/state/lessonLinks';
import { lessonPlayer, useLessonPlayer } from '../../src/state/lessonPlayer';
import { useLessonProgress } from '../../src/state/lessonProgress';
import { usePlaybackStore } from '../../src/state/playback';
import { useSelectionStore } from '../../src/state/selection';
import { useTraceStore } from '../../src/state/traceStore';
import { inProcessWorker, waitFor } from './inProcessWorker';

let hashes: string[];

function setup(): AppController {
  hashes = [];
  const c = new AppController({
    createWorker: () => inProcessWorker(),
    frame: (cb) => setTimeout(cb, 1),
    now: wallNow,
    download: () => undefined,
    replaceHash: (h) => hashes.push(h),
    openLesson: openLessonLink,
  });
  setAppController(c);
  return c;
}

function lesson(id: string): Lesson {
  const l = getLesson(id);
  if (l === undefined) throw new Error(id);
  return l;
}

const player = () => useLessonPlayer.getState();
const shown = () => player().phase === 'shown';

beforeEach(() => {
  usePlaybackStore.getState().setSpeed('max');
  useTraceStore.setState({ notices: [] });
  useLessonProgress.getState().reset();
  lessonPlayer.close();
});

describe('the lesson player', () => {
  it('opens a step paused at its event, selected and highlighted, with the step in the address', async () => {
    setup();
    const l = lesson('crash-power-off-disconnect');
    lessonPlayer.open(l, { step: 3 });
    await waitFor(shown, 15_000, 'step shown');
    const trace = runLesson(l);
    const anchor = trace.stepAnchor(l.steps[2]);
    expect(useSelectionStore.getState().selectedRow).toBe(anchor.row);
    // The app's run is the lesson's: its row is the lesson trace's event.
    expect(useTraceStore.getState().store.get(anchor.row)).toEqual(trace.events[anchor.row]);
    expect(usePlaybackStore.getState().playing).toBe(false);
    expect(usePlaybackStore.getState().now).toBeGreaterThanOrEqual(anchor.t);
    expect(useSelectionStore.getState().highlight?.rows).toContain(anchor.row);
    expect(hashes[hashes.length - 1]).toBe('#lesson=crash-power-off-disconnect&step=3');
    expect(useLessonProgress.getState().byLesson['crash-power-off-disconnect']?.reached).toBe(3);
  });

  it('asks a question before the moment, and plays to it once answered', async () => {
    setup();
    const l = lesson('keep-alive');
    const index = l.steps.findIndex((s) => s.predict !== undefined);
    expect(index).toBeGreaterThanOrEqual(0);
    lessonPlayer.open(l, { step: index + 1 });
    await waitFor(() => player().phase === 'asking', 5_000, 'asking');
    const anchor = runLesson(l).stepAnchor(l.steps[index]);
    // Not there yet: the moment is still to come.
    await waitFor(
      () => useTraceStore.getState().status === 'paused' || useTraceStore.getState().status === 'ready',
    );
    expect(usePlaybackStore.getState().now).toBeLessThan(anchor.t);
    expect(useSelectionStore.getState().selectedRow).toBeNull();
    const wrong = (l.steps[index].predict?.answer ?? 0) === 0 ? 1 : 0;
    lessonPlayer.answer(wrong);
    expect(player().answers[index]).toEqual({ chosen: wrong, forYou: false });
    await waitFor(shown, 15_000, 'moment shown');
    expect(useSelectionStore.getState().selectedRow).toBe(anchor.row);
  });

  it('answers an open question for the learner on Next step, then goes on to the next step', async () => {
    setup();
    const l = lesson('keep-alive');
    const index = l.steps.findIndex((s) => s.predict !== undefined);
    lessonPlayer.open(l, { step: index + 1 });
    await waitFor(() => player().phase === 'asking', 5_000, 'asking');
    lessonPlayer.next();
    expect(player().answers[index]).toEqual({ chosen: l.steps[index].predict?.answer, forYou: true });
    await waitFor(shown, 15_000, 'shown');
    lessonPlayer.next();
    expect(player().step).toBe(index + 1);
  });

  it('replays a what-if with its one change and shows the step in that run', async () => {
    setup();
    const l = lesson('keep-alive');
    const index = l.steps.findIndex((s) => s.whatIf !== undefined);
    lessonPlayer.open(l, { step: index + 1 });
    await waitFor(() => shown() || player().phase === 'asking', 15_000, 'opened');
    if (player().phase === 'asking') lessonPlayer.next();
    await waitFor(shown, 15_000, 'shown');
    const before = useTraceStore.getState().scenario;
    lessonPlayer.applyWhatIf();
    const whatIf = l.steps[index].whatIf;
    expect(player().whatIf).toBe(whatIf);
    expect(useTraceStore.getState().scenario).toEqual(lessonScenario(l, { whatIf }));
    expect(useTraceStore.getState().scenario).not.toEqual(before);
    await waitFor(shown, 15_000, 'what-if shown');
    const anchor = runLesson(l, { whatIf }).stepAnchor(l.steps[index]);
    expect(useSelectionStore.getState().selectedRow).toBe(anchor.row);
    lessonPlayer.clearWhatIf();
    expect(player().whatIf).toBeNull();
    expect(useTraceStore.getState().scenario).toEqual(lessonScenario(l));
  });

  it('finishes after the last step and remembers the lesson as done', async () => {
    setup();
    const l = lesson('half-open-takeover');
    lessonPlayer.open(l, { step: l.steps.length });
    await waitFor(() => shown() || player().phase === 'asking', 15_000, 'opened');
    if (player().phase === 'asking') lessonPlayer.next();
    await waitFor(shown, 15_000, 'shown');
    lessonPlayer.next();
    expect(player().finished).toBe(true);
    expect(useLessonProgress.getState().byLesson['half-open-takeover']?.done).toBe(true);
  });

  it('opens #lesson=<id>&step=<n> and #lesson-data= links; a bad one says why and leaves the lesson', async () => {
    const c = setup();
    c.applyHash('#lesson=will-delay&step=2');
    expect(player().lesson?.id).toBe('will-delay');
    expect(player().step).toBe(1);
    c.applyHash('#lesson=no-such-lesson');
    expect(player().lesson?.id).toBe('will-delay');
    expect(
      useTraceStore
        .getState()
        .notices.map((n) => n.text)
        .join('\n'),
    ).toMatch(/lesson: no lesson named "no-such-lesson"/);
    const mine: Lesson = { ...lesson('keep-alive'), id: 'my-lesson', title: 'My lesson' };
    c.applyHash(`#lesson-data=${encodeLessonData(mine)}&step=1`);
    expect(player().lesson?.title).toBe('My lesson');
    expect(player().fromCatalog).toBe(false);
    c.applyHash('#lesson-data=NOT-A-LESSON');
    expect(player().lesson?.title).toBe('My lesson');
    expect(
      useTraceStore
        .getState()
        .notices.map((n) => n.text)
        .join('\n'),
    ).toMatch(/lesson-data: /);
  });
});
