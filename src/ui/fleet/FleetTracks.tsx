// The fleet view's aggregate tracks, shown above the timeline when a trace has many lanes (or is a
// sampled run): connected clients, packets per second by type, timeouts / wills / take-overs per
// interval — on the timeline's own time axis — and a histogram of the broker's detection delay beside
// the totals. Thin: it picks the data and hands drawing to FleetTracksView, which redraws in
// requestAnimationFrame from the viewport without React renders.

import { useEffect, useMemo, useRef, useState, type Ref } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { FleetSeries } from '../../analysis/fleet';
import { useTraceStore } from '../../state/traceStore';
import { useViewport } from '../../state/viewport';
import { paletteFor } from '../../timeline/theme';
import { useTheme } from '../theme';
import { isFleet } from './frames';
import { summaryLines, type FleetSummary } from './summary';
import { revealClient } from '../help/Find';
import { FleetTracksView, type FleetViewProps } from './view';
import './fleet.css';

export interface FleetTracksProps {
  /** The timeline's label gutter (px): the tracks' plot starts there, as the timeline's does. */
  gutter: number;
}

const TRACKS_LABEL =
  'Fleet tracks: connected clients, packets per second by type, and timeouts, wills and take-overs per interval.';

export function FleetTracks({ gutter }: FleetTracksProps) {
  const { store, revision, activity, sampled, durationMs } = useTraceStore(
    useShallow((s) => ({
      store: s.store,
      revision: s.revision,
      activity: s.activity,
      sampled: s.sampled,
      durationMs: s.durationMs,
    })),
  );
  const theme = useTheme();
  // One series per trace: a new run, import or live session brings a new store.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const series = useMemo(() => new FleetSeries(durationMs), [store]);
  // The store grows in place; `revision` (a dependency of this render) says it did.
  const clients = Math.max(store.clientIds().length, activity?.lanes.length ?? 0);
  const fleet = isFleet(clients, sampled);
  const [summary, setSummary] = useState<{ series: FleetSeries; value: FleetSummary } | null>(null);
  const rootRef = useRef<HTMLElement>(null);
  const tracksRef = useRef<HTMLCanvasElement>(null);
  const histRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef<FleetTracksView | null>(null);

  const props: FleetViewProps = {
    store,
    series,
    activity,
    sampled,
    clients,
    theme,
    gutter,
    revision,
    onSummary: (value) => setSummary({ series, value }),
  };
  const propsRef = useRef(props);
  useEffect(() => {
    propsRef.current = props;
    viewRef.current?.setProps(props);
  });

  useEffect(() => {
    const root = rootRef.current;
    const tracks = tracksRef.current;
    const hist = histRef.current;
    if (!fleet || root === null || tracks === null || hist === null) return;
    const view = new FleetTracksView(root, tracks, hist, useViewport, propsRef.current);
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, [fleet]);

  if (!fleet) return null;
  const shown = summary !== null && summary.series === series ? summary.value : null;
  return (
    <FleetPanel
      summary={shown}
      background={paletteFor(theme).background}
      rootRef={rootRef}
      tracksRef={tracksRef}
      histRef={histRef}
    />
  );
}

export interface FleetPanelProps {
  /** Null until the first frame has counted the trace. */
  summary: FleetSummary | null;
  /** The canvases' background (the palette's), so header and tracks read as one strip. */
  background?: string;
  rootRef?: Ref<HTMLElement>;
  tracksRef?: Ref<HTMLCanvasElement>;
  histRef?: Ref<HTMLCanvasElement>;
}

/** Clients listed by name in the attention row; the rest are counted (Find reaches them all). */
const ATTENTION_SHOWN = 10;

/**
 * The clients that need attention, first to last: each a button that brings its lane into view,
 * tall enough to read, highlighted.
 */
function AttentionRow({ list }: { list: FleetSummary['attention'] }) {
  if (list.length === 0) return null;
  const more = list.length - ATTENTION_SHOWN;
  return (
    <div className="fleet-attention" role="group" aria-label="Clients that need attention">
      <span className="fleet-attention-title">Needs attention ({list.length}):</span>
      {list.slice(0, ATTENTION_SHOWN).map((a) => (
        <span key={a.client} className="fleet-attention-item">
          <button type="button" className="link" onClick={() => revealClient(a.client)}>
            {a.client}
          </button>{' '}
          <span className="hint">({a.reasons.join(', ')})</span>
        </span>
      ))}
      {more > 0 && <span className="hint">and {more} more (Find, /)</span>}
    </div>
  );
}

/** The strip's markup: the totals in words beside the histogram, the clients that need attention, then the time tracks. */
export function FleetPanel({ summary, background, rootRef, tracksRef, histRef }: FleetPanelProps) {
  const lines = summary === null ? ['Counting the fleet…'] : summaryLines(summary);
  return (
    <section
      ref={rootRef}
      className="fleet-tracks"
      aria-label="Fleet overview"
      data-testid="fleet-tracks"
      style={background === undefined ? undefined : { background }}
    >
      <div className="fleet-head">
        <div className="fleet-text">
          <div className="fleet-line">
            <h2 className="fleet-title">Fleet overview</h2> {lines[0]}
          </div>
          {lines.slice(1).map((line) => (
            <div className="fleet-line" key={line}>
              {line}
            </div>
          ))}
        </div>
        <canvas
          ref={histRef}
          className="fleet-histogram"
          role="img"
          aria-label="Detection delay histogram"
          data-testid="fleet-histogram"
        />
      </div>
      {summary !== null && <AttentionRow list={summary.attention} />}
      <canvas
        ref={tracksRef}
        className="fleet-canvas"
        role="img"
        aria-label={TRACKS_LABEL}
        data-testid="fleet-canvas"
      />
    </section>
  );
}
