// Checking a lesson against its own runs: under every profile it lists, every step's anchor is in the
// trace and after the previous step's, its highlighted events are there, its texts fill (every ref
// resolves) and its checks hold; every what-if's trace has the anchor, fills the what-if's text and
// passes its checks. A lesson whose claims a run contradicts is reported, never silently shown.

import type { BrokerProfileName } from '../scenario/types';
import { ScenarioError } from '../scenario/errors';
import { LessonError, LessonTraceError } from './errors';
import { SelectorError } from './selector';
import { TemplateError } from './template';
import { WhatIfPathError } from './whatIf';
import { formatNumber } from './format';
import { LessonRuns } from './run';
import type { LessonTrace, OtherTraces } from './trace';
import type { Check, Lesson, LessonStep } from './types';

export interface LessonCheckResult {
  lesson: string;
  profile: BrokerProfileName;
  /** 1-based. */
  step: number;
  stepTitle: string;
  /** The what-if's label when the result is about the what-if's run; null for the step's own run. */
  whatIf: string | null;
  claim: string;
  ok: boolean;
  /**
   * One line, e.g. `step 3 (Power-off is noticed late): "the will waits for 1.5 × K" failed under
   * mosquitto-2.0: {will.sensor-1.afterLastPacketS} = 22.31`.
   */
  message: string;
}

export function asList(check: Check | Check[] | undefined): Check[] {
  return check === undefined ? [] : Array.isArray(check) ? check : [check];
}

/** Every claim of the lesson under every profile it lists, passed or failed. */
export function checkLesson(lesson: Lesson): LessonCheckResult[] {
  const runs = new LessonRuns(lesson);
  const results: LessonCheckResult[] = [];
  for (const profile of lesson.profiles) {
    let previousT = -Infinity;
    lesson.steps.forEach((step, i) => {
      const report = (whatIf: string | null, claim: string, ok: boolean, detail: string): void => {
        const where = `step ${i + 1} (${step.title})${whatIf === null ? '' : `, what-if "${whatIf}"`}`;
        const message = `${where}: "${claim}" ${ok ? 'holds' : 'failed'} under ${profile}${detail === '' ? '' : `: ${detail}`}`;
        results.push({
          lesson: lesson.id,
          profile,
          step: i + 1,
          stepTitle: step.title,
          whatIf,
          claim,
          ok,
          message,
        });
      };
      const trace = attempt(
        () => runs.trace(profile),
        (e) => report(null, 'the lesson runs', false, e),
      );
      if (trace !== null) {
        const t = checkRun(trace, runs.others(), step, null, report);
        if (t !== null) {
          report(
            null,
            'the step comes after the previous one in time',
            t >= previousT,
            `at ${formatNumber(t / 1000)} s`,
          );
          previousT = Math.max(previousT, t);
        }
      }
      const whatIf = step.whatIf;
      if (whatIf === undefined) return;
      const other = attempt(
        () => runs.trace(profile, whatIf),
        (e) => report(whatIf.label, 'the what-if runs', false, e),
      );
      if (other !== null) checkRun(other, runs.others(whatIf), step, whatIf.label, report);
    });
  }
  return results;
}

/** Only the claims that failed. */
export function lessonFailures(lesson: Lesson): LessonCheckResult[] {
  return checkLesson(lesson).filter((r) => !r.ok);
}

type Report = (whatIf: string | null, claim: string, ok: boolean, detail: string) => void;

/** Checks one step on one run; returns the anchor's time (ms), or null when it is missing. */
function checkRun(
  trace: LessonTrace,
  others: OtherTraces,
  step: LessonStep,
  whatIf: string | null,
  report: Report,
): number | null {
  /** `run()`'s result, with `claim` reported failed when it throws (and held, unless `quiet`). */
  const must = <T>(claim: string, run: () => T, quiet = false): T | null => {
    const out = attempt(run, (e) => report(whatIf, claim, false, e));
    if (out !== null && !quiet) report(whatIf, claim, true, '');
    return out;
  };
  const anchor = must(`${step.at} is in the trace`, () => trace.stepAnchor(step), true);
  if (whatIf === null) {
    for (const selector of step.highlight?.events ?? []) {
      must(`${selector} is in the trace`, () => trace.expect(selector));
    }
  }
  const texts = whatIf === null ? stepTexts(step) : [step.whatIf?.text ?? ''];
  must('every ref in the text is in the trace', () => texts.map((text) => trace.fill(text, others)));
  for (const check of whatIf === null ? asList(step.check) : asList(step.whatIf?.check)) {
    const outcome = trace.evaluate(check, others);
    report(whatIf, check.claim, outcome.ok, outcome.message);
  }
  return anchor === null ? null : anchor.t;
}

/** The texts of a step shown with refs filled from its own run. */
export function stepTexts(step: LessonStep): string[] {
  const p = step.predict;
  return [step.text, ...(p === undefined ? [] : [p.question, ...p.choices, p.why])];
}

/** `run()`, or null after handing a lesson-level failure's message to `fail`. */
function attempt<T>(run: () => T, fail: (message: string) => void): T | null {
  try {
    return run();
  } catch (err) {
    if (
      err instanceof LessonTraceError ||
      err instanceof LessonError ||
      err instanceof ScenarioError ||
      err instanceof WhatIfPathError ||
      err instanceof SelectorError ||
      err instanceof TemplateError
    ) {
      fail(err.message.split('\n').join('; '));
      return null;
    }
    throw err;
  }
}
