// The two ways a lesson fails: it is not a valid lesson (`LessonError`, every problem with its path,
// as scenarios report theirs), or a valid lesson asks its trace for something the run did not
// produce (`LessonTraceError`, naming the selector).

import { formatIssue, type ScenarioIssue } from '../scenario/errors';

/** `steps[2].at: unknown kind "packets" (got "packets.sensor-1")`; `(root)` for the whole input. */
export type LessonIssue = ScenarioIssue;

/** Thrown for a lesson with one or more problems; `message` lists every issue, one a line. */
export class LessonError extends Error {
  readonly issues: LessonIssue[];

  constructor(issues: LessonIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'LessonError';
    this.issues = issues;
  }
}

/** A selector that matches nothing in a trace, or a field its event does not have. */
export class LessonTraceError extends Error {
  /** The selector (or ref) at fault, as written. */
  readonly selector: string;

  constructor(selector: string, message: string) {
    super(message);
    this.name = 'LessonTraceError';
    this.selector = selector;
  }
}
