// The lesson player: which lesson and step is open, under which broker profile, with or without the
// step's what-if, and where the step stands (a question asked, the run moving to the moment, the
// moment shown). It runs each lesson's trace once, synchronously (lessons are small), to know where
// every step's event is and to fill its numbers; the app's own run (the worker) plays the same
// scenario, so the rows it shows are the lesson trace's rows, one for one.
//
// Reaching a step: the run pauses at the step's event, the timeline zooms to it, the step's lanes and
// events are highlighted and its event is selected (the inspector explains it). A step with a
// question stops before the moment; the answer plays the run up to it.
//
// One file because it is one state machine (the open step and its phase) over one store; its helpers
// are the transitions.

import { create } from 'zustand';
import {
  LessonRuns,
  lessonDataHash,
  lessonScenario,
  type Lesson,
  type LessonStep,
  type LessonTrace,
  type OtherTraces,
  type WhatIf,
} from '../lessons';
import { formatLocationHash } from '../scenario';
import type { BrokerProfileName, Scenario } from '../scenario/types';
import type { Speed } from '../worker/protocol';
import { SPEEDS } from '../worker/protocol';
import { appController } from './controller';
import { useLessonProgress } from './lessonProgress';
import { usePlaybackStore } from './playback';
import { usePanelsStore } from './prefs';
import { useSelectionStore } from './selection';
import { useTraceStore } from './traceStore';
import { useViewport } from './viewport';

/** asking: the step's question waits for an answer; moving: the run plays to the moment; shown. */
export type StepPhase = 'asking' | 'moving' | 'shown';

export interface LessonPlayerState {
  lesson: Lesson | null;
  /** A lesson of the catalog is linked by its id; an imported one by its data. */
  fromCatalog: boolean;
  /** 0-based. */
  step: number;
  profile: BrokerProfileName;
  /** The current step's what-if, while its replay is shown. */
  whatIf: WhatIf | null;
  phase: StepPhase;
  /** Per step (0-based), the choice made (or given) for its question. */
  answers: Record<number, { chosen: number; forYou: boolean }>;
  /** The trace of the run on screen: (profile, what-if). */
  trace: LessonTrace | null;
  /** The scenario the lesson put on screen (the page shows something else once it is not this). */
  scenario: Scenario | null;
  /** The lesson was walked to its end. */
  finished: boolean;
}

export const useLessonPlayer = create<LessonPlayerState>()(() => ({
  lesson: null,
  fromCatalog: true,
  step: 0,
  profile: 'spec',
  whatIf: null,
  phase: 'shown',
  answers: {},
  trace: null,
  scenario: null,
  finished: false,
}));

/**
 * The simulated time at which a step's event is on screen: a packet is in the trace once its fate is
 * known, so the run stops when it has arrived (the arrow then reaches the other side); anything else
 * at its own time.
 */
function momentOf(trace: LessonTrace, step: LessonStep): { row: number; t: number } {
  const anchor = trace.stepAnchor(step);
  const e = trace.events[anchor.row];
  if (e !== undefined && e.kind === 'packet' && e.arrive !== null) return { row: anchor.row, t: e.arrive };
  return anchor;
}

/** Wall time a run takes to play to a step's moment after a question (ms). */
const MOVE_WALL_MS = 3500;
/** A step's window shows at least this much time (ms), the step's marks in its middle. */
const MIN_SPAN_MS = 12_000;

let runs: LessonRuns | null = null;
/** `{@profile:…}` refs read these: the lesson's runs under other profiles, with the same what-if. */
let othersCache: { runs: LessonRuns; whatIf: WhatIf | null; others: OtherTraces } | null = null;

/** The traces `{@profile:…}` refs of the current step read (the same object while nothing changes). */
export function lessonOthers(): OtherTraces | undefined {
  if (runs === null) return undefined;
  const whatIf = state().whatIf;
  if (othersCache === null || othersCache.runs !== runs || othersCache.whatIf !== whatIf)
    othersCache = { runs, whatIf, others: runs.others(whatIf ?? undefined) };
  return othersCache.others;
}
/** Called when the run has reached the current step's moment (see watchArrival). */
let arrival: { row: number; t: number; unsubscribe: () => void } | null = null;

