// The live worker: the whole live session runs here, off the page's main thread, so a flood of
// messages (each one a WebSocket frame, parsed by mqtt.js, traced, counted) never takes the page's
// frames. The page gets trace events in batches (every 50 ms) and the state a few times a second.
import type { TraceEvent } from '../trace';
import { LiveConnectError } from './errors';
import type { FromWorker, ToWorker, WireError } from './protocol';
import { LiveSession } from './session';
import type { LiveTraceSink } from './types';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  close(): void;
}
const scope = self as unknown as WorkerScope;
const post = (m: FromWorker): void => scope.postMessage(m);

const BATCH_MS = 50;
const STATE_MS = 200;

const trace: LiveTraceSink = {
  begin: (header) => post({ type: 'begin', header }),
  append: (events: TraceEvent[]) => post({ type: 'append', events }),
  dropOldest: (count) => post({ type: 'drop', count }),
};

const session = new LiveSession({
  trace,
  scheduler: {
    request(callback) {
      const timer = setTimeout(callback, BATCH_MS);
      return () => clearTimeout(timer);
    },
  },
});

let selected: string | null = null;
let posted = -1;
let trafficVersion = -1;
let stateTimer: ReturnType<typeof setTimeout> | null = null;

function postState(): void {
  stateTimer = null;
  const snapshot = session.getSnapshot();
  if (snapshot.version === posted && session.traffic.version === trafficVersion) return;
  posted = snapshot.version;
  trafficVersion = session.traffic.version;
  const nowMs = session.clock.now();
  post({ type: 'state', snapshot, nowMs, traffic: session.trafficSummary(selected) });
}

function stateSoon(): void {
  stateTimer ??= setTimeout(postState, STATE_MS);
}

session.subscribe(stateSoon);
// Rates decay while nothing arrives: refresh now and then anyway.
setInterval(() => {
  trafficVersion = -1;
  stateSoon();
}, 1000);

function wireError(err: unknown): WireError {
  if (err instanceof LiveConnectError) {
    return {
      message: err.message,
      code: err.code,
      ...(err.field !== undefined ? { field: err.field } : {}),
      ...(err.connackCode !== undefined ? { connackCode: err.connackCode } : {}),
    };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

async function handle(m: ToWorker): Promise<void> {
  switch (m.type) {
    case 'connect':
      return session.connect(m.options, m.subscriptions);
    case 'disconnect':
      return session.disconnect();
    case 'subscribe':
      return session.addSubscription(m.subscription);
    case 'unsubscribe':
      return session.removeSubscription(m.filter);
    case 'publish':
      return session.publish(m.message);
    case 'filter':
      session.setFilter(m.filter);
      trafficVersion = -1;
      return;
    case 'startProbe':
      await session.startProbe(m.options);
      return;
    case 'probeAction':
      await session.probeAction(m.key, m.action);
      return;
    case 'removeProbe':
      session.removeProbe(m.key);
      return;
    case 'setBudget':
      session.setBudget(m.budget);
      return;
    case 'select':
      selected = m.topic;
      trafficVersion = -1;
      postState();
      return;
    case 'dispose':
      await session.dispose();
      return;
  }
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  handle(m).then(
    () => {
      post({ type: 'reply', id: m.id });
      stateSoon();
    },
    (err: unknown) => {
      post({ type: 'reply', id: m.id, error: wireError(err) });
      stateSoon();
    },
  );
};
