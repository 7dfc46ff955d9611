// A lesson's view of one run: its events in trace order (an event's index is its row in the app's
// trace store), and what a lesson asks of them: the event a selector names, the value a ref reads,
// a text with its refs filled, whether a check holds.

import { detectionWindow } from '../analysis/compare/tolerances';
import type { BrokerProfileName } from '../scenario/types';
import type { TraceStore } from '../trace/store';
import type { TraceEvent } from '../trace/types';
import { LessonTraceError } from './errors';
import { evaluateExpression, type Measured } from './evaluate';
import { ExpressionError, parseExpression } from './expression';
import { fact, missingMatch } from './facts';
import { formatNumber } from './format';
import { PROFILE_TITLES } from './profiles';
import { parseRef, type Ref } from './ref';
import { matches, parseSelector, pickIndex, selectorKey, type Selector } from './selector';
import { fillTemplate, parseTemplate } from './template';
import type { Check, LessonStep } from './types';

/** The traces of other profiles, for `{@profile:…}` refs. */
export type OtherTraces = (profile: BrokerProfileName) => LessonTrace;

export interface CheckOutcome {
  ok: boolean;
  /** What was measured (`{will.sensor-1.afterLastPacketS} = 22.31, detectHi(10) = 15`), or why it could not be. */
  message: string;
}

/** A step's words as shown, every ref filled from one trace. */
export interface FilledStep {
  text: string;
  predict: { question: string; choices: string[]; answer: number; why: string } | null;
}

/** `{a.b.c}` or `a.b.c` → `a.b.c`. */
function unbrace(ref: string): string {
  return ref.startsWith('{') && ref.endsWith('}') ? ref.slice(1, -1) : ref;
}

export class LessonTrace {
  readonly events: readonly TraceEvent[];
  readonly profile: BrokerProfileName;
  /** Selector key (without `#n`) → rows of every match. */
  private readonly matchRows = new Map<string, readonly number[]>();

  constructor(events: readonly TraceEvent[], profile: BrokerProfileName) {
    this.events = events;
    this.profile = profile;
  }

  /** The events of a store (a finished run, or the app's own trace of the same scenario). */
  static fromStore(store: TraceStore, profile: BrokerProfileName): LessonTrace {
    return new LessonTrace([...store], profile);
  }

  /** Rows of every event `selector` matches, ignoring `#n`. Throws `SelectorError` for a bad selector. */
  rows(selector: string | Selector): readonly number[] {
    const s = typeof selector === 'string' ? parseSelector(selector) : selector;
    const key = selectorKey(s);
    let rows = this.matchRows.get(key);
    if (rows === undefined) {
      const found: number[] = [];
      this.events.forEach((e, row) => {
        if (matches(s, e)) found.push(row);
      });
      rows = found;
      this.matchRows.set(key, rows);
    }
    return rows;
  }

  /** The event a selector names, with its row; null when the trace has none. */
  resolve(selector: string): { row: number; event: TraceEvent } | null {
    const s = parseSelector(selector);
    const rows = this.rows(s);
    const i = pickIndex(rows.length, s.nth);
    return i < 0 ? null : { row: rows[i], event: this.events[rows[i]] };
  }

  /** The value of a ref (`{selector.field}`, braces optional); throws `LessonTraceError` when the run lacks it. */
  value(ref: string, others?: OtherTraces): number | string {
    return this.read(parseRef(unbrace(ref)), others);
  }

  /** `text` with every ref filled; numbers as `formatNumber` writes them. Throws `LessonTraceError`. */
  fill(text: string, others?: OtherTraces): string {
    return fillTemplate(parseTemplate(text), (ref) => {
      const value = this.read(ref, others);
      return typeof value === 'number' ? formatNumber(value) : value;
    });
  }

  /** A step's texts with their refs filled: its text and its prediction. Throws `LessonTraceError`. */
  fillStep(step: LessonStep, others?: OtherTraces): FilledStep {
    const p = step.predict;
    return {
      text: this.fill(step.text, others),
      predict:
        p === undefined
          ? null
          : {
              question: this.fill(p.question, others),
              choices: p.choices.map((c) => this.fill(c, others)),
              answer: p.answer,
              why: this.fill(p.why, others),
            },
    };
  }

  /** Whether a check holds on this trace, and what was measured (never throws for a missing event). */
  evaluate(check: Check, others?: OtherTraces): CheckOutcome {
    const measured: Measured[] = [];
    try {
      const ok = evaluateExpression(
        parseExpression(check.expect),
        {
          value: (ref) => this.read(ref, others) as number,
          detection: (k) => {
            const w = detectionWindow(this.profile, k);
            return w === null ? null : { lo: w.lo / 1000, hi: w.hi / 1000 };
          },
        },
        measured,
      );
      return {
        ok: ok === true,
        message: measured.map((m) => `${m.text} = ${formatNumber(m.value)}`).join(', '),
      };
    } catch (err) {
      if (err instanceof LessonTraceError || err instanceof ExpressionError)
        return { ok: false, message: err.message };
      throw err;
    }
  }

  /** Like `resolve`, but throws `LessonTraceError` (`no will.sensor-1#2 in the trace (only 1 match)`). */
  expect(selector: string): { row: number; event: TraceEvent } {
    const s = parseSelector(selector);
    const rows = this.rows(s);
    const i = pickIndex(rows.length, s.nth);
    if (i < 0) throw missingMatch(s, rows.length);
    return { row: rows[i], event: this.events[rows[i]] };
  }

  /** The row and time (ms) of the event a step is anchored to; throws `LessonTraceError`. */
  stepAnchor(step: Pick<LessonStep, 'at'>): { row: number; t: number } {
    const found = this.expect(step.at);
    return { row: found.row, t: found.event.t };
  }

  /**
   * What a step highlights: its lanes, and the rows of its anchor and of its highlighted events that
   * the trace has (a what-if may lack some).
   */
  highlights(step: Pick<LessonStep, 'at' | 'highlight'>): { lanes: string[]; rows: number[] } {
    const rows: number[] = [];
    for (const selector of [step.at, ...(step.highlight?.events ?? [])]) {
      const found = this.resolve(selector);
      if (found !== null && !rows.includes(found.row)) rows.push(found.row);
    }
    return { lanes: [...(step.highlight?.lanes ?? [])], rows };
  }

  /**
   * Rows of the events a text's refs point at in this trace (one selected event each; a `count` of
   * all matches points at none): what the text talks about, for the player to keep in view.
   */
  referencedRows(text: string): number[] {
    const rows: number[] = [];
    for (const part of parseTemplate(text)) {
      if (typeof part === 'string' || part.ref.kind !== 'event') continue;
      const ref = part.ref;
      if (ref.field === 'count' || (ref.profile !== null && ref.profile !== this.profile)) continue;
      const matched = this.rows(ref.selector);
      const i = pickIndex(matched.length, ref.selector.nth);
      if (i >= 0 && !rows.includes(matched[i])) rows.push(matched[i]);
    }
    return rows;
  }

  private read(ref: Ref, others: OtherTraces | undefined): number | string {
    if (ref.kind === 'profile') return ref.field === 'name' ? this.profile : PROFILE_TITLES[this.profile];
    if (ref.profile === null || ref.profile === this.profile) {
      return fact(this.events, this.rows(ref.selector), ref.selector, ref.field);
    }
    if (others === undefined) {
      throw new LessonTraceError(
        ref.selector.text,
        `{${ref.text}} reads the ${ref.profile} trace, which was not given`,
      );
    }
    return others(ref.profile).read({ ...ref, profile: null }, undefined);
  }
}
