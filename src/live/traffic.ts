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

// ---------------------------------------------------------------------------------------------------
// Summaries: what a view needs, as plain data (posted from the live worker to the page).

export interface TopicSummary {
  topic: string;
  count: number;
  bytes: number;
  /** Messages per second over the last 5 s. */
  rate: number;
  /** The last payload's first characters (control characters shown as ·). */
  lastPreview: string;
  lastT: number;
  lastSize: number;
}

export interface TrafficSummary {
  total: number;
  totalBytes: number;
  overflow: number;
  maxTopics: number;
  topicCount: number;
  topics: TopicSummary[];
  /** The busiest topics now (rate over the last 5 s). */
  top: { topic: string; rate: number; count: number }[];
  /** The selected topic's per-second counts (60 s) and kept messages (newest last). */
  selected: { topic: string; series: number[]; history: TrafficMessage[] } | null;
}

const previewDecoder = new TextDecoder();

export function payloadPreview(bytes: Uint8Array, max = 60): string {
  const text = previewDecoder.decode(bytes.subarray(0, max * 4)).replace(/\p{Cc}/gu, '·');
  return text.length > max ? text.slice(0, max) + '…' : text;
}

export function trafficSummary(stats: TrafficStats, now: number, selected: string | null): TrafficSummary {
  const topics: TopicSummary[] = [];
  const nowSec = Math.floor(now / 1000);
  for (const s of stats.topics()) {
    topics.push({
      topic: s.topic,
      count: s.count,
      bytes: s.bytes,
      rate: nowSec - s.second > 5 ? 0 : stats.rate(s.topic, now),
      lastPreview: payloadPreview(s.last.payload),
      lastT: s.last.t,
      lastSize: s.last.size,
    });
  }
  const sel = selected !== null && stats.get(selected) ? selected : null;
  return {
    total: stats.total,
    totalBytes: stats.totalBytes,
    overflow: stats.overflow,
    maxTopics: stats.limits.maxTopics,
    topicCount: stats.topicCount,
    topics,
    top: stats.topRates(now, 10),
    selected:
      sel === null ? null : { topic: sel, series: stats.series(sel, now, 60), history: stats.history(sel) },
  };
}

export interface SummaryTreeNode {
  name: string;
  path: string;
  total: number;
  stats: TopicSummary | null;
  children: SummaryTreeNode[];
}

/** Levels shown in the tree; deeper ones stay together in their topic's last node. */
const MAX_TREE_LEVELS = 16;

/**
 * The topic tree of a summary, children sorted by name. Each node finds its children by name (no index
 * of whole paths: a deep topic would make one string per level), and a topic deeper than
 * MAX_TREE_LEVELS keeps the rest of its levels in one node.
 */
export function summaryTree(summary: TrafficSummary): SummaryTreeNode {
  const root: SummaryTreeNode = { name: '', path: '', total: 0, stats: null, children: [] };
  const childrenOf = new Map<SummaryTreeNode, Map<string, SummaryTreeNode>>();
  for (const s of summary.topics) {
    const split = s.topic.split('/');
    const levels =
      split.length <= MAX_TREE_LEVELS
        ? split
        : [...split.slice(0, MAX_TREE_LEVELS - 1), split.slice(MAX_TREE_LEVELS - 1).join('/')];
    let node = root;
    for (let i = 0; i < levels.length; i++) {
      let byName = childrenOf.get(node);
      if (!byName) childrenOf.set(node, (byName = new Map()));
      let child = byName.get(levels[i]);
      if (!child) {
        const path = i === 0 ? levels[0] : `${node.path}/${levels[i]}`;
        child = { name: levels[i], path, total: 0, stats: null, children: [] };
        byName.set(levels[i], child);
        node.children.push(child);
      }
      child.total += s.count;
      node = child;
    }
    node.stats = s;
    root.total += s.count;
  }
  const sort = (n: SummaryTreeNode): void => {
    n.children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}
