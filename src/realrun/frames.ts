// MQTT framing of a byte stream, environment-neutral (Uint8Array only): the Node gate (gate.ts) and the
// page's WebSocket gate (browser/wsGate.ts) both drop whole packets, never half of one.

/** Total size of the packet at the start of `b`, or null while its header is incomplete. */
export function frameSize(b: Uint8Array): number | null {
  let length = 0;
  let multiplier = 1;
  for (let i = 1; i <= 4; i++) {
    if (i >= b.length) return null;
    const byte = b[i];
    length += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) return 1 + i + length;
    multiplier *= 128;
  }
  // A malformed length: hand over what there is; mqtt.js's parser reports the error.
  return b.length;
}

/** Splits a byte stream into MQTT control packets (fixed header + remaining length, [MQTT-2.2.3]). */
export class ByteFramer {
  private buffer: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.buffer.length === 0) this.buffer = chunk;
    else {
      const joined = new Uint8Array(this.buffer.length + chunk.length);
      joined.set(this.buffer, 0);
      joined.set(chunk, this.buffer.length);
      this.buffer = joined;
    }
    const frames: Uint8Array[] = [];
    for (;;) {
      const size = frameSize(this.buffer);
      if (size === null || size > this.buffer.length) break;
      frames.push(this.buffer.subarray(0, size));
      this.buffer = this.buffer.subarray(size);
    }
    return frames;
  }
}
