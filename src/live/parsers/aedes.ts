// A plain aedes broker's own client topics: `$SYS/<brokerId>/new/clients` and
// `$SYS/<brokerId>/disconnect/clients`, the payload being the client ID (aedes 1.x, aedes.js). aedes
// says nothing more: no keep alive, no reason. `$SYS/<brokerId>/heartbeat` (every minute) tells the
// broker kind only.
import type { ParsedMessage } from './report';

export const AEDES_FILTERS = ['$SYS/+/new/clients', '$SYS/+/disconnect/clients', '$SYS/+/heartbeat'];

const TOPIC = /^\$SYS\/([^/]+)\/(new\/clients|disconnect\/clients|heartbeat|birth)$/;

export function parseAedes(topic: string, payload: string): ParsedMessage | null {
  const m = TOPIC.exec(topic);
  if (!m) return null;
  const [, brokerId, what] = m;
  if (what === 'new/clients')
    return { broker: 'aedes', brokerId, reports: [{ kind: 'connected', clientId: payload }] };
  if (what === 'disconnect/clients')
    return { broker: 'aedes', brokerId, reports: [{ kind: 'disconnected', clientId: payload }] };
  return { broker: 'aedes', brokerId, reports: [] };
}
