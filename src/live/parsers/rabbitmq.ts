// RabbitMQ 3.10's own log, as an MQTT subscriber receives it (verified against RabbitMQ 3.10.8:
// tests/fixtures/rabbitmq-3.10/). With `log.exchange = true` RabbitMQ publishes every log event to the
// topic exchange `amq.rabbitmq.log`, routing key = the level; an exchange-to-exchange binding from it to
// `amq.topic` (routing key `#`) hands it to the MQTT plugin, whose subscribers see topics `info`,
// `warning`, `error`, `debug`. One message is one log event, formatted as text:
//   2026-12-07 06:58:05.292616+00:00 [info] <0.775.0> accepting MQTT connection <0.775.0> (127.0.0.1:44302 -> 127.0.0.1:46573, client id: ka-1)
// and every further line of a multi-line event repeats the same `<time> [level] <pid> ` header. The
// pid is the connection's own process: it names the connection in every later line, which mostly
// carry only the address pair ("conn"), never the client ID. The lines of interest (3.10.8's
// rabbit_mqtt_reader, rabbit_mqtt_processor, rabbit_web_mqtt_handler):
//   info    accepting MQTT connection <pid> (<conn>, client id: <id>)
//   info    closing MQTT connection <pid> (<conn>)                          (after DISCONNECT)
//   info    MQTT connection "<conn>" will terminate because peer closed TCP connection
//   info    MQTT detected network error for "<conn>": <reason>
//   error   closing MQTT connection "<conn>" (keepalive timeout)
//   error   MQTT connection <conn> is closing due to an authorization failure
//   warning MQTT disconnecting client "<conn>" with duplicate id '<id>'     (logged by the old one)
//   info    accepting Web MQTT connection <pid> (<conn>)                    (no client ID)
//   info    closing Web MQTT connection <pid> (<conn>)                      (any end, DISCONNECT or not)
//   error   closing Web MQTT connection "<conn>" (keepalive timeout)
//   warning Web MQTT disconnecting a client with duplicate ID '<id>' ("<conn>")
//   debug   Received a CONNECT, client ID: "<id>" (expanded to "<id>"), username: …, clean session: true, protocol version: 4, keepalive: 2
//   debug   Received a DISCONNECT
// Only `log.exchange.level = debug` reveals keep alive, clean session and the IDs of Web MQTT clients.
// No level reveals whether a client has a will, or when it last sent a packet (PUBLISH is not logged).
//
// These topics are ordinary topics: any client allowed to publish on `info` can spell a line (docs:
// deny it with a topic permission). A message is read only when its topic is its level, every line
// carries the same header, and the message matches a known pattern from its first character to its
// last; client IDs (which may hold `)`, quotes, line breaks) sit where the pattern ends, or inside
// Erlang's escaped quotes.
import type { ConnectedReport, BrokerReport, ParsedMessage } from './report';

/** The levels RabbitMQ logs MQTT connections at: the topics live mode subscribes to. */
export const RABBITMQ_LOG_FILTERS = ['info', 'warning', 'error', 'debug'];

const LEVELS = new Set(['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency']);

/** A topic RabbitMQ's log events come on (a level). */
export const isRabbitmqLogTopic = (topic: string): boolean => LEVELS.has(topic);

const HEADER = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d+[+-]\d\d:\d\d) \[([a-z]+)\] (<\d+\.\d+\.\d+>) /;

/** Connections remembered at once (a broker may serve many; the oldest are forgotten first). */
const MAX_CONNECTIONS = 10_000;

interface Connection {
  transport: 'tcp' | 'websockets';
  address?: string;
  clientId?: string;
  keepAlive?: number;
  cleanStart?: boolean;
  protocol?: 3 | 4;
  /** The broker logged "Received a DISCONNECT" for it (debug). */
  disconnectReceived?: boolean;
  /** Its "connected" report went out. */
  reported?: boolean;
}

/** An Erlang `~p` string: `"…"` with backslash escapes, or `[]` for the empty one. */
const ERLANG_STRING = String.raw`"(?:[^"\\]|\\.)*"|\[\]`;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

function erlangString(text: string): string | undefined {
  if (text === '[]') return '';
  let ok = true;
  const out = text.slice(1, -1).replace(/\\(.)/gs, (_, c: string) => {
    const v = ESCAPES[c];
    if (v === undefined) ok = false;
    return v ?? '';
  });
  return ok ? out : undefined;
}

