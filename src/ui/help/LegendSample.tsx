// One legend sample drawn by the timeline's own code (src/timeline/legend.ts), in the page's theme and
// scale: the legend panel and the lesson panel show the same marks the timeline draws.

import { useEffect, useRef } from 'react';
import type { LegendEntry } from '../../timeline/legend';
import { paletteFor } from '../../timeline/theme';
import { useCanvasScale, useTheme } from '../theme';

export function LegendSample({
  entry,
  width = 56,
  height = 28,
}: {
  entry: LegendEntry;
  width?: number;
  height?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  const scale = useCanvasScale();
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (canvas === null || ctx === null || ctx === undefined) return;
    const dpr = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
    const w = width * scale;
    const h = height * scale;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
    const p = paletteFor(theme, scale);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, w, h);
    entry.draw(ctx, p, w, h);
  }, [entry, theme, scale, width, height]);
  return <canvas ref={ref} aria-hidden="true" className="legend-sample" data-legend={entry.id} />;
}
