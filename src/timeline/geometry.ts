// Where things go on the timeline canvas (CSS pixels), top to bottom: the overview strip (connected
// clients over the whole run, the visible window highlighted), the time axis, the broker lane (pinned),
// then the scrolling client lanes. A gutter on the left holds lane labels.

export interface FrameGeometry {
  readonly width: number;
  readonly height: number;
  /** Label gutter width; the plot spans [plotX0, plotX1]. */
  readonly gutter: number;
  readonly plotX0: number;
  readonly plotX1: number;
  readonly overviewY: number;
  readonly overviewH: number;
  readonly axisY: number;
  readonly axisH: number;
  readonly brokerY: number;
  readonly brokerH: number;
  /** The client lanes' viewport. */
  readonly lanesY: number;
  readonly lanesH: number;
}

export const OVERVIEW_HEIGHT = 40;
export const AXIS_HEIGHT = 24;
export const BROKER_HEIGHT = 34;

/** `scale` > 1 (projector mode) makes the strips and the gutter as much larger as the text in them. */
export function frameGeometry(width: number, height: number, scale = 1): FrameGeometry {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const gutter = w < 480 ? Math.min(88, Math.round(w * 0.22)) : Math.round(136 * scale);
  const overviewY = 0;
  const overviewH = Math.round(OVERVIEW_HEIGHT * scale);
  const axisH = Math.round(AXIS_HEIGHT * scale);
  const brokerH = Math.round(BROKER_HEIGHT * scale);
  const axisY = overviewY + overviewH;
  const brokerY = axisY + axisH;
  const lanesY = brokerY + brokerH;
  return {
    width: w,
    height: h,
    gutter,
    plotX0: gutter,
    plotX1: Math.max(gutter + 1, w - 8),
    overviewY,
    overviewH,
    axisY,
    axisH,
    brokerY,
    brokerH,
    lanesY,
    lanesH: Math.max(0, h - lanesY),
  };
}

export type Region = 'overview' | 'axis' | 'broker' | 'lanes' | 'gutter' | 'outside';

/** The region under a point; the gutter wins over the broker lane and lanes it labels. */
export function regionAt(g: FrameGeometry, x: number, y: number): Region {
  if (x < 0 || y < 0 || x > g.width || y > g.height) return 'outside';
  if (y < g.axisY) return 'overview';
  if (y < g.brokerY) return 'axis';
  if (x < g.plotX0) return 'gutter';
  if (y < g.lanesY) return 'broker';
  return 'lanes';
}
