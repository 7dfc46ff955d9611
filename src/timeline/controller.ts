// The timeline's DOM side, framework-free: owns the two canvases (static and interactive), the tile
// caches and the requestAnimationFrame loop; reads the viewport store transiently (subscribe +
// getState, no React renders); wires d3-zoom (ctrl/⌘ + wheel, pinch, drag, touch), plain wheel
// (scroll lanes, horizontal pan), hover, click, shift-drag select, context menu and keys. TimelineView
// is a thin React wrapper around it.
//
// One file because it is one owner of shared DOM state (canvases, caches, the zoom transform, the
// pointer's gesture): every handler below reads and invalidates the same fields.

import { select, type D3ZoomEvent, type ZoomBehavior, zoom, type ZoomTransform } from 'd3';
import { pageFrames } from '../base/frames';
import type { ViewportState, ViewportStore } from '../state/viewport';
import { applyCommand } from './commands';
import { frameGeometry, type FrameGeometry, regionAt } from './geometry';
import { HeatCache } from './heat';
import { hitTest, type Hit, rangeSelection } from './hitTest';
import { commandForKey } from './keys';
import { buildLaneLayout, type LaneLayout } from './laneLayout';
import { LodCache } from './lod';
import { BROKER_LANE, type TimelineModel } from './model';
import { formatTime } from '../base/format';
import { traceMs, wallMs, wallNow, type WallMs } from '../base/time';
import { paletteFor, type ThemeName } from './theme';
import { drawStaticFrame } from './render/frame';
import type { FrameInput, FrameView } from './render/frameView';
import { rowTop, tAt } from './render/frameView';
import type { HeatImages } from './render/heatStrips';
import { canvasHeatImages } from './render/heatImages';
import { drawInteractive, type Overlay } from './render/interactive';
import { overviewT } from './render/overview';
import { baseScale, transformForWindow, windowFromTransform } from './zoom';
import { insideWindow } from './navigate';
import { describeRow } from './render/labels';

export interface TimelineCallbacks {
  onSelectRow(row: number | null): void;
  onSelectRange(range: { t0: number; t1: number; lanes: string[] } | null): void;
  onLaneMenu(req: { clientId: string; t: number; clientX: number; clientY: number }): void;
  onSeek?(t: number): void;
  /** After each drawn frame: how long drawing took (ms) and whether the static layer was redrawn. */
  onFrame?(stats: { ms: number; static: boolean }): void;
}

export interface TimelineControllerProps extends TimelineCallbacks {
  model: TimelineModel;
  revision: number;
  theme: ThemeName;
  /** Text, lines and marks drawn this much larger (projector mode); default 1. */
  scale?: number;
  selectedRow: number | null;
  playhead?: number;
  /** Lanes (client IDs) and rows to emphasise (a lesson step, Find). */
  highlight?: { lanes: readonly string[]; rows: readonly number[] } | null;
}

/** Models whose window has been fitted once. */
const fitted = new WeakSet<TimelineModel>();

/** Idle-time heat prefetch: first slice this long after a frame, slices of this many ms, and no prefetch
 * while rows arrived less than PREFETCH_QUIET_MS ago (tiles of a growing trace go stale). */
const PREFETCH_DELAY_MS = 60;
const PREFETCH_SLICE_MS = 6;
const PREFETCH_QUIET_MS = 500;

/** Time per frame spent building missing heat columns (a fleet's first heat frame is ~100 ms of work). */
const HEAT_SLICE_MS = 12;

/** Time per frame spent registering a model's pending lanes. */
const LANE_SLICE_MS = 8;

/** While the model catches up on rows, the static layer is redrawn at most this often. */
const CATCH_UP_REDRAW_MS = 500;

/**
 * A static redraw that nobody waits for (new rows, the playhead moving on) comes at most once per this
 * many times the last static frame's cost: a fleet's frame costs ~20 ms, and redrawn with every
 * progress message it took a fifth of the page's thread from a run going as fast as it can (and the
 * CPU from its worker). A cheap frame (a small trace) is still redrawn every frame or two.
 */
const PASSIVE_SPACING = 16;
/** …but never longer than this after the last one: a costly first heat frame must not freeze the picture. */
const PASSIVE_MAX_WAIT_MS = 1000;

/** Largest lane height chosen automatically when a trace is first shown. */
const AUTO_MAX_LANE_HEIGHT = 96;

