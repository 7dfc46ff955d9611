// Draws the fleet strip's time tracks on any Draw2D (a canvas, or the tests' recording fake): connected
// clients as an area, packets per second stacked by traffic group (keep-alive at the bottom), and
// timeouts, wills and take-overs as bars per interval, each with a gutter label that names its unit
// and its current scale. Faint grid lines fall on the timeline axis's ticks.

import { TRAFFIC_GROUPS } from '../../analysis/fleet';
import { approxTextWidth, fitText, type Draw2D } from '../../timeline/render/draw2d';
import { formatInterval } from '../../base/format';
import { formatCompact } from './format';
import type { TracksFrame } from './frames';
import { type Band, type FleetLayout, xAt } from './layout';
import type { FleetStyle } from './style';

/** Legend names of the traffic groups (the summary spells out their packet types). */
export const TRAFFIC_LABELS: readonly string[] = ['ping', 'data', 'connect', 'other'];
export const EVENT_LABELS: readonly string[] = ['timeouts', 'wills', 'take-overs'];

const LABEL_X = 6;

export function drawTracks(ctx: Draw2D, f: TracksFrame, layout: FleetLayout, style: FleetStyle): void {
  const p = style.palette;
  ctx.save();
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  const bands: Band[] = [layout.connected, layout.traffic, ...layout.events];
  ctx.fillStyle = p.laneStripe;
  for (const b of bands) ctx.fillRect(layout.plotX0, b.y, layout.plotX1 - layout.plotX0, b.h);
  drawGrid(ctx, f, layout, bands, p.grid);
  drawConnected(ctx, f, layout, style);
  drawTraffic(ctx, f, layout, style);
  drawEvents(ctx, f, layout, style);
  drawLabels(ctx, f, layout, style);
  ctx.restore();
}

function drawGrid(ctx: Draw2D, f: TracksFrame, layout: FleetLayout, bands: Band[], colour: string): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of f.ticks.values) {
    const x = Math.round(xAt(layout, f.t0, f.t1, t)) + 0.5;
    if (x < layout.plotX0 || x > layout.plotX1) continue;
    for (const b of bands) {
      ctx.moveTo(x, b.y);
      ctx.lineTo(x, b.y + b.h);
    }
  }
  ctx.stroke();
}

/** Clips drawing to a band of the plot. */
function clipTo(ctx: Draw2D, layout: FleetLayout, b: Band): void {
  ctx.beginPath();
  ctx.rect(layout.plotX0, b.y, layout.plotX1 - layout.plotX0, b.h);
  ctx.clip();
}

function drawConnected(ctx: Draw2D, f: TracksFrame, layout: FleetLayout, style: FleetStyle): void {
  const c = f.connected;
  if (c.top <= 0) return;
  const { y, h } = layout.connected;
  const base = y + h;
  const scale = (h - 3) / c.top;
  const x0 = layout.plotX0;
  // Columns after `until` are NaN, always a suffix.
  let known = 0;
  while (known < c.columns && !Number.isNaN(c.hi[known])) known++;
  if (known === 0) return;
  ctx.save();
  clipTo(ctx, layout, layout.connected);
  ctx.fillStyle = style.connectedFill;
  ctx.beginPath();
  ctx.moveTo(x0, base);
  for (let i = 0; i < known; i++) {
    const top = base - c.hi[i] * scale;
    ctx.lineTo(x0 + i, top);
    ctx.lineTo(x0 + i + 1, top);
  }
  ctx.lineTo(x0 + known, base);
  ctx.closePath();
  ctx.fill();
  ctx.strokeStyle = style.connectedLine;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let i = 0; i < known; i++) {
    const top = base - c.hi[i] * scale;
    if (i === 0) ctx.moveTo(x0, top);
    else ctx.lineTo(x0 + i, top);
    ctx.lineTo(x0 + i + 1, top);
  }
  ctx.stroke();
  ctx.restore();
}

/** Visible intervals [first, last] of interval sums (last < first: none). */
function visibleIntervals(
  intervalMs: number,
  length: number,
  t0: number,
  t1: number,
  until: number,
): [number, number] {
  const first = Math.max(0, Math.floor(t0 / intervalMs));
  const last = Math.min(length - 1, Math.ceil(Math.min(t1, until) / intervalMs) - 1);
  return [first, last];
}

