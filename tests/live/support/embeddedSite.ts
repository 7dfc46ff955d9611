// The built site and the embedded broker on one origin, as `npm start` serves them: dist/ under a
// sub-path and the broker's WebSocket endpoint at /mqtt of the same server (the broker accepts a page's
// upgrade only from its own origin), plus plain MQTT on a free TCP port for test clients. Loopback only.
import { listenDist } from '../../../src/devtools/staticServer';
import {
  startEmbeddedBroker,
  type EmbeddedBroker,
  type EmbeddedBrokerOptions,
} from '../../../src/embedded-broker';

export interface EmbeddedSite {
  /** The app, e.g. http://127.0.0.1:PORT/labs/keepalive/ */
  url: string;
  /** ws://127.0.0.1:PORT/mqtt: the same origin as the app. */
  wsUrl: string;
  /** mqtt://127.0.0.1:PORT for test clients. */
  mqttUrl: string;
  broker: EmbeddedBroker;
  close(): Promise<void>;
}

export async function serveEmbeddedSite(
  options: Pick<EmbeddedBrokerOptions, 'authenticate'> = {},
  subPath = '/labs/keepalive/',
): Promise<EmbeddedSite> {
  const { server, port } = await listenDist(subPath);
  const broker = await startEmbeddedBroker({
    ...options,
    wsServer: server,
    mqttPort: 0,
    log: () => undefined,
  });
  return {
    url: `http://127.0.0.1:${port}${subPath}`,
    wsUrl: `ws://127.0.0.1:${port}/mqtt`,
    mqttUrl: broker.mqttUrl!,
    broker,
    async close() {
      await broker.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
