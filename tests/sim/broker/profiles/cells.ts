// The experiments behind the broker-profile tables (docs/brokers.md): a
// client that falls silent (detection window, what happens on timeout) and a client-ID clash (the
// old connection's will, what the old client sees). Each profile's test file reads the outcome.

import type { BrokerProfileName, ClientSpec, ProtocolLevel, WillSpec } from '../../../../src/scenario/types';
import type { TimeoutEvent } from '../../../../src/trace/types';
import { run, scenario, type Trace } from '../../helpers';

export const will = (extra: Partial<WillSpec> = {}): WillSpec => ({
  topic: 'status/dev',
  payload: 'offline',
  qos: 1,
  retain: false,
  ...extra,
});

export interface Silence {
  trace: Trace;
  timeout: TimeoutEvent;
  /** ms from the last packet the broker received to the timeout. */
  detection: number;
  /** When the broker accepted the CONNECT. */
  connectedAt: number;
}

export interface SilenceOptions {
  protocol?: ProtocolLevel;
  /** When the device loses power (nothing is sent after). */
  offAt: number;
  seed?: number;
  latencyMs?: number;
  jitterMs?: number;
  client?: Partial<ClientSpec>;
}

/** A device `dev` with keep alive K loses power at `offAt`; the broker must find out by itself. */
export function silence(profile: BrokerProfileName, keepAlive: number, o: SilenceOptions): Silence {
  const trace = run(
    scenario([{ id: 'dev', keepAlive, will: will(), ...o.client }], {
      profile,
      protocol: o.protocol ?? 4,
      seed: o.seed ?? 1,
      latencyMs: o.latencyMs ?? 10,
      jitterMs: o.jitterMs ?? 0,
      durationMs: o.offAt + keepAlive * 4000 + 20_000,
      events: [{ atMs: o.offAt, client: 'dev', do: 'power-off' }],
    }),
  );
  const timeout = trace.brokerTimeout('dev');
  // The timeout's last activity is the arrival of the last packet the broker received.
  const [conn] = trace.connIds('dev');
  if (timeout.lastActivity !== trace.lastArrivalAtBroker(conn, timeout.t)) {
    throw new Error(`lastActivity ${timeout.lastActivity} is not the last arrival on conn ${conn}`);
  }
  const connectedAt = trace.conns({ conn, side: 'broker', state: 'open' })[0].t;
  return { trace, timeout, detection: timeout.t - timeout.lastActivity, connectedAt };
}

export interface Clash {
  trace: Trace;
  oldConn: number;
  newConn: number;
}

/**
 * `dev` (with will) is connected when a second device with the same client ID and the same settings
 * connects at 3 s (`clone`): the broker takes the ID over. Both devices are alive, so the old one
 * shows what it is told.
 */
export function clash(
  profile: BrokerProfileName,
  protocol: ProtocolLevel,
  client: Partial<ClientSpec> = {},
): Clash {
  const trace = run(
    scenario([{ id: 'dev', keepAlive: 20, will: will(), ...client }], {
      profile,
      protocol,
      durationMs: 20_000,
      events: [{ atMs: 3000, client: 'dev', do: 'clone' }],
    }),
  );
  const [oldConn, newConn] = trace.connIds('dev');
  return { trace, oldConn, newConn };
}

/** What the old client of a clash saw: the DISCONNECT reason code it got (or null) and its close reason. */
export function oldClientSees(c: Clash): { disconnect: number | null; reason: string } {
  const disconnect = c.trace.packets({ conn: c.oldConn, dir: 'b2c', type: 'DISCONNECT' });
  const close = c.trace.closes('client', 'dev').find((e) => e.conn === c.oldConn);
  if (close === undefined) throw new Error('the old client never closed');
  return {
    disconnect: disconnect.length === 0 ? null : (disconnect[0].reasonCode ?? null),
    reason: close.reason,
  };
}
