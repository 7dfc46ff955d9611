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
// Mosquitto logs a client's will ("Will message specified …" and its topic), its packets ("Received
// PINGREQ from x", "Received PUBLISH from x …") and its keep alive timer at the debug level, and never
// publishes debug lines on these topics (logging.c; fixture will-pings-publish.jsonl): so a client's will
// and last activity are not reported by Mosquitto, and its keep alive only by the "connected" line.
// Each line starts with a timestamp: epoch seconds (`1700000000: `) by default, or whatever
// `log_timestamp_format` makes of it (`2026-11-25T13:46:33: `), or none (`log_timestamp false`).
// Unknown lines yield no report.
//
// Client IDs, user names and topic filters are client-controlled text inside these lines, so a line
// is read by its real structure only, never by searching it: the level (the topic's last part) must
// be the one Mosquitto logs that line at (subscribe and unsubscribe lines, which start with a client
// ID and a filter, go to `M/subscribe` and `M/unsubscribe` and are never read); the timestamp ends at
// the line's first ": "; the message must match a known pattern from its first character to its
// last; a line Mosquitto may have cut short (it keeps 999 bytes) is ignored; a "connected" line whose
// client text repeats the broker's own "(pN, cN, kN" part cannot be split for sure and is ignored.
import type { BrokerReport, ParsedMessage } from './report';

export const MOSQUITTO_LOG_PREFIX = '$SYS/broker/log/';
export const MOSQUITTO_LOG_FILTER = '$SYS/broker/log/#';

/** The level part of a log topic: `N` notice, `E` error, `M/subscribe`, `D`, … */
export type MosquittoLevel = string;

/** Mosquitto formats a log line into a 1000-byte buffer: a line this long may have been cut. */
export const MOSQUITTO_MAX_LINE_BYTES = 999;

/**
 * Mosquitto writes `Client <unknown> …` when a connection closes before its CONNECT named it; that is
 * no client of the trace unless a client really connected under that name.
 */
const UNNAMED = '<unknown>';

interface LineRule {
  /** The only level Mosquitto (1.6 to 2.0.x) publishes this line at. */
  level: 'N' | 'E';
  re: RegExp;
  read(m: RegExpExecArray, ctx: MosquittoLogParser): BrokerReport[];
}

const protocolOf = (p: string): 3 | 4 | 5 | undefined =>
  p === '1' ? 3 : p === '2' ? 4 : p === '5' ? 5 : undefined;

/** The broker's own part of a "connected" line, which client text might repeat. */
const CONNECT_FLAGS = / \(p\d+, c[01], k\d+[,)]/g;

/** A close line for `id`: none for an unnamed connection (see UNNAMED). */
function closeOf(ctx: MosquittoLogParser, id: string, report: BrokerReport): BrokerReport[] {
  return id === UNNAMED && !ctx.takeUnnamed() ? [] : [report];
}

