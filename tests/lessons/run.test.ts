import { describe, expect, it } from 'vitest';
import { LessonRuns, lessonScenario, runLesson } from '../../src/lessons/run';
import { getPreset } from '../../src/scenario/presets';
import type { Scenario } from '../../src/scenario/types';
import { startRun } from '../../src/sim/run';
import { TraceStore } from '../../src/trace/store';
import { tinyLesson } from './helpers';

describe('lessonScenario', () => {
  it('copies a preset, sets the profile (the first by default) and leaves the preset alone', () => {
    const lesson = { ...tinyLesson(), scenario: 'basics', profiles: ['emqx' as const, 'spec' as const] };
    const preset = getPreset('basics');
    const before = JSON.stringify(preset);
    const s = lessonScenario(lesson);
    expect(s.broker?.profile).toBe('emqx');
    // The lesson's library given to every client, nothing else changed.
    expect(s.clients).toEqual(preset?.scenario.clients.map((c) => ({ ...c, library: 'spec' })));
    s.clients[0].keepAlive = 99;
    expect(lessonScenario(lesson, { profile: 'spec' }).broker?.profile).toBe('spec');
    expect(JSON.stringify(preset)).toBe(before);
  });

  it('gives the lesson’s library to the clients that name none, and a what-if may change one', () => {
    const lesson = tinyLesson();
    lesson.scenario = {
      ...(lesson.scenario as Scenario),
      clients: [...(lesson.scenario as Scenario).clients],
    };
    const clients = (lesson.scenario as Scenario).clients;
    clients[1] = { ...clients[1], library: 'paho-python' };
    expect(lessonScenario(lesson).clients.map((c) => c.library)).toEqual(['spec', 'paho-python']);
    const whatIf = { label: 'on mqtt.js', set: { 'clients[0].library': 'mqttjs-5' } };
    expect(lessonScenario(lesson, { whatIf }).clients.map((c) => c.library)).toEqual([
      'mqttjs-5',
      'paho-python',
    ]);
    const { library: _none, ...withoutLibrary } = lesson;
    expect(lessonScenario(withoutLibrary).clients.map((c) => c.library)).toEqual([undefined, 'paho-python']);
  });

  it('applies a what-if after the profile', () => {
    const lesson = tinyLesson();
    const whatIf = lesson.steps[2].whatIf;
    expect(lessonScenario(lesson, { whatIf }).clients[0].keepAlive).toBe(20);
    expect(
      lessonScenario(lesson, { whatIf: { label: 'x', set: { 'broker.profile': 'aedes' } } }).broker?.profile,
    ).toBe('aedes');
    expect(lesson.scenario).toEqual(tinyLesson().scenario);
  });
});

describe('runLesson', () => {
  it('numbers events as the app’s trace store does for the same scenario', () => {
    const lesson = tinyLesson();
    const store = new TraceStore();
    startRun(lessonScenario(lesson), store).runToEnd();
    const trace = runLesson(lesson);
    expect(trace.profile).toBe('spec');
    expect(trace.events).toEqual([...store]);
    const anchor = trace.stepAnchor(lesson.steps[2]);
    expect(store.get(anchor.row)).toMatchObject({ kind: 'timeout', side: 'broker', client: 'sensor-1' });
  });

  it('records the profile a what-if runs under', () => {
    const trace = runLesson(tinyLesson(), { whatIf: { label: 'x', set: { 'broker.profile': 'hivemq' } } });
    expect(trace.profile).toBe('hivemq');
  });

  it('runs each profile and what-if once through LessonRuns', () => {
    const lesson = tinyLesson();
    const runs = new LessonRuns(lesson);
    const whatIf = lesson.steps[2].whatIf;
    expect(runs.trace()).toBe(runs.trace('spec'));
    expect(runLesson(lesson, { runs })).toBe(runs.trace());
    expect(runs.trace('spec', whatIf)).toBe(runs.trace('spec', whatIf));
    expect(runs.trace('spec', whatIf)).not.toBe(runs.trace('spec'));
    expect(runs.others(whatIf)('emqx')).toBe(runs.trace('emqx', whatIf));
    expect(runs.trace('emqx').profile).toBe('emqx');
  });

  it('gives the same trace twice', () => {
    const lesson = tinyLesson();
    expect(runLesson(lesson).events).toEqual(runLesson(lesson).events);
  });
});
