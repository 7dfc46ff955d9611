// `npm start`: the dev server serves the app and the embedded broker on the same origin. The broker's
// WebSocket endpoint hangs off Vite's own http server ('upgrade' on path /mqtt; Vite's HMR socket, on
// its own path and sub-protocol, is left alone), plain MQTT listens on 127.0.0.1:1883 (busy: logged,
// skipped). Only the dev server (`apply: 'serve'`) gets it; nothing of it reaches the static build.
import type { Server as HttpServer } from 'node:http';
import type { Plugin, ViteDevServer } from 'vite';
import type { AllowedHosts } from './hostCheck.ts';
import { DEFAULT_MQTT_PORT, DEFAULT_WS_PATH, startEmbeddedBroker, type EmbeddedBroker } from './index.ts';

/**
 * The hosts Vite itself answers for (its Host check: `server.allowedHosts`, plus `server.host` and
 * the host of `server.origin`), so that /mqtt accepts exactly the upgrades the page could come from.
 */
function viteAllowedHosts(server: ViteDevServer): AllowedHosts {
  const { allowedHosts, host, origin } = server.config.server;
  if (allowedHosts === true) return true;
  const hosts = [...allowedHosts];
  if (typeof host === 'string' && host !== '') hosts.push(host);
  if (origin) {
    try {
      hosts.push(new URL(origin).hostname);
    } catch {
      // not a URL: Vite ignores it too
    }
  }
  return hosts;
}

export interface EmbeddedBrokerPluginOptions {
  /** Plain MQTT TCP port on 127.0.0.1 (default 1883; null: none). */
  mqttPort?: number | null;
  wsPath?: string;
}

export function embeddedBrokerPlugin(options: EmbeddedBrokerPluginOptions = {}): Plugin {
  let broker: EmbeddedBroker | null = null;
  return {
    name: 'keepalive-lab:embedded-broker',
    apply: 'serve',
    async configureServer(server: ViteDevServer) {
      const httpServer = server.httpServer;
      const log = (m: string): void => server.config.logger.info(m);
      if (!httpServer) {
        log('[embedded broker] no http server (middleware mode): not started');
        return;
      }
      const wsPath = options.wsPath ?? DEFAULT_WS_PATH;
      broker = await startEmbeddedBroker({
        host: '127.0.0.1',
        mqttPort: options.mqttPort === undefined ? DEFAULT_MQTT_PORT : options.mqttPort,
        // Vite's server is an http(s) server (http2 only with a proxy-less https config, which this app has not).
        wsServer: httpServer as unknown as HttpServer,
        wsPath,
        tolerateBusyMqttPort: true,
        allowedHosts: viteAllowedHosts(server),
        log,
      });
      const started = broker;
      log(
        `[embedded broker] MQTT over WebSocket at ${wsPath} on this server` +
          (started.mqttUrl ? `, plain MQTT at ${started.mqttUrl}` : ''),
      );
      httpServer.once('close', () => {
        void started.close();
      });
    },
    async buildEnd() {
      await broker?.close();
      broker = null;
    },
  };
}
