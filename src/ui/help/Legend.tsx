// The legend panel: every mark of the timeline, its sample drawn by the timeline's own drawing code
// (src/timeline/legend.ts), its name and what it means. `L` shows and hides it; lessons open it.

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
