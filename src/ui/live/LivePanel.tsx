// Live mode: connect to a real broker over WebSockets (the embedded one at /mqtt under `npm start`),
// start probe clients and make them misbehave, watch the broker's reactions and the traffic. Every
// event goes onto the page's timeline through `trace` (the shell's LiveTraceApi).
import { useEffect, useState } from 'react';
import type { LiveTraceApi } from '../../live/types';
import { ConnectionForm } from './ConnectionForm';
import { EventLog } from './EventLog';
import { ProbeControls } from './ProbeControls';
import { ScenarioRun } from './ScenarioRun';
import { endLiveSession, useLiveSession, useThrottledVersion } from './sessionHolder';
import { TrafficView } from './TrafficView';
import './live.css';

export interface LivePanelProps {
  /** A broker URL to connect to at once (a `#live=<url>` link). */
  initialUrl?: string;
  trace: LiveTraceApi;
}

const BROKER_NAMES: Record<string, string> = {
  unknown: 'not recognised yet (no broker event topics seen)',
  mosquitto: 'Mosquitto (its log lines on $SYS/broker/log)',
  emqx: 'EMQX (client events on $SYS/brokers)',
  aedes: 'aedes ($SYS/<id>/new|disconnect/clients)',
  embedded: 'the embedded aedes broker (its keepalive-lab event topics)',
};

const MB = 1024 * 1024;
/** How often the live clock moves the page's trace on while nothing arrives. */
const LIVE_TICK_MS = 100;

export function LivePanel({ initialUrl, trace }: LivePanelProps) {
  const session = useLiveSession();
  const version = useThrottledVersion(session, 250);
  // The live trace's clock runs on while nothing arrives (deadline bands count down on screen).
  useEffect(() => {
    if (session === null) return;
    const timer = setInterval(() => trace.advanceTo(session.now()), LIVE_TICK_MS);
    return () => clearInterval(timer);
  }, [session, trace]);
  // Rates decay while nothing arrives: a slow tick keeps them honest.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const snap = session?.getSnapshot() ?? null;
  const nowMs = session?.now() ?? 0;
  const traffic = session?.traffic() ?? null;
  const [budgetEvents, setBudgetEvents] = useState('');
  const [budgetMb, setBudgetMb] = useState('');

  return (
    <div className="live-panel">
      <ConnectionForm
        trace={trace}
        {...(initialUrl !== undefined ? { initialUrl } : {})}
        autoConnect={initialUrl !== undefined}
        state={snap?.connection ?? { status: 'idle' }}
        nowMs={nowMs}
      />
      {snap && (
        <div className="live-meta" aria-label="Live session">
          <p>
            Broker: {BROKER_NAMES[snap.brokerKind]}. <span data-testid="live-events-held">{snap.events}</span>{' '}
            events recorded (≈ {(snap.bytes / MB).toFixed(1)} MB of{' '}
            {snap.budget.maxEvents.toLocaleString('en')} events / {Math.round(snap.budget.maxBytes / MB)} MB)
            {snap.dropped > 0 && (
              <strong className="live-dropped" role="status">
                {' '}
                — {snap.dropped.toLocaleString('en')} oldest events dropped to stay within the budget
              </strong>
            )}
          </p>
          <form
            className="live-budget"
            aria-label="Recording budget"
            onSubmit={(e) => {
              e.preventDefault();
              const maxEvents = budgetEvents === '' ? snap.budget.maxEvents : Number(budgetEvents);
              const maxBytes = budgetMb === '' ? snap.budget.maxBytes : Number(budgetMb) * MB;
              if (
                Number.isFinite(maxEvents) &&
                maxEvents >= 1000 &&
                Number.isFinite(maxBytes) &&
                maxBytes >= MB
              )
                session?.setBudget({ maxEvents, maxBytes });
            }}
          >
            <label>
              Keep at most{' '}
              <input
                type="number"
                min={1000}
                step={1000}
                placeholder={String(snap.budget.maxEvents)}
                value={budgetEvents}
                onChange={(e) => setBudgetEvents(e.target.value)}
              />{' '}
              events
            </label>{' '}
            <label>
              or{' '}
              <input
                type="number"
                min={1}
                placeholder={String(Math.round(snap.budget.maxBytes / MB))}
                value={budgetMb}
                onChange={(e) => setBudgetMb(e.target.value)}
              />{' '}
              MB
            </label>{' '}
            <button type="submit">Set budget</button>{' '}
            <button type="button" onClick={() => void endLiveSession()}>
              New live session
            </button>
          </form>
        </div>
      )}
      <ProbeControls trace={trace} session={session} probes={snap?.probes ?? []} url={snap?.url ?? null} />
      <ScenarioRun
        trace={trace}
        url={snap?.connection.status === 'connected' ? snap.url : null}
        brokerKind={snap?.brokerKind ?? 'unknown'}
      />
      <EventLog events={snap?.recent ?? []} />
      {session && traffic && (
        <TrafficView summary={traffic} version={version} onSelect={(topic) => session.selectTopic(topic)} />
      )}
    </div>
  );
}

export default LivePanel;
