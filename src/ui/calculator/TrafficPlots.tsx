// Plots (b) and (c): what keep alive costs against K: bytes per device per day, and the fleet's
// PINGREQ + PINGRESP packets per second at the broker.

import { useCallback, useMemo } from 'react';
import type { KeepAliveTraffic, MeasuredKeepAlive, TrafficPoint } from '../../analysis/keepAlive';
import { formatBytes, formatNumber, formatTick } from './format';
import { drawTrafficPlot, type TrafficPlotData } from './plots/drawTraffic';
import type { PlotBox } from './plots/frame';
import { Plot } from './plots/Plot';

function TrafficPlot(props: { caption: string; summary: string; data: TrafficPlotData }) {
  const { caption, summary, data } = props;
  const draw = useCallback(
    (svg: SVGSVGElement, box: PlotBox, clipId: string) => drawTrafficPlot(svg, box, data, clipId),
    [data],
  );
  return <Plot caption={caption} summary={summary} draw={draw} />;
}

export function TrafficPlots(props: {
  points: TrafficPoint[];
  keepAliveS: number;
  publishIntervalS: number | null;
  fleetSize: number;
  traffic: KeepAliveTraffic;
  measured: MeasuredKeepAlive | null;
}) {
  const { points, keepAliveS, publishIntervalS, fleetSize, traffic, measured } = props;
  const bytes = useMemo<TrafficPlotData>(
    () => ({
      points: points.map((p) => ({ keepAliveS: p.keepAliveS, value: p.bytesPerDevicePerDay })),
      keepAliveS,
      publishIntervalS,
      yLabel: 'bytes per device per day',
      yFormat: formatTick,
      measured: measured?.pingBytesPerDevicePerDay ?? null,
    }),
    [points, keepAliveS, publishIntervalS, measured],
  );
  const packets = useMemo<TrafficPlotData>(
    () => ({
      points: points.map((p) => ({ keepAliveS: p.keepAliveS, value: p.brokerPacketsPerS })),
      keepAliveS,
      publishIntervalS,
      yLabel: 'packets/s at the broker',
      yFormat: formatTick,
      measured: measured?.brokerPacketsPerS ?? null,
    }),
    [points, keepAliveS, publishIntervalS, measured],
  );
  const atK = `At K = ${keepAliveS} s:`;
  return (
    <>
      <TrafficPlot
        caption="Keep-alive bytes per device per day"
        summary={`Keep-alive bytes per device per day against keep alive, falling as 1/K. ${atK} ${formatBytes(traffic.bytesPerDevicePerDay)}.`}
        data={bytes}
      />
      <TrafficPlot
        caption={`Broker packets/s from keep alive, ${formatNumber(fleetSize)} devices`}
        summary={`PINGREQ and PINGRESP packets per second at the broker for ${formatNumber(fleetSize)} devices against keep alive. ${atK} ${formatNumber(traffic.brokerPacketsPerS)} per second.`}
        data={packets}
      />
    </>
  );
}
