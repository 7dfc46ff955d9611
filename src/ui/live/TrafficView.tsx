// Traffic on the page's subscriptions: a filter over topics and payloads (the tree, the history, the
// rate chart and the timeline's lanes follow it), a topic tree with counts, rates and last values, each
// topic's recent messages (payload as text, pretty JSON, hex or base64; QoS; retain; copy), and the
// rate per topic over the last minute. Topics and payloads are shown as React text only, never as HTML.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { TrafficFilter } from '../../live/filter';
import { formatPayload, tracePayload, type PayloadView } from '../../live/payload';
import type { TimelineFilterStats } from '../../live/timelineFilter';
import type { TrafficMessage } from '../../live/traffic';
import { summaryTree, type SummaryTreeNode, type TrafficSummary } from '../../live/trafficSummary';
import { useLiveUi } from './liveUi';
import { RateChart, rateText } from './RateChart';
import './traffic.css';

const MAX_CHILDREN = 200;
/** Topics up to which the tree opens by itself (and always while a filter is on). */
const AUTO_OPEN_TOPICS = 40;
/** The filter waits for typing to pause this long before the worker filters again. */
const FILTER_DELAY_MS = 300;

interface TreeProps {
  node: SummaryTreeNode;
  isOpen(path: string): boolean;
  toggle(path: string, open: boolean): void;
  selected: string | null;
  select(topic: string): void;
}

function TopicRows({ node, isOpen, toggle, selected, select }: TreeProps) {
  const children = node.children.slice(0, MAX_CHILDREN);
  return (
    <ul
      className="live-topic-tree"
      role={node.path === '' ? 'tree' : 'group'}
      aria-label={node.path === '' ? 'Topics' : undefined}
    >
      {children.map((c) => {
        const leafStats = c.stats;
        const open = isOpen(c.path);
        const label = (
          <span className="live-topic-row" data-topic={c.path}>
            <span className="live-topic-name">{c.name === '' ? '(empty)' : c.name}</span>{' '}
            <span className="live-topic-count" title="messages on this topic and below">
              {c.total}
            </span>{' '}
            {leafStats && leafStats.rate > 0 && (
              <span className="live-topic-rate">{rateText(leafStats.rate)}</span>
            )}{' '}
            {leafStats && <span className="live-topic-last">{leafStats.lastPreview}</span>}
          </span>
        );
        return (
          <li
            key={c.path}
            role="treeitem"
            aria-expanded={c.children.length > 0 ? open : undefined}
            aria-selected={selected === c.path}
          >
            {c.children.length > 0 ? (
              <button
                type="button"
                className="live-topic-toggle"
                aria-label={`${open ? 'Collapse' : 'Expand'} ${c.path}`}
                onClick={() => toggle(c.path, !open)}
              >
                {open ? '▾' : '▸'}
              </button>
            ) : (
              <span className="live-topic-toggle" aria-hidden="true" />
            )}
            {leafStats ? (
              <button type="button" className="live-topic-select" onClick={() => select(c.path)}>
                {label}
              </button>
            ) : (
              label
            )}
            {open && c.children.length > 0 && (
              <TopicRows node={c} isOpen={isOpen} toggle={toggle} selected={selected} select={select} />
            )}
          </li>
        );
      })}
      {node.children.length > MAX_CHILDREN && (
        <li className="hint">… {node.children.length - MAX_CHILDREN} more</li>
      )}
    </ul>
  );
}

const VIEWS: { value: PayloadView; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'json', label: 'JSON' },
  { value: 'hex', label: 'Hex' },
  { value: 'base64', label: 'Base64' },
];

/** A message as one line of JSON (topic, QoS, retain, payload as the trace writes it), for the clipboard. */
export function messageJson(m: TrafficMessage): string {
  return JSON.stringify({
    topic: m.topic,
    qos: m.qos,
    retain: m.retain,
    payload: tracePayload(m.payload),
    ...(m.size > m.payload.byteLength ? { payloadBytes: m.size, payloadTruncated: true } : {}),
  });
}

