// Plays a scenario for real, in real time, against a real broker: every scenario client (and clone) a
// real mqtt.js connection (probe.ts), every action done for real (device.ts, and the connector's gate),
// the broker's event topics read by the runner's watcher (watcher.ts) through live mode's parsers. The
// result is a trace in the one trace format, header `source: "live"` with the scenario and `startedAt`.
// Environment-neutral: the connections come from a Connector (link.ts) — Node's (run.ts,
// nodeConnector.ts) or the page's (browser/).
import { BrokerEvents } from '../live/brokerEvents';
import { traceMs } from '../base/time';
import { createLiveClock } from '../live/clock';
import { ConnRegistry } from '../live/conns';
import { Random } from '../sim/engine/random';
import type { ResolvedEvent, ResolvedScenario, Scenario } from '../scenario/types';
import { maskPasswords } from '../scenario/credentials';
import { resolveScenario } from '../scenario/validate';
import { CountingSink } from '../trace/counters';
import { formatEvent, formatHeader } from '../trace/format';
import type { TraceEvent, TraceHeader } from '../trace/types';
import { validateEvent } from '../trace/validate';
import type { TraceSummary } from '../trace/counters';
import type { RunContext } from './context';
import { RealDevice } from './device';
import type { Connector } from './link';
import type { Probe } from './probe';
import { Scheduler } from './scheduler';
import { targetsOfClients, TransportError, type TransportTargets } from './transports';
import { Watcher } from './watcher';

/** Scenarios longer than this need `--yes`: they keep real connections open for that long. */
export const LONG_RUN_MS = 180_000;
/** Scenarios with more clients than this need `--yes`: each is a real connection to the broker. */
export const MANY_CLIENTS = 500;

export class RealRunError extends Error {}

/** Restarts a broker the caller started itself (tests); the runner never restarts anyone else's. */
export interface BrokerControl {
  /** Stops the broker (every connection closes), waits `downMs`, starts it again on the same address. */
  restart(downMs: number): Promise<void>;
}

export interface PlayOptions {
  scenario: Scenario;
  /** The run's target: the watcher's connection, and every client's when `connectors` is not given. */
  connector: Connector;
  /**
   * One target per transport (the same broker over TCP and over WebSocket): each client goes to its
   * transport's (transports.ts). Default: `connector` alone, for every client that did not set one.
   */
  connectors?: TransportTargets<Connector>;
  /** How messages name the target (default its URL; the command line says `--against URL`). */
  targetLabel?: string;
  /** Receives the trace, one whole line (with "\n") per call, header first. */
  write?(line: string): void;
  /** Receives the header and then each event as written (the parsed line: what a reader would get). */
  header?(header: TraceHeader): void;
  event?(event: TraceEvent): void;
  /** Given only when the caller started the broker: enables `broker-restart`. */
  broker?: BrokerControl;
  /** Allows long or large scenarios. */
  yes?: boolean;
  /** Ends the run early (the trace stays valid, just shorter). */
  signal?: AbortSignal;
  /** How long to wait for the broker at the start, ms. Default 10 000. */
  connectTimeoutMs?: number;
}

export interface PlaySummary {
  scenario: ResolvedScenario;
  /** The target's URL. */
  url: string;
  startedAt: string;
  /** Trace time reached, ms. */
  ranMs: number;
  aborted: boolean;
  trace: TraceSummary;
  /** Events the broker reports produced that did not fit the trace format (left out). */
  rejected: { count: number; first: string | null };
}

/** Checks what can be checked before connecting; throws RealRunError with a message for the user. */
export function checkRealRun(
  scenario: ResolvedScenario,
  options: { yes?: boolean; broker?: BrokerControl },
): void {
  if (scenario.durationMs > LONG_RUN_MS && !options.yes) {
    throw new RealRunError(
      `this scenario runs ${Math.round(scenario.durationMs / 1000)} s in real time with real connections; pass --yes to run it anyway`,
    );
  }
  if (scenario.clients.length > MANY_CLIENTS && !options.yes) {
    throw new RealRunError(
      `this scenario opens ${scenario.clients.length} real connections to the broker; pass --yes to run it anyway`,
    );
  }
  const restart = scenario.events.find((e) => e.do === 'broker-restart');
  if (restart !== undefined && options.broker === undefined) {
    throw new RealRunError(
      `events: "broker-restart" at ${restart.atMs} ms needs a broker the runner started itself; ` +
        'it never restarts a broker it was pointed at — remove the event to run this scenario against that broker',
    );
  }
}

