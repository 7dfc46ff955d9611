// Application traffic seen on the page's subscription: per topic a message count, bytes, rate, the last
// value and a bounded history; a topic tree (of a summary); per-second counts for the rate chart ("what floods the
// broker"). O(1) per message, bounded memory: at most `maxTopics` topics (messages on further topics
// are counted in `overflow`), `historyPerTopic` messages per topic, payloads kept up to
// `maxStoredPayload` bytes each, and at most `historyBytes` of stored payload in all.
//
// What is held is counted, not guessed from payloads alone (`heldBytes`): each topic's name (a topic
// longer than `maxTopicChars` is kept under its clipped form, clip.ts), its record and per-second
// counts, each kept message and its stored bytes. Past `maxHeldBytes` no new topic is kept and the
// histories stop growing (a new message replaces the oldest one of its topic).

import { clipText } from './clip';

export interface TrafficMessage {
  /** Trace ms when it arrived. */
  t: number;
  topic: string;
  /** Stored bytes (the first `maxStoredPayload` of the payload). */
  payload: Uint8Array;
  /** The payload's real size. */
  size: number;
  qos: 0 | 1 | 2;
  retain: boolean;
}

export interface TopicStats {
  readonly topic: string;
  count: number;
  bytes: number;
  firstT: number;
  last: TrafficMessage;
  /** Oldest first (a ring: read with `history()`). */
  readonly ring: TrafficMessage[];
  ringStart: number;
  /** Messages per second, a ring over the last `window` seconds. */
  readonly perSecond: Uint32Array;
  /** The second (floor(t/1000)) of the newest bucket. */
  second: number;
  /** The last payload search's text, the count it saw and its answer (a summary asks again and again). */
  searched?: { text: string; count: number; found: boolean };
}

export interface TrafficLimits {
  maxTopics: number;
  /** A longer topic is kept (and shown) under its clipped form. */
  maxTopicChars: number;
  /** Everything held, estimated bytes (names, records, histories, stored payloads). */
  maxHeldBytes: number;
  historyPerTopic: number;
  maxStoredPayload: number;
  historyBytes: number;
  /** Seconds of per-second counts kept per topic. */
  window: number;
}

export const DEFAULT_TRAFFIC_LIMITS: TrafficLimits = {
  maxTopics: 5000,
  maxTopicChars: 256,
  maxHeldBytes: 48 * 1024 * 1024,
  historyPerTopic: 50,
  maxStoredPayload: 4096,
  historyBytes: 32 * 1024 * 1024,
  window: 60,
};

/** A topic's record, Map entry and history array, beyond its name and per-second counts (V8, 64-bit). */
const TOPIC_BYTES = 400;
/** A kept message's object and its Uint8Array (beyond the stored bytes). */
const MESSAGE_BYTES = 160;

export class TrafficStats {
  readonly limits: TrafficLimits;
  private held = 0;
  private readonly byTopic = new Map<string, TopicStats>();
  total = 0;
  totalBytes = 0;
  /** Messages on topics beyond `maxTopics` (counted, not kept). */
  overflow = 0;
  private storedBytes = 0;
  /** Bumped on every change: lets a view skip work when nothing happened. */
  version = 0;

  constructor(limits: Partial<TrafficLimits> = {}) {
    this.limits = { ...DEFAULT_TRAFFIC_LIMITS, ...limits };
  }

  get topicCount(): number {
    return this.byTopic.size;
  }

  /** Estimated bytes held: topic names, records, per-second counts, kept messages. */
  get heldBytes(): number {
    return this.held;
  }

  /** Lowers (or raises) what may be held from now on; what is held already stays until replaced. */
  setMaxHeldBytes(bytes: number): void {
    this.limits.maxHeldBytes = Math.max(0, bytes);
  }

  /** The key a topic is counted under: itself, or its clipped form when longer than maxTopicChars. */
  keyOf(topic: string): string {
    return clipText(topic, this.limits.maxTopicChars);
  }

  get(topic: string): TopicStats | undefined {
    return this.byTopic.get(topic);
  }

  topics(): IterableIterator<TopicStats> {
    return this.byTopic.values();
  }

