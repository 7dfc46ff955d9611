// Where the timeline sits in the shell: binds the trace store, the selection and the clock to the
// timeline component, keeps its model up to date (model.update() after rows were appended, then the
// new revision), and opens the lane menu.

import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { appController } from '../../state/controller';
import { usePlaybackStore } from '../../state/playback';
import { useSelectionStore } from '../../state/selection';
import { useTraceStore } from '../../state/traceStore';
import { useViewport } from '../../state/viewport';
import { useCanvasScale, useTheme } from '../theme';
import { currentTimeline } from './currentTimeline';
import { TimelineImpl, createTimelineModel, syncTimelineModel } from './timelineImpl';

export function TimelineSlot() {
  const { store, revision, activity, durationMs } = useTraceStore(
    useShallow((s) => ({
      store: s.store,
      revision: s.revision,
      activity: s.activity,
      durationMs: s.durationMs,
    })),
  );
  const theme = useTheme();
  const scale = useCanvasScale();
  const { selectedRow, highlight, select, selectRange, openLaneMenu } = useSelectionStore(
    useShallow((s) => ({
      selectedRow: s.selectedRow,
      highlight: s.highlight,
      select: s.select,
      selectRange: s.selectRange,
      openLaneMenu: s.openLaneMenu,
    })),
  );
  const playhead = usePlaybackStore((s) => s.now);
  const box = useRef<HTMLDivElement>(null);
  // One model per trace: a new run, import or live session brings a new store.
  const model = useMemo(() => {
    // A new trace is shown whole at first: the view fits it when its first rows arrive.
    useViewport.setState({ initialised: false });
    const t = useTraceStore.getState();
    return createTimelineModel(store, durationMs, t.origin === 'sim' ? t.scenario : null);
    // durationMs changes only with the store; later changes go through syncTimelineModel.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  // Rows were appended (revision bumped): the model reads them before the view draws.
  const synced = useMemo(
    () => syncTimelineModel(model, { activity, durationMs, revision }),
    [model, activity, durationMs, revision],
  );
  useEffect(() => {
    currentTimeline.model = model;
    currentTimeline.element = box.current;
  }, [model]);

  return (
    <div ref={box} className="timeline-box">
      <TimelineImpl
        model={model}
        revision={synced}
        theme={theme}
        scale={scale}
        selectedRow={selectedRow}
        highlight={highlight}
        onSelectRow={select}
        onSelectRange={selectRange}
        onLaneMenu={(m) => {
          if (m.clientId !== 'broker') openLaneMenu(m);
        }}
        onSeek={(t) => appController().seek(t)}
        playhead={playhead}
      />
    </div>
  );
}