function History({ summary }: { summary: TrafficSummary }) {
  const [view, setView] = useState<PayloadView>('text');
  const [copied, setCopied] = useState<number | null>(null);
  const selected = summary.selected;
  const topic = selected?.topic ?? '';
  const messages = [...(selected?.history ?? [])].reverse();
  const stats = summary.topics.find((t) => t.topic === topic);
  const copy = (m: TrafficMessage, i: number): void => {
    void navigator.clipboard?.writeText(messageJson(m)).then(
      () => setCopied(i),
      () => setCopied(null),
    );
    setTimeout(() => setCopied((c) => (c === i ? null : c)), 1500);
  };
  return (
    <section className="live-history" aria-label={`Messages on ${topic}`}>
      <h4>{topic}</h4>
      <p className="hint">
        {stats?.count ?? 0} messages, {stats?.bytes ?? 0} bytes; the latest {selected?.kept ?? 0} kept
        {summary.filter.payload !== '' ? `, ${messages.length} of them with “${summary.filter.payload}”` : ''}
        .
      </p>
      <div role="radiogroup" aria-label="Payload as" className="live-radios">
        {VIEWS.map((v) => (
          <label key={v.value} className="live-check">
            <input
              type="radio"
              name={`payload-view-${topic}`}
              checked={view === v.value}
              onChange={() => setView(v.value)}
            />{' '}
            {v.label}
          </label>
        ))}
      </div>
      <ol className="live-history-list" aria-label="Kept messages, newest first">
        {messages.map((m, i) => (
          <li key={`${m.t}-${i}`} className="live-message">
            <div className="live-message-meta">
              <span>{(m.t / 1000).toFixed(3)} s</span>
              <span>QoS {m.qos}</span>
              {m.retain && <span>retained</span>}
              <span>{m.size} bytes</span>
              <button
                type="button"
                className="live-copy"
                onClick={() => copy(m, i)}
                aria-label={`Copy message ${i + 1}`}
              >
                {copied === i ? 'Copied' : 'Copy'}
              </button>
            </div>
            <pre className="live-payload">
              {formatPayload(m.payload, view)}
              {m.size > m.payload.byteLength
                ? `\n… (${m.size - m.payload.byteLength} more bytes not kept)`
                : ''}
            </pre>
          </li>
        ))}
      </ol>
    </section>
  );
}

export interface TrafficViewProps {
  summary: TrafficSummary;
  version: number;
  timeline: TimelineFilterStats | null;
  onSelect(topic: string | null): void;
  onFilter(filter: TrafficFilter): void;
}

export function TrafficView({ summary, version, timeline, onSelect, onFilter }: TrafficViewProps) {
  const id = useId();
  const filter = useLiveUi((s) => s.filter);
  const [draft, setDraft] = useState<TrafficFilter>(filter);
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  const [selected, setSelected] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Rebuilt when a new summary came (version), a few times a second at most.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const tree = useMemo(() => summaryTree(summary), [summary, version]);
  const filterOn = filter.topic !== '' || filter.payload !== '';
  const autoOpen = filterOn || summary.topics.length <= AUTO_OPEN_TOPICS;
  const isOpen = (path: string): boolean => toggled.get(path) ?? autoOpen;
  const toggle = (path: string, open: boolean): void => setToggled((m) => new Map(m).set(path, open));
  const select = (topic: string): void => {
    setSelected(topic);
    onSelect(topic);
  };
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  const change = (next: TrafficFilter): void => {
    setDraft(next);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      useLiveUi.getState().setFilter(next);
      onFilter(next);
    }, FILTER_DELAY_MS);
  };
  const shownTopics = summary.topics.length;
  return (
    <section className="live-traffic" aria-label="Traffic">
      <form
        className="live-filter"
        role="search"
        aria-label="Filter the traffic"
        onSubmit={(e) => e.preventDefault()}
      >
        <label htmlFor={`${id}-topic`}>Topic</label>
        <input
          id={`${id}-topic`}
          type="search"
          spellCheck={false}
          placeholder="text, or a filter: sensors/+/temp"
          value={draft.topic}
          onChange={(e) => change({ ...draft, topic: e.target.value })}
        />
        <label htmlFor={`${id}-payload`}>Payload</label>
        <input
          id={`${id}-payload`}
          type="search"
          spellCheck={false}
          placeholder="text the payload contains"
          value={draft.payload}
          onChange={(e) => change({ ...draft, payload: e.target.value })}
        />
        {(draft.topic !== '' || draft.payload !== '') && (
          <button type="button" onClick={() => change({ topic: '', payload: '' })}>
            Clear filter
          </button>
        )}
      </form>
      <p className="live-traffic-totals" aria-label="Traffic totals">
        <span data-testid="live-total-messages">{summary.total}</span> messages on {summary.topicCount} topics
        {summary.overflow > 0
          ? ` (${summary.overflow} more on topics beyond the ${summary.maxTopics} kept)`
          : ''}
        {filterOn && (
          <span data-testid="live-filter-result">
            ; {shownTopics} of {summary.topicCount} topics match
            {timeline?.on
              ? `; the timeline shows those messages and ${timeline.shownClients} of ${timeline.totalClients} clients`
              : ''}
          </span>
        )}
      </p>
      <div className="live-traffic-tree">
        {tree.children.length === 0 ? (
          <p className="hint">{filterOn ? 'No topic matches the filter.' : 'No messages yet.'}</p>
        ) : (
          <TopicRows node={tree} isOpen={isOpen} toggle={toggle} selected={selected} select={select} />
        )}
      </div>
      {summary.selected !== null && <History summary={summary} />}
      <RateChart series={summary.series} selected={summary.selected?.topic ?? null} onSelect={select} />
    </section>
  );
}
