// One legend sample drawn by the timeline's own code, at the size the lesson panel shows it.

import { useEffect, useRef } from 'react';
import type { LegendEntry } from '../../timeline/legend';
import { paletteFor } from '../../timeline/theme';
import { useCanvasScale, useTheme } from '../theme';

const W = 48;
const H = 24;

export function LegendSample({ entry }: { entry: LegendEntry }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  const scale = useCanvasScale();
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (canvas === null || ctx === null || ctx === undefined) return;
    const dpr = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
    const w = W * scale;
    const h = H * scale;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
    const p = paletteFor(theme, scale);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, w, h);
    entry.draw(ctx, p, w, h);
  }, [entry, theme, scale]);
  return <canvas ref={ref} aria-hidden="true" className="legend-sample" data-legend={entry.id} />;
}
