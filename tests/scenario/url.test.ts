import { describe, expect, it } from 'vitest';
import LZString from 'lz-string';
import {
  DeepLinkError,
  compressScenario,
  encodeScenarioHash,
  formatLocationHash,
  parseLocationHash,
  type DeepLink,
} from '../../src/scenario/url';
import { PRESETS } from '../../src/scenario/presets';
import { ScenarioError } from '../../src/scenario/errors';
import { fullScenario } from './helpers';

function errorOf(hash: string): DeepLinkError {
  try {
    parseLocationHash(hash);
  } catch (err) {
    if (err instanceof DeepLinkError) return err;
    throw err;
  }
  throw new Error(`no error for ${hash}`);
}

describe('encodeScenarioHash', () => {
  it('is #scenario= and lz-string compressToEncodedURIComponent of the JSON', () => {
    const s = fullScenario();
    const hash = encodeScenarioHash(s);
    expect(hash).toBe(`#scenario=${LZString.compressToEncodedURIComponent(JSON.stringify(s))}`);
    expect(compressScenario(s)).toBe(hash.slice('#scenario='.length));
  });

  it.each(PRESETS.map((p) => [p.name, p.scenario] as const))('round-trips the %s preset', (_name, s) => {
    expect(parseLocationHash(encodeScenarioHash(s))).toEqual({ scenario: s, play: false });
    expect(parseLocationHash(encodeScenarioHash(s, { play: true }))).toEqual({ scenario: s, play: true });
  });

  it('survives a "+" turned into a space or percent-encoded on the way', () => {
    const s = fullScenario();
    const hash = encodeScenarioHash(s);
    expect(parseLocationHash(hash.replaceAll('+', ' ')).scenario).toEqual(s);
    expect(parseLocationHash(hash.replaceAll('+', '%2B').replaceAll('$', '%24')).scenario).toEqual(s);
  });
});

