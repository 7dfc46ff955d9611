// The timeline component the app shell mounts. Thin: it renders a focusable container with the
// static and interactive canvases and hands everything else to TimelineController, which draws in
// requestAnimationFrame from the viewport store (useViewport) without React re-renders.
//
// The shell calls `model.update()` after appending rows to the store, then bumps `revision`.

import { useEffect, useId, useRef, type CSSProperties } from 'react';
import { useViewport, type ViewportStore } from '../state/viewport';
import { TimelineController } from './controller';
import type { TimelineModel } from './model';

export interface TimelineViewProps {
  model: TimelineModel;
  /** Bumped by the shell after model.update(). */
  revision: number;
  theme: 'light' | 'dark';
  /** Text, lines and marks drawn this much larger (projector mode); default 1. */
  scale?: number;
  selectedRow: number | null;
  onSelectRow(row: number | null): void;
  onSelectRange(range: { t0: number; t1: number; lanes: string[] } | null): void;
  /** Right-click / context-menu key on a client lane. */
  onLaneMenu(req: { clientId: string; t: number; clientX: number; clientY: number }): void;
  /** Click on the time axis. */
  onSeek?(t: number): void;
  /** Current simulated time, drawn as a vertical line; open connections are drawn up to it. */
  playhead?: number;
  /** Lanes (client IDs) and rows to emphasise with a highlighter (a lesson step, Find). */
  highlight?: { lanes: readonly string[]; rows: readonly number[] } | null;
  /** After each drawn frame: drawing time in ms (benchmarks). */
  onFrame?(stats: { ms: number; static: boolean }): void;
  /** The viewport store to use (default: the app's useViewport). */
  viewport?: ViewportStore;
  className?: string;
  style?: CSSProperties;
}

const HELP =
  'Timeline. W and S zoom, A and D pan, period and comma step to the next and previous event, F focuses the ' +
  'selection, Shift+W and Shift+S change lane height, up and down arrows scroll lanes, Home shows the whole ' +
  'run, Escape clears the selection, the context-menu key opens the lane menu. Drag selects an area, ' +
  'Shift-drag pans, Ctrl+wheel zooms. Press question mark for all shortcuts.';

const srOnly: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

const containerStyle: CSSProperties = {
  position: 'relative',
  width: '100%',
  height: '100%',
  minHeight: 240,
  overflow: 'hidden',
  touchAction: 'none',
  userSelect: 'none',
};

const canvasStyle: CSSProperties = { position: 'absolute', left: 0, top: 0, display: 'block' };

export function TimelineView(props: TimelineViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const staticRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const announceRef = useRef<HTMLDivElement>(null);
  const marksRef = useRef<HTMLUListElement>(null);
  const controllerRef = useRef<TimelineController | null>(null);
  const store = props.viewport ?? useViewport;
  const marksId = useId();

  // Create the controller once per container and store; later props go through setProps.
  useEffect(() => {
    const container = containerRef.current;
    const staticCanvas = staticRef.current;
    const overlayCanvas = overlayRef.current;
    if (container === null || staticCanvas === null || overlayCanvas === null) return;
    const controller = new TimelineController(
      container,
      staticCanvas,
      overlayCanvas,
      store,
      propsOf(props),
      announceRef.current,
      marksRef.current,
    );
    controllerRef.current = controller;
    return () => {
      controller.destroy();
      controllerRef.current = null;
    };
    // Props are passed on by the effect below; the controller lives as long as the store.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);

  useEffect(() => {
    controllerRef.current?.setProps(propsOf(props));
  });

  return (
    <div
      ref={containerRef}
      className={props.className}
      style={props.style === undefined ? containerStyle : { ...containerStyle, ...props.style }}
      tabIndex={0}
      role="group"
      aria-roledescription="timeline"
      aria-label={HELP}
      data-testid="timeline"
    >
      <canvas
        ref={staticRef}
        role="img"
        aria-describedby={marksId}
        data-testid="timeline-canvas"
        style={canvasStyle}
      />
      <canvas ref={overlayRef} aria-hidden="true" data-testid="timeline-overlay" style={canvasStyle} />
      <div ref={announceRef} aria-live="polite" data-testid="timeline-announce" style={srOnly} />
      <ul
        ref={marksRef}
        id={marksId}
        aria-label="Marks in view"
        data-testid="timeline-marks"
        style={srOnly}
      />
    </div>
  );
}

function propsOf(p: TimelineViewProps) {
  return {
    model: p.model,
    revision: p.revision,
    theme: p.theme,
    scale: p.scale,
    selectedRow: p.selectedRow,
    playhead: p.playhead,
    highlight: p.highlight,
    onSelectRow: (row: number | null) => p.onSelectRow(row),
    onSelectRange: (range: { t0: number; t1: number; lanes: string[] } | null) => p.onSelectRange(range),
    onLaneMenu: (req: { clientId: string; t: number; clientX: number; clientY: number }) => p.onLaneMenu(req),
    onSeek: p.onSeek === undefined ? undefined : (t: number) => p.onSeek?.(t),
    onFrame: p.onFrame === undefined ? undefined : (s: { ms: number; static: boolean }) => p.onFrame?.(s),
  };
}
