// Messages per second per topic over the last minute: one line per topic (the busiest that match the
// filter), drawn with d3's scales and line generator into React's SVG. A legend names each line with
// its rate now; the selected topic's line is drawn bold.
import { line, max, scaleLinear } from 'd3';
import { RATE_SECONDS, type TopicSeries } from '../../live/trafficSummary';

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies, on light and dark. */
const COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];

const W = 360;
const H = 150;
const M = { top: 8, right: 16, bottom: 22, left: 34 };

export function rateText(rate: number): string {
  return rate >= 100
    ? `${Math.round(rate)}/s`
    : rate >= 1
      ? `${rate.toFixed(1)}/s`
      : rate > 0
        ? `${rate.toFixed(2)}/s`
        : '0/s';
}

export interface RateChartProps {
  series: readonly TopicSeries[];
  selected: string | null;
  onSelect(topic: string): void;
}

export function RateChart({ series, selected, onSelect }: RateChartProps) {
  const peak = max(series, (s) => max(s.counts) ?? 0) ?? 0;
  const x = scaleLinear()
    .domain([-RATE_SECONDS, 0])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, peak)])
    .nice(4)
    .range([H - M.bottom, M.top]);
  const path = line<number>()
    .x((_, i) => x(i - RATE_SECONDS + 1))
    .y((v) => y(v));
  const last5 = (c: number[]): number => c.slice(-5).reduce((a, b) => a + b, 0) / 5;
  return (
    <figure className="live-rate-chart" aria-label="Message rate per topic">
      <figcaption>Messages per second per topic, last {RATE_SECONDS} s</figcaption>
      {series.length === 0 ? (
        <p className="hint">
          No messages in the last minute{selected === null ? '' : ' on the topics shown'}.
        </p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${W} ${H}`}
            className="live-rate-svg"
            role="img"
            aria-label={series.map((s) => `${s.topic}: ${rateText(last5(s.counts))} now`).join('; ')}
          >
            {y.ticks(4).map((v) => (
              <g key={`y${v}`}>
                <line className="live-rate-grid" x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
                <text className="live-rate-tick" x={M.left - 4} y={y(v) + 3} textAnchor="end">
                  {v}
                </text>
              </g>
            ))}
            {[-60, -45, -30, -15, 0].map((v) => (
              <text key={`x${v}`} className="live-rate-tick" x={x(v)} y={H - 6} textAnchor="middle">
                {v === 0 ? 'now' : `${v} s`}
              </text>
            ))}
            {series.map((s, i) => (
              <path
                key={s.topic}
                d={path(s.counts) ?? ''}
                fill="none"
                stroke={COLOURS[i % COLOURS.length]}
                strokeWidth={s.topic === selected ? 3 : 1.5}
                strokeLinejoin="round"
              />
            ))}
          </svg>
          <ul className="live-rate-legend" aria-label="Topics in the chart">
            {series.map((s, i) => (
              <li key={s.topic}>
                <button
                  type="button"
                  onClick={() => onSelect(s.topic)}
                  title={`Show the messages on ${s.topic}`}
                >
                  <span className="live-rate-swatch" style={{ background: COLOURS[i % COLOURS.length] }} />{' '}
                  <span className="live-rate-topic">{s.topic}</span>{' '}
                  <span className="live-rate-now">{rateText(last5(s.counts))}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </figure>
  );
}
