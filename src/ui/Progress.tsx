// Progress of a run (simulated time, events/s, Cancel) and of an export (Cancel export).

import { useShallow } from 'zustand/react/shallow';
import { appController } from '../state/controller';
import { useTraceStore } from '../state/traceStore';
import { formatCount, formatSeconds } from '../base/format';
import { formatBytes } from './format';

export function Progress() {
  const { status, origin, progress, exportProgress, sampled } = useTraceStore(
    useShallow((s) => ({
      status: s.status,
      origin: s.origin,
      progress: s.progress,
      exportProgress: s.exportProgress,
      sampled: s.sampled,
    })),
  );
  const showRun = origin === 'sim' && status === 'running' && progress !== null && progress.durationMs > 0;
  if (!showRun && exportProgress === null) return null;
  return (
    <div className="progress-area">
      {showRun && progress !== null && (
        <div className="progress">
          <div
            className="bar"
            role="progressbar"
            aria-label="Simulation progress"
            aria-valuemin={0}
            aria-valuemax={progress.durationMs}
            aria-valuenow={Math.round(progress.now)}
            aria-valuetext={`${formatSeconds(progress.now)} of ${formatSeconds(progress.durationMs)}`}
          >
            <div className="fill" style={{ width: `${(100 * progress.now) / progress.durationMs}%` }} />
          </div>
          <span className="progress-text">
            Simulated {formatSeconds(progress.now)} of {formatSeconds(progress.durationMs)} ·{' '}
            {formatCount(progress.rate)} events/s · {formatCount(progress.events)} events
            {sampled ? ' (sampled lanes)' : ''}
          </span>
          <button type="button" onClick={() => appController().cancel()}>
            Cancel
          </button>
        </div>
      )}
      {exportProgress !== null && (
        <div className="progress">
          <div
            className="bar"
            role="progressbar"
            aria-label="Export progress"
            aria-valuemin={0}
            aria-valuemax={exportProgress.durationMs}
            aria-valuenow={Math.round(exportProgress.now)}
          >
            <div
              className="fill"
              style={{ width: `${(100 * exportProgress.now) / Math.max(1, exportProgress.durationMs)}%` }}
            />
          </div>
          <span className="progress-text">
            Exporting: re-running the scenario, {formatSeconds(exportProgress.now)} of{' '}
            {formatSeconds(exportProgress.durationMs)}, {formatBytes(exportProgress.bytes)}
          </span>
          <button type="button" onClick={() => appController().cancelExport()}>
            Cancel export
          </button>
        </div>
      )}
    </div>
  );
}