function state(): LessonPlayerState {
  return useLessonPlayer.getState();
}

function currentStep(): LessonStep | null {
  const s = state();
  return s.lesson === null ? null : (s.lesson.steps[s.step] ?? null);
}

/** The hash that reopens the current step: `#lesson=<id>&step=<n>`, or `#lesson-data=…&step=<n>`. */
export function lessonHash(): string {
  const s = state();
  if (s.lesson === null) return '';
  // The broker is in the link only when it is not the lesson's first (its default).
  const profile = s.profile === s.lesson.profiles[0] ? undefined : s.profile;
  return s.fromCatalog
    ? formatLocationHash({ lesson: s.lesson.id, step: s.step + 1, profile, play: false })
    : lessonDataHash(s.lesson, s.step + 1, profile);
}

function traceFor(profile: BrokerProfileName, whatIf: WhatIf | null): LessonTrace {
  const lesson = state().lesson;
  if (lesson === null || runs === null) throw new Error('no lesson is open');
  return runs.trace(profile, whatIf ?? undefined);
}

/** Opens the run the player shows (the lesson's scenario under its profile, maybe a what-if). */
function showRun(): void {
  const s = state();
  if (s.lesson === null) return;
  const scenario = lessonScenario(s.lesson, { profile: s.profile, whatIf: s.whatIf ?? undefined });
  useLessonPlayer.setState({ scenario, trace: traceFor(s.profile, s.whatIf) });
  appController().openScenario(scenario, { presetName: null });
}

function stopWatching(): void {
  arrival?.unsubscribe();
  arrival = null;
}

/** When the run has made row `row` and its clock is at `t`: highlight, select, zoom. */
function watchArrival(row: number, t: number): void {
  stopWatching();
  const check = (): void => {
    const store = useTraceStore.getState().store;
    const playback = usePlaybackStore.getState();
    if (playback.now < t) return;
    if (store.length <= row) {
      // The clock is there but the event is not out yet (a lost packet's fate is decided later):
      // a little further, paused.
      if (!playback.playing && useTraceStore.getState().status !== 'done')
        appController().seek(playback.now + 250);
      return;
    }
    stopWatching();
    arrived();
  };
  const a = useTraceStore.subscribe(check);
  const b = usePlaybackStore.subscribe(check);
  arrival = {
    row,
    t,
    unsubscribe: () => {
      a();
      b();
    },
  };
  check();
}

/** The run is at the step's moment: show it. */
function arrived(): void {
  const s = state();
  const step = currentStep();
  if (s.trace === null || step === null || s.lesson === null) return;
  const anchor = s.trace.stepAnchor(step);
  const marks = s.trace.highlights(step);
  const selection = useSelectionStore.getState();
  selection.setHighlight(marks);
  selection.select(anchor.row);
  focusWindow(s.trace, anchor.t, marks.rows);
  useLessonPlayer.setState({ phase: 'shown' });
  useLessonProgress.getState().reach(s.lesson.id, s.step + 1, s.lesson.steps.length);
}

/** Times that belong in the picture of an event: what led to it (the last packet before a timeout…). */
function contextTimes(trace: LessonTrace, row: number): number[] {
  const e = trace.events[row];
  if (e === undefined) return [];
  switch (e.kind) {
    case 'timeout':
      return [e.t, e.lastActivity];
    case 'will':
      return [e.t, e.t - e.delayed * 1000];
    case 'packet':
      return e.arrive === null ? [e.t] : [e.t, e.arrive];
    default:
      return [e.t];
  }
}

/** How far back the previous step's moment may be and still share the picture (ms). */
const CONTEXT_MS = 60_000;

/**
 * Zooms the timeline to a step: its event, what led to it, the events it highlights and, when close
 * enough, the previous step's moment, with room around them. With `opening`, a new run is about to be
 * shown: the window is kept through its first fit.
 */
