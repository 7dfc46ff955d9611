// The broker's reactions and the probes' faults as a list, newest first: connections, timeouts, wills,
// take-overs, sessions, each with where it came from. Plain text only.
import type { TraceEvent } from '../../trace';
import { describeEvent, sourceText } from './describe';

export function EventLog({ events, limit = 100 }: { events: readonly TraceEvent[]; limit?: number }) {
  const shown = events.slice(-limit).reverse();
  return (
    <section className="live-events" aria-label="Live events">
      <h3>Connections, timeouts, wills, take-overs</h3>
      {shown.length === 0 ? (
        <p className="hint">Nothing yet. Start a probe and silence, crash or clone it.</p>
      ) : (
        <ol className="live-event-list" aria-label="Broker events">
          {shown.map((e, i) => (
            <li
              key={`${e.t}-${i}-${e.kind}`}
              className={`live-event live-event-${e.kind}`}
              data-kind={e.kind}
              data-source={e.source}
            >
              <span className="live-event-time">{(e.t / 1000).toFixed(3)} s</span>{' '}
              <span className="live-event-kind">{e.kind}</span>{' '}
              <span className="live-event-text">{describeEvent(e)}</span>{' '}
              <span className="live-event-source">[{sourceText(e.source)}]</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
