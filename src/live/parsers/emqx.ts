// EMQX's client events: `$SYS/brokers/<node>/clients/<clientid>/connected` and `/disconnected`, JSON
// payloads (EMQX documentation, "System Topic"). connected: username, ts, sockport, proto_ver,
// proto_name, keepalive, ipaddress, expiry_interval, connected_at, connack, clientid, clean_start.
// disconnected: username, ts, sockport, reason, proto_ver, proto_name, ipaddress, disconnected_at,
// clientid. Reasons of interest: keepalive_timeout, takenover, discarded, normal, tcp_closed.
import type { Reason } from '../../trace';
import type { BrokerReport, ParsedMessage } from './report';

export const EMQX_FILTERS = ['$SYS/brokers/+/clients/+/connected', '$SYS/brokers/+/clients/+/disconnected'];

const TOPIC = /^\$SYS\/brokers\/([^/]+)\/clients\/(.+)\/(connected|disconnected)$/;

/** EMQX's disconnect reasons in the trace's words; absent: no equivalent (kept as brokerReason). */
const REASONS: Record<string, Reason> = {
  keepalive_timeout: 'keepalive-timeout',
  takenover: 'takeover',
  discarded: 'takeover',
  normal: 'client-disconnect',
  tcp_closed: 'network-error',
  sock_closed: 'network-error',
  closed: 'network-error',
  protocol_error: 'protocol-error',
};

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function parseEmqx(topic: string, payload: string): ParsedMessage | null {
  const m = TOPIC.exec(topic);
  if (!m) return null;
  const [, node, topicClient, event] = m;
  let body: Json;
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    body = value as Json;
  } catch {
    return { broker: 'emqx', brokerId: node, reports: [] };
  }
  const clientId = str(body.clientid) ?? topicClient;
  const ts = num(body.ts);
  const base = { clientId, ...(ts !== undefined ? { brokerTime: ts } : {}) };
  const reports: BrokerReport[] = [];
  if (event === 'connected') {
    const proto = num(body.proto_ver);
    const keepAlive = num(body.keepalive);
    const ip = str(body.ipaddress);
    const username = str(body.username);
    reports.push({
      kind: 'connected',
      ...base,
      ...(proto === 3 || proto === 4 || proto === 5 ? { protocol: proto } : {}),
      ...(typeof body.clean_start === 'boolean' ? { cleanStart: body.clean_start } : {}),
      ...(keepAlive !== undefined ? { keepAlive } : {}),
      ...(ip !== undefined ? { address: ip } : {}),
      ...(username !== undefined ? { username } : {}),
    });
  } else {
    const brokerReason = str(body.reason);
    const reason = brokerReason !== undefined ? REASONS[brokerReason] : undefined;
    const said = brokerReason !== undefined ? { brokerReason } : {};
    // A timeout or a take-over report stands for the close as well (brokerEvents.ts closes the lane).
    if (reason === 'keepalive-timeout') reports.push({ kind: 'timeout', ...base, ...said });
    else if (reason === 'takeover') reports.push({ kind: 'takeover', ...base, ...said });
    else
      reports.push({ kind: 'disconnected', ...base, ...(reason !== undefined ? { reason } : {}), ...said });
  }
  return { broker: 'emqx', brokerId: node, reports };
}