function focusWindow(trace: LessonTrace, t: number, rows: readonly number[], opening = false): void {
  let lo = t;
  let hi = t;
  const take = (x: number): void => {
    if (Math.abs(x - t) > CONTEXT_MS) return;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  };
  const s = state();
  const step = currentStep();
  // What the step's sentences talk about is kept in view too (the what-if's, while it is shown).
  const text = s.whatIf?.text ?? step?.text;
  const talked = text === undefined ? [] : trace.referencedRows(text);
  for (const row of [...rows, ...talked]) for (const x of contextTimes(trace, row)) take(x);
  if (s.lesson !== null && s.step > 0) {
    const prev = trace.resolve(s.lesson.steps[s.step - 1].at);
    if (prev !== null) take(prev.event.t);
  }
  const span = Math.max(MIN_SPAN_MS, (hi - lo) * 1.3);
  // Nothing before the run's start, but a mark at 0 is not left on the very edge.
  const a = Math.max(-span * 0.06, (lo + hi) / 2 - span / 2);
  const vp = useViewport.getState();
  if (opening) vp.prefer(a, a + span);
  else vp.setWindow(a, a + span);
}

/**
 * The time to stop at before a step's moment, to ask its question: where the previous step left the
 * run (or the start, or where the run already is when that is earlier).
 */
function askingTime(index: number, moment: number): number {
  const s = state();
  if (s.lesson === null || s.trace === null || index === 0) return 0;
  const prev = s.lesson.steps[index - 1];
  const at = s.trace.resolve(prev.at) === null ? 0 : momentOf(s.trace, prev).t;
  return Math.min(at, moment);
}

/** Seeks the run to `t`, paused (a seek back replays up to it). */
function pauseAt(t: number): void {
  const c = appController();
  c.pause();
  c.seek(t);
}

/**
 * A speed from the list that plays `ms` of simulated time in about MOVE_WALL_MS (as fast as possible
 * when that is the speed the user chose).
 */
function moveSpeed(ms: number): Speed {
  if (usePlaybackStore.getState().speed === 'max') return 'max';
  const wanted = ms / MOVE_WALL_MS;
  for (const s of SPEEDS) if (typeof s === 'number' && s >= wanted) return s;
  return 'max';
}

/**
 * Opens step `index` (0-based): asks its question first when it has one not yet answered. `opening`:
 * the run was just (re)opened.
 */
function enterStep(index: number, opening = false): void {
  const s = state();
  if (s.lesson === null || s.trace === null) return;
  const step = s.lesson.steps[index];
  if (step === undefined) return;
  stopWatching();
  const from = s.step;
  useLessonPlayer.setState({ step: index, finished: false });
  appController().replaceHash(lessonHash());
  const selection = useSelectionStore.getState();
  const anchor = momentOf(s.trace, step);
  if (step.predict !== undefined && s.answers[index] === undefined && s.whatIf === null) {
    selection.setHighlight(null);
    selection.select(null);
    useLessonPlayer.setState({ phase: 'asking' });
    const at = askingTime(index, anchor.t);
    pauseAt(at);
    const prev = index > 0 ? s.trace.resolve(s.lesson.steps[index - 1].at) : null;
    focusWindow(s.trace, Math.max(at, anchor.t - MIN_SPAN_MS / 2), prev === null ? [] : [prev.row], opening);
    return;
  }
  // Going on from the step before: the run plays on to this moment (time passing is part of the
  // story); opening, jumping or going back: straight there.
  if (!opening && index === from + 1 && anchor.t > usePlaybackStore.getState().now) {
    moveToMoment();
    return;
  }
  useLessonPlayer.setState({ phase: 'moving' });
  pauseAt(anchor.t);
  watchArrival(anchor.row, anchor.t);
}

/** Plays the run from where it is to the current step's moment, then shows it. */
function moveToMoment(): void {
  const s = state();
  const step = currentStep();
  if (s.trace === null || step === null) return;
  const anchor = momentOf(s.trace, step);
  const now = usePlaybackStore.getState().now;
  useLessonPlayer.setState({ phase: 'moving' });
  if (anchor.t > now) appController().playTo(anchor.t, moveSpeed(anchor.t - now));
  else pauseAt(anchor.t);
  watchArrival(anchor.row, anchor.t);
}

