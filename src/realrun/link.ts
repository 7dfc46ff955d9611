// The seam between a real run's device logic (device.ts, probe.ts, core.ts — environment-neutral) and
// the connections it plays over. A Connector opens mqtt.js clients to one target of the run through a
// gate that can cut the device's network without closing the real socket:
//   - Node (nodeConnector.ts): TCP, TLS or WebSocket streams through a stream Duplex (gate.ts);
//   - the page (browser/connector.ts): the browser's WebSocket, wrapped (browser/wsGate.ts) and handed to
//     mqtt.js through its `createWebsocket` option.
// Both gates have the same modes and the same rules (gate.ts explains them).
import type { IClientOptions, MqttClient, Packet } from 'mqtt';

export type GateMode = 'open' | 'link-down' | 'dead';

export interface GateHooks {
  /** A whole packet the broker sent that the device did not get (link down or dead). */
  onDropped(frame: Uint8Array): void;
  /** The broker (or the network) closed the real socket while the runner had not. */
  onPeerClose(): void;
}

/** What the device logic does to a connection's network. */
export interface GateControl {
  readonly state: GateMode;
  /** Whether what mqtt.js writes now reaches the broker. */
  readonly passes: boolean;
  linkDown(): void;
  linkUp(): void;
  /** The device is gone: stop sending and reading, keep the real socket open. */
  kill(): void;
  /** Closes the real socket at once (the end of a run), whatever the mode. */
  destroyRaw(): void;
}

export interface GatedConnection {
  /** Not connected yet (`manualConnect`): the caller adds its listeners, then calls `connect()`. */
  client: MqttClient;
  gate: GateControl;
  /** Calls back once the real connection is open (TCP connected, WebSocket handshake done). */
  onOpen(listener: () => void): void;
}

export interface Connector {
  /** Its broker address, as shown to the user (never with a password). */
  readonly url: string;
  readonly transport: 'tcp' | 'websockets';
  /** An mqtt.js client over a new gated connection to the target (options have `manualConnect`). */
  open(options: IClientOptions, hooks: GateHooks): GatedConnection;
  /** A plain mqtt.js client to the target, reconnecting by itself (the runner's watcher). */
  plain(options: IClientOptions): MqttClient;
  /** A decoder for packets the gate dropped: one whole frame in, the packet out (null if unreadable). */
  decoder(protocol: 4 | 5): (frame: Uint8Array) => Packet | null;
}

/** A short random hex string (Web Crypto: the page and Node ≥ 20 alike). */
export function randomHex(bytes: number): string {
  const b = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Bytes of a text, as Buffer in Node (mqtt-packet's writer wants one) and Uint8Array in the page. */
export function textBytes(text: string): Buffer {
  const B = (globalThis as { Buffer?: { from(s: string): Buffer } }).Buffer;
  return B ? B.from(text) : (new TextEncoder().encode(text) as unknown as Buffer);
}