describe('parseLocationHash', () => {
  it('opens nothing for an empty hash', () => {
    expect(parseLocationHash('')).toEqual({ play: false });
    expect(parseLocationHash('#')).toEqual({ play: false });
  });

  it('reads a preset, with or without play, with or without the #', () => {
    expect(parseLocationHash('#preset=basics')).toEqual({ preset: 'basics', play: false });
    expect(parseLocationHash('#preset=basics&play=1')).toEqual({ preset: 'basics', play: true });
    expect(parseLocationHash('play=1&preset=basics')).toEqual({ preset: 'basics', play: true });
    expect(parseLocationHash('#preset=basics&play=0')).toEqual({ preset: 'basics', play: false });
  });

  it('keeps a view window and a selected row with a preset, and writes them back alike', () => {
    const link = parseLocationHash('#preset=basics&view=1500.5-42000&sel=17');
    expect(link).toEqual({ preset: 'basics', view: [1500.5, 42000], sel: 17, play: false });
    expect(formatLocationHash(link)).toBe('#preset=basics&view=1500.5-42000&sel=17');
    // Times are written to a tenth of a ms, never below 0.
    expect(formatLocationHash({ preset: 'basics', view: [-3, 1234.567], play: false })).toBe(
      '#preset=basics&view=0-1234.6',
    );
  });

  it('keeps the broker profile a lesson is shown under', () => {
    const link = parseLocationHash('#lesson=brokers-differ&step=3&profile=mosquitto-2.0');
    expect(link).toEqual({ lesson: 'brokers-differ', step: 3, profile: 'mosquitto-2.0', play: false });
    expect(formatLocationHash(link)).toBe('#lesson=brokers-differ&step=3&profile=mosquitto-2.0');
  });

  it('decodes a live broker URL', () => {
    const url = 'wss://broker.example.com:8884/mqtt?x=1&y=2';
    expect(parseLocationHash(`#live=${encodeURIComponent(url)}`)).toEqual({ live: url, play: false });
  });

  it('keeps a live link’s subscriptions, traffic filter and view, and writes them back alike', () => {
    const hash =
      '#live=ws%3A%2F%2F127.0.0.1%3A9001&subs=sensors%2F%2B%2Ftemp;q1,%23,%24share%2Fg%2Fa;q2;rap;rh2,b;nl' +
      '&filter=sensors%2F%23&payload=%7B%22t%22&view=0-30000';
    const link = parseLocationHash(hash);
    expect(link).toEqual({
      live: 'ws://127.0.0.1:9001',
      subs: [
        { filter: 'sensors/+/temp', qos: 1 },
        { filter: '#', qos: 0 },
        { filter: '$share/g/a', qos: 2, retainAsPublished: true, retainHandling: 2 },
        { filter: 'b', qos: 0, noLocal: true },
      ],
      filter: 'sensors/#',
      payload: '{"t"',
      view: [0, 30000],
      play: false,
    });
    expect(formatLocationHash(link)).toBe(hash);
    // `subs=` with nothing: no subscriptions of the user's own.
    expect(parseLocationHash('#live=ws%3A%2F%2Fx&subs=').subs).toEqual([]);
    // A filter with `,` or `;` in it survives: both are percent-encoded inside an item.
    const odd = { live: 'ws://x', subs: [{ filter: 'a,b;c', qos: 1 as const }], play: false };
    expect(parseLocationHash(formatLocationHash(odd))).toEqual(odd);
  });

  it('still opens a live link of the old form (the broker URL alone)', () => {
    expect(parseLocationHash('#live=ws%3A%2F%2Flocalhost%3A5173%2Fmqtt')).toEqual({
      live: 'ws://localhost:5173/mqtt',
      play: false,
    });
  });

  it('reads a lesson and its step', () => {
    expect(parseLocationHash('#lesson=keep-alive&step=3')).toEqual({
      lesson: 'keep-alive',
      step: 3,
      play: false,
    });
    expect(parseLocationHash('#lesson=keep-alive')).toEqual({ lesson: 'keep-alive', play: false });
  });

  it('keeps a shared lesson’s data as it is, with its step', () => {
    const data = LZString.compressToEncodedURIComponent('{"lesson":1}');
    expect(parseLocationHash(`#lesson-data=${data}&step=2`)).toEqual({
      lessonData: data,
      step: 2,
      play: false,
    });
    expect(parseLocationHash(`#lesson-data=${data}`)).toEqual({ lessonData: data, play: false });
    // Not decoded here: the lessons package decodes and checks it.
    expect(parseLocationHash('#lesson-data=not%20lz')).toEqual({ lessonData: 'not%20lz', play: false });
  });

  it.each<DeepLink>([
    { preset: 'will-delay', play: true },
    { preset: 'a name/with spaces&more', play: false },
    { live: 'ws://localhost:5173/mqtt', play: false },
    {
      live: 'wss://b.example/mqtt',
      subs: [{ filter: 'a/+', qos: 2 }],
      filter: 'x y',
      view: [5, 9],
      play: false,
    },
    { lesson: 'take-over', step: 0, play: false },
    { lessonData: LZString.compressToEncodedURIComponent('{"lesson":1,"id":"x y"}'), step: 3, play: false },
    { scenario: fullScenario(), play: true },
  ])('round-trips formatLocationHash(%j)', (link) => {
    expect(parseLocationHash(formatLocationHash(link))).toEqual(link);
  });

  it.each([
    [
      '#foo=1',
      'foo',
      'foo: unknown hash parameter (expected one of preset, scenario, live, lesson, lesson-data, step, play, view, sel, profile, subs, filter, payload)',
    ],
    ['#preset=a&preset=b', 'preset', 'preset: appears more than once'],
    ['#preset=a&view=9-3', 'view', 'view: must be <start ms>-<end ms>, start before end (got "9-3")'],
    ['#preset=a&view=x', 'view', 'view: must be <start ms>-<end ms>, start before end (got "x")'],
    ['#lesson=a&view=1-2', 'view', 'view: only goes with preset, scenario or live'],
    ['#preset=a&subs=%23', 'subs', 'subs: only goes with live'],
    ['#preset=a&filter=x', 'filter', 'filter: only goes with live'],
    ['#live=ws%3A%2F%2Fx&payload=', 'payload', 'payload: must not be empty'],
    [
      '#live=ws%3A%2F%2Fx&subs=a%2F%23%2Fb',
      'subs',
      'subs: item 1: topic filter "a/#/b" must use # only as a whole level at the end of the filter',
    ],
    [
      '#live=ws%3A%2F%2Fx&subs=a,b%2B',
      'subs',
      'subs: item 2: topic filter "b+" must use + only as a whole level',
    ],
    [
      '#live=ws%3A%2F%2Fx&subs=a;q3',
      'subs',
      'subs: item 1: unknown option "q3" (expected q0, q1, q2, nl, rap, rh1 or rh2)',
    ],
    ['#live=ws%3A%2F%2Fx&subs=a,,b', 'subs', 'subs: item 2: topic filter "" must not be empty'],
    ['#live=ws%3A%2F%2Fx&sel=3', 'sel', 'sel: only goes with preset or scenario'],
    ['#preset=a&sel=-1', 'sel', 'sel: must be a row number (got "-1")'],
    ['#preset=a&profile=spec', 'profile', 'profile: only goes with lesson or lesson-data'],
    ['#preset=', 'preset', 'preset: must not be empty'],
    ['#preset=%E0%A4%A', 'preset', 'preset: is not valid percent-encoding (got "%E0%A4%A")'],
    ['#preset=a&live=ws%3A%2F%2Fx', 'live', 'live: cannot be combined with preset'],
    [
      '#live=http%3A%2F%2Fexample.com',
      'live',
      'live: must be a ws:// or wss:// URL (got "http://example.com")',
    ],
    ['#live=ws%3A%2F%2F', 'live', 'live: must be a ws:// or wss:// URL (got "ws://")'],
    [
      `#live=${encodeURIComponent('ws://bob:hunter2@127.0.0.1:9001')}`,
      'live',
      'live: must not hold a user name or password (user:password@)',
    ],
    ['#lesson=a&step=-1', 'step', 'step: must be a whole number (got "-1")'],
    ['#lesson=a&step=two', 'step', 'step: must be a whole number (got "two")'],
    ['#step=2', 'step', 'step: only goes with lesson or lesson-data'],
    ['#lesson-data=', 'lesson-data', 'lesson-data: must not be empty'],
    ['#lesson-data=abc&lesson-data=def', 'lesson-data', 'lesson-data: appears more than once'],
    ['#lesson=a&lesson-data=abc', 'lesson-data', 'lesson-data: cannot be combined with lesson'],
    ['#preset=a&lesson-data=abc', 'lesson-data', 'lesson-data: cannot be combined with preset'],
    ['#lesson-data=abc&play=1', 'play', 'play: only goes with preset or scenario'],
    ['#preset=a&play=yes', 'play', 'play: must be 1 or 0 (got "yes")'],
    ['#play=1', 'play', 'play: only goes with preset or scenario'],
    ['#lesson=a&play=1', 'play', 'play: only goes with preset or scenario'],
    ['#scenario=', 'scenario', 'scenario: is not a compressed scenario (lz-string)'],
    ['#scenario=!!!', 'scenario', 'scenario: is not a compressed scenario (lz-string)'],
  ])('rejects %j naming the bad part', (hash, part, message) => {
    const err = errorOf(hash);
    expect(err.part).toBe(part);
    expect(err.message).toBe(message);
  });

  it('rejects a compressed value that is not JSON', () => {
    const err = errorOf(`#scenario=${LZString.compressToEncodedURIComponent('{not json')}`);
    expect(err.part).toBe('scenario');
    expect(err.message).toBe('scenario: does not decompress to JSON');
  });

  it('rejects an invalid scenario with its issues', () => {
    const bad = { ...fullScenario(), seed: -1 };
    const err = errorOf(`#scenario=${LZString.compressToEncodedURIComponent(JSON.stringify(bad))}`);
    expect(err.part).toBe('scenario');
    expect(err.message).toBe('scenario: is not a valid scenario:\nseed: must be 0..4294967295 (got -1)');
    expect(err.cause).toBeInstanceOf(ScenarioError);
  });
});