/** Back to the lesson's own run when a what-if replay is shown; true when the run was reopened. */
function leaveWhatIf(): boolean {
  if (state().whatIf === null) return false;
  useLessonPlayer.setState({ whatIf: null });
  showRun();
  return true;
}

export const lessonPlayer = {
  /** Opens a lesson at a step (1-based; out-of-range steps are clamped). */
  open(
    lesson: Lesson,
    options: { step?: number; fromCatalog?: boolean; profile?: BrokerProfileName } = {},
  ): void {
    stopWatching();
    runs = new LessonRuns(lesson);
    const step = Math.min(lesson.steps.length, Math.max(1, options.step ?? 1)) - 1;
    const profile =
      options.profile !== undefined && lesson.profiles.includes(options.profile)
        ? options.profile
        : lesson.profiles[0];
    useLessonPlayer.setState({
      lesson,
      fromCatalog: options.fromCatalog ?? true,
      step,
      profile,
      whatIf: null,
      phase: 'shown',
      answers: {},
      finished: false,
    });
    usePanelsStore.getState().setSideOpen(true);
    usePanelsStore.getState().setDialog(null);
    showRun();
    enterStep(step, true);
  },

  close(): void {
    stopWatching();
    // The address no longer names a lesson (the run on screen stays, to explore).
    if (state().lesson !== null) appController().replaceHash('');
    runs = null;
    useLessonPlayer.setState({ lesson: null, trace: null, scenario: null, whatIf: null, finished: false });
    useSelectionStore.getState().setHighlight(null);
  },

  /** → / Space / Next step: answers an open question for the learner, finishes a move, or goes on. */
  next(): void {
    const s = state();
    if (s.lesson === null) return;
    const step = currentStep();
    if (s.phase === 'asking' && step?.predict !== undefined) {
      this.answer(step.predict.answer, true);
      return;
    }
    if (s.phase === 'moving') {
      // Impatient: straight to the moment.
      if (s.trace !== null && step !== null) {
        const anchor = momentOf(s.trace, step);
        pauseAt(anchor.t);
        watchArrival(anchor.row, anchor.t);
      }
      return;
    }
    if (s.step + 1 < s.lesson.steps.length) enterStep(s.step + 1, leaveWhatIf());
    else useLessonPlayer.setState({ finished: true });
  },

  previous(): void {
    const s = state();
    if (s.lesson === null) return;
    if (s.finished) {
      useLessonPlayer.setState({ finished: false });
      return;
    }
    if (s.step === 0) return;
    enterStep(s.step - 1, leaveWhatIf());
  },

  goTo(step: number): void {
    const s = state();
    if (s.lesson === null) return;
    enterStep(Math.min(s.lesson.steps.length, Math.max(1, step)) - 1, leaveWhatIf());
  },

  /** The learner's answer (or the right one given for them): feedback, then the run plays to the moment. */
  answer(choice: number, forYou = false): void {
    const s = state();
    if (s.phase !== 'asking') return;
    useLessonPlayer.setState({ answers: { ...s.answers, [s.step]: { chosen: choice, forYou } } });
    moveToMoment();
  },

  /** Replays the run with the current step's what-if and shows the step's moment in it. */
  applyWhatIf(): void {
    const step = currentStep();
    if (step?.whatIf === undefined) return;
    useLessonPlayer.setState({ whatIf: step.whatIf });
    showRun();
    enterStep(state().step, true);
  },

  clearWhatIf(): void {
    if (leaveWhatIf()) enterStep(state().step, true);
  },

  setProfile(profile: BrokerProfileName): void {
    const s = state();
    if (s.lesson === null || !s.lesson.profiles.includes(profile)) return;
    useLessonPlayer.setState({ profile });
    appController().replaceHash(lessonHash());
    showRun();
    enterStep(s.step, true);
  },

  /** The run on screen again, at the current step (after the page showed something else). */
  resume(): void {
    if (state().lesson === null) return;
    showRun();
    enterStep(state().step, true);
  },
};
