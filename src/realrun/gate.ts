// The "network" between one mqtt.js client and its real socket: a Duplex that mqtt.js reads and writes
// as if it were the socket, and that the runner can cut without closing the real socket.
//
//   open       bytes pass both ways.
//   link-down  the device's network drops every packet both ways; the socket stays open. What mqtt.js
//              writes is dropped (its PINGREQs never get out). What the broker sends is dropped too,
//              whole packets at a time (the gate frames the byte stream by MQTT's fixed header, so a
//              packet is never cut in half), and reported to `onDropped` so the trace can show it as
//              lost. A close by mqtt.js (its own ping timeout) is lost as well: the real socket stays
//              open, as a FIN sent into a dead link never reaches the broker (the simulated
//              network loses it too, docs/scenario-format.md). A close by the broker while the link is down is not heard then;
//              after link-up the client hears it on its next write, as a real client would get an RST.
//   dead       the device is gone (power-off), or its client gave up on the connection while the link
//              was down: nothing is sent, nothing is read, the real socket stays open until the broker
//              closes it (that close is still reported, `onPeerClose`) or the run ends.
//
// Dropping incoming packets instead of holding them back is the simulator's model (a packet's fate is
// decided when it is sent); real TCP would retransmit them after link-up.
import { Duplex } from 'node:stream';
import { frameSize } from './frames';
import { GateState } from './gateState';
import type { GateControl } from './link';

export type { GateMode } from './link';
export { frameSize } from './frames';

/** link.ts's GateHooks, with the frames as Buffers (what the Node gate has). */
export interface GateHooks {
  /** A whole packet the broker sent that the device did not get (link down or dead). */
  onDropped(frame: Buffer): void;
  /** The broker (or the network) closed the real socket while the runner had not. */
  onPeerClose(): void;
}

/** The real socket's side the gate needs: a net.Socket, a TLS socket or a WebSocket stream. */
export interface RawStream {
  write(chunk: Uint8Array, cb?: (err?: Error | null) => void): boolean;
  end(): void;
  destroy(): void;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'end' | 'close', listener: () => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
}

/** Splits a byte stream into MQTT control packets (fixed header + remaining length, [MQTT-2.2.3]). */
export class Framer {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      const size = frameSize(this.buffer);
      if (size === null || size > this.buffer.length) break;
      frames.push(this.buffer.subarray(0, size));
      this.buffer = this.buffer.subarray(size);
    }
    return frames;
  }
}

export class Gate extends Duplex {
  /** What the device logic acts on (modes and closes). */
  readonly control: GateControl;
  private readonly gate: GateState;
  private readonly framer = new Framer();

  constructor(
    private readonly raw: RawStream,
    private readonly hooks: GateHooks,
  ) {
    super({ allowHalfOpen: false });
    this.gate = new GateState(hooks, () => raw.destroy());
    this.control = this.gate;
    raw.on('data', (chunk) => this.incoming(chunk));
    raw.on('error', () => {
      // 'close' follows; the error itself says nothing the trace needs.
    });
    // A WebSocket stream ends (the peer closed) without closing its writable side: 'end' counts too.
    raw.on('end', () => this.rawClose());
    raw.on('close', () => this.rawClose());
  }

  override _read(): void {
    // Data is pushed as it arrives.
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.gate.takeUnheardClose()) {
      cb();
      this.destroy();
      return;
    }
    if (this.gate.passes) this.raw.write(chunk);
    cb();
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (this.gate.clientCloses()) this.raw.end();
    cb();
  }

  override _destroy(err: Error | null, cb: (err: Error | null) => void): void {
    // mqtt.js gave up (its ping timeout): with the link down its close is lost on the dead link.
    if (this.gate.clientCloses()) this.raw.destroy();
    cb(err);
  }

  private incoming(chunk: Buffer): void {
    for (const frame of this.framer.push(chunk)) {
      if (this.gate.delivers && !this.destroyed) this.push(frame);
      else this.hooks.onDropped(frame);
    }
  }

  private rawClose(): void {
    if (this.gate.rawClosing(this.destroyed) === 'now' && !this.destroyed) {
      this.push(null);
      this.destroy();
    }
  }
}
