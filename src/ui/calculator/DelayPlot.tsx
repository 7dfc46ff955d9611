// Plot (a) with its legend: every broker profile's detection delay against keep alive. The legend's
// entries are buttons: picking one makes it the calculator's profile.

import { useCallback, useMemo } from 'react';
import type { DetectionDelay, ProfileCurve } from '../../analysis/keepAlive';
import type { BrokerProfileName } from '../../scenario/types';
import { formatDuration } from '../../base/format';
import { drawDelayPlot } from './plots/drawDelay';
import type { PlotBox } from './plots/frame';
import { Plot } from './plots/Plot';

function summary(selected: BrokerProfileName, k: number, d: DetectionDelay): string {
  const head =
    'Detection delay after a power-off against keep alive, best, mean and worst, for each profile.';
  if (!d.detected) return `${head} Keep alive 0: never detected.`;
  return (
    `${head} ${selected} at K = ${k} s: ${formatDuration(d.best)} to ${formatDuration(d.worst)}, ` +
    `mean ${formatDuration(d.mean)}.`
  );
}

export function DelayPlot(props: {
  curves: ProfileCurve[];
  selected: BrokerProfileName;
  keepAliveS: number;
  delay: DetectionDelay;
  samples: readonly number[];
  onPick(profile: BrokerProfileName): void;
}) {
  const { curves, selected, keepAliveS, delay, samples, onPick } = props;
  const data = useMemo(
    () => ({ curves, selected, keepAliveS, samples }),
    [curves, selected, keepAliveS, samples],
  );
  const draw = useCallback(
    (svg: SVGSVGElement, box: PlotBox, clipId: string) => drawDelayPlot(svg, box, data, clipId),
    [data],
  );
  return (
    <Plot
      caption="Power-off → broker timeout, against keep alive"
      summary={summary(selected, keepAliveS, delay)}
      draw={draw}
    >
      <ul className="ka-legend" aria-label="Plot legend: pick a profile">
        {curves.map((c, i) => (
          <li key={c.profile}>
            <button
              type="button"
              className={`ka-p${i}`}
              aria-pressed={c.profile === selected}
              onClick={() => onPick(c.profile)}
            >
              <span className="ka-swatch" aria-hidden="true" />
              {c.profile}
            </button>
          </li>
        ))}
      </ul>
      <p className="ka-key">
        <span className="ka-key-mean" aria-hidden="true" /> mean{' '}
        <span className="ka-key-bound" aria-hidden="true" /> best and worst{samples.length > 0 ? ', ' : ''}
        {samples.length > 0 && (
          <>
            <span className="ka-key-sample" aria-hidden="true" /> simulated sensors
          </>
        )}
      </p>
    </Plot>
  );
}
