// Statistics: totals of the whole run, and of the drag-selected time × lanes range.

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { packetsByTypeName, rangeStats, type Stats } from '../analysis/rangeStats';
import { useSelectionStore } from '../state/selection';
import { useTraceStore } from '../state/traceStore';
import { formatCount, formatSeconds } from '../base/format';
import { formatBytes } from './format';

export function StatsPanel() {
  const { store, header, revision, totals, sampled } = useTraceStore(
    useShallow((s) => ({
      store: s.store,
      header: s.header,
      revision: s.revision,
      totals: s.totals,
      sampled: s.sampled,
    })),
  );
  const { range, selectRange } = useSelectionStore(
    useShallow((s) => ({ range: s.range, selectRange: s.selectRange })),
  );
  const selected = useMemo(() => {
    void revision;
    return range === null ? null : rangeStats(store, range, header);
  }, [store, header, range, revision]);

  return (
    <section className="panel stats" aria-label="Statistics">
      <h2>Statistics</h2>
      <StatsTable caption="Whole run" stats={totals} />
      {header?.source === 'live' && <LiveWillsNote />}
      {selected !== null && range !== null ? (
        <>
          <StatsTable
            caption={`Selection: ${formatSeconds(Math.min(range.t0, range.t1))}–${formatSeconds(Math.max(range.t0, range.t1))}, ${range.lanes.length} lane${range.lanes.length === 1 ? '' : 's'}`}
            stats={selected}
          />
          {sampled && (
            <p className="hint">Only the kept lanes' packets are counted in a selection of a sampled run.</p>
          )}
          <button type="button" onClick={() => selectRange(null)}>
            Clear selection
          </button>
        </>
      ) : (
        <p className="hint">
          Drag across the timeline to count packets, bytes, timeouts and wills in an area.
        </p>
      )}
    </section>
  );
}

/** Under a live trace: what its will count cannot hold. */
export function LiveWillsNote() {
  return (
    <p className="hint" data-testid="live-wills-note">
      Live: “wills published” counts the wills of the page's own probes, and those the embedded broker
      reports. Other brokers do not report another client's will: it arrives as an ordinary message on its
      will topic, not counted here.
    </p>
  );
}

function StatsTable({ caption, stats }: { caption: string; stats: Stats }) {
  const rows: [string, string][] = [
    ['events', formatCount(stats.events)],
    ['packets', formatCount(stats.packets)],
    ...packetsByTypeName(stats).map(({ type, count }): [string, string] => [`  ${type}`, formatCount(count)]),
    ['bytes (estimated)', formatBytes(stats.bytes)],
    ['lost packets', formatCount(stats.lost)],
    ['keep-alive timeouts (broker)', formatCount(stats.brokerTimeouts)],
    ['no PINGRESP (client)', formatCount(stats.clientTimeouts)],
    ['wills published', formatCount(stats.wills)],
    ['take-overs', formatCount(stats.takeovers)],
    ['faults', formatCount(stats.faults)],
  ];
  return (
    <table className="stats-table">
      <caption>{caption}</caption>
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row" className={name.startsWith('  ') ? 'sub' : undefined}>
              {name.trim()}
            </th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
