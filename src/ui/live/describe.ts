// One line of text per non-packet live event, for the event log (plain text: rendered as React text).
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
      return `${e.target}: ${typeof r.probeAction === 'string' ? r.probeAction : e.fault}`;
    case 'session':
      return `${e.client}: session ${e.state}`;
    case 'packet':
      return `${e.client} #${e.conn}: ${e.type} ${e.dir === 'c2b' ? '→ broker' : '← broker'}`;
  }
}
