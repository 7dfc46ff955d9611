// The lesson format, version 1: a guided lesson is data (JSON-able), a scenario and the steps a
// student walks through. A step is anchored to an event of the run's trace by a selector, never by a
// clock time, so the same lesson reads right under every broker profile; its numbers are refs into
// that trace and its claims are checks that a test runs against it (docs/lessons.md).

import type { BrokerProfileName, ClientLibraryName, ProtocolLevel, Scenario } from '../scenario/types';

export const LESSON_VERSION = 1;

export interface Lesson {
  /** Format version. */
  lesson: 1;
  /** A slug: lowercase letters and digits in words joined by "-". */
  id: string;
  title: string;
  /** One line. */
  summary: string;
  /** An inline scenario, or the name of a preset. */
  scenario: Scenario | string;
  /** Non-empty and distinct; the first is the default. Every check must hold under each. */
  profiles: BrokerProfileName[];
  /** 3..8 steps, in the time order of their anchors. */
  steps: LessonStep[];
  /** The player offers the keep-alive calculator in this lesson. */
  calculator?: boolean;
  /**
   * The client library every client of the scenario follows unless it names its own (`spec`: the
   * standard's rule alone, what a lesson about the standard wants). Default: the scenario's.
   */
  library?: ClientLibraryName;
}

export interface Highlight {
  /** Client IDs (or "broker") whose lanes are highlighted. */
  lanes?: string[];
  /** Selectors of further events to highlight (the step's own `at` event always is). */
  events?: string[];
}

export interface Predict {
  question: string;
  /** 2..5 choices. */
  choices: string[];
  /** Index of the right choice in `choices`. */
  answer: number;
  /** Why the answer is right, shown after the student chose. */
  why: string;
}

export interface WhatIf {
  /** The button's words, e.g. "Keep alive 60 s instead". */
  label: string;
  /** Scenario paths in JS notation (`clients[0].keepAlive`) → new values. */
  set: Record<string, unknown>;
  /** Shown after the replay, its refs filled from the what-if's trace. */
  text?: string;
  /** Must hold on the what-if's trace. */
  check?: Check | Check[];
  /**
   * Statement ids for the what-if's run, shown instead of the step's `spec` while the what-if is
   * shown (when it changes which rule applies: a crash instead of a DISCONNECT publishes the will).
   * Same version as the step's ids (`specProtocol`).
   */
  spec?: string[];
}

export interface LessonStep {
  /** A short heading. */
  title: string;
  /** Selector of the event the step is anchored to. */
  at: string;
  highlight?: Highlight;
  /** Two or three plain sentences; numbers only through `{selector.field}` refs. */
  text: string;
  /** Statement ids of the standard, e.g. "MQTT-3.1.2-24". */
  spec: string[];
  /**
   * The version of the standard `spec` (and the what-if's `spec`) cites: 4 for MQTT 3.1.1, 5 for
   * MQTT 5. The same id names different rules in the two (MQTT-3.1.2-23 is "the client must ping"
   * in 3.1.1, Session Expiry in 5). Default: the scenario's `protocol`, 4 when it has none; read it
   * with `stepSpecProtocol`.
   */
  specProtocol?: ProtocolLevel;
  /** A question asked before the step's moment is shown. */
  predict?: Predict;
  whatIf?: WhatIf;
  /** Claims about the trace that must hold. */
  check: Check | Check[];
}

export interface Check {
  /** The claim in plain words. */
  claim: string;
  /** An expression that must be true. */
  expect: string;
}