const CONNECT_LINE = new RegExp(
  String.raw`^Received a CONNECT, client ID: (?:${ERLANG_STRING}) \(expanded to (${ERLANG_STRING})\), ` +
    String.raw`username: (?:undefined|<<${ERLANG_STRING}>>|<<[\d,]*>>), clean session: (true|false), ` +
    String.raw`protocol version: (\d+), keepalive: (\d+)$`,
  's',
);

type Read = (m: RegExpExecArray, pid: string, p: RabbitmqLogParser) => BrokerReport[];

interface LineRule {
  level: string;
  re: RegExp;
  read: Read;
}

// `s`: a client ID may hold line breaks. A conn (`a -> b`) has no spaces or quotes but its arrow.
const CONN = String.raw`(\S+ -> \S+)`;

const RULES: LineRule[] = [
  {
    level: 'debug',
    re: CONNECT_LINE,
    read(m, pid, p) {
      const c = p.connection(pid, 'tcp');
      const version = Number(m[3]);
      c.keepAlive = Number(m[4]);
      c.cleanStart = m[2] === 'true';
      if (version === 3 || version === 4) c.protocol = version;
      // A Web MQTT connection's only client ID is this one.
      if (c.transport === 'websockets') c.clientId ??= erlangString(m[1]);
      return c.transport === 'websockets' ? p.connected(pid) : [];
    },
  },
  {
    level: 'debug',
    re: /^Received a DISCONNECT$/,
    read(_m, pid, p) {
      const c = p.known(pid);
      if (c) c.disconnectReceived = true;
      return [];
    },
  },
  {
    level: 'info',
    re: new RegExp(String.raw`^accepting MQTT connection (<[\d.]+>) \(${CONN}, client id: (.*)\)$`, 's'),
    read(m, pid, p) {
      if (m[1] !== pid) return [];
      const c = p.connection(pid, 'tcp');
      c.address = m[2].split(' -> ')[0];
      c.clientId = m[3];
      return p.connected(pid);
    },
  },
  {
    level: 'info',
    re: new RegExp(String.raw`^accepting Web MQTT connection (<[\d.]+>) \(${CONN}\)$`),
    read(m, pid, p) {
      if (m[1] !== pid) return [];
      const c = p.connection(pid, 'websockets');
      c.address = m[2].split(' -> ')[0];
      return [];
    },
  },
  {
    level: 'info',
    re: new RegExp(String.raw`^closing (?:Web )?MQTT connection (<[\d.]+>) \(${CONN}\)$`),
    read(m, pid, p) {
      if (m[1] !== pid) return [];
      const c = p.known(pid);
      // TCP: logged only after a DISCONNECT. Web MQTT: logged at every end, so only a DISCONNECT
      // seen at debug level says which.
      const polite = c?.transport === 'tcp' || c?.disconnectReceived === true;
      return p.closed(pid, polite ? { reason: 'client-disconnect' } : {}, 'closing connection');
    },
  },
  {
    level: 'info',
    re: new RegExp(String.raw`^MQTT connection "${CONN}" will terminate because peer closed TCP connection$`),
    read: (_m, pid, p) => p.closed(pid, { reason: 'network-error' }, 'peer closed TCP connection'),
  },
  {
    level: 'info',
    re: new RegExp(String.raw`^MQTT detected network error for "${CONN}": (.*)$`, 's'),
    read: (_m, pid, p) => p.closed(pid, { reason: 'network-error' }, 'network error'),
  },
  {
    // A publish the topic permissions refuse (e.g. a client spelling a log line on `info`) ends it.
    level: 'error',
    re: new RegExp(
      String.raw`^MQTT connection ${CONN} is closing due to an (authorization|authentication) failure$`,
    ),
    read: (m, pid, p) => p.closed(pid, {}, `${m[2]} failure`),
  },
  {
    level: 'error',
    re: new RegExp(String.raw`^closing (?:Web )?MQTT connection "${CONN}" \(keepalive timeout\)$`),
    read(_m, pid, p) {
      const c = p.forget(pid);
      if (c?.clientId === undefined || !c.reported) return [];
      return [
        {
          kind: 'timeout',
          clientId: c.clientId,
          brokerConn: p.key(pid),
          brokerReason: 'keepalive timeout',
          ...(c.keepAlive !== undefined ? { keepAlive: c.keepAlive } : {}),
        },
      ];
    },
  },
  {
    level: 'warning',
    re: new RegExp(String.raw`^MQTT disconnecting client "${CONN}" with duplicate id '(.*)'$`, 's'),
    read(m, pid, p) {
      const c = p.forget(pid);
      // The ID in the line must be the one this connection came with.
      if (c?.clientId === undefined || c.clientId !== m[2] || !c.reported) return [];
      return [
        { kind: 'takeover', clientId: c.clientId, brokerConn: p.key(pid), brokerReason: 'duplicate id' },
      ];
    },
  },
  {
    level: 'warning',
    re: new RegExp(String.raw`^Web MQTT disconnecting a client with duplicate ID '(.*)' \("${CONN}"\)$`, 's'),
    read(m, pid, p) {
      const c = p.forget(pid);
      if (c?.clientId === undefined || c.clientId !== m[1] || !c.reported) return [];
      return [
        { kind: 'takeover', clientId: c.clientId, brokerConn: p.key(pid), brokerReason: 'duplicate id' },
      ];
    },
  },
];

