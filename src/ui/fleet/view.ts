// The fleet strip's DOM side, framework-free: owns its two canvases and a requestAnimationFrame loop.
// It reads the visible window from the viewport store and the clock from the playback store through
// subscribe/getState (never React renders, like the timeline), brings the fleet series up to date in
// time-budgeted slices (a fleet's first frame is millions of rows), and redraws when the window, the
// data, the theme or the size changed. FleetTracks is the thin React wrapper around it.

import { pageFrames } from '../../base/frames';
import type { FleetSeries } from '../../analysis/fleet';
import { usePlaybackStore } from '../../state/playback';
import type { ViewportState, ViewportStore } from '../../state/viewport';
import { paletteFor, type ThemeName } from '../../timeline/theme';
import type { TraceStore } from '../../trace/store';
import type { LaneActivity } from '../../worker/protocol';
import { drawHistogram } from './drawHistogram';
import { drawTracks } from './drawTracks';
import { FleetFrames } from './frames';
import { fleetLayout, type FleetLayout } from './layout';
import { fleetStyle, labelSizeFor } from './style';
import {
  fleetSummary,
  histogramDescription,
  sameSummary,
  tracksDescription,
  type FleetSummary,
} from './summary';

export interface FleetViewProps {
  store: TraceStore;
  series: FleetSeries;
  activity: LaneActivity | null;
  sampled: boolean;
  /** Client lanes of the trace. */
  clients: number;
  theme: ThemeName;
  /** The timeline's gutter (px): the plot starts there. */
  gutter: number;
  /** The trace store's revision (rows appended or activity merged). */
  revision: number;
  /** The totals changed (called from a frame, at most once per frame). */
  onSummary(summary: FleetSummary): void;
}

/** Time per frame spent reading new rows into the series. */
const UPDATE_BUDGET_MS = 6;
/** Rows read between two looks at the clock. */
const ROW_SLICE = 16_384;

