// Every lesson that ships: it parses, every claim it makes holds under every profile it lists (and
// under its what-ifs), its texts never type a number in, and it cites statement ids of its protocol.

import { describe, expect, it } from 'vitest';
import { LESSONS, getLesson } from '../../src/lessons/catalog';
import { asList, checkLesson, stepTexts } from '../../src/lessons/check';
import { typedNumbers } from '../../src/lessons/lint';
import { parseLesson } from '../../src/lessons/parse';
import { castOf } from '../../src/lessons/parseScenario';
import { LessonRuns, baseScenario, runLesson } from '../../src/lessons/run';
import { stepSpecIds, stepSpecProtocol } from '../../src/lessons/statements';
import type { Lesson, LessonStep, WhatIf } from '../../src/lessons/types';
import { loadScenario } from '../../src/scenario/validate';
import type { BrokerProfileName } from '../../src/scenario/types';
import type { TraceEvent } from '../../src/trace/types';

const IDS = [
  'keep-alive',
  'any-packet-counts',
  'who-pings',
  'crash-power-off-disconnect',
  'half-open-takeover',
  'client-id-clash',
  'dead-broker',
  'will-delay',
  'persistent-session',
  'reconnect-storm',
  'brokers-differ',
  'choosing-keep-alive',
];

/**
 * The statements the lessons may cite, per version of the standard, with the rule each names there.
 * Ids are numbered per version: MQTT-3.1.2-23 is "the client must ping" in MQTT 3.1.1 but Session
 * Expiry in MQTT 5, and MQTT 5 numbers "the client must ping" MQTT-3.1.2-20.
 */
const STATEMENTS: Record<4 | 5, Record<string, string>> = {
  4: {
    'MQTT-3.1.2-2': 'a protocol level the broker does not support is refused',
    'MQTT-3.1.2-8': 'a close without DISCONNECT publishes the will',
    'MQTT-3.1.2-23': 'the client sends a packet within every K seconds, PINGREQ if nothing else',
    'MQTT-3.1.2-24': 'the broker closes after 1.5 × K without a packet',
    'MQTT-3.1.4-2': 'a CONNECT with a connected client ID takes the old connection over',
    'MQTT-3.12.4-1': 'the broker answers every PINGREQ with a PINGRESP',
    'MQTT-3.14.4-3': 'DISCONNECT deletes the will',
    'MQTT-4.5.0-1': 'messages for a subscription are added to its session, also while it is offline',
  },
  5: {
    'MQTT-3.1.2-5': 'Clean Start 0 resumes the existing session',
    'MQTT-3.1.2-8': 'a close without DISCONNECT publishes the will',
    'MQTT-3.1.2-20': 'the client sends a packet within every K seconds, PINGREQ if nothing else',
    'MQTT-3.1.2-22': 'the broker closes after 1.5 × K without a packet',
    'MQTT-3.1.2-23': 'with a Session Expiry Interval above 0 the session is kept after the close',
    'MQTT-3.1.3-9': 'the will waits for the Will Delay Interval; a resumed session cancels it',
    'MQTT-3.1.4-3': 'a CONNECT with a connected client ID takes the old connection over (DISCONNECT 0x8E)',
    'MQTT-3.2.2-3': 'CONNACK says session present 1 when a stored session is resumed',
    'MQTT-3.12.4-1': 'the broker answers every PINGREQ with a PINGRESP',
    'MQTT-3.14.4-3': 'DISCONNECT with reason 0x00 deletes the will',
    'MQTT-4.1.0-1': 'the session state is kept while the connection is open',
    'MQTT-4.5.0-1': 'messages for a subscription are added to its session, also while it is offline',
  },
};

/** Back-off and jitter are the client library's choice: the standard has no statement to cite. */
const OUTSIDE_THE_STANDARD = ['reconnect-storm'];

const each = LESSONS.map((l) => [l.id, l] as const);

function protocols(lesson: Lesson): Set<4 | 5> {
  return new Set(loadScenario(baseScenario(lesson)).clients.map((c) => c.protocol));
}

