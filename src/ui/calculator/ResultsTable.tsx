// The figures for the current inputs as a table, so that nothing is only in a picture: detection
// delay and keep-alive traffic as calculated, and as measured once a simulation of these inputs ran.

import type { DetectionDelay, KeepAliveTraffic, MeasuredKeepAlive } from '../../analysis/keepAlive';
import { formatBytes, formatDelay, formatNumber } from './format';

interface Row {
  name: string;
  calculated: string;
  /** Empty when there is nothing measured to show. */
  measured: string;
}

function delayRows(d: DetectionDelay, m: MeasuredKeepAlive | null): Row[] {
  const md = m?.detection ?? null;
  const measured = (v: number | null | undefined): string =>
    md === null ? '' : v === null || v === undefined ? 'none detected' : formatDelay(v);
  const detected: Row[] =
    md === null
      ? []
      : [
          {
            name: 'power-offs detected',
            calculated: '',
            measured: `${md.samples.length} of ${md.samples.length + md.undetected}`,
          },
        ];
  if (!d.detected) return [{ name: 'delay', calculated: 'never (keep alive 0)', measured: '' }, ...detected];
  return [
    { name: 'best', calculated: formatDelay(d.best), measured: measured(md?.best) },
    { name: 'mean', calculated: formatDelay(d.mean), measured: measured(md?.mean) },
    { name: 'worst', calculated: formatDelay(d.worst), measured: measured(md?.worst) },
    { name: 'broker’s window of silence', calculated: d.idle.text, measured: '' },
    ...detected,
  ];
}

function trafficRows(t: KeepAliveTraffic, fleetSize: number, m: MeasuredKeepAlive | null): Row[] {
  const measured = (v: number, format: (n: number) => string): string => (m === null ? '' : format(v));
  return [
    { name: 'PINGREQs per device per day', calculated: formatNumber(t.pingsPerDevicePerDay), measured: '' },
    {
      name: 'bytes per device per day',
      calculated: formatBytes(t.bytesPerDevicePerDay),
      measured: measured(m?.pingBytesPerDevicePerDay ?? 0, formatBytes),
    },
    {
      name: `bytes for ${formatNumber(fleetSize)} devices per day`,
      calculated: formatBytes(t.bytesPerFleetPerDay),
      measured: measured(m?.pingBytesPerFleetPerDay ?? 0, formatBytes),
    },
    {
      name: 'broker packets per second',
      calculated: formatNumber(t.brokerPacketsPerS),
      measured: measured(m?.brokerPacketsPerS ?? 0, formatNumber),
    },
  ];
}

function Group(props: { title: string; rows: Row[]; withMeasured: boolean }) {
  const { title, rows, withMeasured } = props;
  return (
    <tbody>
      <tr className="ka-group">
        <th scope="rowgroup" colSpan={withMeasured ? 3 : 2}>
          {title}
        </th>
      </tr>
      {rows.map((r) => (
        <tr key={r.name}>
          <th scope="row" className="sub">
            {r.name}
          </th>
          <td>{r.calculated}</td>
          {withMeasured && <td>{r.measured}</td>}
        </tr>
      ))}
    </tbody>
  );
}

export function ResultsTable(props: {
  delay: DetectionDelay;
  traffic: KeepAliveTraffic;
  fleetSize: number;
  /** Shown in a "measured" column when present. */
  measured: MeasuredKeepAlive | null;
}) {
  const { delay, traffic, fleetSize, measured } = props;
  const withMeasured = measured !== null;
  return (
    <table className="stats-table ka-results">
      <caption>Results</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">calculated</th>
          {withMeasured && <th scope="col">measured</th>}
        </tr>
      </thead>
      <Group
        title="Power-off → broker timeout (detection delay)"
        rows={delayRows(delay, measured)}
        withMeasured={withMeasured}
      />
      <Group
        title="Keep-alive traffic"
        rows={trafficRows(traffic, fleetSize, measured)}
        withMeasured={withMeasured}
      />
    </table>
  );
}
