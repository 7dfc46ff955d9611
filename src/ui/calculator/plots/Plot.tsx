// One calculator plot: a figure with a caption, an <svg> that a d3 draw function fills (React
// renders the frame, never the points), and whatever goes under it (a legend).

import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { PlotBox } from './frame';
import { useBox } from './useBox';

export type DrawPlot = (svg: SVGSVGElement, box: PlotBox, clipId: string) => void;

export function Plot(props: {
  caption: string;
  /** What the plot shows, in words, for screen readers. */
  summary: string;
  /** Memoised: the plot is redrawn when it, the width or the font size changes. */
  draw: DrawPlot;
  children?: ReactNode;
}) {
  const { caption, summary, draw, children } = props;
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const size = useBox(box);
  // A clip-path id that is a valid, unique XML name.
  const clipId = `ka-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  useEffect(() => {
    if (svg.current !== null && size.width > 0) draw(svg.current, size, clipId);
  }, [draw, size, clipId]);
  return (
    <figure className="ka-plot">
      <figcaption>{caption}</figcaption>
      <div className="ka-plot-box" ref={box}>
        <svg ref={svg} role="img" aria-label={summary} />
      </div>
      {children}
    </figure>
  );
}