describe('LESSONS', () => {
  it('has the twelve lessons, in order, each id once', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(IDS);
    for (const id of IDS) expect(getLesson(id)?.id).toBe(id);
    expect(getLesson('nope')).toBeUndefined();
  });

  it.each(each)('%s parses, also as JSON', (_id, lesson) => {
    expect(parseLesson(lesson)).toBe(lesson);
    expect(parseLesson(JSON.parse(JSON.stringify(lesson)))).toEqual(lesson);
  });

  it.each(each)('%s: every claim holds under every profile and what-if', (_id, lesson) => {
    const results = checkLesson(lesson);
    expect(results.filter((r) => !r.ok).map((r) => r.message)).toEqual([]);
    const checks = lesson.steps.reduce(
      (n, s) => n + asList(s.check).length + asList(s.whatIf?.check).length,
      0,
    );
    expect(results.length).toBeGreaterThan(checks * lesson.profiles.length);
  });

  it.each(each)('%s: every text fills from its own run, under every profile', (_id, lesson) => {
    const runs = new LessonRuns(lesson);
    for (const profile of lesson.profiles) {
      const trace = runs.trace(profile);
      for (const step of lesson.steps) {
        for (const text of stepTexts(step)) expect(trace.fill(text, runs.others())).not.toMatch(/[{}]/);
        const whatIf = step.whatIf;
        if (whatIf?.text !== undefined) {
          expect(runs.trace(profile, whatIf).fill(whatIf.text, runs.others(whatIf))).not.toMatch(/[{}]/);
        }
      }
    }
  });

  it.each(each)('%s: no text types a number in', (_id, lesson) => {
    const names = castOf(loadScenario(baseScenario(lesson))).names;
    for (const step of lesson.steps) {
      for (const text of [...stepTexts(step), step.whatIf?.text ?? ''])
        expect(typedNumbers(text, names)).toEqual([]);
    }
  });

  it.each(each)('%s: the shape of a good lesson', (_id, lesson) => {
    expect(lesson.steps.length).toBeGreaterThanOrEqual(3);
    expect(lesson.steps.length).toBeLessThanOrEqual(8);
    expect(lesson.steps.some((s) => s.predict !== undefined)).toBe(true);
    expect(lesson.steps.some((s) => s.whatIf !== undefined)).toBe(true);
    if (!OUTSIDE_THE_STANDARD.includes(lesson.id))
      expect(lesson.steps.flatMap((s) => s.spec).length).toBeGreaterThan(0);
    for (const step of lesson.steps) {
      // Two or three sentences (a sentence ends in ".", "?" or "!" before a space or the end).
      const sentences = step.text
        .replace(/\{[^}]*\}/g, 'N')
        .split(/[.?!](?:\s|$)/)
        .filter((x) => x.trim() !== '');
      expect(sentences.length, `${step.title}: ${step.text}`).toBeGreaterThanOrEqual(1);
      expect(sentences.length, `${step.title}: ${step.text}`).toBeLessThanOrEqual(3);
    }
  });

  it.each(each)('%s cites statement ids of the version each step names', (_id, lesson) => {
    const used = protocols(lesson);
    for (const step of lesson.steps) {
      const version = stepSpecProtocol(lesson, step);
      expect(used.has(version), `${step.title}: no client speaks protocol ${version}`).toBe(true);
      for (const id of [...step.spec, ...(step.whatIf?.spec ?? [])]) {
        expect(
          STATEMENTS[version][id],
          `${step.title}: ${id} in MQTT ${version === 4 ? '3.1.1' : '5'}`,
        ).toBeDefined();
      }
    }
  });

  it('cites MQTT 5 ids where a step is about the MQTT 5 client of a mixed lesson', () => {
    const lesson = getLesson('brokers-differ') as Lesson;
    const told = lesson.steps.find((s) => s.title === 'Told why, or not') as LessonStep;
    expect(stepSpecProtocol(lesson, told)).toBe(5);
    expect(told.spec).toEqual(['MQTT-3.1.2-22']);
    expect(lesson.steps.filter((s) => s !== told).map((s) => stepSpecProtocol(lesson, s))).toEqual([
      4, 4, 4, 4,
    ]);
    for (const id of ['will-delay', 'persistent-session', 'client-id-clash']) {
      const l = getLesson(id) as Lesson;
      expect(l.steps.map((s) => stepSpecProtocol(l, s))).toEqual(l.steps.map(() => 5));
    }
  });

  it('cites the will rule for a what-if that turns a DISCONNECT into a crash or a power loss', () => {
    for (const [id, title] of [
      ['who-pings', 'A polite goodbye: no will'],
      ['crash-power-off-disconnect', 'A polite goodbye'],
    ]) {
      const step = getLesson(id)?.steps.find((s) => s.title === title) as LessonStep;
      expect(step.spec).toEqual(['MQTT-3.14.4-3']);
      expect(stepSpecIds(step)).toEqual(['MQTT-3.14.4-3']);
      expect(stepSpecIds(step, true)).toContain('MQTT-3.1.2-8');
    }
  });

  it.each(each)(
    '%s never shows a connection number (they count every client’s connections)',
    (_id, lesson) => {
      for (const step of lesson.steps) {
        for (const text of [...stepTexts(step), step.whatIf?.text ?? '']) {
          expect(text, step.title).not.toMatch(/\.(conn|oldConn)\}/);
        }
      }
    },
  );

  it.each(each)('%s: what a text points at is within a minute of its step’s moment', (_id, lesson) => {
    // The player keeps the events a step's text (or its what-if's) talks about in view, up to a minute
    // from the step's moment.
    const runs = new LessonRuns(lesson);
    for (const profile of lesson.profiles) {
      for (const step of lesson.steps) {
        const trace = runs.trace(profile);
        const at = trace.stepAnchor(step).t;
        for (const row of trace.referencedRows(step.text))
          expect(Math.abs(trace.events[row].t - at), `${profile}: ${step.title}`).toBeLessThanOrEqual(60_000);
        const whatIf = step.whatIf;
        if (whatIf?.text === undefined) continue;
        const other = runs.trace(profile, whatIf);
        const whatIfAt = other.stepAnchor(step).t;
        for (const row of other.referencedRows(whatIf.text))
          expect(Math.abs(other.events[row].t - whatIfAt), `${profile}: ${whatIf.label}`).toBeLessThanOrEqual(
            60_000,
          );
      }
    }
  });

  it('offers the calculator where keep alive is chosen', () => {
    expect(LESSONS.filter((l) => l.calculator === true).map((l) => l.id)).toEqual(['choosing-keep-alive']);
  });

  it('compares all eight brokers side by side, and checks hold under all eight', () => {
    const lesson = getLesson('brokers-differ');
    expect(lesson?.profiles).toHaveLength(8);
  });

  it.each(each)('%s fills the same text twice (deterministic)', (_id, lesson) => {
    const fill = (): string[] => {
      const runs = new LessonRuns(lesson);
      const trace = runLesson(lesson);
      return lesson.steps.map((s) => trace.fill(s.text, runs.others()));
    };
    expect(fill()).toEqual(fill());
  });
});

