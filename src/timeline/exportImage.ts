// The visible timeline as an image for slides: a PNG Blob (the static frame drawn into a fresh canvas at
// a chosen pixel ratio) and an SVG string (the same drawing functions writing SVG elements through
// SvgContext: lanes, bands, arrows and markers as vector shapes, text — client IDs, topics — as
// escaped text). Both draw from the viewport's window and scroll, so they show what is on screen.

import type { ViewportState } from '../state/viewport';
import { useViewport } from '../state/viewport';
import { frameGeometry } from './geometry';
import { HeatCache } from './heat';
import { buildLaneLayout } from './laneLayout';
import { LodCache } from './lod';
import type { TimelineModel } from './model';
import { drawStaticFrame } from './render/frame';
import type { Draw2D } from './render/draw2d';
import type { FrameInput } from './render/frameView';
import { drawInteractive } from './render/interactive';
import { SvgContext } from './render/svgContext';
import { canvasHeatImages } from './render/heatImages';
import type { HeatImages } from './render/heatStrips';
import { paletteFor, type ThemeName } from './theme';
import { formatTime } from '../base/format';
import { traceMs } from '../base/time';

export interface TimelineImageOptions {
  model: TimelineModel;
  theme: ThemeName;
  /** Text, lines and marks this much larger (projector mode); default 1. */
  scale?: number;
  /** Size in CSS px (the on-screen timeline's size gives the same picture). */
  width: number;
  height: number;
  /** Window, scroll, lane height and collapsed groups; default: the app's viewport now. */
  viewport?: Pick<ViewportState, 't0' | 't1' | 'laneScroll' | 'laneHeight' | 'collapsedGroups'>;
  /** A time drawn as the playhead line (and up to which open connections are drawn). */
  playhead?: number;
  /** Selected row, drawn highlighted. */
  selectedRow?: number | null;
}

function frameInputFor(o: TimelineImageOptions): FrameInput {
  const vp = o.viewport ?? useViewport.getState();
  const model = o.model;
  // The image shows every lane and row, also those the model has not read yet.
  model.flush();
  return {
    model,
    layout: buildLaneLayout(model, vp.collapsedGroups),
    geometry: frameGeometry(o.width, o.height, o.scale ?? 1),
    palette: paletteFor(o.theme, o.scale ?? 1),
    t0: vp.t0,
    t1: vp.t1,
    laneScroll: vp.laneScroll,
    laneHeight: vp.laneHeight,
    now: traceMs(o.playhead !== undefined ? Math.max(model.lastTime, o.playhead) : model.extent[1]),
    lod: new LodCache(model),
    heat: new HeatCache(model),
    heatImages: null,
  };
}

/** Draws the timeline (static layer plus selection and playhead) into any Draw2D. */
export function drawTimelineImage(
  ctx: Draw2D,
  o: TimelineImageOptions,
  heatImages: HeatImages | null = null,
): void {
  const view = drawStaticFrame(ctx, { ...frameInputFor(o), heatImages }, o.model.extent);
  const selected = o.selectedRow ?? null;
  if (selected !== null || o.playhead !== undefined) {
    const overlay = {
      hover: null,
      pointer: null,
      selectedRow: selected,
      range: null,
      drag: null,
      playhead: o.playhead ?? null,
      highlight: null,
    };
    drawInteractive(ctx, view, overlay, false);
  }
}

/** The visible timeline as an SVG document. */
export function exportTimelineSvg(o: TimelineImageOptions): string {
  const svg = new SvgContext();
  drawTimelineImage(svg, o);
  const vp = o.viewport ?? useViewport.getState();
  return svg.toSvg(o.width, o.height, `Timeline, ${formatTime(vp.t0)} to ${formatTime(vp.t1)}`);
}

/** The visible timeline as a PNG Blob, `pixelRatio` device pixels per CSS px (2 for crisp slides). */
export function exportTimelinePng(o: TimelineImageOptions & { pixelRatio?: number }): Promise<Blob> {
  const ratio = Math.max(1, Math.min(4, o.pixelRatio ?? 2));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(o.width * ratio);
  canvas.height = Math.round(o.height * ratio);
  const ctx = canvas.getContext('2d');
  if (ctx === null) return Promise.reject(new Error('no 2D canvas context'));
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  drawTimelineImage(ctx, o, canvasHeatImages(ctx));
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob === null ? reject(new Error('PNG encoding failed')) : resolve(blob)),
      'image/png',
    );
  });
}
