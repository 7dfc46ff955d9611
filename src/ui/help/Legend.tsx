// The legend panel: every mark of the timeline, its sample drawn by the timeline's own drawing code
// (src/timeline/legend.ts), its name and what it means. `L` shows and hides it; lessons open it.

import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LEGEND, type LegendGroup } from '../../timeline/legend';
import { usePanelsStore } from '../../state/prefs';
import { LegendSample } from './LegendSample';

const GROUPS: readonly LegendGroup[] = [
  'Packets',
  'Keep-alive deadlines',
  'Connections',
  'Events',
  'Stories',
  'Fleets',
];

export function Legend() {
  const { open, setOpen } = usePanelsStore(
    useShallow((s) => ({ open: s.legendOpen, setOpen: s.setLegendOpen })),
  );
  if (!open) return null;
  return <LegendPanel onClose={() => setOpen(false)} />;
}

function LegendPanel({ onClose }: { onClose(): void }) {
  const box = useRef<HTMLElement>(null);
  // Opened from below the fold (a lesson's "Every mark…"): brought into view.
  useEffect(() => {
    // A block body: scrollIntoView may return a promise, which React would take for a cleanup.
    void box.current?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <section className="panel legend" aria-label="Legend" ref={box}>
      <div className="panel-head">
        <h2>Legend</h2>
        <button type="button" onClick={onClose} aria-label="Close legend">
          Close
        </button>
      </div>
      {GROUPS.map((group) => (
        <div key={group} className="legend-group">
          <h3>{group}</h3>
          <ul>
            {LEGEND.filter((e) => e.group === group).map((e) => (
              <li key={e.id}>
                <LegendSample entry={e} />
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
