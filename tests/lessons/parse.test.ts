import { describe, expect, it } from 'vitest';
import { LessonError } from '../../src/lessons/errors';
import { MAX_LESSON_CHARS } from '../../src/lessons/limits';
import { parseLesson, parseLessonText } from '../../src/lessons/parse';
import type { Lesson } from '../../src/lessons/types';
import { withField } from '../scenario/helpers';
import { issueLines, tinyLesson } from './helpers';

/** Fields to set in tinyLesson(): a path and a value (undefined deletes the field). */
type Edit = [path: (string | number)[], value: unknown][];

/** The issue lines of tinyLesson() after `edit`. */
function lines(edit: Edit): string[] {
  let lesson: unknown = tinyLesson();
  for (const [path, value] of edit) lesson = withField(lesson, path, value);
  return issueLines(() => parseLesson(lesson));
}

describe('parseLesson', () => {
  it('returns a valid lesson as it is, also after a JSON round trip', () => {
    const lesson = tinyLesson();
    expect(parseLesson(lesson)).toBe(lesson);
    expect(parseLesson(JSON.parse(JSON.stringify(lesson)))).toEqual(lesson);
  });

  it('accepts a preset by name and the optional fields', () => {
    const lesson: Lesson = { ...tinyLesson(), scenario: 'crash-vs-power-off', calculator: true };
    lesson.steps = lesson.steps.map((s) => ({ ...s, highlight: undefined, whatIf: undefined }));
    lesson.steps[2].at = 'timeout:broker.sensor-1';
    expect(() => parseLesson(JSON.parse(JSON.stringify(lesson)))).not.toThrow();
  });

  it('accepts a step’s version of the standard and a what-if’s own statement ids', () => {
    const lesson = tinyLesson();
    lesson.steps[0].specProtocol = 4;
    lesson.steps[2].specProtocol = 5;
    lesson.steps[2].spec = ['MQTT-3.1.2-22'];
    if (lesson.steps[2].whatIf !== undefined) lesson.steps[2].whatIf.spec = ['MQTT-3.1.2-22', 'MQTT-3.1.2-8'];
    expect(parseLesson(JSON.parse(JSON.stringify(lesson)))).toEqual(lesson);
  });

  // One row per rule: the edit gives exactly these lines.
  it.each<[string, Edit, string[]]>([
    [
      'the root must be an object',
      ['lesson', 'id', 'title', 'summary', 'scenario', 'profiles', 'steps'].map((k): Edit[number] => [
        [k],
        undefined,
      ]),
      [
        'lesson: is required (1)',
        'id: is required (a slug of lowercase letters and digits in words joined by "-" (at most 64 characters))',
        'title: is required (a non-empty one-line string of at most 300 characters)',
        'summary: is required (a non-empty one-line string of at most 300 characters)',
        'profiles: is required (broker profiles, the default first)',
        'scenario: is required (an inline scenario, or the name of a preset)',
        'steps: is required (3..8 steps)',
      ],
    ],
    [
      'unknown keys',
      [
        [['extra'], 1],
        [['steps', 0, 'colour'], 'red'],
        [['steps', 1, 'predict', 'hint'], 'x'],
        [['steps', 2, 'whatIf', 'note'], 'x'],
        [['steps', 0, 'check', 'why'], 'x'],
      ],
      [
        'extra: unknown key',
        'steps[0].colour: unknown key',
        'steps[0].check.why: unknown key',
        'steps[1].predict.hint: unknown key',
        'steps[2].whatIf.note: unknown key',
      ],
    ],
    [
      'version and id',
      [
        [['lesson'], 2],
        [['id'], 'Bad Id'],
      ],
      [
        'lesson: must be 1 (got 2)',
        'id: must be a slug of lowercase letters and digits in words joined by "-" (at most 64 characters) (got "Bad Id")',
      ],
    ],
    ['a one-line summary', [[['summary'], 'a\nb']], ['summary: must be one line (got "a\\nb")']],
    [
      'profiles',
      [[['profiles'], ['spec', 'spec', 'nope']]],
      [
        'profiles[1]: is listed twice (got "spec")',
        'profiles[2]: must be one of spec, mosquitto-2.0, emqx, hivemq, aedes, rabbitmq-3.10, activemq-5.17, ejabberd-23 (got "nope")',
      ],
    ],
    [
      'at least one profile',
      [[['profiles'], []]],
      ['profiles: must have 1..8 broker profiles (it has 0) (got [])'],
    ],
    [
      'a bad selector',
      [[['steps', 0, 'at'], 'packets.sensor-1']],
      [
        'steps[0].at: unknown kind "packets" (expected one of packet, conn, timeout, will, takeover, fault, session) (got "packets.sensor-1")',
      ],
    ],
    [
      'an unknown client in a selector and a lane',
      [
        [['steps', 2, 'at'], 'timeout.sensor-9'],
        [['steps', 1, 'highlight', 'lanes'], ['ghost']],
      ],
      [
        'steps[1].highlight.lanes[0]: no client with that ID in the scenario (clients: sensor-1, dashboard) (got "ghost")',
        'steps[2].at: no client "sensor-9" in the scenario (clients: sensor-1, dashboard) (got "timeout.sensor-9")',
      ],
    ],
    [
      '"broker" outside a fault',
      [[['steps', 1, 'highlight', 'events'], ['will.broker']]],
      [
        'steps[1].highlight.events[0]: "broker" names the target of a broker fault only (use it with fault) (got "will.broker")',
      ],
    ],
    [
      'an unknown client in a ref',
      [[['steps', 0, 'text'], 'At {will.sensor-9.atS} s.']],
      [
        'steps[0].text: {will.sensor-9.atS}: no client "sensor-9" in the scenario (clients: sensor-1, dashboard)',
      ],
    ],
    [
      'a bad ref',
      [[['steps', 0, 'text'], 'At {timeout.sensor-1.fooS} s']],
      [
        'steps[0].text: column 4: {timeout.sensor-1.fooS}: unknown field "fooS" (timeout has atS, count, sincePreviousS, sinceFaultS, afterLastPacketS, keepAliveS, conn, lastActivityS, client, side; or a number field + "Hex")',
      ],
    ],
    [
      'a typed-in number',
      [[['steps', 0, 'text'], 'The broker waits 15 s.']],
      ['steps[0].text: types in a number ("15"): numbers come from the run, as {selector.field} refs'],
    ],
    [
      'a typed-in number in a prediction',
      [[['steps', 1, 'predict', 'choices', 0], 'After 10 s']],
      [
        'steps[1].predict.choices[0]: types in a number ("10"): numbers come from the run, as {selector.field} refs',
      ],
    ],
    [
      'an answer out of range',
      [[['steps', 1, 'predict', 'answer'], 3]],
      ['steps[1].predict.answer: must be the index of a choice, 0..2 (got 3)'],
    ],
    [
      'a fractional answer',
      [[['steps', 1, 'predict', 'answer'], 0.5]],
      ['steps[1].predict.answer: must be the index of a choice, 0..2 (got 0.5)'],
    ],
    [
      'too few choices',
      [[['steps', 1, 'predict', 'choices'], ['only']]],
      ['steps[1].predict.choices: must have 2..5 choices (it has 1) (got ["only"])'],
    ],
    [
      'a bad statement id',
      [[['steps', 0, 'spec'], ['3.1.2-24']]],
      ['steps[0].spec[0]: must be a statement id like "MQTT-3.1.2-24" (got "3.1.2-24")'],
    ],
    [
      'a version of the standard that is not 4 or 5',
      [
        [['steps', 0, 'specProtocol'], 3],
        [['steps', 1, 'specProtocol'], '5'],
      ],
      ['steps[0].specProtocol: must be 4 or 5 (got 3)', 'steps[1].specProtocol: must be 4 or 5 (got "5")'],
    ],
    [
      'bad statement ids in a what-if',
      [
        [
          ['steps', 2, 'whatIf', 'spec'],
          ['MQTT-3.1.2', 8],
        ],
      ],
      [
        'steps[2].whatIf.spec[0]: must be a statement id like "MQTT-3.1.2-24" (got "MQTT-3.1.2")',
        'steps[2].whatIf.spec[1]: must be a statement id like "MQTT-3.1.2-24" (got 8)',
      ],
    ],
    [
      'too many statement ids in a what-if',
      [[['steps', 2, 'whatIf', 'spec'], Array.from({ length: 11 }, () => 'MQTT-3.1.2-8')]],
      [
        expect.stringMatching(
          /^steps\[2\]\.whatIf\.spec: must have 0\.\.10 statement ids \(it has 11\)/,
        ) as unknown as string,
      ],
    ],
    [
      'a bad expression',
      [[['steps', 0, 'check', 'expect'], '{packet:PINGREQ.sensor-1.atS} <']],
      [
        'steps[0].check.expect: column 32: expected a number, a {ref}, a function or "(" (got the end) in "{packet:PINGREQ.sensor-1.atS} <"',
      ],
    ],
    [
      'a bad expression in a list of checks',
      [[['steps', 1, 'check', 0, 'expect'], 'abs(1, 2) > 0']],
      ['steps[1].check[0].expect: column 1: abs takes 1 argument (got 2) in "abs(1, 2) > 0"'],
    ],
    [
      'missing text and check',
      [
        [['steps', 0, 'text'], undefined],
        [['steps', 0, 'check'], undefined],
      ],
      [
        'steps[0].text: is required (a non-empty string of at most 2000 characters)',
        'steps[0].check: is required (a check or a list of checks)',
      ],
    ],
    [
      'too few steps',
      [[['steps'], tinyLesson().steps.slice(0, 2)]],
      [expect.stringMatching(/^steps: must have 3\.\.8 steps \(it has 2\) \(got \[/) as unknown as string],
    ],
    [
      'an inline scenario, its paths under scenario.',
      [[['scenario', 'clients', 0, 'keepAlive'], -1]],
      ['scenario.clients[0].keepAlive: must be 0..65535 (got -1)'],
    ],
    [
      'an unknown preset',
      [[['scenario'], 'nope']],
      [
        'scenario: must name a preset (basics, crash-vs-power-off, half-open-takeover, client-id-clash, will-delay, persistent-session, reconnect-storm, fleet-10k, fleet-100k) (got "nope")',
      ],
    ],
    [
      'a preset too big to run as a lesson',
      [[['scenario'], 'fleet-10k']],
      [
        'scenario: preset "fleet-10k": clients: a lesson runs at most 50 clients (got 10001 after counting groups)',
        'scenario: preset "fleet-10k": durationMs: a lesson runs at most 600000 ms (10 minutes) (got 3600000)',
      ],
    ],
    [
      'a group too big, before it is expanded',
      [
        [['scenario', 'clients', 0, 'id'], 'sensor-{n}'],
        [['scenario', 'clients', 0, 'count'], 1_000_000],
      ],
      ['scenario.clients: a lesson runs at most 50 clients (got 1000001 after counting groups)'],
    ],
    [
      'too long a run',
      [[['scenario', 'durationMs'], 700_000]],
      ['scenario.durationMs: a lesson runs at most 600000 ms (10 minutes) (got 700000)'],
    ],
    [
      'too many client entries, before the scenario is read',
      [[['scenario', 'clients'], Array.from({ length: 51 }, (_, i) => ({ id: `c${i}`, keepAlive: 'bad' }))]],
      ['scenario.clients: a lesson runs at most 50 clients (got 51 entries)'],
    ],
  ])('reports %s', (_rule, edit, expected) => {
    expect(lines(edit)).toEqual(expected);
  });

  it('reports every problem at once', () => {
    expect(
      lines([
        [['id'], 'x y'],
        [['steps', 0, 'at'], 'nope'],
        [['steps', 1, 'predict', 'answer'], 9],
      ]),
    ).toHaveLength(3);
  });
});

describe('parseLesson: what-ifs', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'an unknown scenario key',
      { 'clients[0].keepAliv': 20 },
      ['steps[2].whatIf.set["clients[0].keepAliv"]: unknown key'],
    ],
    [
      'a bad value',
      { 'clients[0].keepAlive': 70000 },
      ['steps[2].whatIf.set["clients[0].keepAlive"]: must be 0..65535 (got 70000)'],
    ],
    [
      'a path that leads nowhere, and one that does not parse',
      { 'clients[5].keepAlive': 20, 'clients..x': 1 },
      [
        'steps[2].whatIf.set["clients[5].keepAlive"]: clients[5] is past the end of the list (it has 2)',
        'steps[2].whatIf.set["clients..x"]: is not a scenario path like clients[0].keepAlive (at "..x")',
      ],
    ],
    [
      'a change that changes nothing',
      { 'clients[0].keepAlive': 10 },
      [
        'steps[2].whatIf.set["clients[0].keepAlive"]: changes nothing: the scenario already has that value (got 10)',
      ],
    ],
    [
      'more than one idea',
      { a: 1, b: 2, c: 3, d: 4 },
      [
        'steps[2].whatIf.set: must set 1..3 paths: a what-if changes one idea (got {"a":1,"b":2,"c":3,"d":4})',
      ],
    ],
    ['nothing to set', {}, ['steps[2].whatIf.set: must set 1..3 paths: a what-if changes one idea (got {})']],
    [
      'a change that breaks another part of the scenario',
      { durationMs: 5000 },
      [
        'steps[2].whatIf.set: makes the scenario invalid: events[0].atMs: must be a number 0..5000 (durationMs) (got 12000)',
      ],
    ],
    [
      'a change past the lesson size',
      { 'clients[0].count': 60, 'clients[0].id': 's-{n}' },
      [
        'steps[2].whatIf.set: makes the scenario invalid: clients: a lesson runs at most 50 clients (got 61 after counting groups)',
      ],
    ],
  ])('reports %s', (_rule, set, expected) => {
    expect(lines([[['steps', 2, 'whatIf', 'set'], set]])).toEqual(expected);
  });

  it('reads the what-if’s text and checks against the what-if’s own clients', () => {
    expect(
      lines([
        [['steps', 2, 'whatIf', 'set'], { 'clients[0].id': 'sensor-2', 'events[0].client': 'sensor-2' }],
        [['steps', 2, 'whatIf', 'text'], 'Now {timeout.sensor-2.atS} s.'],
        [['steps', 2, 'whatIf', 'check'], { claim: 'c', expect: '{timeout.sensor-1.atS} > 0' }],
      ]),
    ).toEqual([
      'steps[2].whatIf.check.expect: {timeout.sensor-1.atS}: no client "sensor-1" in the scenario (clients: sensor-2, dashboard)',
    ]);
  });
});

describe('parseLessonText', () => {
  it('parses JSON text', () => {
    expect(parseLessonText(JSON.stringify(tinyLesson()))).toEqual(tinyLesson());
  });

  it('rejects text over the limit before parsing it', () => {
    expect(issueLines(() => parseLessonText(' '.repeat(MAX_LESSON_CHARS + 1)))).toEqual([
      '(root): must be at most 200000 characters of JSON (got 200001)',
    ]);
  });

  it('names (root) for text that is not JSON', () => {
    const [line] = issueLines(() => parseLessonText('{"lesson": 1,'));
    expect(line).toMatch(/^\(root\): is not JSON \(/);
  });

  it('throws LessonError with the issues as data', () => {
    try {
      parseLessonText('[]');
    } catch (err) {
      expect(err).toBeInstanceOf(LessonError);
      expect((err as LessonError).issues).toEqual([
        { path: '(root)', message: 'must be an object (got [])' },
      ]);
      return;
    }
    throw new Error('no error');
  });
});
