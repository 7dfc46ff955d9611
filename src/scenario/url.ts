// Deep links: the page's location hash names what to open.
//   #preset=<name>[&play=1]   #scenario=<lz-string compressToEncodedURIComponent(JSON)>[&play=1]
//   #live=<encodeURIComponent(ws/wss URL)>   #lesson=<id>[&step=<n>]
//   #lesson-data=<lz-string compressToEncodedURIComponent(lesson JSON)>[&step=<n>]
// A preset or scenario link may also keep the view: `&view=<t0>-<t1>` (the visible window, ms) and
// `&sel=<row>` (the selected event, its row in the trace). A live link may keep the view's window
// (`&view=`), its subscriptions (`&subs=<item>,<item>`: each a percent-encoded topic filter, then
// `;q1`/`;q2` for its QoS and `;nl`, `;rap`, `;rh1`/`;rh2` for the MQTT 5 options) and the traffic
// filter (`&filter=<topic text or filter>`, `&payload=<text>`); never a client ID or a credential. A
// scenario's passwords are masked in its link (credentials.ts).
// A shared lesson's data is kept as the raw text here: the lessons package decodes and checks it
// (scenarios sit below lessons and never import them).

import LZString from 'lz-string';
import { BROKER_PROFILES, type BrokerProfileName, type Scenario } from './types';
import { topicFilterProblem } from './topics';
import { ScenarioError } from './errors';
import { maskPasswords } from './credentials';
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
  /** `&subs=`: a live link's subscriptions (with live). */
  subs?: LinkSubscription[];
  /** `&filter=`: a live link's traffic filter on topics (with live). */
  filter?: string;
  /** `&payload=`: a live link's traffic filter on payloads (with live). */
  payload?: string;
  /** `&play=1`: start at once. */
  play: boolean;
}

/** A subscription in a live link. */
export interface LinkSubscription {
  filter: string;
  qos: 0 | 1 | 2;
  noLocal?: boolean;
  retainAsPublished?: boolean;
  retainHandling?: 0 | 1 | 2;
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
const KNOWN = [...TARGETS, 'step', 'play', 'view', 'sel', 'profile', 'subs', 'filter', 'payload'];

/** Times in a view link: whole or decimal ms, at most 10^10 (116 days). */
const VIEW = /^(\d{1,10}(?:\.\d{1,3})?)-(\d{1,10}(?:\.\d{1,3})?)$/;

/** A view window as the link writes it: ms rounded to a tenth. */
function viewText(v: readonly [number, number]): string {
  const f = (x: number): string => String(Math.round(Math.max(0, x) * 10) / 10);
  return `${f(v[0])}-${f(v[1])}`;
}

/** A live link's subscriptions as the link writes them. */
function subsText(subs: readonly LinkSubscription[]): string {
  return subs
    .map((s) =>
      [
        encodeURIComponent(s.filter),
        ...(s.qos > 0 ? [`q${s.qos}`] : []),
        ...(s.noLocal ? ['nl'] : []),
        ...(s.retainAsPublished ? ['rap'] : []),
        ...(s.retainHandling ? [`rh${s.retainHandling}`] : []),
      ].join(';'),
    )
    .join(',');
}

/** Reads `&subs=`; throws `DeepLinkError` (part `subs`) naming the item and the rule it breaks. */
function parseSubs(raw: string): LinkSubscription[] {
  if (raw === '') return [];
  return raw.split(',').map((item, i) => {
    const [encoded, ...options] = item.split(';');
    const filter = decode('subs', encoded);
    const problem = topicFilterProblem(filter);
    if (problem !== null)
      throw new DeepLinkError('subs', `item ${i + 1}: topic filter ${JSON.stringify(filter)} ${problem}`);
    const sub: LinkSubscription = { filter, qos: 0 };
    for (const o of options) {
      if (o === 'q0' || o === 'q1' || o === 'q2') sub.qos = Number(o[1]) as 0 | 1 | 2;
      else if (o === 'nl') sub.noLocal = true;
      else if (o === 'rap') sub.retainAsPublished = true;
      else if (o === 'rh1' || o === 'rh2') sub.retainHandling = Number(o[2]) as 1 | 2;
      else
        throw new DeepLinkError(
          'subs',
          `item ${i + 1}: unknown option ${JSON.stringify(o)} (expected q0, q1, q2, nl, rap, rh1 or rh2)`,
        );
    }
    return sub;
  });
}

export function compressScenario(s: Scenario): string {
  return LZString.compressToEncodedURIComponent(JSON.stringify(maskPasswords(s)));
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
  if (link.subs !== undefined) parts.push(`subs=${subsText(link.subs)}`);
  if (link.filter !== undefined) parts.push(`filter=${encodeURIComponent(link.filter)}`);
  if (link.payload !== undefined) parts.push(`payload=${encodeURIComponent(link.payload)}`);
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
    // A link carries no credential: one in the broker URL is refused, not echoed in the message.
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '')
      throw new DeepLinkError('live', 'must not hold a user name or password (user:password@)');
    link.live = url;
  }
  for (const part of ['subs', 'filter', 'payload'])
    if (params.has(part) && !params.has('live')) throw new DeepLinkError(part, 'only goes with live');
  if (params.has('subs')) link.subs = parseSubs(params.get('subs') ?? '');
  if (params.has('filter')) link.filter = text('filter');
  if (params.has('payload')) link.payload = text('payload');
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
    if (!params.has('preset') && !params.has('scenario') && !params.has('live'))
      throw new DeepLinkError('view', 'only goes with preset, scenario or live');
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