/** A step of a shipped lesson, by its title. */
function stepOf(id: string, title: string): { lesson: Lesson; step: LessonStep } {
  const lesson = getLesson(id) as Lesson;
  const step = lesson.steps.find((s) => s.title === title);
  if (step === undefined) throw new Error(`${id} has no step "${title}"`);
  return { lesson, step };
}

/** The event a step is anchored to, under each of its lesson's profiles. */
function anchors(id: string, title: string): [BrokerProfileName, TraceEvent][] {
  const { lesson, step } = stepOf(id, title);
  const runs = new LessonRuns(lesson);
  return lesson.profiles.map((p) => {
    const trace = runs.trace(p);
    return [p, trace.events[trace.stepAnchor(step).row]];
  });
}

describe('a step is anchored on what its text talks about', () => {
  it('keep alive 0: on legacy, whose lane it highlights', () => {
    const { step } = stepOf('choosing-keep-alive', 'Keep alive 0 is not a default');
    expect(step.highlight?.lanes).toEqual(['legacy']);
    for (const [, e] of anchors('choosing-keep-alive', 'Keep alive 0 is not a default')) {
      expect(e).toMatchObject({ kind: 'fault', target: 'legacy', fault: 'power-off' });
    }
  });

  it('told why, or not: on sensor-v5 being dropped (with the DISCONNECT, when one is sent) or refused', () => {
    for (const [profile, e] of anchors('brokers-differ', 'Told why, or not')) {
      expect(e).toMatchObject({ kind: 'conn', client: 'sensor-v5', side: 'broker', state: 'closed' });
      const refuses = ['aedes', 'rabbitmq-3.10', 'activemq-5.17'].includes(profile);
      expect(e.kind === 'conn' && e.reason, profile).toBe(refuses ? 'protocol-error' : 'keepalive-timeout');
      const { lesson } = stepOf('brokers-differ', 'Told why, or not');
      const disconnect = runLesson(lesson, { profile }).resolve('packet:DISCONNECT:b2c.sensor-v5');
      if (disconnect !== null) expect(disconnect.event.t, profile).toBe(e.t);
    }
  });

  it('half-open: at the moment the broker closes the half-open connection, not at the power-off', () => {
    for (const [, e] of anchors('crash-power-off-disconnect', 'Power loss leaves the connection half-open')) {
      expect(e).toMatchObject({
        kind: 'conn',
        client: 'sensor-1',
        side: 'broker',
        reason: 'keepalive-timeout',
      });
    }
  });

  it('session taken over: on the DISCONNECT 0x8E to the old connection', () => {
    for (const [, e] of anchors('client-id-clash', 'Session taken over')) {
      expect(e).toMatchObject({ kind: 'packet', type: 'DISCONNECT', dir: 'b2c', reasonCode: 0x8e });
    }
  });

  it('half-open take-over, keep alive 10 s: the what-if’s text points at the broker’s timeout', () => {
    const { lesson, step } = stepOf('half-open-takeover', 'Power off, connection still open');
    const whatIf = step.whatIf as WhatIf;
    const runs = new LessonRuns(lesson);
    for (const profile of lesson.profiles) {
      const trace = runs.trace(profile, whatIf);
      const timeout = trace.expect('timeout:broker.sensor-1');
      expect(trace.referencedRows(whatIf.text ?? '')).toContain(timeout.row);
    }
  });
});