/** The header every line of one log event starts with, and the event's message (its lines joined). */
export function splitLogEvent(
  payload: string,
): { level: string; pid: string; time: number | undefined; message: string } | null {
  if (!payload.endsWith('\n')) return null;
  const h = HEADER.exec(payload);
  if (!h || !LEVELS.has(h[3])) return null;
  const header = h[0];
  const lines = payload.slice(0, -1).split('\n');
  if (!lines.every((l) => l.startsWith(header))) return null;
  const time = Date.parse(`${h[1]}T${h[2]}`);
  return {
    level: h[3],
    pid: h[4],
    time: Number.isFinite(time) ? time : undefined,
    message: lines.map((l) => l.slice(header.length)).join('\n'),
  };
}

/**
 * Reads one RabbitMQ node's log events. It keeps what earlier lines said about each connection process
 * (its client ID, and at debug level its keep alive), since later lines name only the process.
 */
export class RabbitmqLogParser {
  private readonly connections = new Map<string, Connection>();

  /** The broker's key of a connection process (kept apart from other brokers' keys). */
  key(pid: string): string {
    return `rabbitmq ${pid}`;
  }

  known(pid: string): Connection | undefined {
    return this.connections.get(pid);
  }

  connection(pid: string, transport: Connection['transport']): Connection {
    let c = this.connections.get(pid);
    if (!c) {
      c = { transport };
      this.connections.set(pid, c);
      if (this.connections.size > MAX_CONNECTIONS) {
        const oldest = this.connections.keys().next();
        if (!oldest.done) this.connections.delete(oldest.value);
      }
    }
    return c;
  }

  forget(pid: string): Connection | undefined {
    const c = this.connections.get(pid);
    this.connections.delete(pid);
    return c;
  }

  /** The "connected" report of a connection whose client ID is known (once). */
  connected(pid: string): BrokerReport[] {
    const c = this.connections.get(pid);
    if (!c || c.clientId === undefined || c.reported) return [];
    c.reported = true;
    const r: ConnectedReport = { kind: 'connected', clientId: c.clientId, brokerConn: this.key(pid) };
    if (c.protocol !== undefined) r.protocol = c.protocol;
    if (c.cleanStart !== undefined) r.cleanStart = c.cleanStart;
    if (c.keepAlive !== undefined) r.keepAlive = c.keepAlive;
    if (c.address !== undefined) r.address = c.address;
    r.transport = c.transport;
    return [r];
  }

  /** The close of a connection reported open before; nothing for one the page never saw named. */
  closed(pid: string, why: { reason?: 'client-disconnect' | 'network-error' }, said: string): BrokerReport[] {
    const c = this.forget(pid);
    if (c?.clientId === undefined || !c.reported) return [];
    return [
      { kind: 'disconnected', clientId: c.clientId, brokerConn: this.key(pid), brokerReason: said, ...why },
    ];
  }

  /** Reports in one log event published with routing key (topic) `topic`. */
  parseEvent(topic: string, payload: string): BrokerReport[] | null {
    const e = splitLogEvent(payload);
    if (!e || e.level !== topic) return null;
    for (const rule of RULES) {
      if (rule.level !== e.level) continue;
      const m = rule.re.exec(e.message);
      if (!m) continue;
      const reports = rule.read(m, e.pid, this);
      if (e.time !== undefined) for (const r of reports) r.brokerTime = e.time;
      return reports;
    }
    return [];
  }

  /** A message on a level topic, or null when it is not a RabbitMQ log event. */
  parse(topic: string, payload: string): ParsedMessage | null {
    if (!isRabbitmqLogTopic(topic)) return null;
    const reports = this.parseEvent(topic, payload);
    return reports === null ? null : { broker: 'rabbitmq', reports };
  }
}