// `s`: a client ID may hold any character, line breaks too. Addresses (`host:port`) have no spaces.
const RULES: LineRule[] = [
  {
    level: 'N',
    re: /^New connection from (\S+) on port (\d+)\.$/s,
    read(m, ctx) {
      ctx.rememberTcp(m[1]);
      return [];
    },
  },
  {
    level: 'N',
    re: /^New client connected from (\S+) as (.*) \(p(\d+), c([01]), k(\d+)(?:, u'(.*)')?\)\.$/s,
    read(m, ctx) {
      if ((m[0].match(CONNECT_FLAGS) ?? []).length !== 1) return [];
      const protocol = protocolOf(m[3]);
      if (m[2] === UNNAMED) ctx.unnamedOpen++;
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
  },
  {
    level: 'N',
    re: /^Client (.*) has exceeded timeout, disconnecting\.$/s,
    read: (m, ctx) => closeOf(ctx, m[1], { kind: 'timeout', clientId: m[1] }),
  },
  {
    // Logged at the error level ("E") by every Mosquitto from 1.6 to 2.0.
    level: 'E',
    re: /^Client (.*) already connected, closing old connection\.$/s,
    read: (m) => [{ kind: 'takeover', clientId: m[1] }],
  },
  {
    level: 'N',
    re: /^Client (.*) closed its connection\.$/s,
    read: (m, ctx) =>
      closeOf(ctx, m[1], { kind: 'disconnected', clientId: m[1], brokerReason: 'closed its connection' }),
  },
  {
    level: 'N',
    re: /^Client (.*) disconnected\.$/s,
    read: (m, ctx) =>
      closeOf(ctx, m[1], {
        kind: 'disconnected',
        clientId: m[1],
        reason: 'client-disconnect',
        brokerReason: 'disconnected',
      }),
  },
  {
    level: 'N',
    re: /^Client (.*) disconnected due to protocol error\.$/s,
    read: (m, ctx) =>
      closeOf(ctx, m[1], {
        kind: 'disconnected',
        clientId: m[1],
        reason: 'protocol-error',
        brokerReason: 'protocol error',
      }),
  },
  {
    level: 'N',
    re: /^Socket error on client (.*), disconnecting\.$/s,
    read: (m, ctx) =>
      closeOf(ctx, m[1], {
        kind: 'disconnected',
        clientId: m[1],
        reason: 'network-error',
        brokerReason: 'socket error',
      }),
  },
  {
    level: 'N',
    re: /^Expiring client (.*) due to timeout\.$/s,
    read: (m) => [{ kind: 'session-expired', clientId: m[1] }],
  },
];

/** What strftime printed when it could not format the time (Mosquitto's own fallback). */
const TIME_ERROR = 'Time error';

/**
 * The ways a line can be read: as a whole (no timestamp), then as `<timestamp>: <message>` split at
 * the first ": " (a timestamp has a digit, or is Mosquitto's "Time error"). The timestamp as epoch ms
 * when it can be read.
 */
export function splitTimestamp(line: string): { message: string; time?: number }[] {
  const out: { message: string; time?: number }[] = [{ message: line }];
  const i = line.indexOf(': ');
  if (i <= 0) return out;
  const stamp = line.slice(0, i);
  if (!/\d/.test(stamp) && stamp !== TIME_ERROR) return out;
  const message = line.slice(i + 2);
  let time: number | undefined;
  if (/^\d{1,12}$/.test(stamp)) time = Number(stamp) * 1000;
  else {
    const parsed = Date.parse(stamp);
    if (Number.isFinite(parsed)) time = parsed;
  }
  out.push(time === undefined ? { message } : { message, time });
  return out;
}

const encoder = new TextEncoder();

/** Longer than Mosquitto's buffer allows a complete line to be (so possibly cut short). */
function mayBeCut(line: string): boolean {
  if (line.length >= MOSQUITTO_MAX_LINE_BYTES) return true;
  return (
    line.length * 3 >= MOSQUITTO_MAX_LINE_BYTES && encoder.encode(line).length >= MOSQUITTO_MAX_LINE_BYTES
  );
}

/**
 * Reads one broker's log lines. It keeps a little state: the addresses of "New connection from"
 * lines, so that "New client connected" can tell a TCP connection from a WebSocket one.
 */
export class MosquittoLogParser {
  private readonly tcpAddresses: string[] = [];
  /** Connections open under the name UNNAMED (a client really called that). */
  unnamedOpen = 0;

  /** A close line for UNNAMED belongs to such a connection (and uses it up). */
  takeUnnamed(): boolean {
    if (this.unnamedOpen === 0) return false;
    this.unnamedOpen--;
    return true;
  }

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

  /** Reports in one log line published at `level` (none for lines of no interest). */
  parseLine(line: string, level: MosquittoLevel): BrokerReport[] {
    if (level !== 'N' && level !== 'E') return [];
    if (mayBeCut(line)) return [];
    for (const { message, time } of splitTimestamp(line)) {
      for (const rule of RULES) {
        if (rule.level !== level) continue;
        const m = rule.re.exec(message);
        if (!m) continue;
        const reports = rule.read(m, this);
        if (time !== undefined) for (const r of reports) r.brokerTime = time;
        return reports;
      }
    }
    return [];
  }

  /** A message on `$SYS/broker/log/<level>`, or null when the topic is not Mosquitto's log. */
  parse(topic: string, payload: string): ParsedMessage | null {
    if (!topic.startsWith(MOSQUITTO_LOG_PREFIX)) return null;
    return {
      broker: 'mosquitto',
      reports: this.parseLine(payload, topic.slice(MOSQUITTO_LOG_PREFIX.length)),
    };
  }
}
