// Deep links: the page's location hash names what to open.
//   #preset=<name>[&play=1]   #scenario=<lz-string compressToEncodedURIComponent(JSON)>[&play=1]
//   #live=<encodeURIComponent(ws/wss URL)>   #lesson=<id>[&step=<n>]
//   #lesson-data=<lz-string compressToEncodedURIComponent(lesson JSON)>[&step=<n>]
// A preset or scenario link may also keep the view: `&view=<t0>-<t1>` (the visible window, ms) and
// `&sel=<row>` (the selected event, its row in the trace).
// A shared lesson's data is kept as the raw text here: the lessons package decodes and checks it
// (scenarios sit below lessons and never import them).

import LZString from 'lz-string';
import { BROKER_PROFILES, type BrokerProfileName, type Scenario } from './types';
import { ScenarioError } from './errors';
import { MAX_SCENARIO_CHARS } from './limits';
import { decompressUriSafe } from './lzString';
import { parseScenario } from './parse';

export interface DeepLink {
  preset?: string;
  scenario?: Scenario;
  /** A ws:// or wss:// broker URL, decoded. */
  live?: string;
  lesson?: string;
  /** `#lesson-data=`: a shared lesson, still compressed (raw hash text, not decoded). */
  lessonData?: string;
  step?: number;
  /** `&view=<t0>-<t1>`: the timeline's visible window, ms. */
  view?: readonly [number, number];
  /** `&sel=<row>`: the selected event's row. */
  sel?: number;
  /** `&profile=<name>`: the broker profile a lesson is shown under (with lesson or lesson-data). */
  profile?: BrokerProfileName;
  /** `&play=1`: start at once. */
  play: boolean;
}

/** A location hash that cannot be opened; `part` is the offending hash parameter (`scenario`, `step`, …). */
export class DeepLinkError extends Error {
  readonly part: string;

  constructor(part: string, detail: string, options?: { cause?: unknown }) {
    super(`${part}: ${detail}`, options);
    this.name = 'DeepLinkError';
    this.part = part;
  }
}

const TARGETS = ['preset', 'scenario', 'live', 'lesson', 'lesson-data'] as const;
const KNOWN = [...TARGETS, 'step', 'play', 'view', 'sel', 'profile'];

/** Times in a view link: whole or decimal ms, at most 10^10 (116 days). */
const VIEW = /^(\d{1,10}(?:\.\d{1,3})?)-(\d{1,10}(?:\.\d{1,3})?)$/;

/** A view window as the link writes it: ms rounded to a tenth. */
function viewText(v: readonly [number, number]): string {
  const f = (x: number): string => String(Math.round(Math.max(0, x) * 10) / 10);
  return `${f(v[0])}-${f(v[1])}`;
}

export function compressScenario(s: Scenario): string {
  return LZString.compressToEncodedURIComponent(JSON.stringify(s));
}

/** The inverse of `compressScenario`, checked with `parseScenario`; throws `DeepLinkError` (part `scenario`). */
export function decompressScenario(text: string): Scenario {
  // A link is untrusted: a few kilobytes of lz-string can stand for gigabytes, so decoding stops at
  // MAX_SCENARIO_CHARS; the scenario's size is then checked before anything is built (parseScenario).
  const out = decompressUriSafe(text.includes('%') ? decode('scenario', text) : text, MAX_SCENARIO_CHARS);
  if (!out.ok && out.reason === 'too-long') {
    throw new DeepLinkError('scenario', `decompresses to more than ${MAX_SCENARIO_CHARS} characters`);
  }
  if (!out.ok || out.text === '')
    throw new DeepLinkError('scenario', 'is not a compressed scenario (lz-string)');
  let value: unknown;
  try {
    value = JSON.parse(out.text);
  } catch (err) {
    throw new DeepLinkError('scenario', 'does not decompress to JSON', { cause: err });
  }
  try {
    return parseScenario(value);
  } catch (err) {
    if (err instanceof ScenarioError) {
      throw new DeepLinkError('scenario', `is not a valid scenario:\n${err.message}`, { cause: err });
    }
    throw err;
  }
}

/** `#scenario=…` (with `&play=1` when asked): a link that opens this scenario. */
export function encodeScenarioHash(s: Scenario, options: { play?: boolean } = {}): string {
  return formatLocationHash({ scenario: s, play: options.play ?? false });
}

/** The hash for a deep link; '' for one that names nothing. */
export function formatLocationHash(link: DeepLink): string {
  const parts: string[] = [];
  if (link.preset !== undefined) parts.push(`preset=${encodeURIComponent(link.preset)}`);
  if (link.scenario !== undefined) parts.push(`scenario=${compressScenario(link.scenario)}`);
  if (link.live !== undefined) parts.push(`live=${encodeURIComponent(link.live)}`);
  if (link.lesson !== undefined) parts.push(`lesson=${encodeURIComponent(link.lesson)}`);
  if (link.lessonData !== undefined) parts.push(`lesson-data=${link.lessonData}`);
  if (link.step !== undefined) parts.push(`step=${link.step}`);
  if (link.view !== undefined) parts.push(`view=${viewText(link.view)}`);
  if (link.sel !== undefined) parts.push(`sel=${link.sel}`);
  if (link.profile !== undefined) parts.push(`profile=${link.profile}`);
  if (link.play) parts.push('play=1');
  return parts.length === 0 ? '' : `#${parts.join('&')}`;
}