export class FleetTracksView {
  private props: FleetViewProps;
  private readonly tracksCtx: CanvasRenderingContext2D | null;
  private readonly histCtx: CanvasRenderingContext2D | null;
  private readonly frames = new FleetFrames();
  private layout: FleetLayout | null = null;
  private dpr = 1;
  private fontPx = 11;
  private histSize: [number, number] = [0, 0];
  /** 0 until the sizes are known. */
  private rootWidth = 0;
  private histBox: [number, number] = [1, 1];
  /** Cancels the frame asked for; null when none is. */
  private cancelFrame: (() => void) | null = null;
  private summary: FleetSummary | null = null;
  private tracksLabel = '';
  private histLabel = '';
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly tracks: HTMLCanvasElement,
    private readonly hist: HTMLCanvasElement,
    private readonly viewport: ViewportStore,
    props: FleetViewProps,
  ) {
    this.props = props;
    this.tracksCtx = tracks.getContext('2d', { alpha: false });
    this.histCtx = hist.getContext('2d', { alpha: false });
    this.cleanups.push(
      viewport.subscribe((s: ViewportState, prev: ViewportState) => {
        if (s.t0 !== prev.t0 || s.t1 !== prev.t1) this.schedule();
      }),
      usePlaybackStore.subscribe((s, prev) => {
        if (s.now !== prev.now) this.schedule();
      }),
    );
    if (typeof ResizeObserver !== 'undefined') {
      // Its first report, after the next layout, gives the sizes: nothing is drawn before.
      const ro = new ResizeObserver(() => this.resize());
      ro.observe(root);
      ro.observe(hist);
      this.cleanups.push(() => ro.disconnect());
    }
    if (typeof MutationObserver !== 'undefined') {
      // Projector mode (html[data-size]) changes the page's font size, and so the labels'.
      const mo = new MutationObserver(() => this.resize());
      mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-size'] });
      this.cleanups.push(() => mo.disconnect());
    }
    if (typeof ResizeObserver === 'undefined') this.resize();
  }

  setProps(next: FleetViewProps): void {
    const prev = this.props;
    this.props = next;
    if (next.gutter !== prev.gutter) this.layout = null;
    if (
      next.series !== prev.series ||
      next.revision !== prev.revision ||
      next.activity !== prev.activity ||
      next.theme !== prev.theme ||
      next.gutter !== prev.gutter ||
      next.clients !== prev.clients
    )
      this.schedule();
  }

  destroy(): void {
    this.cancelFrame?.();
    this.cancelFrame = null;
    for (const c of this.cleanups) c();
  }

  private schedule(): void {
    if (this.cancelFrame !== null) return;
    this.cancelFrame = pageFrames.request(() => {
      this.cancelFrame = null;
      this.frame();
    });
  }

  /**
   * Reads the sizes (after the browser's layout, from the resize observer: a read in a frame would force
   * a layout of the whole page in the middle of it) and asks for a redraw.
   */
  private resize(): void {
    const page = parseFloat(getComputedStyle(this.root).fontSize);
    this.fontPx = labelSizeFor(page);
    this.dpr = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
    this.rootWidth = Math.max(1, Math.floor(this.root.clientWidth));
    this.histBox = [
      Math.max(1, Math.floor(this.hist.clientWidth)),
      Math.max(1, Math.floor(this.hist.clientHeight)),
    ];
    this.layout = null;
    this.schedule();
  }

  private ensureLayout(): FleetLayout {
    const width = this.rootWidth;
    let layout = this.layout;
    if (layout === null || layout.width !== width || layout.fontPx !== this.fontPx) {
      layout = fleetLayout(width, this.props.gutter, this.fontPx);
      this.layout = layout;
      const c = this.tracks;
      c.width = Math.round(layout.width * this.dpr);
      c.height = Math.round(layout.height * this.dpr);
      c.style.width = `${layout.width}px`;
      c.style.height = `${layout.height}px`;
    }
    const [hw, hh] = this.histBox;
    if (hw !== this.histSize[0] || hh !== this.histSize[1]) {
      this.histSize = [hw, hh];
      this.hist.width = Math.round(hw * this.dpr);
      this.hist.height = Math.round(hh * this.dpr);
    }
    return layout;
  }

  private frame(): void {
    if (this.rootWidth === 0) return;
    const { store, series, activity, sampled, clients, theme } = this.props;
    // A fleet's trace arrives faster than one frame can read it: read for a few ms, draw, go on next frame.
    const deadline = performance.now() + UPDATE_BUDGET_MS;
    while (series.pendingRows(store) > 0 && performance.now() < deadline) series.update(store, ROW_SLICE);
    const behind = series.pendingRows(store) > 0;
    // Data is known up to the clock (nothing happened since the last event), or, while rows still wait
    // to be read, up to the last one read.
    const now = usePlaybackStore.getState().now;
    const until = behind ? series.lastTime : Math.max(series.lastTime, now);
    const layout = this.ensureLayout();
    const style = fleetStyle(paletteFor(theme), this.fontPx);
    const { t0, t1 } = this.viewport.getState();
    const types = activity?.types ?? null;
    const f = this.frames.frame(
      { series, types, typesGeneration: activity?.generation ?? 0, sampled },
      layout,
      t0,
      t1,
      until,
    );
    const hist = this.frames.histogram(series);
    const ctx = this.tracksCtx;
    if (ctx !== null) {
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      drawTracks(ctx, f, layout, style);
    }
    const hctx = this.histCtx;
    if (hctx !== null) {
      hctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      drawHistogram(hctx, hist, this.histSize[0], this.histSize[1], style);
    }
    const label = tracksDescription(f);
    if (label !== this.tracksLabel) {
      this.tracksLabel = label;
      this.tracks.setAttribute('aria-label', label);
    }
    const histLabel = histogramDescription(hist);
    if (histLabel !== this.histLabel) {
      this.histLabel = histLabel;
      this.hist.setAttribute('aria-label', histLabel);
    }
    const summary = fleetSummary(series, hist, clients, sampled, this.props.store, this.summary);
    if (!sameSummary(summary, this.summary)) {
      this.summary = summary;
      this.props.onSummary(summary);
    }
    if (behind) this.schedule();
  }
}
