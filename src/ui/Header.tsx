// The top bar: title, scenario picker (presets with their descriptions), scenario editor, share
// link, theme, projector mode and live mode. In live mode the picker, the editor and the description
// give way: the page shows live controls only.

import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PRESETS } from '../scenario';
import { appController } from '../state/controller';
import { usePanelsStore, usePrefsStore, type ThemeChoice } from '../state/prefs';
import { useTraceStore } from '../state/traceStore';
import { liveShareHash, shareHash } from './share';
import { closeLiveMode, useLiveUi } from './live/liveUi';
import { lessonHash, useLessonPlayer } from '../state/lessonPlayer';
import { useSelectionStore } from '../state/selection';
import { useViewport } from '../state/viewport';

const CUSTOM = '';

export function Header() {
  const { presetName, scenario, origin, editedFrom } = useTraceStore(
    useShallow((s) => ({
      presetName: s.presetName,
      scenario: s.scenario,
      origin: s.origin,
      editedFrom: s.editedFrom,
    })),
  );
  const { theme, large, setTheme, setLarge } = usePrefsStore(
    useShallow((s) => ({ theme: s.theme, large: s.large, setTheme: s.setTheme, setLarge: s.setLarge })),
  );
  const { liveOpen, openLive, closeLive, setEditorOpen, calculatorOpen, setCalculatorOpen, setDialog } =
    usePanelsStore(
      useShallow((s) => ({
        liveOpen: s.liveOpen,
        openLive: s.openLive,
        closeLive: s.closeLive,
        setEditorOpen: s.setEditorOpen,
        calculatorOpen: s.calculatorOpen,
        setCalculatorOpen: s.setCalculatorOpen,
        setDialog: s.setDialog,
      })),
    );
  const [copied, setCopied] = useState(false);
  // In live mode the link opens the same broker, subscriptions and filter (never a password).
  const liveShare = useLiveUi((s) => (liveOpen ? s.share : null));
  const inLesson = useLessonPlayer((s) => s.lesson !== null);
  // Live mode shows the broker, not the scenario still loaded (which "Run this scenario" would play).
  const shownPreset = origin === 'live' ? null : presetName;
  const description =
    origin === 'live' || liveOpen
      ? ''
      : (scenario?.description ?? PRESETS.find((p) => p.name === presetName)?.description ?? '');

  const copyLink = (): void => {
    const vp = useViewport.getState();
    const sel = useSelectionStore.getState().selectedRow;
    // A lesson's run is shared as the lesson at its step.
    const lesson = useLessonPlayer.getState();
    let hash: string;
    if (liveShare !== null) hash = liveShareHash(liveShare, [vp.t0, vp.t1]);
    else if (scenario === null) return;
    else
      hash =
        lesson.lesson !== null && lesson.scenario === scenario
          ? lessonHash()
          : shareHash(presetName, scenario, { view: [vp.t0, vp.t1], sel: sel ?? undefined });
    const url = `${location.href.split('#')[0]}${hash}`;
    void navigator.clipboard?.writeText(url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
    history.replaceState(null, '', hash);
    setTimeout(() => setCopied(false), 2000);
  };

  return (
    <header className="topbar">
      <h1>Keep-alive lab</h1>
      <div className="learn">
        <button type="button" className="primary" onClick={() => setDialog('lessons')}>
          Lessons
        </button>
        <button
          type="button"
          aria-pressed={calculatorOpen}
          onClick={() => setCalculatorOpen(!calculatorOpen)}
        >
          Calculator
        </button>
      </div>
      <div className="picker">
        {/* Live mode shows live controls only: its Scenario tab plays a scenario against the broker. */}
        {!liveOpen && (
          <>
            <label>
              <span className="label">Scenario</span>
              <select
                aria-label="Preset"
                value={shownPreset ?? CUSTOM}
                onChange={(e) => {
                  if (e.target.value !== CUSTOM)
                    appController().openPreset(e.target.value, { updateHash: true });
                }}
              >
                {shownPreset === null && (
                  <option value={CUSTOM}>
                    {origin === 'import'
                      ? 'Imported trace'
                      : origin === 'live'
                        ? 'Live broker'
                        : editedFrom !== null
                          ? `Edited from ${PRESETS.find((p) => p.name === editedFrom)?.title ?? editedFrom}`
                          : (scenario?.name ?? 'Your scenario')}
                  </option>
                )}
                {PRESETS.map((p) => (
                  <option key={p.name} value={p.name} title={p.description}>
                    {p.title}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => setEditorOpen(true)}>
              Edit scenario
            </button>
          </>
        )}
        <button type="button" onClick={copyLink} disabled={scenario === null && liveShare === null}>
          {copied ? 'Link copied' : 'Copy link'}
        </button>
      </div>
      <div className="view-options">
        <label>
          <span className="label">Theme</span>
          <select aria-label="Theme" value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={large} onChange={(e) => setLarge(e.target.checked)} />
          Projector
        </label>
        <button
          type="button"
          aria-pressed={liveOpen}
          onClick={() => (liveOpen ? closeLiveMode(closeLive) : openLive())}
        >
          Live mode
        </button>
      </div>
      {/* In a lesson the lesson panel tells the story: the scenario's own summary gives its room to the timeline. */}
      {!inLesson && <p className="scenario-description">{description}</p>}
    </header>
  );
}
