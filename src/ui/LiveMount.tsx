// The mount point of live mode. src/ui/live/LivePanel.tsx (the live engineer's) is loaded with
// React.lazy + a dynamic import only when live mode opens, so mqtt.js and the live code stay out of
// the page's first bundle. It gets { initialUrl?: string; trace: LiveTraceApi }.

import { Component, Suspense, lazy, useState, type ComponentType, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { appController } from '../state/controller';
import { usePanelsStore } from '../state/prefs';
import type { LiveTraceApi } from '../live/types';

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

export function LiveMount() {
  const { open, url, close } = usePanelsStore(
    useShallow((s) => ({ open: s.liveOpen, url: s.liveUrl, close: s.closeLive })),
  );
  // Folded, the forms give their height back to the timeline; the connection stays as it is.
  const [folded, setFolded] = useState(false);
  if (!open) return null;
  return (
    <section className={folded ? 'panel live folded' : 'panel live'} aria-label="Live mode">
      <div className="live-head">
        <h2>Live mode</h2>
        <div className="live-head-buttons">
          <button type="button" aria-expanded={!folded} onClick={() => setFolded(!folded)}>
            {folded ? 'Show live controls' : 'Hide live controls'}
          </button>
          <button type="button" onClick={close}>
            Close live mode
          </button>
        </div>
      </div>
      {!import.meta.env.DEV && !folded && (
        <p className="hint live-static-note">
          This is the static site: there is no broker here to connect to. Give the address of one that speaks
          MQTT over WebSockets: a Mosquitto on your machine with a <code>listener 9001</code> and{' '}
          <code>protocol websockets</code> (<code>ws://127.0.0.1:9001</code>), a public test broker over{' '}
          <code>wss://</code>, or run <code>npm install &amp;&amp; npm start</code> from the repository for
          the embedded broker at <code>/mqtt</code>.
        </p>
      )}
      {LazyLivePanel === null ? (
        <p className="hint">Live mode is not part of this build.</p>
      ) : (
        <LiveErrorBoundary>
          <Suspense fallback={<p className="hint">Loading live mode…</p>}>
            <LazyLivePanel initialUrl={url} trace={appController().live} />
          </Suspense>
        </LiveErrorBoundary>
      )}
    </section>
  );
}
