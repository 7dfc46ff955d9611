// Live mode: connect to a real broker over WebSockets (the embedded one at /mqtt under `npm start`),
// subscribe and publish, watch the traffic, start probe clients and make them misbehave, watch the
// broker's reactions. Every event goes onto the page's timeline through `trace` (the shell's
// LiveTraceApi). The forms sit in tabs in the live dock beside the timeline; the one-line status is in
// the live bar (LiveMount), from `useLiveUi`.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { isFilterOn } from '../../live/filter';
import type { LiveConnectionState } from '../../live/liveConnection';
import type { LiveSnapshot } from '../../live/session';
import type { LiveTraceApi } from '../../live/types';
import { parseLocationHash, type DeepLink } from '../../scenario/url';
import { useViewport } from '../../state/viewport';
import { liveShareHash } from '../share';
import { ConnectionForm } from './ConnectionForm';
import { EventLog } from './EventLog';
import { useLiveUi, type LiveTab, type StatusTone } from './liveUi';
import { ProbeControls } from './ProbeControls';
import { PublishForm } from './PublishForm';
import { ScenarioRun } from './ScenarioRun';
import { endLiveSession, useLiveSession, useThrottledVersion } from './sessionHolder';
import { Subscriptions } from './Subscriptions';
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
  rabbitmq:
    'RabbitMQ (its log exchange amq.rabbitmq.log bound to amq.topic: topics info, warning, error, debug)',
  activemq: 'ActiveMQ (its advisories arrive empty over MQTT: no client events)',
};

const TABS: { tab: LiveTab; label: string }[] = [
  { tab: 'connection', label: 'Connection' },
  { tab: 'subscriptions', label: 'Subscriptions' },
  { tab: 'publish', label: 'Publish' },
  { tab: 'traffic', label: 'Traffic' },
  { tab: 'probes', label: 'Probes' },
  { tab: 'events', label: 'Events' },
  { tab: 'scenario', label: 'Scenario' },
];

const MB = 1024 * 1024;
/** How often the live clock moves the page's trace on while nothing arrives. */
const LIVE_TICK_MS = 100;

function statusOf(
  state: LiveConnectionState,
  snap: LiveSnapshot | null,
  nowMs: number,
): { text: string; tone: StatusTone } {
  const where = snap?.url ? ` to ${snap.url}` : '';
  switch (state.status) {
    case 'idle':
      return { text: 'Not connected.', tone: 'idle' };
    case 'connecting':
      return { text: `Connecting${where}…`, tone: 'busy' };
    case 'connected': {
      const as = snap?.clientId ? ` as ${snap.clientId}` : '';
      const version = snap?.protocol === 5 ? ' (MQTT 5.0)' : snap?.protocol === 4 ? ' (MQTT 3.1.1)' : '';
      const refused =
        state.refusedFilters.length > 0
          ? ` The broker refused these subscriptions: ${state.refusedFilters.join(', ')}.`
          : '';
      return { text: `Connected${where}${as}${version}.${refused}`, tone: refused === '' ? 'ok' : 'problem' };
    }
    case 'reconnecting': {
      const inS = Math.max(0, Math.ceil((state.retryAtMs - nowMs) / 1000));
      return {
        text: `Connection lost (${state.lastError}). Reconnecting in ${inS} s (attempt ${state.attempt}); what was recorded is kept.`,
        tone: 'problem',
      };
    }
    case 'error':
      return { text: state.error.message, tone: 'problem' };
    case 'closed':
      return { text: 'Disconnected. What was recorded is kept.', tone: 'idle' };
  }
}

/** The `#live=` link the page was opened with, if it is for `url`. */
function linkFor(url: string | undefined): DeepLink | null {
  if (url === undefined || typeof location === 'undefined') return null;
  try {
    const link = parseLocationHash(location.hash);
    return link.live === url ? link : null;
  } catch {
    return null;
  }
}

