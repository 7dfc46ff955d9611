// The frame every calculator plot shares, drawn with d3 into an <svg>: log–log scales, axes with
// round ticks, light grid lines, axis titles with units, a clip path for the data, and the marker
// of the keep alive being calculated. Sizes follow the font size the page uses (projector mode
// enlarges it), so the labels never collide with the axes. Text goes in with .text(), never as HTML.

import { axisBottom, axisLeft, scaleLog, select, type ScaleLogarithmic, type Selection } from 'd3';
import { keepAliveTicks, logTicks } from './ticks';

export interface PlotBox {
  /** Width available, px. */
  width: number;
  /** Font size of the plot's text, px. */
  fontPx: number;
}

export interface FrameOptions {
  xDomain: [number, number];
  yDomain: [number, number];
  xLabel: string;
  yLabel: string;
  yFormat(v: number): string;
  /** False: an axis without ticks (nothing to measure on it). */
  yTicks?: boolean;
  clipId: string;
}

export interface Frame {
  /** The data layer, clipped to the plot area. */
  data: Selection<SVGGElement, unknown, null, undefined>;
  /** Above the data, not clipped (markers, labels). */
  over: Selection<SVGGElement, unknown, null, undefined>;
  x: ScaleLogarithmic<number, number>;
  y: ScaleLogarithmic<number, number>;
  innerWidth: number;
  innerHeight: number;
  fontPx: number;
}

/** Height of a plot `width` px wide whose text is `fontPx`. */
export function plotHeight(box: PlotBox): number {
  return Math.round(Math.min(Math.max(box.width * 0.6, 15 * box.fontPx), 26 * box.fontPx));
}

export function drawFrame(svgEl: SVGSVGElement, box: PlotBox, o: FrameOptions): Frame {
  const f = box.fontPx;
  const width = box.width;
  const height = plotHeight(box);
  const svg = select(svgEl);
  svg.selectAll('*').remove();
  svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

  const top = Math.ceil(1.6 * f);
  const bottom = Math.ceil(3.2 * f);
  const innerHeight = Math.max(40, height - top - bottom);
  const yTicks =
    o.yTicks === false ? [] : logTicks(o.yDomain, Math.max(2, Math.floor(innerHeight / (2 * f))));
  const widest = Math.max(1, ...yTicks.map((v) => o.yFormat(v).length));
  const left = Math.ceil(widest * 0.62 * f + 2.2 * f);
  const right = Math.ceil(1.2 * f);
  const innerWidth = Math.max(40, width - left - right);
  const xTicks = keepAliveTicks(o.xDomain, Math.max(2, Math.floor(innerWidth / (3.2 * f))));

  const x = scaleLog().domain(o.xDomain).range([0, innerWidth]);
  const y = scaleLog().domain(o.yDomain).range([innerHeight, 0]).clamp(true);
  const root = svg.append('g').attr('transform', `translate(${left},${top})`);

  root
    .append('g')
    .attr('class', 'ka-grid')
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x1', 0)
    .attr('x2', innerWidth)
    .attr('y1', (v) => y(v))
    .attr('y2', (v) => y(v));

  const xAxis = root
    .append('g')
    .attr('class', 'ka-axis')
    .attr('transform', `translate(0,${innerHeight})`)
    .call(
      axisBottom(x)
        .tickValues(xTicks)
        .tickFormat((v) => String(v)),
    );
  const yAxis = root
    .append('g')
    .attr('class', 'ka-axis')
    .call(
      axisLeft(y)
        .tickValues(yTicks)
        .tickFormat((v) => o.yFormat(Number(v))),
    );
  // d3's axes set a 10 px sans-serif font; the plot's own (CSS) font size applies instead.
  for (const axis of [xAxis, yAxis]) axis.attr('font-size', null).attr('font-family', null);

  root
    .append('text')
    .attr('class', 'ka-axis-label')
    .attr('x', innerWidth / 2)
    .attr('y', innerHeight + 2.6 * f)
    .attr('text-anchor', 'middle')
    .text(o.xLabel);
  root
    .append('text')
    .attr('class', 'ka-axis-label')
    .attr('transform', `translate(${-left + 1.1 * f},${innerHeight / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(o.yLabel);

  svg
    .append('defs')
    .append('clipPath')
    .attr('id', o.clipId)
    .append('rect')
    .attr('width', innerWidth)
    .attr('height', innerHeight);
  const data = root.append('g').attr('clip-path', `url(#${o.clipId})`);
  const over = root.append('g');
  return { data, over, x, y, innerWidth, innerHeight, fontPx: f };
}

/** The keep alive being calculated: a vertical line labelled "K = 60 s" above the plot. */
export function markKeepAlive(frame: Frame, k: number): void {
  const [lo, hi] = frame.x.domain();
  if (!(k >= lo && k <= hi)) return;
  const px = frame.x(k);
  frame.over
    .append('line')
    .attr('class', 'ka-current')
    .attr('x1', px)
    .attr('x2', px)
    .attr('y1', 0)
    .attr('y2', frame.innerHeight);
  const nearRight = px > frame.innerWidth * 0.8;
  frame.over
    .append('text')
    .attr('class', 'ka-current-label')
    .attr('x', px + (nearRight ? -4 : 4))
    .attr('y', -0.4 * frame.fontPx)
    .attr('text-anchor', nearRight ? 'end' : 'start')
    .text(`K = ${k} s`);
}

/** Where measured marks go beside the K marker: to its right, or to its left at the right edge. */
export function besideKeepAlive(frame: Frame, k: number): number {
  const px = frame.x(k);
  const gap = 0.7 * frame.fontPx;
  return px + gap > frame.innerWidth ? px - gap : px + gap;
}

/** A log domain around positive values, padded a little, never empty. */
export function paddedDomain(values: number[], floor: number): [number, number] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return [floor, floor * 10];
  const lo = Math.max(floor, Math.min(...positive) / 1.3);
  const hi = Math.max(lo * 2, Math.max(...positive) * 1.3);
  return [lo, hi];
}
