// The run summary `npm run sim` prints.

import { formatSeconds } from '../base/format';
import { printable } from '../analysis/compare/printable';
import type { TraceSummary } from '../trace/counters';
import { PACKET_TYPES } from '../trace/types';

export interface RunFigures {
  name: string;
  profile: string;
  seed: number;
  simulatedMs: number;
  engineEvents: number;
  wallMs: number;
  trace: TraceSummary;
}

export function formatSummary(f: RunFigures): string {
  const s = f.trace;
  const packets = PACKET_TYPES.filter((t) => s.packetsByType[t] > 0)
    .map((t) => `${t} ${s.packetsByType[t]}`)
    .join(', ');
  const rate = f.wallMs > 0 ? Math.round(f.engineEvents / (f.wallMs / 1000)) : 0;
  return [
    `scenario        ${printable(f.name)} (profile ${f.profile}, seed ${f.seed})`,
    `simulated time  ${formatSeconds(f.simulatedMs)}`,
    `engine events   ${f.engineEvents}`,
    `trace events    ${s.events}`,
    `packets         ${packets || 'none'}; lost ${s.packetsLost}`,
    `timeouts        broker ${s.timeouts.broker}, client ${s.timeouts.client}`,
    `wills           ${s.wills}`,
    `take-overs      ${s.takeovers}`,
    `wall time       ${formatSeconds(f.wallMs, 2)}`,
    `events/s        ${rate}`,
  ].join('\n');
}
