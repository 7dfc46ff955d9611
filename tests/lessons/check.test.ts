import { describe, expect, it } from 'vitest';
import { checkLesson, lessonFailures } from '../../src/lessons/check';
import { parseLesson } from '../../src/lessons/parse';
import type { Lesson } from '../../src/lessons/types';
import { tinyLesson } from './helpers';

/** tinyLesson() with `edit` applied, still a valid lesson. */
function variant(edit: (l: Lesson) => void): Lesson {
  const lesson = tinyLesson();
  edit(lesson);
  return parseLesson(lesson);
}

describe('checkLesson', () => {
  it('finds nothing wrong with a lesson whose claims hold', () => {
    const results = checkLesson(tinyLesson());
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => r.claim)).toEqual([
      'every ref in the text is in the trace',
      'it pings within K',
      'the step comes after the previous one in time',
      'packet:PINGRESP.sensor-1 is in the trace',
      'every ref in the text is in the trace',
      'the power goes off',
      'the step comes after the previous one in time',
      'every ref in the text is in the trace',
      'the broker waits 1.5 × K',
      'the step comes after the previous one in time',
      'every ref in the text is in the trace',
      'the broker waits 1.5 × K',
    ]);
  });

  it('says what it measured when a claim holds', () => {
    const result = checkLesson(tinyLesson()).find((r) => r.claim === 'it pings within K');
    expect(result).toEqual({
      lesson: 'tiny',
      profile: 'spec',
      step: 1,
      stepTitle: 'A ping',
      whatIf: null,
      claim: 'it pings within K',
      ok: true,
      message:
        'step 1 (A ping): "it pings within K" holds under spec: {packet:PINGREQ.sensor-1.atS} = 10, ' +
        '{packet:PINGREQ.sensor-1.keepAliveS} = 10',
    });
  });

  it('reports a what-if that breaks its check, with the step, the what-if and the claim', () => {
    const lesson = variant((l) => {
      const whatIf = l.steps[2].whatIf;
      if (whatIf === undefined) throw new Error('tiny has a what-if');
      whatIf.check = {
        claim: 'the wait stays 15 s',
        expect: '{timeout:broker.sensor-1.afterLastPacketS} == 15',
      };
    });
    expect(lessonFailures(lesson)).toEqual([
      {
        lesson: 'tiny',
        profile: 'spec',
        step: 3,
        stepTitle: 'Dropped',
        whatIf: 'Keep alive 20 s',
        claim: 'the wait stays 15 s',
        ok: false,
        message:
          'step 3 (Dropped), what-if "Keep alive 20 s": "the wait stays 15 s" failed under spec: ' +
          '{timeout:broker.sensor-1.afterLastPacketS} = 30',
      },
    ]);
  });

  it('checks every profile the lesson lists', () => {
    const lesson = variant((l) => {
      l.profiles = ['spec', 'mosquitto-2.0'];
    });
    const failures = lessonFailures(lesson);
    expect(failures.map((f) => [f.profile, f.step, f.claim])).toEqual([
      ['mosquitto-2.0', 3, 'the broker waits 1.5 × K'],
      ['mosquitto-2.0', 3, 'the broker waits 1.5 × K'],
    ]);
    expect(failures[0].message).toMatch(
      /^step 3 \(Dropped\): "the broker waits 1\.5 × K" failed under mosquitto-2\.0: \{timeout:broker\.sensor-1\.afterLastPacketS\} = \d/,
    );
  });

  it('reports an anchor, a highlighted event or a ref the run does not have', () => {
    const lesson = variant((l) => {
      l.steps[0].at = 'takeover.sensor-1';
      l.steps[1].highlight = { events: ['will.sensor-1#2'] };
      l.steps[2].text = 'Taken over at {takeover.sensor-1.atS} s.';
    });
    expect(lessonFailures(lesson).map((f) => f.message)).toEqual([
      'step 1 (A ping): "takeover.sensor-1 is in the trace" failed under spec: no takeover.sensor-1 in the trace',
      'step 2 (Power off): "will.sensor-1#2 is in the trace" failed under spec: no will.sensor-1#2 in the trace (only 1 match)',
      'step 3 (Dropped): "every ref in the text is in the trace" failed under spec: no takeover.sensor-1 in the trace',
    ]);
  });

  it('reports a step whose anchor comes before the previous step’s', () => {
    const lesson = variant((l) => {
      [l.steps[0], l.steps[1]] = [l.steps[1], l.steps[0]];
    });
    expect(lessonFailures(lesson).map((f) => f.message)).toEqual([
      'step 2 (A ping): "the step comes after the previous one in time" failed under spec: at 10 s',
    ]);
  });

  it('reports a what-if whose trace lacks the step’s anchor or its text’s refs', () => {
    const lesson = variant((l) => {
      const whatIf = l.steps[2].whatIf;
      if (whatIf === undefined) throw new Error('tiny has a what-if');
      whatIf.set = { 'clients[0].keepAlive': 0 };
      whatIf.check = undefined;
    });
    expect(lessonFailures(lesson).map((f) => f.message)).toEqual([
      'step 3 (Dropped), what-if "Keep alive 20 s": "timeout:broker.sensor-1 is in the trace" failed under spec: no timeout:broker.sensor-1 in the trace',
      'step 3 (Dropped), what-if "Keep alive 20 s": "every ref in the text is in the trace" failed under spec: no timeout:broker.sensor-1 in the trace',
    ]);
  });
});
