// Tick values for the calculator's log scales: round numbers (1-2-5 per decade, or whole decades
// when those are too many, or plain round values over a narrow range), and for keep alive the
// values people actually configure.

import { ticks } from 'd3';

/** Keep-alive values worth a tick, seconds. */
const KEEP_ALIVE_TICKS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 18_000, 36_000, 65_535,
];

function within([lo, hi]: readonly [number, number], v: number): boolean {
  return v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
}

/** At most `max` of the usual keep-alive values inside the domain (thinned evenly when needed). */
export function keepAliveTicks(domain: readonly [number, number], max: number): number[] {
  return thin(
    KEEP_ALIVE_TICKS.filter((v) => within(domain, v)),
    max,
  );
}

/** 1-2-5 values per decade inside the domain, or decades only, or every other decade: at most `max`. */
export function logTicks(domain: readonly [number, number], max: number): number[] {
  const [lo, hi] = domain;
  const from = Math.floor(Math.log10(lo));
  const to = Math.ceil(Math.log10(hi));
  const steps = (multiples: number[]): number[] => {
    const candidates: number[] = [];
    for (let e = from; e <= to; e++) for (const m of multiples) candidates.push(m * 10 ** e);
    return candidates.filter((v) => within(domain, v)).map((v) => Number(v.toPrecision(6)));
  };
  const dense = steps([1, 2, 5]);
  // A narrow range: evenly spaced round values read better than one or two 1-2-5 ticks.
  if (dense.length < 3) return ticks(lo, hi, Math.min(max, 4)).filter((v) => v > 0);
  for (const inside of [dense, steps([1, 3]), steps([1])]) if (inside.length <= max) return inside;
  const decades: number[] = [];
  for (let e = from; e <= to; e++) if (within(domain, 10 ** e)) decades.push(10 ** e);
  return thin(decades, max);
}

/** Every k-th value, keeping the first, so that at most `max` remain. */
function thin(values: number[], max: number): number[] {
  if (values.length <= max) return values;
  const k = Math.ceil(values.length / Math.max(1, max));
  return values.filter((_, i) => i % k === 0);
}
