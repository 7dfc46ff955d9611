// The lesson player's panel beside the timeline (a region named "Lesson"): the step's title and its
// sentences with numbers from the run on screen, the question asked before the moment and its
// feedback, the rule's statement ids, the claims the run was checked against, the step's what-if,
// the marks it talks about, and Previous step / Next step. Text only: nothing from a lesson or a trace
// becomes HTML.

import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  LessonTraceError,
  LESSONS,
  PROFILE_TITLES,
  asList,
  stepSpecIds,
  stepSpecProtocol,
  type Lesson,
  type LessonTrace,
} from '../../lessons';
import { lessonOthers, lessonPlayer, useLessonPlayer } from '../../state/lessonPlayer';
import { usePanelsStore } from '../../state/prefs';
import { usePlaybackStore } from '../../state/playback';
import { useTraceStore } from '../../state/traceStore';
import { LegendSample } from '../help/LegendSample';
import { stepLegend } from './stepLegend';
import { useLessonKeys } from './useLessonKeys';

function fillOr(trace: LessonTrace, text: string, others: ReturnType<typeof lessonOthers>): string {
  try {
    return trace.fill(text, others);
  } catch (err) {
    if (err instanceof LessonTraceError) return `(This run does not show it: ${err.message}.)`;
    throw err;
  }
}

export function LessonPanel() {
  const p = useLessonPlayer(
    useShallow((s) => ({
      lesson: s.lesson,
      step: s.step,
      profile: s.profile,
      whatIf: s.whatIf,
      phase: s.phase,
      answers: s.answers,
      trace: s.trace,
      scenario: s.scenario,
      finished: s.finished,
    })),
  );
  const onScreen = useTraceStore((s) => s.scenario);
  useLessonKeys(p.lesson !== null);
  if (p.lesson === null || p.trace === null) return null;
  const lesson = p.lesson;
  const detached = onScreen !== p.scenario;
  return (
    <section className="panel lesson" aria-label="Lesson">
      <div className="panel-head">
        <h2>Lesson</h2>
        <div className="lesson-head-buttons">
          <button type="button" onClick={() => usePanelsStore.getState().setDialog('lessons')}>
            All lessons
          </button>
          <button type="button" onClick={() => lessonPlayer.close()} aria-label="Close lesson">
            Close
          </button>
        </div>
      </div>
      <p className="lesson-title">{lesson.title}</p>
      {lesson.profiles.length > 1 && (
        <label className="lesson-profile">
          <span className="label">Broker</span>
          <select
            aria-label="Broker"
            value={p.profile}
            onChange={(e) => lessonPlayer.setProfile(e.target.value as typeof p.profile)}
          >
            {lesson.profiles.map((name) => (
              <option key={name} value={name}>
                {name === 'spec' ? 'the standard (spec)' : PROFILE_TITLES[name]}
              </option>
            ))}
          </select>
        </label>
      )}
      {detached ? (
        <div className="lesson-detached" role="status">
          <p>The timeline shows something else now.</p>
          <button type="button" className="primary" onClick={() => lessonPlayer.resume()}>
            Back to the lesson
          </button>
        </div>
      ) : p.finished ? (
        <Finished lesson={lesson} />
      ) : (
        <StepView />
      )}
    </section>
  );
}

/** Once the run has played on past the step's moment (Play pressed during a lesson), a way back. */
function MovedOn({ moment }: { moment: number }) {
  const past = usePlaybackStore((s) => s.now > moment + 500);
  if (!past) return null;
  return (
    <p className="lesson-moved-on" role="status">
      The run has played on past this step.{' '}
      <button
        type="button"
        className="link"
        onClick={() => lessonPlayer.goTo(useLessonPlayer.getState().step + 1)}
      >
        Back to this step
      </button>
    </p>
  );
}

