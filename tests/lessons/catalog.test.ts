// Every lesson that ships: it parses, every claim it makes holds under every profile it lists (and
// under its what-ifs), its texts never type a number in, and it cites statement ids of its protocol.

import { describe, expect, it } from 'vitest';
import { LESSONS, getLesson } from '../../src/lessons/catalog';
import { asList, checkLesson, stepTexts } from '../../src/lessons/check';
import { typedNumbers } from '../../src/lessons/lint';
import { parseLesson } from '../../src/lessons/parse';
import { castOf } from '../../src/lessons/parseScenario';
import { LessonRuns, baseScenario, runLesson } from '../../src/lessons/run';
import type { Lesson } from '../../src/lessons/types';
import { loadScenario } from '../../src/scenario/validate';

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

/** Statement ids whose number means another rule, or nothing, in the other version of the standard. */
const ONLY_V4 = ['MQTT-3.1.2-24', 'MQTT-3.1.4-2', 'MQTT-4.8.0-1', 'MQTT-3.1.2-2'];
const ONLY_V5 = [
  'MQTT-3.1.2-20',
  'MQTT-3.1.2-22',
  'MQTT-3.1.4-3',
  'MQTT-3.1.3-9',
  'MQTT-3.1.2-5',
  'MQTT-4.13.1-1',
];

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

  it.each(each)('%s cites statement ids of the protocol it runs', (_id, lesson) => {
    const used = protocols(lesson);
    for (const id of lesson.steps.flatMap((s) => s.spec)) {
      if (ONLY_V4.includes(id)) expect(used.has(4), `${id} is a 3.1.1 id`).toBe(true);
      if (ONLY_V5.includes(id)) expect(used.has(5), `${id} is a 5.0 id`).toBe(true);
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
