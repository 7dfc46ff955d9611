// Plots (b) and (c): a keep-alive cost against keep alive (bytes per device per day, or the fleet's
// packets per second at the broker). Both fall as 1 / K; from the publish interval on there are no
// pings at all [MQTT-3.1.2-23], shown as a shaded region since a log axis has no zero.

import { line } from 'd3';
import { besideKeepAlive, drawFrame, markKeepAlive, paddedDomain, type PlotBox } from './frame';

export interface TrafficPlotData {
  points: { keepAliveS: number; value: number }[];
  keepAliveS: number | null;
  /** Publish interval (s): from this keep alive on, publishes replace every ping. Null: never publishes. */
  publishIntervalS: number | null;
  yLabel: string;
  yFormat(v: number): string;
  /** Measured by a simulation of the current inputs, drawn at the current K. */
  measured: number | null;
}

export function drawTrafficPlot(svg: SVGSVGElement, box: PlotBox, d: TrafficPlotData, clipId: string): void {
  const ks = d.points.map((p) => p.keepAliveS);
  if (ks.length === 0) return;
  const positive = d.points.filter((p) => p.value > 0);
  const frame = drawFrame(svg, box, {
    xDomain: [Math.min(...ks), Math.max(...ks)],
    yDomain: paddedDomain(
      positive.map((p) => p.value),
      1e-6,
    ),
    xLabel: 'keep alive K (s)',
    yLabel: d.yLabel,
    yFormat: d.yFormat,
    yTicks: positive.length > 0,
    clipId,
  });
  const { x, y } = frame;
  const p = d.publishIntervalS;
  if (p !== null && p > 0 && p <= Math.max(...ks)) {
    const from = Math.max(0, x(Math.max(p, Math.min(...ks))));
    frame.data
      .append('rect')
      .attr('class', 'ka-nopings')
      .attr('x', from)
      .attr('y', 0)
      .attr('width', frame.innerWidth - from)
      .attr('height', frame.innerHeight);
    frame.over
      .append('text')
      .attr('class', 'ka-note')
      .attr('x', frame.innerWidth - 4)
      .attr('y', frame.innerHeight - 0.5 * frame.fontPx)
      .attr('text-anchor', 'end')
      .text(`no pings from K = ${p} s`);
  }
  if (positive.length === 0)
    frame.over
      .append('text')
      .attr('class', 'ka-note')
      .attr('x', frame.innerWidth / 2)
      .attr('y', frame.innerHeight / 2)
      .attr('text-anchor', 'middle')
      .text('no pings at any keep alive shown');
  if (positive.length > 0)
    frame.data
      .append('path')
      .attr('class', 'ka-traffic')
      .attr(
        'd',
        line<{ keepAliveS: number; value: number }>()
          .defined((q) => q.value > 0)
          .x((q) => x(q.keepAliveS))
          .y((q) => y(q.value))(d.points),
      );
  const k = d.keepAliveS;
  if (k === null || k <= 0) return;
  markKeepAlive(frame, k);
  const here = d.points.find((q) => q.keepAliveS === k);
  if (here !== undefined && here.value > 0)
    frame.over
      .append('circle')
      .attr('class', 'ka-dot ka-traffic-dot')
      .attr('cx', x(k))
      .attr('cy', y(here.value))
      .attr('r', frame.fontPx * 0.28);
  if (d.measured !== null && d.measured > 0)
    frame.over
      .append('circle')
      .attr('class', 'ka-sample ka-traffic-dot')
      .attr('cx', besideKeepAlive(frame, k))
      .attr('cy', y(d.measured))
      .attr('r', frame.fontPx * 0.22);
}
