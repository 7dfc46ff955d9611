// The fleet strip in words: the totals of the rare events and the detection delay, visible above the
// tracks and read by screen readers, and a description of the tracks with their current scales (the
// canvases' accessible names), so no number is only in the pictures.

import type { AttentionClient, DelayHistogram, FleetSeries } from '../../analysis/fleet';
import type { TraceStore } from '../../trace/store';
import { formatCount, formatInterval, formatSecondsAt } from '../../base/format';
import { formatCompact, formatSecondsShort } from './format';
import type { TracksFrame, TrafficSource } from './frames';

export interface FleetSummary {
  readonly clients: number;
  readonly sampled: boolean;
  readonly brokerTimeouts: number;
  readonly clientTimeouts: number;
  readonly wills: number;
  readonly takeovers: number;
  readonly peakConnected: number;
  /** Seconds; null before the first broker timeout. */
  readonly delay: { readonly n: number; readonly median: number; readonly max: number } | null;
  /** The clients that need attention (faults, timeouts, wills, take-overs, reconnects), first first. */
  readonly attention: readonly AttentionClient[];
  /** Bumps whenever that list changes. */
  readonly attentionVersion: number;
}

export function fleetSummary(
  series: FleetSeries,
  hist: DelayHistogram | null,
  clients: number,
  sampled: boolean,
  store: TraceStore,
  before: FleetSummary | null = null,
): FleetSummary {
  const t = series.totals();
  const version = series.attentionVersion;
  // The list is rebuilt only when it changed.
  const attention =
    before !== null && before.attentionVersion === version ? before.attention : series.attention(store);
  return {
    clients,
    sampled,
    brokerTimeouts: t.brokerTimeouts,
    clientTimeouts: t.clientTimeouts,
    wills: t.wills,
    takeovers: t.takeovers,
    peakConnected: series.connected().max,
    delay: hist === null ? null : { n: hist.n, median: hist.median, max: hist.max },
    attention,
    attentionVersion: version,
  };
}

export function sameSummary(a: FleetSummary | null, b: FleetSummary | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.clients === b.clients &&
    a.sampled === b.sampled &&
    a.brokerTimeouts === b.brokerTimeouts &&
    a.clientTimeouts === b.clientTimeouts &&
    a.wills === b.wills &&
    a.takeovers === b.takeovers &&
    a.peakConnected === b.peakConnected &&
    a.delay?.n === b.delay?.n &&
    a.delay?.median === b.delay?.median &&
    a.delay?.max === b.delay?.max &&
    a.attentionVersion === b.attentionVersion
  );
}

const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The totals, one line each: what the strip's header shows and screen readers read. */
export function summaryLines(s: FleetSummary): string[] {
  const timeouts = s.brokerTimeouts + s.clientTimeouts;
  return [
    `${plural(s.clients, 'client', 'clients')}, up to ${formatCount(s.peakConnected)} connected`,
    `${plural(timeouts, 'timeout', 'timeouts')} (broker ${formatCount(s.brokerTimeouts)}, client ${formatCount(s.clientTimeouts)}) · ${plural(s.wills, 'will', 'wills')} · ${plural(s.takeovers, 'take-over', 'take-overs')}`,
    s.delay === null
      ? 'Last packet → broker timeout: no broker timeouts yet'
      : `Last packet → broker timeout: median ${formatSecondsShort(s.delay.median)}, max ${formatSecondsShort(s.delay.max)} (${plural(s.delay.n, 'broker timeout', 'broker timeouts')})`,
  ];
}

const SOURCE_NOTE: Record<TrafficSource, string> = {
  trace: 'counted from the trace',
  worker: "counted by the simulation for every lane (the page holds only some lanes' packets)",
  'kept-lanes': "of the kept lanes only (the page holds only some lanes' packets)",
};

/** The time tracks in words, with their current scales (the tracks canvas's accessible name). */
export function tracksDescription(f: TracksFrame): string {
  return [
    `Fleet tracks over the visible window, aligned with the timeline.`,
    `Connected clients, scale up to ${formatCount(f.connected.top)}.`,
    `Packets per second stacked by type, ${SOURCE_NOTE[f.traffic.source]}, scale up to ${formatCompact(f.traffic.top)}:` +
      ' ping (PINGREQ and PINGRESP, the keep-alive traffic) at the bottom, data (PUBLISH and its acknowledgements),' +
      ' connect (CONNECT and CONNACK), other.',
    `Timeouts, wills and take-overs per ${formatInterval(f.events.sums.intervalMs)}, scale up to ${formatCount(f.events.top)}.`,
  ].join(' ');
}

/** The histogram in words (its canvas's accessible name). */
export function histogramDescription(h: DelayHistogram | null): string {
  if (h === null) return 'Detection delay histogram: no broker timeouts yet.';
  const bins: string[] = [];
  h.counts.forEach((c, i) => {
    if (c > 0) {
      const from = formatSecondsAt(h.lo + i * h.step, h.step).replace(/ s$/, '');
      bins.push(`${from}–${formatSecondsAt(h.lo + (i + 1) * h.step, h.step)}: ${formatCount(c)}`);
    }
  });
  return (
    `Detection delay histogram, from the last packet the broker received to its keep-alive timeout: ` +
    `${plural(h.n, 'timeout', 'timeouts')}, median ${formatSecondsShort(h.median)}, max ${formatSecondsShort(h.max)}, ` +
    `bins of ${formatSecondsShort(h.step)}: ${bins.join('; ')}.`
  );
}
