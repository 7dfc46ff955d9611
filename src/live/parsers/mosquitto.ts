// Mosquitto's log lines, as `log_dest topic` publishes them on `$SYS/broker/log/<level>` (verified
// against Mosquitto 2.0.11: tests/fixtures/mosquitto-2.0.11/). The lines of interest:
//   New connection from 127.0.0.1:44774 on port 45517.        (TCP only: a WebSocket has no such line)
//   New client connected from 127.0.0.1:44774 as ka-1 (p2, c1, k2).   (optionally `, u'user'`)
//   Client ka-1 has exceeded timeout, disconnecting.          (TCP only: 2.0.11 logs nothing for a
//                                                              WebSocket client's timeout but the close)
//   Client to-1 already connected, closing old connection.    (level E; precedes the new "connected")
//   Client x closed its connection.                           (socket closed, either side, no DISCONNECT)
//   Client x disconnected.                                    (DISCONNECT received, any reason code)
//   Expiring client x due to timeout.                         (session expired)
// Each line starts with a timestamp: epoch seconds (`1700000000: `) by default, or whatever
// `log_timestamp_format` makes of it (`2026-11-25T13:46:33: `). Unknown lines yield no report.
import type { BrokerReport, ParsedMessage } from './report';

export const MOSQUITTO_LOG_PREFIX = '$SYS/broker/log/';
export const MOSQUITTO_LOG_FILTER = '$SYS/broker/log/#';

type LineRule = (m: RegExpExecArray, ctx: MosquittoLogParser) => BrokerReport[];

const protocolOf = (p: string): 3 | 4 | 5 | undefined =>
  p === '1' ? 3 : p === '2' ? 4 : p === '5' ? 5 : undefined;

const RULES: [RegExp, LineRule][] = [
  [
    /^New connection from (.+) on port (\d+)\.$/,
    (m, ctx) => {
      ctx.rememberTcp(m[1]);
      return [];
    },
  ],
  [
    /^New client connected from (.+) as (.*) \(p(\d+), c([01]), k(\d+)(?:, u'(.*)')?\)\.$/,
    (m, ctx) => {
      const protocol = protocolOf(m[3]);
      return [
        {
          kind: 'connected',
          clientId: m[2],
          address: m[1],
          ...(protocol !== undefined ? { protocol } : {}),
          cleanStart: m[4] === '1',
          keepAlive: Number(m[5]),
          ...(m[6] !== undefined ? { username: m[6] } : {}),
          transport: ctx.takeTcp(m[1]) ? 'tcp' : 'websockets',
        },
      ];
    },
  ],
  [/^Client (.*) has exceeded timeout, disconnecting\.$/, (m) => [{ kind: 'timeout', clientId: m[1] }]],
  [
    /^Client (.*) already connected, closing old connection\.$/,
    (m) => [{ kind: 'takeover', clientId: m[1] }],
  ],
  [
    /^Client (.*) closed its connection\.$/,
    (m) => [{ kind: 'disconnected', clientId: m[1], brokerReason: 'closed its connection' }],
  ],
  [
    /^Client (.*) disconnected\.$/,
    (m) => [
      { kind: 'disconnected', clientId: m[1], reason: 'client-disconnect', brokerReason: 'disconnected' },
    ],
  ],
  [
    /^Client (.*) disconnected due to protocol error\.$/,
    (m) => [
      { kind: 'disconnected', clientId: m[1], reason: 'protocol-error', brokerReason: 'protocol error' },
    ],
  ],
  [
    /^Socket error on client (.*), disconnecting\.$/,
    (m) => [{ kind: 'disconnected', clientId: m[1], reason: 'network-error', brokerReason: 'socket error' }],
  ],
  [/^Expiring client (.*) due to timeout\.$/, (m) => [{ kind: 'session-expired', clientId: m[1] }]],
];

/** Splits `<timestamp>: <message>`; the timestamp as epoch ms when it can be read. */
export function splitTimestamp(line: string): { message: string; time?: number }[] {
  const out: { message: string; time?: number }[] = [];
  for (let i = line.indexOf(': '); i !== -1; i = line.indexOf(': ', i + 1)) {
    const stamp = line.slice(0, i);
    const message = line.slice(i + 2);
    let time: number | undefined;
    if (/^\d+$/.test(stamp)) time = Number(stamp) * 1000;
    else {
      const parsed = Date.parse(stamp);
      if (Number.isFinite(parsed)) time = parsed;
    }
    out.push(time === undefined ? { message } : { message, time });
  }
  out.push({ message: line });
  return out;
}

/**
 * Reads one broker's log lines. It keeps a little state: the addresses of "New connection from"
 * lines, so that "New client connected" can tell a TCP connection from a WebSocket one.
 */
export class MosquittoLogParser {
  private readonly tcpAddresses: string[] = [];

  rememberTcp(address: string): void {
    this.tcpAddresses.push(address);
    if (this.tcpAddresses.length > 256) this.tcpAddresses.shift();
  }

  takeTcp(address: string): boolean {
    const i = this.tcpAddresses.indexOf(address);
    if (i === -1) return false;
    this.tcpAddresses.splice(i, 1);
    return true;
  }

  /** Reports in one log line (none for lines of no interest). */
  parseLine(line: string): BrokerReport[] {
    const text = line.replace(/\r?\n$/, '');
    for (const { message, time } of splitTimestamp(text)) {
      for (const [re, rule] of RULES) {
        const m = re.exec(message);
        if (!m) continue;
        const reports = rule(m, this);
        if (time !== undefined) for (const r of reports) r.brokerTime = time;
        return reports;
      }
    }
    return [];
  }

  /** A message on `$SYS/broker/log/...`, or null when the topic is not Mosquitto's log. */
  parse(topic: string, payload: string): ParsedMessage | null {
    if (!topic.startsWith(MOSQUITTO_LOG_PREFIX)) return null;
    return { broker: 'mosquitto', reports: this.parseLine(payload) };
  }
}
