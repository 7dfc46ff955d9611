// The time axis (d3-chosen ticks, labels as time) and its faint grid lines down the lanes.

import { formatTick } from '../../base/format';
import { timeTicks } from '../scales';
import type { Draw2D } from './draw2d';
import { type FrameView, xOf } from './frameView';

export function drawAxis(ctx: Draw2D, v: FrameView): void {
  const g = v.geometry;
  const p = v.palette;
  const ticks = timeTicks(v.t0, v.t1, g.plotX1 - g.plotX0);
  ctx.save();
  ctx.fillStyle = p.background;
  ctx.fillRect(0, g.axisY, g.width, g.axisH);
  ctx.strokeStyle = p.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of ticks.values) {
    const x = Math.round(xOf(v, t)) + 0.5;
    ctx.moveTo(x, g.brokerY);
    ctx.lineTo(x, g.height);
  }
  ctx.stroke();
  ctx.strokeStyle = p.separator;
  ctx.beginPath();
  ctx.moveTo(g.plotX0, g.axisY + g.axisH - 0.5);
  ctx.lineTo(g.plotX1, g.axisY + g.axisH - 0.5);
  for (const t of ticks.values) {
    const x = Math.round(xOf(v, t)) + 0.5;
    ctx.moveTo(x, g.axisY + g.axisH - 6);
    ctx.lineTo(x, g.axisY + g.axisH);
  }
  ctx.stroke();
  ctx.fillStyle = p.mutedText;
  ctx.font = p.smallFont;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const t of ticks.values) {
    const x = xOf(v, t);
    if (x < g.plotX0 + 12 || x > g.plotX1 - 12) continue;
    ctx.fillText(formatTick(t, ticks.step), x, g.axisY + (g.axisH - 6) / 2);
  }
  ctx.restore();
}
