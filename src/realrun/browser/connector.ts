// The page's connector (../link.ts): every connection a browser WebSocket to the run's one URL (ws:// or
// wss:// — the only transport a page has), behind a WsGate (wsGate.ts) that mqtt.js drives through its
// `createWebsocket` option. The URL mqtt.js would build is ignored: nothing but `url` is ever opened.
import mqtt from 'mqtt';
import type { Connector } from '../link';
import { decodeFrame } from './decode';
import { WsGate, type InnerSocket } from './wsGate';

/** Builds a real WebSocket (the browser's own by default). */
export type SocketFactory = (url: string, protocols: string[]) => InnerSocket;

const nativeSocket: SocketFactory = (url, protocols) => new WebSocket(url, protocols);

export function browserConnector(url: string, socket: SocketFactory = nativeSocket): Connector {
  const parsed = new URL(url);
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new Error(`a page reaches MQTT over WebSockets only: ws:// or wss:// (got ${JSON.stringify(url)})`);
  }
  return {
    url,
    transport: 'websockets',
    open(options, hooks) {
      const gate = new WsGate(hooks);
      const client = mqtt.connect(url, {
        ...options,
        manualConnect: true,
        createWebsocket: (_url: string, protocols: string[]) => gate.attach(socket(url, protocols)),
      });
      return { client, gate: gate.control, onOpen: (l) => gate.onOpen(l) };
    },
    plain(options) {
      return mqtt.connect(url, {
        ...options,
        manualConnect: true,
        createWebsocket: (_url: string, protocols: string[]) => socket(url, protocols),
      });
    },
    decoder: (protocol) => (frame) => decodeFrame(frame, protocol),
  };
}
