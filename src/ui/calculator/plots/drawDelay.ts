// Plot (a): detection delay against keep alive, a best–mean–worst line set per broker profile. The
// selected profile is drawn last, in its colour with the band between best and worst; the others
// are muted. Colours come from CSS classes (ka-p0 … ka-p7), so a theme change needs no redraw.

import { area, line } from 'd3';
import type { ProfileCurve, DelayPoint } from '../../../analysis/keepAlive';
import type { BrokerProfileName } from '../../../scenario/types';
import { formatTick } from '../format';
import { besideKeepAlive, drawFrame, markKeepAlive, paddedDomain, type PlotBox } from './frame';

export interface DelayPlotData {
  curves: ProfileCurve[];
  selected: BrokerProfileName;
  /** The keep alive calculated (null or 0: none to mark). */
  keepAliveS: number | null;
  /** Delays measured by a simulation of the current inputs, seconds. */
  samples: readonly number[];
}

export function drawDelayPlot(svg: SVGSVGElement, box: PlotBox, d: DelayPlotData, clipId: string): void {
  const all = d.curves.flatMap((c) => c.points);
  const ks = all.map((p) => p.keepAliveS);
  if (ks.length === 0) return;
  const frame = drawFrame(svg, box, {
    xDomain: [Math.min(...ks), Math.max(...ks)],
    yDomain: paddedDomain([...all.flatMap((p) => [p.best, p.worst]), ...d.samples], 0.01),
    xLabel: 'keep alive K (s)',
    yLabel: 'detection delay (s)',
    yFormat: formatTick,
    clipId,
  });
  const { x, y } = frame;
  const at = (v: (p: DelayPoint) => number) =>
    line<DelayPoint>()
      .x((p) => x(p.keepAliveS))
      .y((p) => y(Math.max(v(p), 1e-6)));
  const order = [
    ...d.curves.filter((c) => c.profile !== d.selected),
    ...d.curves.filter((c) => c.profile === d.selected),
  ];
  for (const c of order) {
    const index = d.curves.indexOf(c);
    const selected = c.profile === d.selected;
    const g = frame.data
      .append('g')
      .attr('class', `ka-set ka-p${index} ${selected ? 'ka-selected' : 'ka-muted'}`);
    if (selected)
      g.append('path')
        .attr('class', 'ka-band')
        .attr(
          'd',
          area<DelayPoint>()
            .x((p) => x(p.keepAliveS))
            .y0((p) => y(Math.max(p.best, 1e-6)))
            .y1((p) => y(p.worst))(c.points),
        );
    g.append('path')
      .attr('class', 'ka-bound')
      .attr('d', at((p) => p.best)(c.points));
    g.append('path')
      .attr('class', 'ka-bound')
      .attr('d', at((p) => p.worst)(c.points));
    g.append('path')
      .attr('class', 'ka-mean')
      .attr('d', at((p) => p.mean)(c.points));
  }

  const k = d.keepAliveS;
  if (k === null || k <= 0) return;
  markKeepAlive(frame, k);
  const index = d.curves.findIndex((c) => c.profile === d.selected);
  const point = d.curves[index]?.points.find((p) => p.keepAliveS === k);
  const marks = frame.over.append('g').attr('class', `ka-p${index} ka-selected`);
  if (point !== undefined)
    marks
      .selectAll('circle.ka-dot')
      .data([point.best, point.mean, point.worst])
      .join('circle')
      .attr('class', 'ka-dot')
      .attr('cx', x(k))
      .attr('cy', (v) => y(Math.max(v, 1e-6)))
      .attr('r', frame.fontPx * 0.28);
  marks
    .selectAll('circle.ka-sample')
    .data(d.samples)
    .join('circle')
    .attr('class', 'ka-sample')
    .attr('cx', besideKeepAlive(frame, k))
    .attr('cy', (v) => y(Math.max(v, 1e-6)))
    .attr('r', frame.fontPx * 0.18);
}
