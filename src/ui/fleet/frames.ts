// What one frame of the fleet strip shows, derived from the fleet series (and, for a sampled run, the
// worker's per-type packet counts) for the visible window: the connected-clients envelope per pixel
// column, packets per interval by traffic group, rare events per interval, and their scales. Interval
// sums are cached per interval width for the whole run, so panning costs no recount and a zoom step
// one pass over at most MAX_BUCKETS buckets. No DOM: the view calls it in requestAnimationFrame.

import {
  GROUP_OF_TYPE,
  PACKET_TYPE_COUNT,
  TRAFFIC_GROUPS,
  delayHistogram,
  chooseInterval,
  stepEnvelope,
  IntervalCache,
  type DelayHistogram,
  type FleetSeries,
  type GridView,
  type IntervalSums,
  type PacketTypeCounts,
} from '../../analysis/fleet';
import { timeTicks, type Ticks } from '../../timeline/scales';
import type { FleetLayout } from './layout';

/** Client lanes from which a trace is a fleet (a sampled run always is). */
export const FLEET_MIN_LANES = 50;
/** Narrowest traffic interval, px: finer would only show noise. */
const TRAFFIC_MIN_PX = 3;
/** Narrowest rare-event interval, px: a single event must stay visible as a bar. */
const EVENT_MIN_PX = 5;

/** Where the packet counts come from. */
export type TrafficSource = 'trace' | 'worker' | 'kept-lanes';

/** Event columns (series EVENT_*) → drawn rows: timeouts (both sides), wills, take-overs. */
const EVENT_ROWS = new Uint8Array([0, 0, 1, 2]);

export interface TracksFrame {
  readonly t0: number;
  readonly t1: number;
  /** Nothing is known after this time yet (a run still streaming). */
  readonly until: number;
  readonly ticks: Ticks;
  readonly connected: {
    /** Per pixel column of the plot: lowest and highest count (NaN: after `until`). */
    readonly lo: Float32Array;
    readonly hi: Float32Array;
    readonly columns: number;
    /** The scale's top: the most clients connected at any time of the run. */
    readonly top: number;
  };
  readonly traffic: {
    /** Packets per interval by traffic group (TRAFFIC_GROUPS order). */
    readonly sums: IntervalSums;
    /** The scale's top, packets/s: the busiest interval of the run at this width. */
    readonly top: number;
    readonly source: TrafficSource;
  };
  readonly events: {
    /** Timeouts, wills, take-overs per interval. */
    readonly sums: IntervalSums;
    /** The scale's top: most events of one kind in one interval of the run. */
    readonly top: number;
  };
}

export interface FleetInputs {
  readonly series: FleetSeries;
  /** A sampled run's per-type counts of every lane (LaneActivity.types), with its generation. */
  readonly types: PacketTypeCounts | null;
  readonly typesGeneration: number;
  readonly sampled: boolean;
}

/** Is this trace shown as a fleet? */
export function isFleet(clientLanes: number, sampled: boolean): boolean {
  return sampled || clientLanes >= FLEET_MIN_LANES;
}

export class FleetFrames {
  private readonly traffic = new IntervalCache(GROUP_OF_TYPE, TRAFFIC_GROUPS.length);
  private readonly events = new IntervalCache(EVENT_ROWS, 3);
  private lo = new Float32Array(0);
  private hi = new Float32Array(0);
  private histSeries: FleetSeries | null = null;
  private histN = -1;
  private hist: DelayHistogram | null = null;

  frame(inputs: FleetInputs, layout: FleetLayout, t0: number, t1: number, until: number): TracksFrame {
    const { series, types } = inputs;
    const plotW = Math.max(1, layout.plotX1 - layout.plotX0);
    const msPerPx = Math.max(1e-9, t1 - t0) / plotW;

    const columns = Math.max(1, Math.ceil(plotW));
    if (this.lo.length < columns) {
      this.lo = new Float32Array(columns);
      this.hi = new Float32Array(columns);
    }
    const connected = series.connected();
    stepEnvelope(connected, t0, t1, columns, until, this.lo, this.hi);

    let view: GridView;
    let source: TrafficSource;
    let trafficSums: IntervalSums;
    if (types !== null) {
      view = { ...types, stride: PACKET_TYPE_COUNT, offset: 0 };
      source = 'worker';
      const interval = chooseInterval(view.bucketMs, msPerPx * TRAFFIC_MIN_PX);
      trafficSums = this.traffic.get(types, inputs.typesGeneration, view, interval);
    } else {
      view = series.packetCounts();
      source = inputs.sampled ? 'kept-lanes' : 'trace';
      const interval = chooseInterval(view.bucketMs, msPerPx * TRAFFIC_MIN_PX);
      trafficSums = this.traffic.get(series, series.version, view, interval);
    }
    const eventView = series.eventCounts();
    const eventSums = this.events.get(
      series,
      series.version,
      eventView,
      chooseInterval(eventView.bucketMs, msPerPx * EVENT_MIN_PX),
    );
    return {
      t0,
      t1,
      until,
      ticks: timeTicks(t0, t1, plotW),
      connected: { lo: this.lo, hi: this.hi, columns, top: connected.max },
      traffic: {
        sums: trafficSums,
        top: (trafficSums.maxTotal * 1000) / trafficSums.intervalMs,
        source,
      },
      events: { sums: eventSums, top: eventSums.maxValue },
    };
  }

  /** The detection-delay histogram of the whole trace so far (rebuilt when a delay was added). */
  histogram(series: FleetSeries): DelayHistogram | null {
    const delays = series.delays();
    if (series !== this.histSeries || delays.length !== this.histN) {
      this.histSeries = series;
      this.histN = delays.length;
      this.hist = delayHistogram(delays);
    }
    return this.hist;
  }
}
