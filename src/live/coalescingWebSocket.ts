// The WebSocket live connections use by default: the environment's own (browsers; Node ≥ 22), with
// incoming frames joined before they reach mqtt.js. Node 20 has none: it passes `ws` (node.ts).
import type { WebSocketFactory, WebSocketLike } from './types';

/** The default WebSocket: the environment's own (browsers; Node ≥ 22), coalescing. Node 20 passes `ws`. */
export function defaultWebSocketFactory(): WebSocketFactory | null {
  const Native = (globalThis as { WebSocket?: new (url: string, protocols: string[]) => WebSocket })
    .WebSocket;
  return Native ? (url, protocols) => new CoalescingWebSocket(new Native(url, protocols)) : null;
}

type Listener = (event: unknown) => void;

/**
 * A browser WebSocket whose incoming messages reach mqtt.js in batches. A broker sends every MQTT packet
 * in a WebSocket frame of its own, and mqtt.js's browser stream pays a lot per frame (async handler,
 * several stream layers, a timer-based nextTick): at thousands of messages a second that, not parsing,
 * is the cost. MQTT over WebSockets is a byte stream, so frames that arrive close together are joined
 * and handed over once (after a 0 ms timer). A frame after a quiet spell (≥ 5 ms) goes through at once:
 * keep-alive traffic is never delayed; under a flood receive times are late by a timer tick at most.
 */
export class CoalescingWebSocket implements WebSocketLike {
  private readonly messageListeners: Listener[] = [];
  private readonly closeListeners: Listener[] = [];
  private queue: ArrayBuffer[] = [];
  private queued = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastDelivery = -Infinity;
  onmessage: Listener | null = null;

  constructor(private readonly ws: WebSocket) {
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('message', (e) => this.received(e));
    ws.addEventListener('close', (e) => {
      this.flush(); // what arrived before the close reaches mqtt.js first
      for (const l of this.closeListeners) l(e);
    });
  }

  get OPEN(): number {
    return 1;
  }
  get readyState(): number {
    return this.ws.readyState;
  }
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
  get binaryType(): BinaryType {
    return 'arraybuffer';
  }
  set binaryType(_value: BinaryType) {
    // Always arraybuffer: frames are joined as bytes.
  }
  get protocol(): string {
    return this.ws.protocol;
  }

  send(data: ArrayBufferLike | ArrayBufferView | Blob | string): void {
    this.ws.send(data as ArrayBuffer);
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }

  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: Listener): void {
    if (type === 'message') this.messageListeners.push(listener);
    else if (type === 'close') this.closeListeners.push(listener);
    else this.ws.addEventListener(type, listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    const list = type === 'message' ? this.messageListeners : type === 'close' ? this.closeListeners : null;
    if (list) {
      const i = list.indexOf(listener);
      if (i !== -1) list.splice(i, 1);
    } else this.ws.removeEventListener(type, listener);
  }

  private received(e: MessageEvent): void {
    const data = e.data;
    if (!(data instanceof ArrayBuffer)) {
      this.flush();
      this.deliver(data);
      return;
    }
    const now = performance.now();
    if (this.timer === null && now - this.lastDelivery >= 5) {
      this.lastDelivery = now;
      this.deliver(data);
      return;
    }
    this.queue.push(data);
    this.queued += data.byteLength;
    this.timer ??= setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    let data: ArrayBuffer;
    if (this.queue.length === 1) data = this.queue[0];
    else {
      const joined = new Uint8Array(this.queued);
      let at = 0;
      for (const b of this.queue) {
        joined.set(new Uint8Array(b), at);
        at += b.byteLength;
      }
      data = joined.buffer;
    }
    this.queue = [];
    this.queued = 0;
    this.lastDelivery = performance.now();
    this.deliver(data);
  }

  private deliver(data: unknown): void {
    const event = { data };
    this.onmessage?.(event);
    for (const l of this.messageListeners) l(event);
  }
}
