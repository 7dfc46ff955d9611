// One static frame, drawn synchronously from cached tiles: overview, axis and grid, lane backgrounds,
// then (inside the plot's clip) connection spans, deadline bands, stories, packets and markers — or
// heat strips at fleet zoom — and the broker lane; then the text labels every layer asked for, placed
// together so none overlaps another; the label gutter last. Only visible rows are touched.

import { drawAxis } from './axis';
import { drawBrokerLane } from './brokerLane';
import { drawDeadlineBands } from './deadlineBands';
import type { Draw2D } from './draw2d';
import { type FrameInput, type FrameView, frameView } from './frameView';
import { drawHeatStrips } from './heatStrips';
import { drawLaneItems } from './laneItems';
import { drawGutter, drawLaneBackgrounds } from './lanes';
import { drawOverview } from './overview';
import { drawSpans } from './spans';
import { beginLabels, drawLabels } from './labelLayer';
import { drawStories } from './stories';

/** Draws the static layer into `ctx` (CSS pixel coordinates); returns the derived view for reuse. */
export function drawStaticFrame(
  ctx: Draw2D,
  input: FrameInput,
  extent: readonly [number, number],
): FrameView {
  const v = frameView(input);
  const g = v.geometry;
  ctx.save();
  ctx.fillStyle = v.palette.background;
  ctx.fillRect(0, 0, g.width, g.height);
  drawOverview(ctx, v, extent);
  drawLaneBackgrounds(ctx, v);
  drawAxis(ctx, v);
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.plotX0, g.brokerY, g.plotX1 - g.plotX0 + 8, g.height - g.brokerY);
  ctx.clip();
  beginLabels();
  if (v.heatMode) {
    drawHeatStrips(ctx, v);
  } else {
    drawSpans(ctx, v);
    drawDeadlineBands(ctx, v);
    drawStories(ctx, v);
  }
  drawBrokerLane(ctx, v);
  if (!v.heatMode) drawLaneItems(ctx, v);
  for (const l of drawLabels(ctx, v)) v.labels.push(l);
  ctx.restore();
  drawGutter(ctx, v);
  ctx.restore();
  return v;
}
