// The marks a lesson step is about, as legend entries: from the kinds of its event and of the events
// it highlights (a timeout step shows the timeout mark and the broker's deadline), so the key to the
// picture sits beside the sentence that talks about it.

import type { TraceEvent } from '../../trace/types';
import { LEGEND, type LegendEntry } from '../../timeline/legend';

function idsFor(e: TraceEvent): string[] {
  switch (e.kind) {
    case 'packet':
      if (e.type === 'PINGREQ' || e.type === 'PINGRESP') return ['keepalive', 'band-client', 'band-broker'];
      if (e.type === 'PUBLISH' || e.type.startsWith('PUB')) return ['data'];
      return ['control'];
    case 'timeout':
      return e.side === 'broker' ? ['timeout', 'band-broker', 'band-expired'] : ['timeout', 'ping-wait'];
    case 'will':
      return e.delayed > 0 ? ['will-pending', 'will'] : ['will'];
    case 'takeover':
      return ['takeover'];
    case 'fault':
      return e.fault === 'power-off' || e.fault === 'link-down' ? ['fault', 'span-half-open'] : ['fault'];
    case 'session':
      return e.state === 'resumed' ? ['session', 'session-kept', 'will-cancelled'] : ['session'];
    case 'conn':
      return e.state === 'open' ? ['conn-open'] : ['conn-close', 'span-closed'];
  }
}

/** Legend entries for a step's events, in legend order, at most `limit`. */
export function stepLegend(events: readonly (TraceEvent | undefined)[], limit = 4): LegendEntry[] {
  const ids = new Set<string>();
  for (const e of events) if (e !== undefined) for (const id of idsFor(e)) ids.add(id);
  return LEGEND.filter((entry) => ids.has(entry.id)).slice(0, limit);
}
