// The mount point of live mode. src/ui/live/LivePanel.tsx (the live engineer's) is loaded with
// React.lazy + a dynamic import only when live mode opens, so mqtt.js and the live code stay out of
// the page's first bundle. It gets { initialUrl?: string; trace: LiveTraceApi }.
//
// Live mode is a dock beside the timeline (the timeline keeps the window's height): the live bar on
// top (the connection's state, fold and close), the tabs of live controls below it. Folded, only the
// bar stays, above the timeline, and the timeline takes the whole width.

import { Component, Suspense, lazy, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { appController } from '../state/controller';
import { useLessonPlayer } from '../state/lessonPlayer';
import { usePlaybackStore } from '../state/playback';
import { usePanelsStore } from '../state/prefs';
import { useTraceStore } from '../state/traceStore';
import { formatSeconds } from './format';
import type { LiveTraceApi } from '../live/types';
import { closeLiveMode, useLiveUi } from './live/liveUi';
import './live/mount.css';

export interface LivePanelProps {
  initialUrl?: string;
  trace: LiveTraceApi;
}

type LivePanelModule = { LivePanel?: ComponentType<LivePanelProps>; default?: ComponentType<LivePanelProps> };

// A glob, not a plain import(): the build still works while the live code is absent.
const loaders = import.meta.glob<LivePanelModule>('./live/LivePanel.tsx');
const loader = loaders['./live/LivePanel.tsx'];

const LazyLivePanel =
  loader === undefined
    ? null
    : lazy(() =>
        loader().then((m) => {
          const Panel = m.LivePanel ?? m.default;
          if (Panel === undefined) throw new Error('src/ui/live/LivePanel.tsx exports no LivePanel');
          return { default: Panel };
        }),
      );

class LiveErrorBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(err: unknown): { error: string } {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  override render(): ReactNode {
    if (this.state.error !== null)
      return (
        <p role="alert" className="notice error">
          Live mode failed to load: {this.state.error}
        </p>
      );
    return this.props.children;
  }
}

/** The live trace's clock (the simulation's clock is hidden in live mode); renders alone, ten times a second. */
function LiveClock() {
  const now = usePlaybackStore((s) => s.now);
  const live = useTraceStore((s) => s.origin === 'live');
  if (!live) return null;
  return (
    <output className="live-clock" aria-label="Live time" title="Time since this live session began">
      {formatSeconds(now)}
    </output>
  );
}

export function LiveMount() {
  const { open, url, close } = usePanelsStore(
    useShallow((s) => ({ open: s.liveOpen, url: s.liveUrl, close: s.closeLive })),
  );
  const status = useLiveUi((s) => s.status);
  // Folded, the dock gives its width back to the timeline; the connection stays as it is.
  const [folded, setFolded] = useState(false);
  // A lesson opened from the lesson list is a simulation: live mode gives the page back to it.
  useEffect(
    () =>
      useLessonPlayer.subscribe((s, prev) => {
        if (s.lesson !== null && s.lesson !== prev.lesson && usePanelsStore.getState().liveOpen)
          closeLiveMode(usePanelsStore.getState().closeLive);
      }),
    [],
  );
  if (!open) return null;
  return (
    <section className={folded ? 'panel live live-bar' : 'panel live live-dock'} aria-label="Live mode">
      <div className="live-head">
        <h2>Live</h2>
        <p className={`live-head-status live-tone-${status.tone}`} role="status" aria-label="Live connection">
          {status.text}
        </p>
        <LiveClock />
        <div className="live-head-buttons">
          <button
            type="button"
            aria-expanded={!folded}
            aria-controls="live-body"
            onClick={() => setFolded(!folded)}
          >
            {folded ? 'Show live controls' : 'Hide live controls'}
          </button>
          <button type="button" onClick={() => closeLiveMode(close)}>
            Close live mode
          </button>
        </div>
      </div>
      <div className="live-body" id="live-body" hidden={folded}>
        {!import.meta.env.DEV && status.tone !== 'ok' && (
          <p className="hint live-static-note">
            This is the static site: it has no broker of its own. Connect to one that speaks MQTT over
            WebSockets: a Mosquitto on your machine with a <code>listener 9001</code> and{' '}
            <code>protocol websockets</code> (Broker URL <code>ws://127.0.0.1:9001</code>), a public test
            broker over <code>wss://</code>, or run <code>npm install &amp;&amp; npm start</code> from the
            repository for the embedded broker at <code>/mqtt</code>.
          </p>
        )}
        {LazyLivePanel === null ? (
          <p className="hint">Live mode is not part of this build.</p>
        ) : (
          <LiveErrorBoundary>
            <Suspense fallback={<p className="hint">Loading live mode…</p>}>
              <LazyLivePanel key={url ?? ''} initialUrl={url} trace={appController().live} />
            </Suspense>
          </LiveErrorBoundary>
        )}
      </div>
    </section>
  );
}
