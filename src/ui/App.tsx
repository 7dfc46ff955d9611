// The shell: top bar, controls, progress and notices, the timeline with the inspector and the
// statistics beside it, and the dialogs (scenario editor, lane menu) and live mode.

import { useEffect } from 'react';
import { appController } from '../state/controller';
import { usePanelsStore, usePrefsStore } from '../state/prefs';
import { useTraceStore } from '../state/traceStore';
import { Controls } from './Controls';
import { Header } from './Header';
import { Inspector } from './Inspector';
import { LaneMenu } from './LaneMenu';
import { LiveMount } from './LiveMount';
import { Notices } from './Notices';
import { Progress } from './Progress';
import { ScenarioEditor } from './ScenarioEditor';
import { StatsPanel } from './StatsPanel';
import { useTheme } from './theme';
import { TimelineSlot } from './timeline/TimelineSlot';
import { Find } from './help/Find';
import { Legend } from './help/Legend';
import { Shortcuts } from './help/Shortcuts';
import { useAppKeys } from './help/useAppKeys';

/** The preset shown when the page opens without a deep link. */
export const DEFAULT_PRESET = 'crash-vs-power-off';

let opened = false;

/** Reads the location hash once on load (StrictMode runs effects twice), then on every hashchange. */
function useDeepLinks(): void {
  useEffect(() => {
    const c = appController();
    if (!opened) {
      opened = true;
      const hash = window.location.hash;
      if (hash !== '' && hash !== '#') c.applyHash(hash);
      const t = useTraceStore.getState();
      if (t.origin === 'none' && t.scenario === null && !usePanelsStore.getState().liveOpen)
        c.openPreset(DEFAULT_PRESET);
    }
    const onHash = (): void => c.applyHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
}

export function App() {
  const theme = useTheme();
  const large = usePrefsStore((s) => s.large);
  const status = useTraceStore((s) => s.status);
  const sideOpen = usePanelsStore((s) => s.sideOpen);
  useDeepLinks();
  useAppKeys();
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.dataset.size = large ? 'large' : 'normal';
    root.style.colorScheme = theme;
  }, [theme, large]);

  return (
    <div className="app" data-run-status={status}>
      <Header />
      <Controls />
      <Progress />
      <Notices />
      <LiveMount />
      <main className={sideOpen ? 'workspace' : 'workspace side-closed'}>
        <section className="timeline-area" aria-label="Timeline area">
          <TimelineSlot />
        </section>
        <aside className="side" aria-label="Side panel">
          <Legend />
          <Inspector />
          <StatsPanel />
        </aside>
      </main>
      <ScenarioEditor />
      <LaneMenu />
      <Shortcuts />
      <Find />
    </div>
  );
}