function decode(part: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new DeepLinkError(part, `is not valid percent-encoding (got ${JSON.stringify(raw)})`);
  }
}

function splitHash(hash: string): Map<string, string> {
  const params = new Map<string, string>();
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const segment of body.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const key = eq < 0 ? segment : segment.slice(0, eq);
    const raw = eq < 0 ? '' : segment.slice(eq + 1);
    if (!KNOWN.includes(key)) {
      throw new DeepLinkError(key, `unknown hash parameter (expected one of ${KNOWN.join(', ')})`);
    }
    if (params.has(key)) throw new DeepLinkError(key, 'appears more than once');
    params.set(key, raw);
  }
  return params;
}

/** Reads `location.hash` (with or without the '#'); throws `DeepLinkError` naming the bad part. */
export function parseLocationHash(hash: string): DeepLink {
  const params = splitHash(hash);
  const targets = TARGETS.filter((t) => params.has(t));
  if (targets.length > 1) throw new DeepLinkError(targets[1], `cannot be combined with ${targets[0]}`);
  const link: DeepLink = { play: false };
  const text = (part: string): string => {
    const value = decode(part, params.get(part) ?? '');
    if (value === '') throw new DeepLinkError(part, 'must not be empty');
    return value;
  };

  if (params.has('preset')) link.preset = text('preset');
  if (params.has('lesson')) link.lesson = text('lesson');
  if (params.has('lesson-data')) {
    const raw = params.get('lesson-data') ?? '';
    if (raw === '') throw new DeepLinkError('lesson-data', 'must not be empty');
    link.lessonData = raw;
  }
  if (params.has('scenario')) link.scenario = decompressScenario(params.get('scenario') ?? '');
  if (params.has('live')) {
    const url = text('live');
    if (!/^wss?:\/\//i.test(url) || !URL.canParse(url)) {
      throw new DeepLinkError('live', `must be a ws:// or wss:// URL (got ${JSON.stringify(url)})`);
    }
    link.live = url;
  }
  if (params.has('step')) {
    const raw = params.get('step') ?? '';
    if (!params.has('lesson') && !params.has('lesson-data')) {
      throw new DeepLinkError('step', 'only goes with lesson or lesson-data');
    }
    if (!/^\d{1,9}$/.test(raw))
      throw new DeepLinkError('step', `must be a whole number (got ${JSON.stringify(raw)})`);
    link.step = Number(raw);
  }
  if (params.has('view')) {
    if (!params.has('preset') && !params.has('scenario'))
      throw new DeepLinkError('view', 'only goes with preset or scenario');
    const raw = params.get('view') ?? '';
    const m = VIEW.exec(raw);
    const t0 = m === null ? NaN : Number(m[1]);
    const t1 = m === null ? NaN : Number(m[2]);
    if (!(t1 > t0))
      throw new DeepLinkError(
        'view',
        `must be <start ms>-<end ms>, start before end (got ${JSON.stringify(raw)})`,
      );
    link.view = [t0, t1];
  }
  if (params.has('sel')) {
    if (!params.has('preset') && !params.has('scenario'))
      throw new DeepLinkError('sel', 'only goes with preset or scenario');
    const raw = params.get('sel') ?? '';
    if (!/^\d{1,9}$/.test(raw))
      throw new DeepLinkError('sel', `must be a row number (got ${JSON.stringify(raw)})`);
    link.sel = Number(raw);
  }
  if (params.has('profile')) {
    if (!params.has('lesson') && !params.has('lesson-data'))
      throw new DeepLinkError('profile', 'only goes with lesson or lesson-data');
    const raw = decode('profile', params.get('profile') ?? '');
    if (!(BROKER_PROFILES as readonly string[]).includes(raw))
      throw new DeepLinkError(
        'profile',
        `must be one of ${BROKER_PROFILES.join(', ')} (got ${JSON.stringify(raw)})`,
      );
    link.profile = raw as BrokerProfileName;
  }
  if (params.has('play')) {
    const raw = params.get('play');
    if (raw !== '1' && raw !== '0' && raw !== '') {
      throw new DeepLinkError('play', `must be 1 or 0 (got ${JSON.stringify(raw)})`);
    }
    if (!params.has('preset') && !params.has('scenario')) {
      throw new DeepLinkError('play', 'only goes with preset or scenario');
    }
    link.play = raw !== '0';
  }
  return link;
}
