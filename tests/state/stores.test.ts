import { describe, expect, it } from 'vitest';
import { getPreset } from '../../src/scenario';
import { speedLabel, usePlaybackStore } from '../../src/state/playback';
import { effectiveTheme, usePanelsStore, usePrefsStore } from '../../src/state/prefs';
import { useSelectionStore } from '../../src/state/selection';
import { useTraceStore } from '../../src/state/traceStore';
import { TraceStore } from '../../src/trace';
import { formatBytes } from '../../src/ui/format';
import { shareHash } from '../../src/ui/share';

describe('the run/trace store (slices)', () => {
  it('keeps one notice per topic', () => {
    const s = useTraceStore.getState();
    s.notify('error', 'import', 'first');
    s.notify('error', 'import', 'second');
    s.notify('info', 'run', 'other');
    expect(useTraceStore.getState().notices.map((n) => n.text)).toEqual(['second', 'other']);
    s.dismiss('import');
    expect(useTraceStore.getState().notices.map((n) => n.topic)).toEqual(['run']);
    s.dismiss('run');
  });

  it('appends injected events to a copy of the scenario', () => {
    const preset = getPreset('basics')!;
    const s = useTraceStore.getState();
    s.setScenario(structuredClone(preset.scenario), 'basics');
    s.addScenarioEvent({ atMs: 1000.5, client: 'sensor-quiet', do: 'crash' });
    expect(useTraceStore.getState().scenario?.events).toEqual([
      { atMs: 1000.5, client: 'sensor-quiet', do: 'crash' },
    ]);
    expect(preset.scenario.events).toBeUndefined();
  });

  it('resets the trace and bumps the revision on every change', () => {
    const s = useTraceStore.getState();
    const rev = s.revision;
    const store = new TraceStore();
    s.resetTrace({ origin: 'import', header: { trace: 1, source: 'sim' }, name: 'x', durationMs: 10, store });
    const after = useTraceStore.getState();
    expect(after.store).toBe(store);
    expect(after.revision).toBe(rev + 1);
    expect(after.totals.events).toBe(0);
    after.touch();
    expect(useTraceStore.getState().revision).toBe(rev + 2);
  });
});

describe('the other stores', () => {
  it('playback', () => {
    usePlaybackStore.getState().setSpeed(100);
    expect(usePlaybackStore.getState().speed).toBe(100);
    expect(speedLabel('max')).toBe('as fast as possible');
    expect(speedLabel(1000)).toBe('1000×');
  });

  it('selection clears everything at once', () => {
    const s = useSelectionStore.getState();
    s.select(4);
    s.selectRange({ t0: 0, t1: 10, lanes: ['a'] });
    s.openLaneMenu({ clientId: 'a', t: 1, clientX: 0, clientY: 0 });
    s.clear();
    expect(useSelectionStore.getState()).toMatchObject({ selectedRow: null, range: null, laneMenu: null });
  });

  it('prefs and panels', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    usePrefsStore.getState().setLarge(true);
    expect(usePrefsStore.getState().large).toBe(true);
    usePanelsStore.getState().openLive('wss://example.org/mqtt');
    expect(usePanelsStore.getState()).toMatchObject({ liveOpen: true, liveUrl: 'wss://example.org/mqtt' });
    usePanelsStore.getState().closeLive();
  });
});

describe('small helpers', () => {
  it('share links name an untouched preset, else carry the scenario', () => {
    const s = structuredClone(getPreset('basics')!.scenario);
    expect(shareHash('basics', s)).toBe('#preset=basics');
    s.events = [{ atMs: 5, client: 'sensor-quiet', do: 'crash' }];
    expect(shareHash('basics', s)).toMatch(/^#scenario=/);
    expect(shareHash(null, s)).toMatch(/^#scenario=/);
  });

  it('byte counts', () => {
    expect(formatBytes(1536)).toBe('1.5 kB');
  });
});