function drawTraffic(ctx: Draw2D, f: TracksFrame, layout: FleetLayout, style: FleetStyle): void {
  const { sums, top } = f.traffic;
  if (top <= 0 || sums.length === 0) return;
  const { y, h } = layout.traffic;
  const base = y + h;
  const scale = (h - 3) / top;
  const cols = sums.cols;
  const I = sums.intervalMs;
  const [first, last] = visibleIntervals(I, sums.length, f.t0, f.t1, f.until);
  ctx.save();
  clipTo(ctx, layout, layout.traffic);
  // One path per group (bottom to top), each interval a rect on top of the groups below it.
  for (let g = 0; g < TRAFFIC_GROUPS.length; g++) {
    ctx.fillStyle = style.traffic[g];
    ctx.beginPath();
    for (let i = first; i <= last; i++) {
      const v = sums.sums[i * cols + g];
      if (v === 0) continue;
      const start = i * I;
      const end = Math.min(start + I, f.until);
      // A run still streaming knows only part of its last interval: its rate is over that part (at
      // least a quarter, so the first packets of a new interval do not spike).
      const perSecond = 1000 / Math.max(end - start, I / 4);
      let below = 0;
      for (let k = 0; k < g; k++) below += sums.sums[i * cols + k];
      const xa = xAt(layout, f.t0, f.t1, start);
      const xb = xAt(layout, f.t0, f.t1, end);
      const y0 = base - below * perSecond * scale;
      const y1 = base - (below + v) * perSecond * scale;
      // Half a pixel of overlap: adjacent intervals must not leave hairline gaps.
      ctx.rect(xa, y1, Math.max(0.5, xb - xa + 0.5), y0 - y1);
    }
    ctx.fill();
  }
  ctx.restore();
}

function drawEvents(ctx: Draw2D, f: TracksFrame, layout: FleetLayout, style: FleetStyle): void {
  const { sums, top } = f.events;
  if (top <= 0 || sums.length === 0) return;
  const I = sums.intervalMs;
  const [first, last] = visibleIntervals(I, sums.length, f.t0, f.t1, f.until);
  for (let row = 0; row < 3; row++) {
    const band = layout.events[row];
    const base = band.y + band.h - 1;
    const scale = (band.h - 3) / top;
    ctx.save();
    clipTo(ctx, layout, band);
    ctx.fillStyle = style.events[row];
    ctx.beginPath();
    for (let i = first; i <= last; i++) {
      const v = sums.sums[i * 3 + row];
      if (v === 0) continue;
      const xa = xAt(layout, f.t0, f.t1, i * I);
      const xb = xAt(layout, f.t0, f.t1, (i + 1) * I);
      // Rare events must stay visible: at least 3 px wide and 3 px tall, a gap between neighbours.
      const w = Math.max(3, xb - xa - 1);
      const bh = Math.max(3, v * scale);
      ctx.rect((xa + xb) / 2 - w / 2, base - bh, w, bh);
    }
    ctx.fill();
    ctx.restore();
  }
}

/** The first of `variants` that fits `maxWidth` (else the last, cut). */
function fitting(variants: readonly string[], maxWidth: number, fontPx: number): string {
  for (const v of variants) if (approxTextWidth(v, fontPx) <= maxWidth) return v;
  return fitText(variants[variants.length - 1], maxWidth, fontPx);
}

function drawLabels(ctx: Draw2D, f: TracksFrame, layout: FleetLayout, style: FleetStyle): void {
  const p = style.palette;
  const u = style.fontPx;
  const line = Math.round(u * 1.2);
  const maxW = layout.gutter - LABEL_X - 4;
  if (maxW < u * 2) return;
  const text = (s: string, y: number, colour: string, small = false): void => {
    ctx.fillStyle = colour;
    ctx.font = small ? style.smallFont : style.font;
    ctx.fillText(s, LABEL_X, y);
  };
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';

  const c = layout.connected;
  text(fitting(['connected clients', 'connected'], maxW, u), c.y + line / 2 + 1, p.text);
  const cTop = f.connected.top > 0 ? `max ${formatCompact(f.connected.top)}` : 'none yet';
  text(fitting([cTop], maxW, u - 1), c.y + line * 1.5 + 1, p.mutedText, true);

  const tr = layout.traffic;
  text('packets/s', tr.y + line / 2 + 1, p.text);
  const tTop = f.traffic.top > 0 ? `max ${formatCompact(f.traffic.top)}` : 'none yet';
  text(fitting([tTop], maxW, u - 1), tr.y + line * 1.5 + 1, p.mutedText, true);
  // Legend: two groups per line, a colour square before each name.
  const sw = Math.round(u * 0.75);
  for (let g = 0; g < TRAFFIC_LABELS.length; g++) {
    const yMid = tr.y + line * (2.5 + Math.floor(g / 2)) + 1;
    const x = LABEL_X + (g % 2 === 0 ? 0 : Math.round(maxW * 0.5));
    ctx.fillStyle = style.traffic[g];
    ctx.fillRect(x, yMid - sw / 2, sw, sw);
    ctx.fillStyle = p.text;
    ctx.font = style.smallFont;
    ctx.fillText(fitText(TRAFFIC_LABELS[g], maxW * 0.5 - sw - 4, u - 1), x + sw + 3, yMid);
  }

  const cap = layout.caption;
  const every = formatInterval(f.events.sums.intervalMs);
  const eTop = f.events.top > 0 ? `max ${formatCompact(f.events.top)}` : 'none yet';
  text(
    fitting([`per ${every} · ${eTop}`, `/${every} · ${eTop}`, eTop], maxW, u - 1),
    cap.y + cap.h / 2,
    p.mutedText,
    true,
  );
  EVENT_LABELS.forEach((name, row) => {
    const b = layout.events[row];
    text(fitting([name], maxW, u), b.y + b.h / 2, p.text);
  });
}
