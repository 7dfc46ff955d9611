// Playback, view and file controls. Accessible names are a contract: Play, Pause, Step, Export trace,
// Import trace; plus Step back, the speed, Legend, Find, Shortcuts, the side panel, Export PNG and SVG.

import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { appController } from '../state/controller';
import { usePanelsStore } from '../state/prefs';
import { speedLabel, usePlaybackStore } from '../state/playback';
import { useTraceStore } from '../state/traceStore';
import { SPEEDS, type Speed } from '../worker/protocol';
import { formatSeconds } from './format';
import { ImageExportButtons } from './ImageExport';

function parseSpeed(value: string): Speed {
  return value === 'max' ? 'max' : Number(value);
}

export function Controls() {
  const { status, origin, scenario, durationMs, exporting } = useTraceStore(
    useShallow((s) => ({
      status: s.status,
      origin: s.origin,
      scenario: s.scenario,
      durationMs: s.durationMs,
      exporting: s.exportProgress !== null,
    })),
  );
  const { speed, now } = usePlaybackStore(useShallow((s) => ({ speed: s.speed, now: s.now })));
  const panels = usePanelsStore(
    useShallow((s) => ({
      legendOpen: s.legendOpen,
      sideOpen: s.sideOpen,
      setLegendOpen: s.setLegendOpen,
      setSideOpen: s.setSideOpen,
      setDialog: s.setDialog,
    })),
  );
  // Live mode runs on the broker's clock: the simulation's playback controls are not shown.
  const liveOpen = usePanelsStore((s) => s.liveOpen);
  const file = useRef<HTMLInputElement>(null);
  const c = appController();
  const canRun = scenario !== null && origin !== 'live';
  const running = status === 'running' && origin === 'sim';

  return (
    <div className="controls" role="toolbar" aria-label="Playback">
      {liveOpen && (
        <div className="group live-clock-note">
          <span className="status">Live</span>
          <span className="hint">
            {origin === 'live'
              ? 'on the broker’s clock (play, step and speed are for simulations)'
              : 'mode: play, step and speed come back when live mode closes'}
          </span>
        </div>
      )}
      <div className="group" hidden={liveOpen}>
        <button type="button" className="primary" onClick={() => c.play()} disabled={!canRun || running}>
          Play
        </button>
        <button type="button" onClick={() => c.pause()} disabled={!running}>
          Pause
        </button>
        <button
          type="button"
          onClick={() => c.stepBack()}
          disabled={origin === 'none'}
          title="Select the previous event (B)"
        >
          Step back
        </button>
        <button
          type="button"
          onClick={() => c.step()}
          disabled={origin === 'none' && !canRun}
          title="Select the next event, running the simulation to it if needed (N)"
        >
          Step
        </button>
        <label>
          <span className="label">Speed</span>
          <select
            aria-label="Speed"
            value={String(speed)}
            onChange={(e) => c.setSpeed(parseSpeed(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={String(s)} value={String(s)}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <output className="clock" aria-label="Simulated time">
          {formatSeconds(now)}
          {durationMs !== null ? ` / ${formatSeconds(durationMs)}` : ''}
        </output>
        <span className="status" aria-live="polite">
          {statusText(status, origin)}
        </span>
      </div>
      <div className="group" role="group" aria-label="View">
        <button
          type="button"
          aria-pressed={panels.legendOpen}
          onClick={() => panels.setLegendOpen(!panels.legendOpen)}
          title="What every mark means (L)"
        >
          Legend
        </button>
        <button type="button" onClick={() => panels.setDialog('find')} title="Find a client or an event (/)">
          Find
        </button>
        <button type="button" onClick={() => panels.setDialog('shortcuts')} title="Keyboard shortcuts (?)">
          Shortcuts
        </button>
        <button
          type="button"
          aria-pressed={panels.sideOpen}
          onClick={() => panels.setSideOpen(!panels.sideOpen)}
        >
          Side panel
        </button>
      </div>
      <div className="group">
        <button type="button" onClick={() => void c.exportTrace()} disabled={origin === 'none' || exporting}>
          Export trace
        </button>
        <button type="button" onClick={() => file.current?.click()}>
          Import trace
        </button>
        <input
          ref={file}
          type="file"
          accept=".jsonl,.json,.txt,application/x-ndjson"
          aria-label="Trace file to import"
          hidden
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f !== undefined) void c.importTrace(f, f.name);
          }}
        />
        <ImageExportButtons />
      </div>
    </div>
  );
}

function statusText(status: string, origin: string): string {
  if (origin === 'import') return 'Imported trace';
  if (origin === 'live') return 'Live';
  switch (status) {
    case 'ready':
      return 'Ready';
    case 'running':
      return 'Running';
    case 'paused':
      return 'Paused';
    case 'done':
      return 'Finished';
    case 'cancelled':
      return 'Cancelled';
    case 'error':
      return 'Stopped by an error';
    default:
      return '';
  }
}
