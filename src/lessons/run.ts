// Running a lesson: its scenario (a preset resolved, the chosen broker profile, a what-if applied),
// simulated synchronously to the end. Lessons are small (parseLesson caps their size), so a run takes
// milliseconds; `LessonRuns` keeps each profile's and what-if's trace for `{@profile:…}` refs.

import { getPreset } from '../scenario/presets';
import type { BrokerProfileName, Scenario } from '../scenario/types';
import { startRun } from '../sim/run';
import { TraceStore } from '../trace/store';
import { LessonError } from './errors';
import { LessonTrace, type OtherTraces } from './trace';
import type { Lesson, WhatIf } from './types';
import { applyWhatIf } from './whatIf';

export interface LessonScenarioOptions {
  /** Default: the lesson's first profile. */
  profile?: BrokerProfileName;
  whatIf?: WhatIf;
}

export interface LessonRunOptions extends LessonScenarioOptions {
  /** Reuse (and fill) this cache of the lesson's runs. */
  runs?: LessonRuns;
}

/** The lesson's own scenario, a fresh copy: a preset's by name, or the inline one. */
export function baseScenario(lesson: Pick<Lesson, 'scenario'>): Scenario {
  if (typeof lesson.scenario !== 'string') return structuredClone(lesson.scenario);
  const preset = getPreset(lesson.scenario);
  if (preset === undefined) {
    throw new LessonError([
      { path: 'scenario', message: `no preset named ${JSON.stringify(lesson.scenario)}` },
    ]);
  }
  return structuredClone(preset.scenario);
}

/**
 * The scenario a lesson runs: preset resolved, `broker.profile` set, the lesson's client library given
 * to every client that names none, what-if applied (a fresh copy).
 */
export function lessonScenario(lesson: Lesson, options: LessonScenarioOptions = {}): Scenario {
  const scenario = baseScenario(lesson);
  scenario.broker = { ...scenario.broker, profile: options.profile ?? lesson.profiles[0] };
  const library = lesson.library;
  if (library !== undefined) for (const client of scenario.clients) client.library ??= library;
  return options.whatIf === undefined ? scenario : applyWhatIf(scenario, options.whatIf.set);
}

/** Simulates the lesson to its end (synchronously) and returns its trace. */
export function runLesson(lesson: Lesson, options: LessonRunOptions = {}): LessonTrace {
  if (options.runs !== undefined && options.runs.lesson === lesson) {
    return options.runs.trace(options.profile, options.whatIf);
  }
  const scenario = lessonScenario(lesson, options);
  const store = new TraceStore();
  startRun(scenario, store).runToEnd();
  // A what-if may set the profile itself.
  return LessonTrace.fromStore(store, scenario.broker?.profile ?? 'spec');
}

/** The runs of one lesson, each made once: by profile, with or without a what-if. */
export class LessonRuns {
  private readonly traces = new Map<string, LessonTrace>();

  constructor(readonly lesson: Lesson) {}

  trace(profile: BrokerProfileName = this.lesson.profiles[0], whatIf?: WhatIf): LessonTrace {
    const key = `${profile}\u0000${whatIf === undefined ? '' : JSON.stringify(whatIf.set)}`;
    let trace = this.traces.get(key);
    if (trace === undefined) {
      trace = runLesson(this.lesson, { profile, whatIf });
      this.traces.set(key, trace);
    }
    return trace;
  }

  /** The traces `{@profile:…}` refs read: the same what-if (or none) under another profile. */
  others(whatIf?: WhatIf): OtherTraces {
    return (profile) => this.trace(profile, whatIf);
  }
}
