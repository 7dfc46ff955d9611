// The page's gate (the browser twin of ../gate.ts, same modes and rules): a WebSocket stand-in that
// mqtt.js's browser transport drives (handed over through mqtt.js's `createWebsocket` option), in front
// of the real WebSocket. The runner can cut the device's network without closing the real socket.
//
//   open       frames pass both ways.
//   link-down  what mqtt.js sends is dropped (its PINGREQs never get out); what the broker sends is
//              dropped whole packets at a time (the gate frames the byte stream by MQTT's fixed header)
//              and reported to `onDropped`. A close by mqtt.js (its own ping timeout) is lost as well:
//              the real socket stays open. A close by the broker is not heard then; after link-up the
//              client hears it on its next send, as a real client would get an RST.
//   dead       the device is gone (power-off), or its client gave up while the link was down: nothing
//              is sent, nothing is read, the real socket stays open until the broker closes it (still
//              reported, `onPeerClose`) or the run ends.
//
// mqtt.js only learns of its socket's end from a 'close' event: when the gate keeps the real socket
// open (link down, dead), mqtt.js gets a close of its own (on the next tick), so its client ends as it
// would on a closed socket. Pure: no browser API but the socket it is given (tests use a fake).
import { ByteFramer } from '../frames';
import { GateState } from '../gateState';
import type { GateControl, GateHooks } from '../link';

/** The part of the browser's WebSocket the gate uses. */
export interface InnerSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  readonly protocol: string;
  binaryType: BinaryType;
  send(data: ArrayBuffer | ArrayBufferView<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: any) => void): void; // eslint-disable-line @typescript-eslint/no-explicit-any
}

type Listener = (event: unknown) => void;
type Kind = 'open' | 'close' | 'error' | 'message';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

export class WsGate {
  /** What the device logic acts on (modes and closes). */
  readonly control: GateControl;
  private readonly gate: GateState;
  private ws: InnerSocket | null = null;
  private readonly framer = new ByteFramer();
  private readonly listeners: Record<Kind, Listener[]> = { open: [], close: [], error: [], message: [] };
  private readonly openListeners: (() => void)[] = [];
  private opened = false;
  /** mqtt.js closed its side (it reads nothing more). */
  private clientClosed = false;
  /** mqtt.js was told its socket closed. */
  private closeDelivered = false;
  onmessage: Listener | null = null;
  onclose: Listener | null = null;
  onopen: Listener | null = null;
  onerror: Listener | null = null;

  constructor(private readonly hooks: GateHooks) {
    this.gate = new GateState(hooks, () => this.ws?.close());
    this.control = this.gate;
  }

  /** Puts the real WebSocket behind the gate (once); returns the gate, for mqtt.js. */
  attach(ws: InnerSocket): this {
    if (this.ws !== null) throw new Error('a gate fronts one WebSocket');
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('open', (e: unknown) => this.rawOpened(e));
    ws.addEventListener('message', (e: unknown) => this.incoming((e as { data: unknown }).data));
    ws.addEventListener('error', () => {
      // 'close' follows; the error itself says nothing the trace needs.
    });
    ws.addEventListener('close', () => this.rawClose());
    if (this.gate.closingByUs) ws.close();
    return this;
  }

  /** Calls back once the real WebSocket is open. */
  onOpen(listener: () => void): void {
    this.openListeners.push(listener);
  }

  // --- the WebSocket surface mqtt.js uses ----------------------------------------------------------

  get OPEN(): number {
    return OPEN;
  }

  get readyState(): number {
    if (this.closeDelivered) return CLOSED;
    return this.ws?.readyState ?? CONNECTING;
  }

  get bufferedAmount(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  get protocol(): string {
    return this.ws?.protocol ?? '';
  }

  get binaryType(): BinaryType {
    return 'arraybuffer';
  }

  set binaryType(_value: BinaryType) {
    // Always arraybuffer: the gate frames bytes.
  }

  addEventListener(type: Kind, listener: Listener): void {
    this.listeners[type]?.push(listener);
  }

  removeEventListener(type: Kind, listener: Listener): void {
    const list = this.listeners[type];
    const i = list ? list.indexOf(listener) : -1;
    if (i !== -1) list.splice(i, 1);
  }

  send(data: ArrayBufferLike | ArrayBufferView | Blob | string): void {
    if (this.gate.takeUnheardClose()) {
      this.deliverCloseSoon();
      return;
    }
    if (!this.gate.passes || this.clientClosed || this.ws === null) return;
    this.ws.send(data as ArrayBufferView<ArrayBuffer>);
  }

  close(): void {
    if (this.clientClosed) return;
    this.clientClosed = true;
    if (this.gate.clientCloses()) {
      this.ws?.close();
      if (this.ws === null) this.deliverCloseSoon();
      return;
    }
    this.deliverCloseSoon();
  }

  // --- the real socket -----------------------------------------------------------------------------

  private rawOpened(event: unknown): void {
    if (this.opened) return;
    this.opened = true;
    for (const l of this.openListeners) l();
    this.dispatch('open', event);
  }

  private incoming(data: unknown): void {
    let bytes: Uint8Array;
    if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
    else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    else return; // text frames are no MQTT
    for (const frame of this.framer.push(bytes)) {
      if (this.gate.delivers && !this.clientClosed && !this.closeDelivered) {
        this.dispatch('message', { data: frame.slice().buffer });
      } else this.hooks.onDropped(frame);
    }
  }

  private rawClose(): void {
    if (this.gate.rawClosing(this.clientClosed) === 'now') this.deliverClose();
  }

  private deliverCloseSoon(): void {
    setTimeout(() => this.deliverClose(), 0);
  }

  private deliverClose(): void {
    if (this.closeDelivered) return;
    this.closeDelivered = true;
    this.dispatch('close', { code: 1006, reason: '', wasClean: false });
  }

  private dispatch(type: Kind, event: unknown): void {
    const prop =
      type === 'open'
        ? this.onopen
        : type === 'close'
          ? this.onclose
          : type === 'error'
            ? this.onerror
            : this.onmessage;
    prop?.(event);
    for (const l of [...this.listeners[type]]) l(event);
  }
}
