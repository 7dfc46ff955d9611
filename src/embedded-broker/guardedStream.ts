// A client's connection as aedes sees it: the bytes the client sends pass a PacketGuard first (see
// packetGuard.ts); what aedes writes goes straight to the socket. A violation destroys the socket,
// so aedes sees the connection close (and publishes the client's will, as for any close without
// DISCONNECT).
import { Duplex } from 'node:stream';
import { PacketGuard, type GuardViolation } from './packetGuard.ts';

// Plain fields, no parameter properties: vite.config.ts loads this folder, and Node's own TypeScript
// loading accepts only syntax it can erase.
export class GuardedStream extends Duplex {
  private readonly inner: Duplex;
  private readonly guard: PacketGuard;

  constructor(inner: Duplex, maxPacketSize: number, onViolation: (v: GuardViolation) => void) {
    super({ allowHalfOpen: false });
    this.inner = inner;
    this.guard = new PacketGuard(maxPacketSize);
    inner.on('data', (chunk: Buffer | string) => {
      const r = this.guard.feed(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      // The packets before a violation were fine: they go on, then the connection closes.
      for (const b of r.out) if (!this.push(b)) inner.pause();
      if (r.violation !== null) {
        onViolation(r.violation);
        inner.destroy();
      }
    });
    inner.once('end', () => this.push(null));
    inner.once('error', (err: Error) => this.destroy(err));
    inner.once('close', () => this.destroy());
  }

  override _read(): void {
    this.inner.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    this.inner.write(chunk, encoding, callback);
  }

  override _final(callback: (err?: Error | null) => void): void {
    this.inner.end(callback);
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    this.inner.destroy();
    callback(err);
  }
}