export async function playScenario(options: PlayOptions): Promise<PlaySummary> {
  const scenario = resolveScenario(options.scenario);
  checkRealRun(scenario, options);
  const connector = options.connector;
  const write = options.write ?? (() => {});
  let connectorOf: Connector[];
  try {
    connectorOf = targetsOfClients(
      options.scenario,
      options.connectors ?? { [connector.transport === 'tcp' ? 'tcp' : 'ws']: connector },
    );
  } catch (err) {
    if (err instanceof TransportError) throw new RealRunError(err.message);
    throw err;
  }

  const willTopics = [...new Set(scenario.clients.flatMap((c) => (c.will ? [c.will.topic] : [])))];
  let onBrokerMessage: (topic: string, payload: Uint8Array) => void = () => {};
  const watcher = new Watcher({
    connector,
    topics: willTopics,
    onMessage: (topic, payload) => onBrokerMessage(topic, payload),
    timeoutMs: options.connectTimeoutMs,
    login: watcherLogin(scenario),
  });
  try {
    await watcher.start();
  } catch (err) {
    throw new RealRunError(
      `${options.targetLabel ?? connector.url}: cannot connect (${(err as Error).message})`,
    );
  }

  const clock = createLiveClock();
  const header: TraceHeader = {
    trace: 1,
    source: 'live',
    // A password goes to the broker in CONNECT, never into the trace.
    scenario: maskPasswords(options.scenario),
    startedAt: clock.startedAt,
  };
  write(formatHeader(header) + '\n');
  options.header?.(header);
  const counts = new CountingSink();
  const rejected = { count: 0, first: null as string | null };
  let lastT = 0;
  let lineNo = 1;
  let finished = false;
  let restarting = false;

  // Only the scenario's clients: a broker's log also tells of every other client it serves.
  const ids = new Set(scenario.clients.map((c) => c.id));
  const emit = (e: TraceEvent): void => {
    if (finished) return;
    if ('client' in e && !ids.has(e.client)) return;
    if (e.t < lastT) e.t = lastT;
    if (e.kind === 'timeout' && (e as Partial<typeof e>).lastActivity === undefined) {
      // A broker's timeout report without a time (Mosquitto's log): for the runner's own connection the
      // last packet that reached the broker is known — the probe's last send that got through.
      const lane = registry.get(e.conn);
      if (lane?.local === 'probe' && lane.lastSent !== undefined) {
        Object.assign(e, { lastActivity: lane.lastSent, lastActivityFrom: 'probe' });
      }
    }
    const line = formatEvent(e);
    let parsed: TraceEvent;
    try {
      parsed = JSON.parse(line) as TraceEvent;
      validateEvent(parsed, ++lineNo, lastT);
    } catch (err) {
      lineNo--;
      rejected.count++;
      rejected.first ??= `${(err as Error).message}: ${line}`;
      return;
    }
    lastT = e.t;
    if (e.kind === 'packet') counts.packet(e.t, e.dir, e.client, e.conn, e.type, e.arrive, null);
    else counts.event(e);
    write(line + '\n');
    options.event?.(parsed);
  };

  const registry = new ConnRegistry();
  const brokerEvents = new BrokerEvents({ registry, now: clock.now, emit });
  onBrokerMessage = (topic, payload) => {
    if (!finished) brokerEvents.onMessage(topic, payload);
  };

  const devices: RealDevice[] = [];
  const byId = new Map<string, RealDevice>();
  const probesById = new Map<string, Probe[]>();
  const ctx: RunContext = {
    connector,
    registry,
    get finished() {
      return finished;
    },
    get brokerRestarting() {
      return restarting;
    },
    now: clock.now,
    emit,
    probeOpened: (probe) => {
      const list = probesById.get(probe.settings.clientId) ?? [];
      list.push(probe);
      probesById.set(probe.settings.clientId, list);
    },
    newerConnect: (probe, since) =>
      (probesById.get(probe.settings.clientId) ?? []).some(
        (p) => p !== probe && p.connectAt >= since && p.connectAt >= probe.connectAt,
      ),
  };
  // The live clock counts wall ms from the run's start: the run's trace time.
  const scheduler = new Scheduler(() => traceMs(clock.now()));
  const random = new Random(scenario.seed);
  const addDevice = (
    spec: ResolvedScenario['clients'][number],
    isClone: boolean,
    target: Connector,
  ): RealDevice => {
    const device = new RealDevice(devices.length, spec, isClone, target, ctx, scheduler, random);
    devices.push(device);
    if (!isClone) byId.set(spec.id, device);
    device.start();
    return device;
  };

  const act = (event: ResolvedEvent): void => {
    emit({
      t: clock.now(),
      kind: 'fault',
      target: event.client ?? 'broker',
      fault: event.do,
      source: 'probe',
    });
    if (event.do === 'broker-restart') {
      const control = options.broker;
      if (control === undefined || restarting) return;
      restarting = true;
      control.restart(event.downMs).finally(() => {
        // Closes seen shortly after the broker is back still belong to the restart.
        scheduler.after(1000, () => (restarting = false));
      });
      return;
    }
    const device = event.client === null ? undefined : byId.get(event.client);
    if (device === undefined) return;
    if (event.do === 'clone') addDevice(device.spec, true, device.connector);
    else device.act(event);
  };

  scenario.clients.forEach((spec, i) => addDevice(spec, false, connectorOf[i]));
  for (const event of scenario.events) scheduler.at(traceMs(event.atMs), () => act(event));

  let aborted = false;
  await new Promise<void>((resolve) => {
    scheduler.at(traceMs(scenario.durationMs), resolve);
    const signal = options.signal;
    if (signal) {
      if (signal.aborted) {
        aborted = true;
        resolve();
      } else {
        signal.addEventListener(
          'abort',
          () => {
            aborted = true;
            resolve();
          },
          { once: true },
        );
      }
    }
  });

  const ranMs = clock.now();
  finished = true;
  scheduler.stop();
  for (const d of devices) d.shutdown();
  await watcher.stop();
  // Let the sockets close before the caller stops the broker or exits.
  await new Promise((r) => setTimeout(r, 50));
  return {
    scenario,
    url: connector.url,
    startedAt: clock.startedAt,
    ranMs,
    aborted,
    trace: counts.summary(),
    rejected,
  };
}

/**
 * The watcher logs in with the address's user name and password when it has them (the connector adds
 * them); else as the first client with a user name: a broker that wants one (ejabberd) lets it in too.
 */
function watcherLogin(scenario: ResolvedScenario): { username: string; password: string | null } | null {
  const client = scenario.clients.find((c) => c.username !== null);
  return client?.username == null ? null : { username: client.username, password: client.password };
}