export function LivePanel({ initialUrl, trace }: LivePanelProps) {
  const session = useLiveSession();
  const version = useThrottledVersion(session, 250);
  const [link] = useState(() => {
    const l = linkFor(initialUrl);
    // What a link carries replaces what the page had: its subscriptions and its traffic filter.
    const ui = useLiveUi.getState();
    if (l?.subs !== undefined) ui.setSubscriptions(l.subs);
    if (l !== null) ui.setFilter({ topic: l.filter ?? '', payload: l.payload ?? '' });
    return l;
  });
  const tab = useLiveUi((s) => s.tab);
  const setTab = useLiveUi((s) => s.setTab);
  const subscriptions = useLiveUi((s) => s.subscriptions);
  const filter = useLiveUi((s) => s.filter);
  // A link's view: a window that wide, kept on the live clock's edge until the user pans or zooms.
  const followSpan = useRef<number | null>(null);
  // The live trace's clock runs on while nothing arrives (deadline bands count down on screen).
  useEffect(() => {
    if (session === null) return;
    const timer = setInterval(() => {
      const now = session.now();
      trace.advanceTo(now);
      const span = followSpan.current;
      if (span === null) return;
      const vp = useViewport.getState();
      if (!vp.follow) followSpan.current = null;
      else if (Math.abs(vp.t1 - Math.max(span, now)) > LIVE_TICK_MS) {
        vp.setWindow(Math.max(0, now - span), Math.max(span, now));
        vp.setFollow(true);
      }
    }, LIVE_TICK_MS);
    return () => clearInterval(timer);
  }, [session, trace]);
  // Rates decay and countdowns run while nothing arrives: a slow tick keeps them honest.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const snap = session?.getSnapshot() ?? null;
  const nowMs = session?.now() ?? 0;
  const traffic = session?.traffic() ?? null;
  const state = snap?.connection ?? { status: 'idle' };
  const connected = state.status === 'connected';
  const protocol = snap?.protocol ?? 4;
  const [budgetEvents, setBudgetEvents] = useState('');
  const [budgetMb, setBudgetMb] = useState('');

  // The live bar's line, and what Copy link shares (the page's hash follows a working connection, so a
  // reload connects again).
  const status = statusOf(state, snap, nowMs);
  useEffect(() => {
    useLiveUi.getState().setStatus(status.text, status.tone);
  }, [status.text, status.tone]);
  const url = snap?.url ?? null;
  useEffect(() => {
    const share = url === null ? null : { url, subscriptions, filter };
    useLiveUi.getState().setShare(share);
    if (share !== null && connected && location.hash !== liveShareHash(share))
      history.replaceState(null, '', liveShareHash(share));
  }, [url, subscriptions, filter, connected]);

  const onConnected = (): void => {
    // A link's view: the width of its window, following the live clock from the start.
    const view = link?.view;
    if (view !== undefined) {
      followSpan.current = view[1] - view[0];
      const vp = useViewport.getState();
      vp.setWindow(0, followSpan.current);
      vp.setFollow(true);
    }
    if (useLiveUi.getState().tab === 'connection')
      setTab(isFilterOn(filter) || link !== null ? 'traffic' : 'subscriptions');
  };

  const count = (t: LiveTab): string => {
    if (t === 'subscriptions') return ` (${subscriptions.length})`;
    if (t === 'probes' && (snap?.probes.length ?? 0) > 0) return ` (${snap?.probes.length})`;
    if (t === 'traffic' && traffic !== null && traffic.total > 0)
      return ` (${traffic.total.toLocaleString('en')})`;
    return '';
  };

  return (
    <div className="live-panel">
      <div role="tablist" aria-label="Live controls" className="live-tabs">
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            id={`live-tab-${t.tab}`}
            aria-selected={tab === t.tab}
            aria-controls={`live-panel-${t.tab}`}
            tabIndex={tab === t.tab ? 0 : -1}
            onClick={() => setTab(t.tab)}
            onKeyDown={(e) => {
              const i = TABS.findIndex((x) => x.tab === tab);
              const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
              if (to === null) return;
              e.preventDefault();
              const next = TABS[(to + TABS.length) % TABS.length].tab;
              setTab(next);
              document.getElementById(`live-tab-${next}`)?.focus();
            }}
          >
            {t.label}
            {count(t.tab)}
          </button>
        ))}
      </div>
      <Panel tab="connection" active={tab}>
        <ConnectionForm
          trace={trace}
          {...(initialUrl !== undefined ? { initialUrl } : {})}
          autoConnect={initialUrl !== undefined}
          linkSubscriptions={link?.subs !== undefined}
          state={state}
          onConnected={onConnected}
        />
        {snap && (
          <div className="live-meta" aria-label="Live session">
            <p>
              Broker: {BROKER_NAMES[snap.brokerKind]}.{' '}
              <span data-testid="live-events-held">{snap.events}</span> events recorded (≈{' '}
              {(snap.bytes / MB).toFixed(1)} MB of {snap.budget.maxEvents.toLocaleString('en')} events /{' '}
              {Math.round(snap.budget.maxBytes / MB)} MB)
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
      </Panel>
      <Panel tab="subscriptions" active={tab}>
        <Subscriptions
          session={session}
          states={snap?.subscriptions ?? []}
          connected={connected}
          protocol={protocol}
        />
      </Panel>
      <Panel tab="publish" active={tab}>
        <PublishForm session={session} connected={connected} protocol={protocol} />
      </Panel>
      <Panel tab="traffic" active={tab}>
        {session && traffic ? (
          <TrafficView
            summary={traffic}
            version={version}
            timeline={snap?.timeline ?? null}
            onSelect={(topic) => session.selectTopic(topic)}
            onFilter={(f) => void session.setFilter(isFilterOn(f) ? f : null)}
          />
        ) : (
          <p className="hint">Connect to a broker: the messages on your subscriptions show here.</p>
        )}
      </Panel>
      <Panel tab="probes" active={tab}>
        <ProbeControls trace={trace} session={session} probes={snap?.probes ?? []} url={snap?.url ?? null} />
      </Panel>
      <Panel tab="events" active={tab}>
        <EventLog events={snap?.recent ?? []} />
      </Panel>
      <Panel tab="scenario" active={tab}>
        <ScenarioRun
          trace={trace}
          url={snap?.connection.status === 'connected' ? snap.url : null}
          brokerKind={snap?.brokerKind ?? 'unknown'}
        />
      </Panel>
    </div>
  );
}

/** A tab's panel: kept mounted while hidden (a run, a form's text and a probe list stay as they are). */
function Panel({ tab, active, children }: { tab: LiveTab; active: LiveTab; children: ReactNode }) {
  return (
    <div
      role="tabpanel"
      id={`live-panel-${tab}`}
      aria-labelledby={`live-tab-${tab}`}
      hidden={tab !== active}
      className="live-tabpanel"
    >
      {children}
    </div>
  );
}

export default LivePanel;
