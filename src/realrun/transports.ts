// Which address each client of a real run connects to: the one of its transport (`transport` in the
// scenario, default "tcp"). With a single address, the clients that did not set a transport use it
// whatever its scheme (so a run against one ws:// broker plays every such client over WebSocket); a
// client whose transport has no address is refused before anything connects. Environment-neutral.
import { indexPath } from '../scenario/issues';
import type { ClientTransport, Scenario } from '../scenario/types';

export type TransportTargets<T> = Partial<Record<ClientTransport, T>>;

export class TransportError extends Error {}

const FLAG: Record<ClientTransport, string> = {
  tcp: '--against mqtt://host:port (or mqtts://)',
  ws: '--against ws://host:port/path (or wss://)',
};

/** The target of every client of `scenario` after its groups are expanded, in order. */
export function targetsOfClients<T>(scenario: Scenario, targets: TransportTargets<T>): T[] {
  const single = targets.tcp === undefined ? targets.ws : targets.ws === undefined ? targets.tcp : undefined;
  const out: T[] = [];
  scenario.clients.forEach((spec, g) => {
    const chosen = spec.transport;
    const target = chosen === undefined ? (single ?? targets.tcp) : targets[chosen];
    if (target === undefined) {
      const transport = chosen ?? 'tcp';
      throw new TransportError(
        `${indexPath('clients', g)}.transport: ${JSON.stringify(transport)} has no broker address to go to; add ${FLAG[transport]}`,
      );
    }
    for (let k = 0; k < (spec.count ?? 1); k++) out.push(target);
  });
  return out;
}
