// The gate between mqtt.js and a real socket: framing, link-down, power-off, peer closes.
import { EventEmitter } from 'node:events';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { Framer, frameSize, Gate, type RawStream } from '../../src/realrun/gate';

/** A socket stand-in: records writes, lets the test push data and close it. */
class FakeRaw extends EventEmitter implements RawStream {
  written: Buffer[] = [];
  ended = false;
  destroyed = false;
  write(chunk: Uint8Array): boolean {
    this.written.push(Buffer.from(chunk));
    return true;
  }
  end(): void {
    this.ended = true;
    this.emit('close');
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
  peerSends(b: Buffer): void {
    this.emit('data', b);
  }
  peerCloses(): void {
    this.emit('end');
    this.emit('close');
  }
}

const packet = (p: object): Buffer => mqttPacket.generate(p as mqttPacket.Packet);
const PINGRESP = packet({ cmd: 'pingresp' });
const PUBLISH = packet({
  cmd: 'publish',
  topic: 'a/b',
  payload: Buffer.alloc(300, 1),
  qos: 0,
  retain: false,
  dup: false,
});

function setup() {
  const raw = new FakeRaw();
  const dropped: Buffer[] = [];
  let peerClosed = 0;
  const gate = new Gate(raw, { onDropped: (f) => dropped.push(f), onPeerClose: () => peerClosed++ });
  const read: Buffer[] = [];
  gate.on('data', (b: Buffer) => read.push(b));
  return { raw, gate, dropped, read, peerClosed: () => peerClosed };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('Framer', () => {
  it('splits a byte stream into whole packets, across chunks and with long lengths', () => {
    expect(frameSize(PINGRESP)).toBe(2);
    expect(frameSize(PUBLISH)).toBe(PUBLISH.length);
    expect(frameSize(PUBLISH.subarray(0, 2))).toBeNull();
    const f = new Framer();
    const stream = Buffer.concat([PINGRESP, PUBLISH, PINGRESP]);
    const out = [
      ...f.push(stream.subarray(0, 3)),
      ...f.push(stream.subarray(3, 100)),
      ...f.push(stream.subarray(100)),
    ];
    expect(out.map((b) => b.length)).toEqual([2, PUBLISH.length, 2]);
    expect(Buffer.concat(out).equals(stream)).toBe(true);
  });
});

describe('Gate', () => {
  it('passes bytes both ways while open', async () => {
    const { raw, gate, read } = setup();
    gate.write(PINGRESP);
    raw.peerSends(PUBLISH);
    await tick();
    expect(raw.written).toEqual([PINGRESP]);
    expect(Buffer.concat(read).equals(PUBLISH)).toBe(true);
    expect(gate.control.passes).toBe(true);
  });

  it('drops everything both ways while the link is down, whole packets at a time', async () => {
    const { raw, gate, read, dropped } = setup();
    // Half a packet arrives before the link goes down: it is delivered whole once complete.
    raw.peerSends(PUBLISH.subarray(0, 10));
    gate.control.linkDown();
    expect(gate.control.passes).toBe(false);
    gate.write(PINGRESP);
    raw.peerSends(Buffer.concat([PUBLISH.subarray(10), PINGRESP]));
    await tick();
    expect(raw.written).toEqual([]);
    expect(read).toEqual([]);
    expect(dropped.map((b) => b.length)).toEqual([PUBLISH.length, 2]);
    gate.control.linkUp();
    raw.peerSends(PINGRESP);
    gate.write(PINGRESP);
    await tick();
    expect(Buffer.concat(read).equals(PINGRESP)).toBe(true);
    expect(raw.written).toEqual([PINGRESP]);
  });

  it('keeps the real socket open when mqtt.js gives up while the link is down (its FIN is lost)', async () => {
    const { raw, gate } = setup();
    gate.control.linkDown();
    gate.destroy();
    await tick();
    expect(raw.destroyed).toBe(false);
    expect(gate.control.state).toBe('dead');
  });

  it('after a power-off reads nothing, sends nothing, and still reports the broker closing the socket', async () => {
    const { raw, gate, dropped, peerClosed } = setup();
    gate.control.kill();
    gate.destroy();
    raw.peerSends(PINGRESP);
    await tick();
    expect(raw.destroyed).toBe(false);
    expect(dropped).toHaveLength(1);
    raw.peerCloses();
    expect(peerClosed()).toBe(1);
  });

  it('reports a peer close while open, and closes towards mqtt.js', async () => {
    const { raw, gate, peerClosed } = setup();
    let closed = false;
    gate.on('close', () => (closed = true));
    raw.peerCloses();
    await tick();
    expect(peerClosed()).toBe(1);
    expect(closed).toBe(true);
  });

  it("does not report its own close as the peer's", async () => {
    const { raw, gate, peerClosed } = setup();
    gate.destroy();
    await tick();
    expect(raw.destroyed).toBe(true);
    expect(peerClosed()).toBe(0);
  });

  it('lets the client hear a close that happened while the link was down on its next write after link-up', async () => {
    const { raw, gate, peerClosed } = setup();
    let closed = false;
    gate.on('close', () => (closed = true));
    gate.control.linkDown();
    raw.peerCloses();
    await tick();
    expect(peerClosed()).toBe(1);
    expect(closed).toBe(false);
    gate.control.linkUp();
    expect(gate.control.passes).toBe(false);
    gate.write(PINGRESP);
    await tick();
    expect(closed).toBe(true);
    expect(raw.written).toEqual([]);
  });
});
