// Traffic on the page's subscription: a topic tree with counts, rates and last values, each topic's
// recent messages (payload as text, pretty JSON or hex; QoS; retain), and a rate chart of the busiest
// topics — what floods the broker. Topics and payloads are shown as React text only, never as HTML.
import { useMemo, useState } from 'react';
import { formatPayload, type PayloadView } from '../../live/payload';
import { summaryTree, type SummaryTreeNode, type TrafficSummary } from '../../live/traffic';

const MAX_CHILDREN = 200;

function rateText(rate: number): string {
  return rate >= 100
    ? `${Math.round(rate)}/s`
    : rate >= 1
      ? `${rate.toFixed(1)}/s`
      : rate > 0
        ? `${rate.toFixed(2)}/s`
        : '';
}

interface TreeProps {
  node: SummaryTreeNode;
  expanded: ReadonlySet<string>;
  toggle(path: string, open: boolean): void;
  selected: string | null;
  select(topic: string): void;
}

function TopicRows({ node, expanded, toggle, selected, select }: TreeProps) {
  const children = node.children.slice(0, MAX_CHILDREN);
  return (
    <ul
      className="live-topic-tree"
      role={node.path === '' ? 'tree' : 'group'}
      aria-label={node.path === '' ? 'Topics' : undefined}
    >
      {children.map((c) => {
        const leafStats = c.stats;
        const rate = leafStats ? leafStats.rate : 0;
        const open = expanded.has(c.path);
        const label = (
          <span className="live-topic-row" data-topic={c.path}>
            <span className="live-topic-name">{c.name === '' ? '(empty)' : c.name}</span>{' '}
            <span className="live-topic-count" title="messages on this topic and below">
              {c.total}
            </span>{' '}
            <span className="live-topic-rate">{rateText(rate)}</span>{' '}
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
            {c.children.length > 0 && (
              <button
                type="button"
                className="live-topic-toggle"
                aria-label={`${open ? 'Collapse' : 'Expand'} ${c.path}`}
                onClick={() => toggle(c.path, !open)}
              >
                {open ? '▾' : '▸'}
              </button>
            )}
            {leafStats ? (
              <button type="button" className="live-topic-select" onClick={() => select(c.path)}>
                {label}
              </button>
            ) : (
              label
            )}
            {open && c.children.length > 0 && (
              <TopicRows node={c} expanded={expanded} toggle={toggle} selected={selected} select={select} />
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

function RateChart({ summary }: { summary: TrafficSummary }) {
  const top = summary.top;
  const max = top.reduce((m, r) => Math.max(m, r.rate), 0);
  const selected = summary.selected?.topic ?? null;
  const series = summary.selected?.series ?? null;
  const seriesMax = series ? Math.max(1, ...series) : 1;
  const W = 320;
  return (
    <figure className="live-rate-chart" aria-label="Message rate per topic">
      <figcaption>What floods the broker: messages per second, last 5 s</figcaption>
      {top.length === 0 ? (
        <p className="hint">No messages in the last 5 s.</p>
      ) : (
        <svg
          width={W}
          height={top.length * 18 + 4}
          role="img"
          aria-label={top.map((r) => `${r.topic}: ${rateText(r.rate)}`).join(', ')}
        >
          {top.map((r, i) => (
            <g key={r.topic} transform={`translate(0 ${i * 18 + 2})`}>
              <rect
                x={0}
                y={0}
                height={14}
                width={Math.max(1, (r.rate / max) * (W - 140))}
                className="live-rate-bar"
              />
              <text x={W - 136} y={11} className="live-rate-label">
                {rateText(r.rate)} {r.topic.length > 18 ? '…' + r.topic.slice(-17) : r.topic}
              </text>
            </g>
          ))}
        </svg>
      )}
      {series && (
        <svg
          width={W}
          height={40}
          role="img"
          aria-label={`${selected ?? ''}: messages per second over the last 60 s`}
        >
          <polyline
            className="live-rate-line"
            fill="none"
            points={series.map((v, i) => `${(i / 59) * (W - 2) + 1},${38 - (v / seriesMax) * 36}`).join(' ')}
          />
        </svg>
      )}
    </figure>
  );
}

function History({ summary }: { summary: TrafficSummary }) {
  const [view, setView] = useState<PayloadView>('text');
  const topic = summary.selected?.topic ?? '';
  const messages = [...(summary.selected?.history ?? [])].reverse();
  const stats = summary.topics.find((t) => t.topic === topic);
  return (
    <section className="live-history" aria-label={`Messages on ${topic}`}>
      <h4>{topic}</h4>
      <p className="hint">
        {stats?.count ?? 0} messages, {stats?.bytes ?? 0} bytes; the latest {messages.length} kept.
      </p>
      <div role="radiogroup" aria-label="Payload as">
        {(['text', 'json', 'hex'] as const).map((v) => (
          <label key={v}>
            <input
              type="radio"
              name={`payload-view-${topic}`}
              checked={view === v}
              onChange={() => setView(v)}
            />{' '}
            {v === 'json' ? 'JSON' : v === 'hex' ? 'Hex' : 'Text'}
          </label>
        ))}
      </div>
      <table className="live-history-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">QoS</th>
            <th scope="col">Retain</th>
            <th scope="col">Bytes</th>
            <th scope="col">Payload</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m, i) => (
            <tr key={`${m.t}-${i}`}>
              <td>{(m.t / 1000).toFixed(3)} s</td>
              <td>{m.qos}</td>
              <td>{m.retain ? 'yes' : ''}</td>
              <td>{m.size}</td>
              <td>
                <pre className="live-payload">
                  {formatPayload(m.payload, view)}
                  {m.size > m.payload.byteLength
                    ? `\n… (${m.size - m.payload.byteLength} more bytes not kept)`
                    : ''}
                </pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function TrafficView({
  summary,
  version,
  onSelect,
}: {
  summary: TrafficSummary;
  version: number;
  onSelect(topic: string | null): void;
}) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [selected, setSelected] = useState<string | null>(null);
  // Rebuilt when a new summary came (version), a few times a second at most.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const tree = useMemo(() => summaryTree(summary), [summary, version]);
  const toggle = (path: string, open: boolean): void =>
    setExpanded((s) => {
      const next = new Set(s);
      if (open) next.add(path);
      else next.delete(path);
      return next;
    });
  const select = (topic: string): void => {
    setSelected(topic);
    onSelect(topic);
  };
  return (
    <section className="live-traffic" aria-label="Traffic">
      <h3>Traffic</h3>
      <p className="live-traffic-totals" aria-label="Traffic totals">
        <span data-testid="live-total-messages">{summary.total}</span> messages on {summary.topicCount} topics
        {summary.overflow > 0
          ? ` (${summary.overflow} more on topics beyond the ${summary.maxTopics} kept)`
          : ''}
      </p>
      <div className="live-traffic-body">
        <div className="live-traffic-tree">
          {tree.children.length === 0 ? (
            <p className="hint">No messages yet.</p>
          ) : (
            <TopicRows node={tree} expanded={expanded} toggle={toggle} selected={selected} select={select} />
          )}
        </div>
        <div className="live-traffic-side">
          <RateChart summary={summary} />
          {summary.selected !== null && <History summary={summary} />}
        </div>
      </div>
    </section>
  );
}
