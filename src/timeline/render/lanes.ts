// Lane backgrounds (alternating stripes, group header rows, the broker lane) and the label gutter:
// lane names, group headers with their size and a collapse triangle, "broker". Text is fillText only.

import { groupOfHeader, isHeader } from '../laneLayout';
import type { Draw2D } from './draw2d';
import { fitText } from './draw2d';
import { formatTime } from '../../base/format';
import { HEAT_LANE_HEIGHT, type FrameView, rowTop } from './frameView';

export function drawLaneBackgrounds(ctx: Draw2D, v: FrameView): void {
  const g = v.geometry;
  const p = v.palette;
  const h = v.laneHeight;
  ctx.save();
  ctx.fillStyle = p.background;
  ctx.fillRect(0, g.lanesY, g.width, g.lanesH);
  ctx.fillStyle = p.brokerLane;
  ctx.fillRect(0, g.brokerY, g.width, g.brokerH);
  if (h >= HEAT_LANE_HEIGHT) {
    ctx.fillStyle = p.laneStripe;
    ctx.beginPath();
    for (let r = v.rowStart; r < v.rowEnd; r++) {
      if (r % 2 === 1 && !isHeader(v.layout.rows[r])) ctx.rect(0, rowTop(v, r), g.width, h);
    }
    ctx.fill();
  }
  ctx.fillStyle = p.groupHeader;
  ctx.beginPath();
  for (let r = v.rowStart; r < v.rowEnd; r++) {
    if (isHeader(v.layout.rows[r])) ctx.rect(0, rowTop(v, r), g.width, Math.max(h, 1));
  }
  ctx.fill();
  ctx.strokeStyle = p.separator;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, g.lanesY - 0.5);
  ctx.lineTo(g.width, g.lanesY - 0.5);
  ctx.moveTo(g.plotX0 - 0.5, g.brokerY);
  ctx.lineTo(g.plotX0 - 0.5, g.height);
  ctx.stroke();
  ctx.restore();
}

/**
 * The heat scale at the foot of the gutter, while lanes are heat strips: the ramp from one packet to
 * the busiest cell in view (log scale), and what a cell is (how many lanes, how long).
 */
function drawHeatScale(ctx: Draw2D, v: FrameView): void {
  const s = v.heatScale;
  if (s === null) return;
  const g = v.geometry;
  const p = v.palette;
  const line = p.smallFontPx + 3;
  const w = g.plotX0 - 16;
  const top = g.height - line * 4 - 6;
  if (top < g.lanesY + 40) return;
  ctx.fillStyle = p.background;
  ctx.fillRect(0, top - 4, g.plotX0 - 1, g.height - top + 4);
  ctx.font = p.smallFont;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = p.text;
  ctx.fillText('heat: packets', 8, top + line / 2);
  const n = 24;
  const lut = p.heat;
  for (let i = 0; i < n; i++) {
    const l = Math.max(1, Math.round(((i + 1) / n) * 255));
    ctx.fillStyle = `rgb(${lut[l * 4]},${lut[l * 4 + 1]},${lut[l * 4 + 2]})`;
    ctx.fillRect(8 + (i * w) / n, top + line, w / n + 0.5, line - 3);
  }
  ctx.fillStyle = p.mutedText;
  ctx.fillText('1', 8, top + line * 2.5);
  ctx.textAlign = 'right';
  ctx.fillText(`${Math.round(s.refMax)} (log)`, 8 + w, top + line * 2.5);
  ctx.textAlign = 'left';
  const lanes = s.laneRes === 1 ? '1 lane' : `${s.laneRes} lanes`;
  ctx.fillText(fitText(`per ${lanes} · ${formatTime(s.res)}`, w, p.smallFontPx), 8, top + line * 3.5);
}

export function drawGutter(ctx: Draw2D, v: FrameView): void {
  const g = v.geometry;
  const p = v.palette;
  const h = v.laneHeight;
  const groups = v.model.groups();
  ctx.save();
  ctx.fillStyle = p.background;
  ctx.globalAlpha = 0.92;
  ctx.fillRect(0, g.lanesY, g.plotX0 - 1, g.lanesH);
  ctx.globalAlpha = 1;
  ctx.fillStyle = p.brokerLane;
  ctx.fillRect(0, g.brokerY, g.plotX0 - 1, g.brokerH);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = p.text;
  ctx.font = `600 ${p.font}`;
  ctx.fillText('broker', 8, g.brokerY + g.brokerH / 2);
  ctx.font = p.font;
  const maxW = g.plotX0 - 14;
  // Lane names stay below the broker lane: a lane scrolled half under it is cut, not printed over "broker".
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, g.lanesY, g.plotX0, g.lanesH);
  ctx.clip();
  if (h >= 10) {
    for (let r = v.rowStart; r < v.rowEnd; r++) {
      const value = v.layout.rows[r];
      const y = rowTop(v, r) + h / 2;
      if (isHeader(value)) {
        const group = groups[groupOfHeader(value)];
        const collapsed = v.layout.collapsed.has(group.key);
        ctx.fillStyle = p.text;
        ctx.fillText(fitText(`${collapsed ? '▸' : '▾'} ${group.key} (${group.lanes.length})`, maxW), 6, y);
      } else {
        ctx.fillStyle = p.text;
        ctx.fillText(fitText(v.model.laneId(value), maxW - 8), 14, y);
      }
    }
  } else {
    // Thin lanes: label the groups whose rows span enough height, at their top.
    ctx.fillStyle = p.mutedText;
    for (let gi = 0; gi < groups.length; gi++) {
      const header = v.layout.headerOfGroup[gi];
      const group = groups[gi];
      if (header < 0) continue;
      const collapsed = v.layout.collapsed.has(group.key);
      const rows = collapsed ? 1 : group.lanes.length + 1;
      if (header + rows < v.rowStart || header >= v.rowEnd) continue;
      if (rows * h < 14 && !(header >= v.rowStart && h >= 6)) continue;
      const y = Math.max(g.lanesY + 7, rowTop(v, header) + 7);
      ctx.fillText(fitText(`${collapsed ? '▸' : '▾'} ${group.key} (${group.lanes.length})`, maxW), 6, y);
    }
  }
  ctx.restore();
  if (v.heatMode) drawHeatScale(ctx, v);
  ctx.restore();
}
