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
import { LessonList } from './lessons/LessonList';
import { LessonPanel } from './lessons/LessonPanel';
import { CalculatorPanel } from './CalculatorPanel';
import { ConfirmRun } from './ConfirmRun';
import { ErrorBoundary } from './ErrorBoundary';
import { FleetTracks } from './fleet/FleetTracks';
import { useLessonProgress } from '../state/lessonProgress';
import { useCanvasScale } from './theme';

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
      const linked = hash !== '' && hash !== '#';
      if (linked) c.applyHash(hash);
      const t = useTraceStore.getState();
      if (t.origin === 'none' && t.scenario === null && !usePanelsStore.getState().liveOpen)
        c.openPreset(DEFAULT_PRESET);
      // A first visit without a link opens on the lessons.
      if (!linked && !useLessonProgress.getState().introSeen) usePanelsStore.getState().setDialog('lessons');
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
  const calculatorOpen = usePanelsStore((s) => s.calculatorOpen);
  const scale = useCanvasScale();
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
      <ErrorBoundary label="Live mode">
        <LiveMount />
      </ErrorBoundary>
      <main
        className={['workspace', sideOpen ? '' : 'side-closed', calculatorOpen ? 'side-wide' : '']
          .join(' ')
          .trim()}
      >
        <section className="timeline-area" aria-label="Timeline area">
          <ErrorBoundary label="The timeline">
            <FleetTracks gutter={Math.round(136 * scale)} />
            <TimelineSlot />
          </ErrorBoundary>
        </section>
        <aside className="side" aria-label="Side panel">
          {/* One boundary per panel: a panel that fails leaves the others working. */}
          <ErrorBoundary label="The lesson">
            <LessonPanel />
          </ErrorBoundary>
          <ErrorBoundary label="The calculator">
            <CalculatorPanel />
          </ErrorBoundary>
          <ErrorBoundary label="The legend">
            <Legend />
          </ErrorBoundary>
          <ErrorBoundary label="The inspector">
            <Inspector />
          </ErrorBoundary>
          <ErrorBoundary label="The statistics">
            <StatsPanel />
          </ErrorBoundary>
        </aside>
      </main>
      <ErrorBoundary label="The scenario editor">
        <ScenarioEditor />
      </ErrorBoundary>
      <ConfirmRun />
      <LaneMenu />
      <Shortcuts />
      <Find />
      <LessonList />
    </div>
  );
}
