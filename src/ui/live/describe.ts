// One line of text per non-packet live event, for the event log, and a probe's state in words (plain
// text: rendered as React text).
import type { ProbeInfo } from '../../live/session';
import type { TraceEvent } from '../../trace';

const SOURCE_TEXT: Record<string, string> = {
  'mosquitto-log': 'Mosquitto log',
  'emqx-event': 'EMQX event',
  embedded: 'embedded broker',
  live: 'broker',
  probe: 'probe',
  self: 'this page',
};

export function sourceText(source: string | undefined): string {
  return source === undefined ? '' : (SOURCE_TEXT[source] ?? source);
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function describeEvent(e: TraceEvent): string {
  const r = e as unknown as Record<string, unknown>;
  switch (e.kind) {
    case 'conn': {
      const who = e.side === 'broker' ? 'broker' : 'client';
      const reason = r.reason === undefined ? '' : ` (${String(r.reason)})`;
      return `${e.client} #${e.conn}: ${e.state === 'open' ? 'connected' : 'closed'} — seen by the ${who}${reason}`;
    }
    case 'timeout': {
      const k = r.keepAlive === undefined ? '' : ` K = ${String(r.keepAlive)} s`;
      const idle =
        typeof r.lastActivity === 'number'
          ? `, silent ${((e.t - (r.lastActivity as number)) / 1000).toFixed(1)} s`
          : '';
      const inferred = r.inferred ? ' (concluded: silenced probe dropped by the broker)' : '';
      return `${e.client} #${e.conn}: keep-alive timeout at the ${e.side}${k}${idle}${inferred}`;
    }
    case 'will': {
      const cause = r.cause === undefined ? '' : ` — cause ${String(r.cause)}`;
      return `${e.client} #${e.conn}: will published on ${e.topic} (QoS ${e.qos}${e.retain ? ', retained' : ''})${cause}`;
    }
    case 'takeover':
      return `${e.client}: take-over, connection #${e.oldConn} replaced by #${e.newConn}`;
    case 'fault':
      if (e.fault === 'connect' && typeof r.attempt === 'number' && typeof r.backoffMs === 'number')
        return `${e.target}: reconnect, attempt ${r.attempt} after a backoff of ${seconds(r.backoffMs)}`;
      return `${e.target}: ${typeof r.probeAction === 'string' ? r.probeAction : e.fault}`;
    case 'session':
      return `${e.client}: session ${e.state}`;
    case 'packet':
      return `${e.client} #${e.conn}: ${e.type} ${e.dir === 'c2b' ? '→ broker' : '← broker'}`;
  }
}

/** Why a connection ended, in words, by the trace's reason. */
const CLOSED_BY: Record<string, string> = {
  'keepalive-timeout': 'timed out by the broker: nothing came for 1.5 × keep alive',
  takeover: 'taken over: another connection came with the same client ID',
  'client-disconnect': 'disconnected (DISCONNECT sent)',
  'disconnect-with-will': 'disconnected with its will (DISCONNECT 0x04)',
  'server-shutdown': 'the broker shut down',
  'protocol-error': 'closed by the broker for a protocol error',
  'ping-timeout': 'no PINGRESP came in time: the client gave up',
  'session-expired': 'its session expired',
};

/**
 * A probe's state in words. A closed probe says why, as the broker told it where it did (a timeout or a
 * take-over reported on its event topics, an MQTT 5 DISCONNECT's reason code), else as the page saw it.
 */
export function probeStatusText(p: ProbeInfo): string {
  const s = p.state;
  const conn = s.lane ? ` #${s.lane.conn}` : '';
  switch (s.status) {
    case 'connecting':
      return 'connecting…';
    case 'connected':
      return `connected${conn}`;
    case 'silenced':
      return `silenced${conn} — waiting for the broker to notice`;
    case 'closed': {
      // The lane's reason is the best known: the broker's report wins over the page's own view.
      const reason = s.lane?.closeReason ?? s.detail;
      if (reason === undefined) return `closed${conn}`;
      if (reason === 'network-error')
        return s.lane?.closeReason === 'network-error'
          ? `crashed${conn} — its socket closed without DISCONNECT`
          : `closed${conn} — the broker closed the socket without saying why`;
      return `closed${conn} — ${CLOSED_BY[reason] ?? reason}`;
    }
    case 'error':
      return `error: ${s.detail ?? ''}`;
  }
}
