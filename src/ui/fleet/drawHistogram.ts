// Draws the detection-delay histogram (not a time track: a small panel of its own): bars of broker
// timeouts per delay bin in the timeout marker colour, the median as a dashed line, the delay axis in
// seconds below, and its count scale as text.

import type { DelayHistogram } from '../../analysis/fleet';
import { approxTextWidth, type Draw2D } from '../../timeline/render/draw2d';
import { formatCount, formatSecondsAt } from '../../base/format';
import type { FleetStyle } from './style';

/** Axis labels at most (bin edges, evenly spaced). */
const AXIS_LABELS = 4;

export function drawHistogram(
  ctx: Draw2D,
  hist: DelayHistogram | null,
  width: number,
  height: number,
  style: FleetStyle,
): void {
  const p = style.palette;
  const u = style.fontPx;
  const line = Math.round(u * 1.25);
  const pad = 4;
  ctx.save();
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'middle';
  ctx.font = style.font;
  ctx.fillStyle = p.text;
  ctx.textAlign = 'left';
  ctx.fillText('detection delay', pad, line / 2);
  if (hist === null) {
    ctx.fillStyle = p.mutedText;
    ctx.font = style.smallFont;
    ctx.fillText('no broker timeouts yet', pad, line * 1.6);
    ctx.restore();
    return;
  }
  ctx.textAlign = 'right';
  ctx.fillStyle = p.mutedText;
  ctx.font = style.smallFont;
  const scale = `max ${formatCount(hist.maxCount)} per bin`;
  if (approxTextWidth('detection delay', u) + approxTextWidth(scale, u - 1) + 3 * pad < width)
    ctx.fillText(scale, width - pad, line / 2);

  const x0 = pad;
  const x1 = width - pad;
  const top = line + 2;
  const base = height - line - 2;
  const bins = hist.counts.length;
  const binW = (x1 - x0) / bins;
  const h = Math.max(1, base - top);
  ctx.fillStyle = p.laneStripe;
  ctx.fillRect(x0, top, x1 - x0, h);
  ctx.fillStyle = p.timeout;
  ctx.beginPath();
  for (let i = 0; i < bins; i++) {
    const c = hist.counts[i];
    if (c === 0) continue;
    const bh = Math.max(2, (c / hist.maxCount) * (h - 1));
    ctx.rect(x0 + i * binW + 0.5, base - bh, Math.max(1, binW - 1), bh);
  }
  ctx.fill();

  const xOf = (s: number): number => x0 + ((s - hist.lo) / (hist.step * bins)) * (x1 - x0);
  const xm = Math.round(xOf(hist.median)) + 0.5;
  ctx.strokeStyle = p.text;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 2]);
  ctx.beginPath();
  ctx.moveTo(xm, top);
  ctx.lineTo(xm, base);
  ctx.stroke();
  ctx.setLineDash([]);

  ctx.strokeStyle = p.separator;
  ctx.beginPath();
  ctx.moveTo(x0, base + 0.5);
  ctx.lineTo(x1, base + 0.5);
  ctx.stroke();
  ctx.fillStyle = p.mutedText;
  ctx.font = style.smallFont;
  const every = Math.max(1, Math.ceil(bins / (AXIS_LABELS - 1)));
  for (let e = 0; e <= bins; e += every) {
    const x = x0 + e * binW;
    ctx.textAlign = e === 0 ? 'left' : x > x1 - 20 ? 'right' : 'center';
    ctx.fillText(formatSecondsAt(hist.lo + e * hist.step, hist.step), x, base + line / 2 + 1);
  }
  ctx.restore();
}
