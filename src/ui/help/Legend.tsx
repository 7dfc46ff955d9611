// The legend panel: every mark of the timeline, its sample drawn by the timeline's own drawing code
// (src/timeline/legend.ts), its name and what it means. `L` shows and hides it; lessons open it.

import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LEGEND, type LegendEntry, type LegendGroup } from '../../timeline/legend';
import { paletteFor } from '../../timeline/theme';
import { usePanelsStore } from '../../state/prefs';
import { useCanvasScale, useTheme } from '../theme';

const GROUPS: readonly LegendGroup[] = [
  'Packets',
  'Keep-alive deadlines',
  'Connections',
  'Events',
  'Stories',
  'Fleets',
];

const SAMPLE_W = 56;
const SAMPLE_H = 28;

function Sample({ entry }: { entry: LegendEntry }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  const scale = useCanvasScale();
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (canvas === null || ctx === null || ctx === undefined) return;
    const dpr = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
    const w = SAMPLE_W * scale;
    const h = SAMPLE_H * scale;
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

export function Legend() {
  const { open, setOpen } = usePanelsStore(
    useShallow((s) => ({ open: s.legendOpen, setOpen: s.setLegendOpen })),
  );
  if (!open) return null;
  return (
    <section className="panel legend" aria-label="Legend">
      <div className="panel-head">
        <h2>Legend</h2>
        <button type="button" onClick={() => setOpen(false)} aria-label="Close legend">
          Close
        </button>
      </div>
      {GROUPS.map((group) => (
        <div key={group} className="legend-group">
          <h3>{group}</h3>
          <ul>
            {LEGEND.filter((e) => e.group === group).map((e) => (
              <li key={e.id}>
                <Sample entry={e} />
                <div>
                  <strong>{e.name}</strong>
                  <p>{e.meaning}</p>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
