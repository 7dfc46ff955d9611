// Summaries of the traffic view: what a view needs, as plain data (posted from the live worker to the
// page), following the traffic filter (filter.ts): the topics that match, their per-second rates over
// the last minute, the selected topic's kept messages that match; and the topic tree of a summary.
import { compileFilter, type FilterMatcher, type TrafficFilter } from './filter';
import type { TrafficMessage, TrafficStats } from './traffic';

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

/** Per-second counts of one topic over the last `RATE_SECONDS` whole seconds, oldest first. */
export interface TopicSeries {
  topic: string;
  counts: number[];
}

export interface TrafficSummary {
  total: number;
  totalBytes: number;
  overflow: number;
  maxTopics: number;
  topicCount: number;
  /** The filter the summary follows ('' and '' when none). */
  filter: TrafficFilter;
  /** The topics that match the filter (all of them without one). */
  topics: TopicSummary[];
  /** The busiest matching topics now (rate over the last 5 s). */
  top: { topic: string; rate: number; count: number }[];
  /** The matching topics busiest over the last minute, with their per-second counts (the rate chart). */
  series: TopicSeries[];
  /** The trace ms of the end of the series' last second. */
  seriesEnd: number;
  /** The selected topic's per-second counts (60 s) and kept messages that match (newest last). */
  selected: { topic: string; series: number[]; history: TrafficMessage[]; kept: number } | null;
}

/** Seconds of the rate chart. */
export const RATE_SECONDS = 60;
/** Topics drawn in the rate chart. */
export const RATE_TOPICS = 6;

const previewDecoder = new TextDecoder();

export function payloadPreview(bytes: Uint8Array, max = 60): string {
  const text = previewDecoder.decode(bytes.subarray(0, max * 4)).replace(/\p{Cc}/gu, '·');
  return text.length > max ? text.slice(0, max) + '…' : text;
}

export function trafficSummary(
  stats: TrafficStats,
  now: number,
  selected: string | null,
  filter: FilterMatcher = compileFilter(null),
): TrafficSummary {
  const topics: TopicSummary[] = [];
  const nowSec = Math.floor(now / 1000);
  const payloadText = filter.filter.payload;
  for (const s of stats.topics()) {
    if (filter.on) {
      if (!filter.topic(s.topic)) continue;
      if (payloadText !== '' && !stats.payloadFound(s.topic, payloadText, filter.payloadBytes)) continue;
    }
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
  const shown = filter.on ? new Set(topics.map((t) => t.topic)) : null;
  const top = stats.topRates(now, filter.on ? Number.MAX_SAFE_INTEGER : 10);
  const sel =
    selected !== null && stats.get(selected) && (shown === null || shown.has(selected)) ? selected : null;
  const history = sel === null ? [] : stats.history(sel);
  return {
    total: stats.total,
    totalBytes: stats.totalBytes,
    overflow: stats.overflow,
    maxTopics: stats.limits.maxTopics,
    topicCount: stats.topicCount,
    filter: filter.filter,
    topics,
    top: (shown === null ? top : top.filter((r) => shown.has(r.topic))).slice(0, 10),
    series: busiest(stats, topics, now),
    seriesEnd: nowSec * 1000,
    selected:
      sel === null
        ? null
        : {
            topic: sel,
            series: stats.series(sel, now, RATE_SECONDS),
            history: payloadText === '' ? history : history.filter((m) => filter.payloadBytes(m.payload)),
            kept: history.length,
          },
  };
}

/** The RATE_TOPICS topics with the most messages over the last minute, with their per-second counts. */
function busiest(stats: TrafficStats, topics: readonly TopicSummary[], now: number): TopicSeries[] {
  const nowSec = Math.floor(now / 1000);
  const recent: TopicSeries[] = [];
  for (const t of topics) {
    const s = stats.get(t.topic);
    if (!s || nowSec - s.second > RATE_SECONDS) continue; // nothing in the last minute
    recent.push({ topic: t.topic, counts: stats.series(t.topic, now, RATE_SECONDS) });
  }
  const sum = (c: number[]): number => c.reduce((a, b) => a + b, 0);
  return recent
    .map((r) => ({ r, n: sum(r.counts) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.r.topic.localeCompare(b.r.topic))
    .slice(0, RATE_TOPICS)
    .map((x) => x.r);
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
