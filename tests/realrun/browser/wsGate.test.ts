// The page's WebSocket gate (src/realrun/browser/wsGate.ts), with a fake WebSocket: what mqtt.js sees
// and what reaches the broker in each mode — the same rules as the Node gate (tests/realrun/gate.test.ts).
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { WsGate, type InnerSocket } from '../../../src/realrun/browser/wsGate';

type L = (e: unknown) => void;

/** A WebSocket stand-in: records sends and closes; the test plays the broker's side. */
class FakeSocket implements InnerSocket {
  readyState = 0;
  bufferedAmount = 0;
  protocol = 'mqtt';
  binaryType: BinaryType = 'blob';
  sent: Uint8Array[] = [];
  closeCalls = 0;
  private readonly listeners = new Map<string, L[]>();
  send(data: ArrayBuffer | ArrayBufferView<ArrayBuffer>): void {
    this.sent.push(
      ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()
        : new Uint8Array(data),
    );
  }
  close(): void {
    this.closeCalls++;
  }
  addEventListener(type: string, l: L): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  fire(type: string, event: unknown = {}): void {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
  open(): void {
    this.readyState = 1;
    this.fire('open');
  }
  brokerSends(...chunks: Uint8Array[]): void {
    for (const c of chunks) this.fire('message', { data: c.slice().buffer });
  }
  brokerCloses(): void {
    this.readyState = 3;
    this.fire('close', { code: 1000 });
  }
}

const packet = (p: object): Uint8Array => new Uint8Array(mqttPacket.generate(p as mqttPacket.Packet));
const PINGRESP = packet({ cmd: 'pingresp' });
const PINGREQ = packet({ cmd: 'pingreq' });
const PUBLISH = packet({
  cmd: 'publish',
  topic: 'a/b',
  payload: Buffer.alloc(300, 7),
  qos: 0,
  retain: false,
  dup: false,
});

function setup() {
  const ws = new FakeSocket();
  const dropped: Uint8Array[] = [];
  let peerClosed = 0;
  let opened = 0;
  const gate = new WsGate({
    onDropped: (f) => dropped.push(f.slice()),
    onPeerClose: () => peerClosed++,
  });
  gate.onOpen(() => opened++);
  // What mqtt.js's browser transport does with the socket it is given.
  const got: Uint8Array[] = [];
  const closes: unknown[] = [];
  gate.attach(ws);
  gate.binaryType = 'arraybuffer';
  gate.addEventListener('message', (e) => got.push(new Uint8Array((e as { data: ArrayBuffer }).data)));
  gate.addEventListener('close', (e) => closes.push(e));
  return {
    ws,
    gate,
    dropped,
    got,
    closes,
    peerClosed: () => peerClosed,
    opened: () => opened,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('WsGate', () => {
  it('is connecting until the real socket opens, then passes whole packets both ways', () => {
    const s = setup();
    expect(s.ws.binaryType).toBe('arraybuffer');
    expect(s.gate.readyState).toBe(0);
    expect(s.gate.OPEN).toBe(1);
    s.ws.open();
    expect(s.opened()).toBe(1);
    expect(s.gate.readyState).toBe(1);
    // One packet split over two frames, and two packets in one frame.
    s.ws.brokerSends(PUBLISH.subarray(0, 10), PUBLISH.subarray(10));
    const both = new Uint8Array([...PINGRESP, ...PINGRESP]);
    s.ws.brokerSends(both);
    expect(s.got).toEqual([PUBLISH, PINGRESP, PINGRESP]);
    s.gate.send(PINGREQ);
    expect(s.ws.sent).toEqual([PINGREQ]);
    expect(s.gate.control.passes).toBe(true);
    expect(s.dropped).toEqual([]);
  });

  it('link-down drops what mqtt.js sends and what the broker sends (whole packets, reported); link-up resumes', () => {
    const s = setup();
    s.ws.open();
    s.gate.control.linkDown();
    expect(s.gate.control.state).toBe('link-down');
    expect(s.gate.control.passes).toBe(false);
    s.gate.send(PINGREQ);
    s.ws.brokerSends(PUBLISH.subarray(0, 100), PUBLISH.subarray(100), PINGRESP);
    expect(s.ws.sent).toEqual([]);
    expect(s.got).toEqual([]);
    expect(s.dropped).toEqual([PUBLISH, PINGRESP]);
    s.gate.control.linkUp();
    expect(s.gate.control.state).toBe('open');
    s.gate.send(PINGREQ);
    s.ws.brokerSends(PINGRESP);
    expect(s.ws.sent).toEqual([PINGREQ]);
    expect(s.got).toEqual([PINGRESP]);
  });

  it('a close by mqtt.js while the link is down is lost: the real socket stays open, the device is dead', async () => {
    const s = setup();
    s.ws.open();
    s.gate.control.linkDown();
    s.gate.close();
    expect(s.ws.closeCalls).toBe(0);
    expect(s.gate.control.state).toBe('dead');
    await tick();
    expect(s.closes).toHaveLength(1);
    expect(s.gate.readyState).toBe(3);
    // The broker's later close is still seen (and reported), mqtt.js is not told again.
    s.ws.brokerSends(PINGRESP);
    s.ws.brokerCloses();
    expect(s.dropped).toEqual([PINGRESP]);
    expect(s.peerClosed()).toBe(1);
    expect(s.closes).toHaveLength(1);
    s.gate.control.linkUp();
    expect(s.gate.control.state).toBe('dead');
  });

  it('a broker close during link-down is heard at the first send after link-up', async () => {
    const s = setup();
    s.ws.open();
    s.gate.control.linkDown();
    s.ws.brokerCloses();
    expect(s.peerClosed()).toBe(1);
    await tick();
    expect(s.closes).toHaveLength(0);
    s.gate.control.linkUp();
    expect(s.gate.control.passes).toBe(false);
    s.gate.send(PINGREQ);
    expect(s.ws.sent).toEqual([]);
    await tick();
    expect(s.closes).toHaveLength(1);
  });

  it('kill (power-off): nothing sent or delivered, the socket stays open, the broker close is reported', async () => {
    const s = setup();
    s.ws.open();
    s.gate.control.kill();
    s.gate.send(PINGREQ);
    s.ws.brokerSends(PUBLISH);
    s.gate.close(); // mqtt.js torn down
    expect(s.ws.closeCalls).toBe(0);
    await tick();
    expect(s.closes).toHaveLength(1);
    s.ws.brokerCloses();
    expect(s.ws.sent).toEqual([]);
    expect(s.got).toEqual([]);
    expect(s.dropped).toEqual([PUBLISH]);
    expect(s.peerClosed()).toBe(1);
  });

  it('open: mqtt.js closing closes the real socket, which is no peer close; a broker close is one', () => {
    const s = setup();
    s.ws.open();
    s.gate.close();
    expect(s.ws.closeCalls).toBe(1);
    s.ws.brokerSends(PINGRESP); // late: mqtt.js reads nothing more
    s.ws.brokerCloses();
    expect(s.peerClosed()).toBe(0);
    expect(s.closes).toHaveLength(1);
    expect(s.dropped).toEqual([PINGRESP]);

    const t = setup();
    t.ws.open();
    t.ws.brokerCloses();
    expect(t.peerClosed()).toBe(1);
    expect(t.closes).toHaveLength(1);
  });

  it('destroyRaw closes the real socket at once, even before it was attached; text frames are ignored', () => {
    const s = setup();
    s.gate.control.destroyRaw();
    expect(s.ws.closeCalls).toBe(1);
    s.ws.brokerCloses();
    expect(s.peerClosed()).toBe(0);

    const early = new WsGate({ onDropped: () => {}, onPeerClose: () => {} });
    early.control.destroyRaw();
    const ws = new FakeSocket();
    early.attach(ws);
    expect(ws.closeCalls).toBe(1);
    expect(() => early.attach(new FakeSocket())).toThrow(/one WebSocket/);

    const t = setup();
    t.ws.open();
    t.ws.fire('message', { data: 'not mqtt' });
    expect(t.got).toEqual([]);
  });
});