export class TimelineController {
  private props: TimelineControllerProps;
  private readonly staticCtx: CanvasRenderingContext2D | null;
  private readonly overlayCtx: CanvasRenderingContext2D | null;
  private readonly heatImages: HeatImages | null;
  private lod: LodCache;
  private heat: HeatCache;
  private layout: LaneLayout | null = null;
  private geometry: FrameGeometry = frameGeometry(1, 1);
  private dpr = 1;
  private view: FrameView | null = null;
  /** Cancels the frame asked for; null when none is. */
  private cancelFrame: (() => void) | null = null;
  private prefetchTimer: ReturnType<typeof setTimeout> | null = null;
  private lastDataAt = -Infinity;
  private lastStaticAt = -Infinity;
  private staticDirty = true;
  /** The static layer is dirty for something the user waits on (a pan, a zoom, a new trace). */
  private staticUrgent = true;
  /** Wall ms the last static redraw took, its heat slices in later frames included. */
  private lastStaticCost = 0;
  private staticCostSoFar = 0;
  /** Set while new data is taken in: the viewport changes that follow are passive too. */
  private takingData = false;
  private passiveTimer: ReturnType<typeof setTimeout> | null = null;
  private overlayDirty = true;
  private readonly overlay: Overlay = {
    hover: null,
    pointer: null,
    selectedRow: null,
    range: null,
    drag: null,
    playhead: null,
    highlight: null,
  };
  private rangeTimes: { t0: number; t1: number } | null = null;
  private marksText = '';
  private emphasis: ReadonlySet<number> = new Set();
  private dragStart: { x: number; y: number; pointerId: number } | null = null;
  private overviewDrag: number | null = null;
  private autoLaneHeight = true;
  /** True while the controller itself sets the lane height (not the user). */
  private autoSetting = false;
  /** The click that ends a drag-select is not a click on an item. */
  private suppressClick = false;
  private lastExtentEnd = 0;
  private readonly zoomBehavior: ZoomBehavior<HTMLDivElement, unknown>;
  private syncingZoom = false;
  private lastZoom: ZoomTransform | null = null;
  private readonly unsubscribe: () => void;
  private readonly resizeObserver: ResizeObserver | null;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly container: HTMLDivElement,
    private readonly staticCanvas: HTMLCanvasElement,
    private readonly overlayCanvas: HTMLCanvasElement,
    private readonly viewport: ViewportStore,
    props: TimelineControllerProps,
    private readonly announcer: HTMLElement | null = null,
    private readonly marksList: HTMLElement | null = null,
  ) {
    this.props = props;
    this.staticCtx = staticCanvas.getContext('2d', { alpha: false });
    this.overlayCtx = overlayCanvas.getContext('2d');
    this.heatImages = this.staticCtx === null ? null : canvasHeatImages(this.staticCtx);
    this.lod = new LodCache(props.model);
    this.heat = new HeatCache(props.model);
    this.overlay.selectedRow = props.selectedRow;
    this.overlay.playhead = props.playhead ?? null;
    this.overlay.highlight = props.highlight ?? null;

    this.unsubscribe = viewport.subscribe((s, prev) => this.onViewport(s, prev));
    this.resizeObserver =
      typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.resize());
    this.resizeObserver?.observe(container);
    this.zoomBehavior = this.setupZoom();
    this.listen();
    this.resize();
    this.onData();
    this.updateAttributes();
  }

  setProps(next: TimelineControllerProps): void {
    const prev = this.props;
    this.props = next;
    if (next.model !== prev.model) {
      this.lod = new LodCache(next.model);
      this.heat = new HeatCache(next.model);
      this.layout = null;
      this.autoLaneHeight = true;
      this.lastExtentEnd = 0;
      this.rangeTimes = null;
      this.overlay.range = null;
      this.onData();
    } else if (next.revision !== prev.revision) {
      this.onData(false);
    }
    if (next.theme !== prev.theme) this.markStatic();
    if ((next.scale ?? 1) !== (prev.scale ?? 1)) {
      // New strip heights and gutter: a new geometry.
      this.geometry = frameGeometry(1, 1);
      this.resize();
    }
    if (next.selectedRow !== prev.selectedRow) {
      this.overlay.selectedRow = next.selectedRow;
      this.revealSelection(next.selectedRow);
      this.announce(next.selectedRow);
      this.markOverlay();
    }
    if (next.highlight !== prev.highlight) {
      this.overlay.highlight = next.highlight ?? null;
      this.emphasis = new Set(next.highlight?.rows ?? []);
      // The highlighted rows' labels are placed first: a static redraw.
      this.markStatic();
    }
    if (next.playhead !== prev.playhead) {
      this.overlay.playhead = next.playhead ?? null;
      // Open connections are drawn up to the playhead.
      this.markPassive();
    }
  }

  /** A row selected from outside (Step, Find, a lesson) is brought into view: its time and its lane. */
  private revealSelection(row: number | null): void {
    const model = this.props.model;
    if (row === null || row < 0 || row >= model.length) return;
    const vp = this.viewport.getState();
    const t = model.columns.t[row];
    // Only when off screen: a click near the edge must not move the picture under the pointer.
    if (!insideWindow(t, vp.t0, vp.t1, 0)) {
      const d = vp.t1 - vp.t0;
      vp.setWindow(t - d / 2, t + d / 2);
    }
    const lane = model.laneOfRow(row);
    if (lane === BROKER_LANE || lane < 0) return;
    const displayRow = this.ensureLayout().rowOfLane[lane];
    if (displayRow >= 0) this.viewport.getState().revealRow(displayRow);
  }

  /**
   * The words the frame drew beside its marks, as a list for screen readers (the canvas's description):
   * what a sighted reader sees in the picture, in time order. Rewritten only when it changed.
   */
  private describeMarks(view: FrameView): void {
    const list = this.marksList;
    if (list === null) return;
    const model = this.props.model;
    const items = view.labels
      .filter((l) => l.row >= 0 && l.row < model.length)
      .sort((a, b) => model.columns.t[a.row] - model.columns.t[b.row] || a.x - b.x)
      .map((l) => {
        const lane = model.laneOfRow(l.row);
        const who = lane === BROKER_LANE || lane < 0 ? 'broker' : model.laneId(lane);
        return `${l.text} (${who}, ${formatTime(model.columns.t[l.row])})`;
      });
    const text = items.join('\n');
    if (text === this.marksText) return;
    this.marksText = text;
    list.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement('li');
        li.textContent = item;
        return li;
      }),
    );
  }

  /** Tells screen readers what is selected (a polite live region beside the canvas). */
  private announce(row: number | null): void {
    const region = this.announcer;
    if (region === null) return;
    const model = this.props.model;
    region.textContent =
      row === null || row < 0 || row >= model.length
        ? ''
        : `Selected: ${describeRow(model, row)}, at ${formatTime(model.columns.t[row])}`;
  }

  destroy(): void {
    this.cancelFrame?.();
    this.cancelFrame = null;
    this.cancelPrefetch();
    if (this.passiveTimer !== null) clearTimeout(this.passiveTimer);
    this.unsubscribe();
    this.resizeObserver?.disconnect();
    for (const c of this.cleanups) c();
    select(this.container).on('.zoom', null);
  }

  // ——— data and viewport ———

  /** New rows or a new model, then a redraw; `urgent` false when only rows came (nobody waits for it). */
  private onData(urgent = true): void {
    this.takingData = !urgent;
    try {
      this.takeData();
    } finally {
      this.takingData = false;
    }
    if (urgent) this.markStatic();
    else this.markPassive();
  }

  /** Extent, first fit of each model, sticky right edge. */
  private takeData(): void {
    const model = this.props.model;
    this.lastDataAt = performance.now();
    const [e0, e1] = model.extent;
    const vp = this.viewport.getState();
    const prevEnd = this.lastExtentEnd;
    vp.setExtent(e0, e1);
    this.ensureLayout();
    if ((!fitted.has(model) || !vp.initialised) && (model.length > 0 || e1 > e0)) {
      // A model is fitted once, when first shown (or when the shell resets `initialised`): a remounted
      // view keeps the user's window.
      fitted.add(model);
      vp.fit();
    } else if (vp.initialised && prevEnd > 0 && e1 > prevEnd) {
      // Looking at the newest data (or following): keep the right edge on it.
      const s = this.viewport.getState();
      if (s.follow || s.t1 >= prevEnd - 1e-6) {
        const follow = s.follow;
        s.pan(e1 - s.t1);
        if (follow) this.viewport.getState().setFollow(true);
      }
    }
    this.lastExtentEnd = e1;
    this.updateAttributes();
  }

  private ensureLayout(): LaneLayout {
    const model = this.props.model;
    const vp = this.viewport.getState();
    if (
      this.layout === null ||
      this.layout.modelVersion !== model.layoutVersion ||
      this.layout.collapsed !== vp.collapsedGroups ||
      this.layout.rowOfLane.length !== model.laneCount
    ) {
      this.layout = buildLaneLayout(model, vp.collapsedGroups);
      if (this.autoLaneHeight && this.layout.length > 0 && this.geometry.lanesH > 0) {
        const fit = this.geometry.lanesH / this.layout.length;
        const h = Math.min(AUTO_MAX_LANE_HEIGHT, fit >= 4 ? Math.floor(fit) : fit);
        if (h !== vp.laneHeight) {
          this.autoSetting = true;
          vp.setLaneHeight(h);
          this.autoSetting = false;
        }
      }
      this.viewport.getState().setLaneBounds(this.layout.length, this.geometry.lanesH);
    }
    return this.layout;
  }

  private onViewport(s: ViewportState, prev: ViewportState): void {
    if (s.laneHeight !== prev.laneHeight && !this.autoSetting) this.autoLaneHeight = false;
    if (s.collapsedGroups !== prev.collapsedGroups) this.layout = null;
    if (s.t0 !== prev.t0 || s.t1 !== prev.t1) {
      this.updateAttributes();
      this.syncZoom();
    }
    // Following the newest rows is part of taking them in.
    if (this.takingData) this.markPassive();
    else this.markStatic();
  }

  private updateAttributes(): void {
    const s = this.viewport.getState();
    const lanes = this.props.model.laneCount + 1;
    this.staticCanvas.setAttribute(
      'aria-label',
      `Timeline, ${lanes} lanes, ${formatTime(s.t0)} to ${formatTime(s.t1)}`,
    );
  }

  // ——— drawing ———

  private markStatic(): void {
    this.staticDirty = true;
    this.staticUrgent = true;
    this.overlayDirty = true;
    this.schedule();
  }

  /** Like markStatic, for a redraw nobody waits for: spaced out by its cost (PASSIVE_SPACING). */
  private markPassive(): void {
    this.staticDirty = true;
    this.overlayDirty = true;
    this.schedule();
  }

  /** A passive redraw that must wait `ms`: a frame is asked for then. */
  private drawAfter(ms: number): void {
    if (this.passiveTimer !== null) return;
    this.passiveTimer = setTimeout(() => {
      this.passiveTimer = null;
      this.schedule();
    }, ms);
  }

  private markOverlay(): void {
    this.overlayDirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.cancelFrame !== null) return;
    this.cancelFrame = pageFrames.request(() => {
      this.cancelFrame = null;
      this.draw();
    });
  }

  private frameInput(heatDeadline?: WallMs): FrameInput {
    const vp = this.viewport.getState();
    const model = this.props.model;
    const playhead = this.props.playhead;
    // Open connections are drawn up to the playhead (trace time), never short of the last event.
    const now = traceMs(playhead !== undefined ? Math.max(model.lastTime, playhead) : model.extent[1]);
    return {
      model,
      layout: this.ensureLayout(),
      geometry: this.geometry,
      palette: paletteFor(this.props.theme, this.props.scale ?? 1),
      t0: vp.t0,
      t1: vp.t1,
      laneScroll: vp.laneScroll,
      laneHeight: vp.laneHeight,
      now,
      lod: this.lod,
      heat: this.heat,
      heatImages: this.heatImages,
      emphasis: this.emphasis,
      ...(heatDeadline !== undefined ? { heatDeadline } : {}),
    };
  }

  /** Draws what is dirty now (also used by tests and exports through the same path). */
  draw(): void {
    const start = wallNow();
    // While a fleet's lanes are being registered the previous frame stays: its first heat frame is
    // built once, for every lane, not once per slice.
    if (this.drainLanes(start)) return;
    if (this.catchUp(start)) return;
    let redrawStatic = this.staticDirty;
    if (redrawStatic && !this.staticUrgent) {
      const spacing = Math.min(PASSIVE_MAX_WAIT_MS, this.lastStaticCost * PASSIVE_SPACING);
      const wait = this.lastStaticAt + spacing - start;
      if (wait > 0) {
        redrawStatic = false;
        this.drawAfter(wait);
      }
    }
    if (redrawStatic && this.staticCtx !== null) {
      const ctx = this.staticCtx;
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      this.heat.behind = false; // set again if this frame leaves heat columns for later
      const view = drawStaticFrame(
        ctx,
        this.frameInput(wallMs(start + HEAT_SLICE_MS)),
        this.props.model.extent,
      );
      this.view = view;
      // Where a time is drawn on screen now (what clicks map by, until the next frame): for tools and
      // tests, the picture's window and width, not the viewport's newest state.
      this.container.dataset.t0 = String(Math.round(view.t0 * 1000) / 1000);
      this.container.dataset.t1 = String(Math.round(view.t1 * 1000) / 1000);
      this.container.dataset.width = String(view.geometry.width);
      this.container.dataset.laneHeight = String(view.laneHeight);
      this.container.dataset.lanesY = String(view.geometry.lanesY);
      this.container.dataset.gutter = String(view.geometry.gutter);
      this.describeMarks(view);
      this.lastStaticAt = start;
      // Heat columns left for later frames: draw again until they are all built (the work is begun,
      // so those frames do not wait), and only then is the redraw's cost known.
      this.staticDirty = this.heat.behind;
      this.staticUrgent = this.heat.behind;
      this.staticCostSoFar += wallNow() - start;
      if (this.heat.behind) this.schedule();
      else {
        this.lastStaticCost = this.staticCostSoFar;
        this.staticCostSoFar = 0;
      }
      this.overlayDirty = true;
      this.schedulePrefetch();
    }
    if (this.overlayDirty && this.overlayCtx !== null && this.view !== null) {
      const ctx = this.overlayCtx;
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      drawInteractive(ctx, this.view, this.overlay);
      this.overlayDirty = false;
    }
    this.props.onFrame?.({ ms: performance.now() - start, static: redrawStatic });
  }

  /**
   * Registers a slice of the model's pending lanes (a fleet's activity names 100 000: registered over
   * a few frames, not in one long task); when it did, asks for another frame and returns true.
   */
  private drainLanes(start: number): boolean {
    const model = this.props.model;
    if (model.pendingLanes === 0) return false;
    const before = model.layoutVersion;
    model.drainLanes(start + LANE_SLICE_MS);
    if (model.layoutVersion !== before) {
      this.staticDirty = true;
      this.overlayDirty = true;
    }
    if (model.pendingLanes === 0) {
      this.ensureLayout();
      this.updateAttributes();
    }
    // The first frame with every lane (its heat) is drawn in the next frame, not in this task.
    this.schedule();
    return true;
  }

  /**
   * Processes a slice of the rows the model has not read yet (the shell's update stops at a
   * deadline); while some remain, asks for another frame, and returns true when this frame should
   * keep the previous picture (a static frame of a fleet costs tens of ms: one per CATCH_UP_REDRAW_MS).
   */
  private catchUp(start: number): boolean {
    const model = this.props.model;
    if (model.pendingRows === 0) return false;
    model.update(start + LANE_SLICE_MS);
    if (model.pendingRows === 0) {
      // Caught up: drawn in the next frame, not in this task.
      this.onData(false);
      return true;
    }
    this.schedule();
    if (start - this.lastStaticAt < CATCH_UP_REDRAW_MS) return true;
    this.onData(false);
    return false;
  }

  private cancelPrefetch(): void {
    if (this.prefetchTimer !== null) clearTimeout(this.prefetchTimer);
    this.prefetchTimer = null;
  }

  /**
   * At fleet zoom, builds in idle slices the heat tiles one zoom step in or out would need, so a zoom
   * across a power-of-2 resolution does not build a whole column in its frame.
   */
  private schedulePrefetch(): void {
    this.cancelPrefetch();
    const v = this.view;
    if (v === null || !v.heatMode || this.props.model.activity !== null) return;
    const heat = this.heat;
    const run = (): void => {
      this.prefetchTimer = null;
      if (this.view !== v || this.heat !== heat) return;
      const quiet = performance.now() - this.lastDataAt;
      if (quiet < PREFETCH_QUIET_MS) {
        this.prefetchTimer = setTimeout(run, PREFETCH_QUIET_MS - quiet);
        return;
      }
      const deadline = performance.now() + PREFETCH_SLICE_MS;
      if (heat.prefetch(v.layout, v.tLo, v.tHi, v.heatRes, v.laneRes, v.rowStart, v.rowEnd, deadline))
        this.prefetchTimer = setTimeout(run, 0);
    };
    this.prefetchTimer = setTimeout(run, PREFETCH_DELAY_MS);
  }

  private resize(): void {
    const rect = this.container.getBoundingClientRect();
    const w = Math.max(1, Math.floor(rect.width));
    const h = Math.max(1, Math.floor(rect.height));
    const dpr = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
    if (w === this.geometry.width && h === this.geometry.height && dpr === this.dpr) return;
    this.dpr = dpr;
    this.geometry = frameGeometry(w, h, this.props.scale ?? 1);
    for (const c of [this.staticCanvas, this.overlayCanvas]) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
      c.style.width = `${w}px`;
      c.style.height = `${h}px`;
    }
    this.layout = null;
    const layout = this.ensureLayout();
    this.viewport.getState().setLaneBounds(layout.length, this.geometry.lanesH);
    this.syncZoom();
    this.markStatic();
  }

  // ——— d3-zoom ———

  private base() {
    return baseScale(this.geometry.plotX0, this.geometry.plotX1);
  }

  private setupZoom(): ZoomBehavior<HTMLDivElement, unknown> {
    const behavior = zoom<HTMLDivElement, unknown>()
      .scaleExtent([1e-12, 1e12])
      .clickDistance(4)
      .filter((event: Event) => {
        const { x, y } = this.localPoint(event);
        const region = regionAt(this.geometry, x, y);
        if (event.type === 'wheel') {
          const w = event as WheelEvent;
          // Plain wheel scrolls the lanes; ctrl/⌘ + wheel (and pinch) zooms, and so does any wheel over the axis.
          return w.ctrlKey || w.metaKey || region === 'axis' || region === 'overview';
        }
        if (event.type === 'mousedown') {
          // Perfetto's convention: a plain drag selects an area; Shift-drag (or the middle button) pans.
          const m = event as MouseEvent;
          const pan = (m.button === 0 && m.shiftKey) || m.button === 1;
          return pan && !m.ctrlKey && (region === 'lanes' || region === 'broker');
        }
        return region !== 'overview' && region !== 'gutter';
      })
      .on('zoom', (event: D3ZoomEvent<HTMLDivElement, unknown>) => this.onZoom(event.transform));
    select(this.container).call(behavior).on('dblclick.zoom', null);
    return behavior;
  }

  private onZoom(transform: ZoomTransform): void {
    const prev = this.lastZoom;
    this.lastZoom = transform;
    if (this.syncingZoom) return;
    const [t0, t1] = windowFromTransform(this.base(), transform);
    const vp = this.viewport.getState();
    this.syncingZoom = true;
    try {
      vp.setWindow(t0, t1);
      // A drag's vertical movement scrolls the lanes (only while not zooming).
      if (prev !== null && prev.k === transform.k && transform.y !== prev.y)
        vp.scrollLanes(prev.y - transform.y);
    } finally {
      this.syncingZoom = false;
    }
    // The store may have clamped the window: make d3 agree with it.
    const s = this.viewport.getState();
    if (Math.abs(s.t0 - t0) > 1e-9 || Math.abs(s.t1 - t1) > 1e-9) this.syncZoom();
  }

  /** Sets d3-zoom's transform to the viewport's window (after keys, overview, clamping). */
  private syncZoom(): void {
    if (this.syncingZoom) return;
    const s = this.viewport.getState();
    const t = transformForWindow(this.base(), s.t0, s.t1, this.lastZoom?.y ?? 0);
    this.syncingZoom = true;
    try {
      this.zoomBehavior.transform(select(this.container), t);
      this.lastZoom = t;
    } finally {
      this.syncingZoom = false;
    }
  }

  // ——— pointer and keys ———

  private localPoint(event: Event): { x: number; y: number } {
    const rect = this.container.getBoundingClientRect();
    const e = event as MouseEvent & { touches?: TouchList };
    if (e.touches !== undefined && e.touches.length > 0) {
      return { x: e.touches[0].clientX - rect.left, y: e.touches[0].clientY - rect.top };
    }
    return { x: (e.clientX ?? 0) - rect.left, y: (e.clientY ?? 0) - rect.top };
  }

  private on<K extends keyof HTMLElementEventMap>(
    type: K,
    handler: (e: HTMLElementEventMap[K]) => void,
    options?: AddEventListenerOptions,
  ): void {
    this.container.addEventListener(type, handler, options);
    this.cleanups.push(() => this.container.removeEventListener(type, handler, options));
  }

  private listen(): void {
    this.on('wheel', (e) => this.onWheel(e), { passive: false });
    this.on('pointermove', (e) => this.onPointerMove(e));
    this.on('pointerleave', () => {
      this.overlay.hover = null;
      this.overlay.pointer = null;
      this.markOverlay();
    });
    this.on('pointerdown', (e) => this.onPointerDown(e));
    this.on('pointerup', (e) => this.onPointerUp(e));
    this.on('pointercancel', () => {
      this.dragStart = null;
      this.overviewDrag = null;
      this.overlay.drag = null;
      this.markOverlay();
    });
    this.on('click', (e) => this.onClick(e));
    this.on('contextmenu', (e) => this.onContextMenu(e));
    this.on('keydown', (e) => this.onKey(e));
  }

  private onWheel(e: WheelEvent): void {
    if (e.ctrlKey || e.metaKey) return; // d3-zoom's
    const { x, y } = this.localPoint(e);
    const region = regionAt(this.geometry, x, y);
    if (region === 'axis' || region === 'overview') return; // d3-zoom's
    e.preventDefault();
    const vp = this.viewport.getState();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.geometry.lanesH : 1;
    const dx = (e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX) * unit;
    const dy = e.shiftKey ? 0 : e.deltaY * unit;
    if (Math.abs(dx) > Math.abs(dy)) {
      const pxPerMs = (this.geometry.plotX1 - this.geometry.plotX0) / Math.max(1e-9, vp.t1 - vp.t0);
      vp.pan(dx / pxPerMs);
    } else if (dy !== 0) {
      vp.scrollLanes(dy);
    }
  }

  private hitAt(x: number, y: number): Hit | null {
    return this.view === null ? null : hitTest(this.view, x, y);
  }

  private onPointerMove(e: PointerEvent): void {
    const { x, y } = this.localPoint(e);
    if (this.overviewDrag !== null) {
      this.moveWindowTo(x);
      return;
    }
    if (this.dragStart !== null) {
      this.overlay.drag = { x0: this.dragStart.x, y0: this.dragStart.y, x1: x, y1: y };
      this.markOverlay();
      return;
    }
    if (e.buttons !== 0) return; // d3-zoom is panning
    this.overlay.pointer = { x, y };
    const hit = this.hitAt(x, y);
    this.overlay.hover = hit;
    const clickable =
      hit !== null &&
      (hit.row !== null || hit.kind === 'axis' || hit.kind === 'overview' || hit.group !== null);
    this.container.style.cursor = clickable ? 'pointer' : '';
    // The tooltip follows the pointer.
    this.markOverlay();
  }

  private moveWindowTo(x: number): void {
    const vp = this.viewport.getState();
    const t = overviewT(this.geometry, this.props.model.extent, x);
    const d = vp.t1 - vp.t0;
    vp.setWindow(t - d / 2, t + d / 2);
  }

  private onPointerDown(e: PointerEvent): void {
    this.container.focus({ preventScroll: true });
    if (e.button !== 0) return;
    const { x, y } = this.localPoint(e);
    const region = regionAt(this.geometry, x, y);
    if (region === 'overview') {
      this.overviewDrag = e.pointerId;
      this.container.setPointerCapture?.(e.pointerId);
      this.moveWindowTo(x);
      return;
    }
    if (!e.shiftKey && e.pointerType !== 'touch' && (region === 'lanes' || region === 'broker')) {
      this.dragStart = { x, y, pointerId: e.pointerId };
      this.container.setPointerCapture?.(e.pointerId);
      this.overlay.drag = { x0: x, y0: y, x1: x, y1: y };
      this.markOverlay();
    }
  }

  private onPointerUp(e: PointerEvent): void {
    if (this.overviewDrag !== null) {
      this.overviewDrag = null;
      return;
    }
    const start = this.dragStart;
    if (start === null || this.view === null) return;
    this.dragStart = null;
    this.overlay.drag = null;
    const { x, y } = this.localPoint(e);
    if (Math.abs(x - start.x) < 4 && Math.abs(y - start.y) < 4) {
      // A click, not a drag: the click handler selects what is under it.
      this.markOverlay();
      return;
    }
    const range = rangeSelection(this.view, start.x, start.y, x, y);
    const model = this.props.model;
    this.rangeTimes = { t0: range.t0, t1: range.t1 };
    this.overlay.range = {
      t0: range.t0,
      t1: range.t1,
      broker: Math.min(start.y, y) < this.geometry.lanesY,
      lanes: Int32Array.from(range.lanes, (id) => model.laneIndex(id)),
    };
    this.suppressClick = true;
    this.markOverlay();
    this.props.onSelectRange(range);
  }

  private onClick(e: MouseEvent): void {
    if (this.suppressClick) {
      this.suppressClick = false;
      return;
    }
    const { x, y } = this.localPoint(e);
    const hit = this.hitAt(x, y);
    if (hit === null) return;
    if (hit.kind === 'overview') return;
    if (hit.kind === 'axis') {
      this.props.onSeek?.(hit.t);
      return;
    }
    if (hit.group !== null && (hit.kind === 'gutter' || hit.kind === 'group')) {
      this.viewport.getState().toggleGroup(this.props.model.groups()[hit.group].key);
      return;
    }
    if (this.overlay.range !== null) {
      this.overlay.range = null;
      this.rangeTimes = null;
      this.props.onSelectRange(null);
      this.markOverlay();
    }
    this.props.onSelectRow(hit.row);
  }

  private onContextMenu(e: MouseEvent): void {
    const { x, y } = this.localPoint(e);
    const hit = this.hitAt(x, y);
    if (hit === null || hit.lane === null || hit.lane === BROKER_LANE || hit.lane < 0) return;
    e.preventDefault();
    this.props.onLaneMenu({
      clientId: this.props.model.laneId(hit.lane),
      t: hit.t,
      clientX: e.clientX,
      clientY: e.clientY,
    });
  }

  private onKey(e: KeyboardEvent): void {
    const cmd = commandForKey(e);
    if (cmd === null) return;
    const v = this.view;
    const pointer = this.overlay.pointer;
    const overPlot =
      v !== null &&
      pointer !== null &&
      pointer.x >= this.geometry.plotX0 &&
      pointer.x <= this.geometry.plotX1 &&
      pointer.y >= this.geometry.axisY;
    const hoverLane = this.overlay.hover?.lane ?? null;
    const done = applyCommand(cmd, {
      model: this.props.model,
      layout: this.ensureLayout(),
      viewport: this.viewport,
      selectedRow: this.props.selectedRow,
      range: this.rangeTimes,
      pointerT: overPlot && v !== null && pointer !== null ? tAt(v, pointer.x) : null,
      hoverLane: hoverLane !== null && hoverLane >= 0 ? hoverLane : this.firstVisibleLane(),
      onSelectRow: (row) => this.props.onSelectRow(row),
      onClear: () => {
        this.overlay.range = null;
        this.rangeTimes = null;
        this.props.onSelectRange(null);
        this.markOverlay();
      },
      onMenu: (lane, t) => {
        const rect = this.container.getBoundingClientRect();
        const s = this.viewport.getState();
        const row = this.layout?.rowOfLane[lane] ?? 0;
        const yLocal = v !== null ? rowTop(v, row) + s.laneHeight / 2 : this.geometry.lanesY;
        const pxPerMs = (this.geometry.plotX1 - this.geometry.plotX0) / Math.max(1e-9, s.t1 - s.t0);
        const xLocal = Math.min(
          this.geometry.plotX1,
          Math.max(this.geometry.plotX0, this.geometry.plotX0 + (t - s.t0) * pxPerMs),
        );
        this.props.onLaneMenu({
          clientId: this.props.model.laneId(lane),
          t,
          clientX: rect.left + xLocal,
          clientY: rect.top + Math.max(this.geometry.lanesY, Math.min(this.geometry.height, yLocal)),
        });
      },
    });
    if (done || cmd.type === 'step') e.preventDefault();
  }

  private firstVisibleLane(): number | null {
    const v = this.view;
    if (v === null) return null;
    for (let r = v.rowStart; r < v.rowEnd; r++) {
      const value = v.layout.rows[r];
      if (value >= 0) return value;
    }
    return null;
  }
}