function StepView() {
  const p = useLessonPlayer();
  const top = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLParagraphElement>(null);
  // A new step starts at its title; its sentences, once shown, are brought into view.
  useEffect(() => {
    // A block body: scrollIntoView may return a promise, which React would take for a cleanup.
    void top.current?.scrollIntoView({ block: 'nearest' });
  }, [p.step, p.lesson]);
  useEffect(() => {
    if (p.phase === 'shown') void text.current?.scrollIntoView({ block: 'nearest' });
  }, [p.phase, p.step]);
  const lesson = p.lesson as Lesson;
  const trace = p.trace as LessonTrace;
  const step = lesson.steps[p.step];
  const others = lessonOthers();
  const filled = useMemo(() => {
    try {
      return { ok: true as const, ...trace.fillStep(step, others) };
    } catch (err) {
      if (err instanceof LessonTraceError) return { ok: false as const, message: err.message };
      throw err;
    }
  }, [trace, step, others]);
  const checks = useMemo(
    () =>
      asList(p.whatIf?.check ?? step.check).map((c) => ({ claim: c.claim, ...trace.evaluate(c, others) })),
    [trace, step, p.whatIf, others],
  );
  const marks = useMemo(() => {
    const h = trace.highlights(step);
    return stepLegend(h.rows.map((r) => trace.events[r]));
  }, [trace, step]);
  const answer = p.answers[p.step];
  const specIds = stepSpecIds(step, p.whatIf !== null);
  const asking = p.phase === 'asking';
  const showText = !asking;
  const total = lesson.steps.length;

  return (
    <div className="lesson-step" data-step={p.step + 1} data-phase={p.phase} ref={top}>
      <p className="step-count" aria-live="polite">
        Step {p.step + 1} of {total}
      </p>
      <ol className="step-dots" aria-hidden="true">
        {lesson.steps.map((_, i) => (
          <li key={i} className={i === p.step ? 'current' : i < p.step ? 'past' : ''} />
        ))}
      </ol>
      <h3>{step.title}</h3>
      {p.whatIf !== null && (
        <p className="whatif-banner">
          What if: {p.whatIf.label}. <span className="hint">A replay with that one change.</span>
        </p>
      )}
      {!filled.ok ? (
        <p className="lesson-error">This step does not fit the run on screen: {filled.message}</p>
      ) : (
        <>
          {filled.predict !== null && (asking || answer !== undefined) && p.whatIf === null && (
            <Prediction
              question={filled.predict.question}
              choices={filled.predict.choices}
              right={filled.predict.answer}
              why={filled.predict.why}
              answer={answer}
              asking={asking}
            />
          )}
          {showText && (
            <p className="step-text" aria-live="polite" ref={text}>
              {p.whatIf !== null && p.whatIf.text !== undefined
                ? fillOr(trace, p.whatIf.text, others)
                : filled.text}
            </p>
          )}
        </>
      )}
      {p.phase === 'moving' && <p className="hint">The run plays on to this moment…</p>}
      {p.phase === 'shown' && <MovedOn moment={trace.stepAnchor(step).t} />}
      {showText && specIds.length > 0 && (
        <p className="step-spec">
          Rule in the standard (MQTT {stepSpecProtocol(lesson, step) === 5 ? '5.0' : '3.1.1'}):{' '}
          {specIds.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <code>[{id}]</code>
            </span>
          ))}
        </p>
      )}
      {showText && marks.length > 0 && (
        <div className="step-marks" aria-label="Marks in this step">
          {marks.map((m) => (
            <div key={m.id} className="step-mark">
              <LegendSample entry={m} width={48} height={24} />
              <span>{m.name}</span>
            </div>
          ))}
          <button
            type="button"
            className="link"
            onClick={() => usePanelsStore.getState().setLegendOpen(true)}
          >
            Every mark…
          </button>
        </div>
      )}
      {showText && (
        <details className="step-checks">
          <summary>What this run was checked for</summary>
          <ul>
            {checks.map((c, i) => (
              <li key={i} className={c.ok ? 'ok' : 'failed'}>
                {c.ok ? '✓' : '✗'} {c.claim}
                {!c.ok && <span className="hint"> ({c.message})</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {showText && step.whatIf !== undefined && (
        <div className="step-whatif">
          {p.whatIf === null ? (
            <button type="button" onClick={() => lessonPlayer.applyWhatIf()}>
              What if: {step.whatIf.label}
            </button>
          ) : (
            <button type="button" onClick={() => lessonPlayer.clearWhatIf()}>
              Back to the lesson’s run
            </button>
          )}
        </div>
      )}
      {showText && lesson.calculator === true && (
        <button type="button" onClick={() => usePanelsStore.getState().setCalculatorOpen(true)}>
          Open the keep-alive calculator
        </button>
      )}
      <div className="lesson-nav">
        <button type="button" onClick={() => lessonPlayer.previous()} disabled={p.step === 0}>
          Previous step
        </button>
        <button type="button" className="primary" onClick={() => lessonPlayer.next()}>
          Next step
        </button>
      </div>
      <p className="hint lesson-keys">
        <kbd>→</kbd> or <kbd>Space</kbd> next, <kbd>←</kbd> back
      </p>
    </div>
  );
}

function Prediction(props: {
  question: string;
  choices: string[];
  right: number;
  why: string;
  answer: { chosen: number; forYou: boolean } | undefined;
  asking: boolean;
}) {
  const { answer } = props;
  return (
    <div className="prediction">
      <p className="question">
        <strong>Predict:</strong> {props.question}
      </p>
      <div role="group" aria-label="Your prediction" className="choices">
        {props.choices.map((c, i) => {
          const state =
            answer === undefined ? '' : i === props.right ? 'right' : i === answer.chosen ? 'wrong' : '';
          return (
            <button
              key={i}
              type="button"
              className={`choice ${state}`}
              aria-pressed={answer?.chosen === i}
              disabled={!props.asking}
              onClick={() => lessonPlayer.answer(i)}
            >
              {c}
            </button>
          );
        })}
      </div>
      {answer !== undefined && (
        <p className="feedback" role="status">
          <strong>
            {answer.forYou
              ? `The answer: ${props.choices[props.right]}.`
              : answer.chosen === props.right
                ? 'Right.'
                : `Not quite: the answer is “${props.choices[props.right]}”.`}
          </strong>{' '}
          {props.why}
        </p>
      )}
      {props.asking && (
        <p className="hint">Choose what you expect, then watch it happen (→ shows the answer).</p>
      )}
    </div>
  );
}

function Finished({ lesson }: { lesson: Lesson }) {
  const index = LESSONS.findIndex((l) => l.id === lesson.id);
  const next = index >= 0 ? LESSONS[index + 1] : undefined;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void box.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <div className="lesson-finished" role="status" ref={box}>
      <h3>Lesson complete</h3>
      <p>
        You walked through all {lesson.steps.length} steps of “{lesson.title}”.
      </p>
      <div className="lesson-nav">
        <button type="button" onClick={() => lessonPlayer.previous()}>
          Previous step
        </button>
        {next !== undefined ? (
          <button type="button" className="primary" onClick={() => lessonPlayer.open(next)}>
            Next lesson: {next.title}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => usePanelsStore.getState().setDialog('lessons')}
          >
            All lessons
          </button>
        )}
      </div>
    </div>
  );
}