  record(fullTopic: string, payload: Uint8Array, qos: 0 | 1 | 2, retain: boolean, t: number): void {
    this.total++;
    this.totalBytes += payload.byteLength;
    this.version++;
    const topic = this.keyOf(fullTopic);
    let s = this.byTopic.get(topic);
    const { limits } = this;
    const full = this.held > limits.maxHeldBytes;
    const keep =
      full || this.storedBytes > limits.historyBytes
        ? Math.min(64, limits.maxStoredPayload)
        : limits.maxStoredPayload;
    // A copy: mqtt.js's payload may be a view into a bigger receive buffer (and Buffer#slice is a view).
    const stored = Uint8Array.prototype.slice.call(payload, 0, Math.min(payload.byteLength, keep));
    const msg: TrafficMessage = { t, topic, payload: stored, size: payload.byteLength, qos, retain };
    if (!s) {
      const cost = TOPIC_BYTES + topic.length * 2 + limits.window * 4;
      if (this.byTopic.size >= limits.maxTopics || this.held + cost > limits.maxHeldBytes) {
        this.overflow++;
        return;
      }
      this.held += cost;
      s = {
        topic,
        count: 0,
        bytes: 0,
        firstT: t,
        last: msg,
        ring: [],
        ringStart: 0,
        perSecond: new Uint32Array(limits.window),
        second: Math.floor(t / 1000),
      };
      this.byTopic.set(topic, s);
    }
    s.count++;
    s.bytes += payload.byteLength;
    s.last = msg;
    if (s.ring.length < limits.historyPerTopic && !full) {
      s.ring.push(msg);
      this.held += MESSAGE_BYTES;
    } else {
      const old = s.ring[s.ringStart].payload.byteLength;
      this.storedBytes -= old;
      this.held -= old;
      s.ring[s.ringStart] = msg;
      s.ringStart = (s.ringStart + 1) % s.ring.length;
    }
    this.storedBytes += stored.byteLength;
    this.held += stored.byteLength;
    this.bucket(s, t)[0]++;
  }

  /** Advances the per-second ring to the second of `t`; returns [index of that second's bucket]. */
  private bucket(s: TopicStats, t: number): Uint32Array {
    const sec = Math.floor(t / 1000);
    const w = s.perSecond.length;
    if (sec > s.second) {
      const steps = Math.min(w, sec - s.second);
      for (let i = 1; i <= steps; i++) s.perSecond[(s.second + i) % w] = 0;
      s.second = sec;
    }
    const i = ((s.second % w) + w) % w;
    return s.perSecond.subarray(i, i + 1);
  }

  /** Oldest first. `topic` is a key (as summaries name topics). */
  history(topic: string): TrafficMessage[] {
    const s = this.byTopic.get(topic);
    if (!s) return [];
    return [...s.ring.slice(s.ringStart), ...s.ring.slice(0, s.ringStart)];
  }

  /** Per-second counts of the last `seconds` whole seconds before `now` (oldest first). */
  series(topic: string, now: number, seconds = this.limits.window): number[] {
    const s = this.byTopic.get(topic);
    const out = new Array<number>(seconds).fill(0);
    if (!s) return out;
    const w = s.perSecond.length;
    const nowSec = Math.floor(now / 1000);
    for (let k = 0; k < seconds; k++) {
      const sec = nowSec - seconds + k; // the last `seconds` complete seconds
      if (sec > s.second || s.second - sec >= w || sec < 0) continue;
      out[k] = s.perSecond[((sec % w) + w) % w];
    }
    return out;
  }

  /** Messages per second over the last `seconds` complete seconds. */
  rate(topic: string, now: number, seconds = 5): number {
    const counts = this.series(topic, now, seconds);
    return counts.reduce((a, b) => a + b, 0) / seconds;
  }

  /** The topics with the highest rate now: the answer to "what floods the broker". */
  topRates(now: number, n = 10, seconds = 5): { topic: string; rate: number; count: number }[] {
    const out: { topic: string; rate: number; count: number }[] = [];
    const nowSec = Math.floor(now / 1000);
    for (const s of this.byTopic.values()) {
      if (nowSec - s.second > seconds) continue; // nothing recent: skip the series
      const rate = this.rate(s.topic, now, seconds);
      if (rate > 0) out.push({ topic: s.topic, rate, count: s.count });
    }
    out.sort((a, b) => b.rate - a.rate || a.topic.localeCompare(b.topic));
    return out.slice(0, n);
  }

  /** Whether a kept message of `topic` has a payload `matches` finds (remembered until the topic changes). */
  payloadFound(topic: string, text: string, matches: (bytes: Uint8Array) => boolean): boolean {
    const s = this.byTopic.get(topic);
    if (!s) return false;
    if (s.searched?.text === text && s.searched.count === s.count) return s.searched.found;
    const found = s.ring.some((m) => matches(m.payload));
    s.searched = { text, count: s.count, found };
    return found;
  }

  clear(): void {
    this.byTopic.clear();
    this.total = 0;
    this.totalBytes = 0;
    this.overflow = 0;
    this.storedBytes = 0;
    this.held = 0;
    this.version++;
  }
}

// The summaries a view gets of these figures (trafficSummary.ts), where callers of this module look.
export { payloadPreview, summaryTree, trafficSummary } from './trafficSummary';
export type { SummaryTreeNode, TopicSummary, TrafficSummary } from './trafficSummary';
