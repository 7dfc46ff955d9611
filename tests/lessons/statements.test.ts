// Which version of the standard a step's statement ids are from, and which ids a step shows with
// and without its what-if.

import { describe, expect, it } from 'vitest';
import { stepSpecIds, stepSpecProtocol } from '../../src/lessons';
import type { Lesson, LessonStep } from '../../src/lessons/types';
import { tinyLesson } from './helpers';

function withProtocol(protocol: 4 | 5 | undefined): Lesson {
  const lesson = tinyLesson();
  const scenario = structuredClone(lesson.scenario) as Exclude<Lesson['scenario'], string>;
  if (protocol === undefined) delete scenario.protocol;
  else scenario.protocol = protocol;
  return { ...lesson, scenario };
}

describe('stepSpecProtocol', () => {
  it('is the scenario’s protocol by default, 4 when it has none', () => {
    const step = tinyLesson().steps[0];
    expect(stepSpecProtocol(withProtocol(4), step)).toBe(4);
    expect(stepSpecProtocol(withProtocol(5), step)).toBe(5);
    expect(stepSpecProtocol(withProtocol(undefined), step)).toBe(4);
  });

  it('reads a preset’s protocol', () => {
    const step = tinyLesson().steps[0];
    expect(stepSpecProtocol({ scenario: 'client-id-clash' }, step)).toBe(5);
    expect(stepSpecProtocol({ scenario: 'crash-vs-power-off' }, step)).toBe(4);
  });

  it('is the step’s own specProtocol when it names one', () => {
    const step: LessonStep = { ...tinyLesson().steps[0], specProtocol: 5 };
    expect(stepSpecProtocol(withProtocol(4), step)).toBe(5);
    expect(stepSpecProtocol(withProtocol(5), { ...step, specProtocol: 4 })).toBe(4);
  });
});

describe('stepSpecIds', () => {
  it('shows the step’s ids, and the what-if’s own while the what-if is shown', () => {
    const step = tinyLesson().steps[2];
    expect(stepSpecIds(step)).toEqual(['MQTT-3.1.2-24']);
    expect(stepSpecIds(step, true)).toEqual(['MQTT-3.1.2-24']);
    const whatIf = { ...(step.whatIf as NonNullable<LessonStep['whatIf']>), spec: ['MQTT-3.1.2-8'] };
    expect(stepSpecIds({ ...step, whatIf }, true)).toEqual(['MQTT-3.1.2-8']);
    expect(stepSpecIds({ ...step, whatIf })).toEqual(['MQTT-3.1.2-24']);
  });
});
