// The embedded broker (real aedes on real sockets) against hostile clients: DNS-rebound WebSocket
// upgrades, packets announcing hundreds of megabytes, client IDs and topics that are not MQTT
// strings, an empty client ID asking for a session. Raw bytes, since mqtt.js refuses to send most.
import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import WebSocket from 'ws';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import { EMBEDDED_FILTER, parseEmbedded } from '../../src/live/parsers/embedded';
import type { BrokerReport } from '../../src/live/parsers';

let broker: EmbeddedBroker;
const logs: string[] = [];

beforeAll(async () => {
  broker = await startEmbeddedBroker({ wsPort: 0, mqttPort: 0, log: (m) => logs.push(m) });
});

afterAll(async () => {
  await broker?.close();
});

const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
const str = (bytes: Buffer | string): Buffer => {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return Buffer.concat([u16(b.length), b]);
};
/** Remaining Length as MQTT writes it. */
function varint(n: number): Buffer {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}
const packet = (first: number, body: Buffer): Buffer =>
  Buffer.concat([Buffer.from([first]), varint(body.length), body]);
/** An MQTT 3.1.1 CONNECT with keep alive 60. */
function connect(clientId: Buffer | string, clean = true): Buffer {
  return packet(
    0x10,
    Buffer.concat([str('MQTT'), Buffer.from([4, clean ? 0x02 : 0x00]), u16(60), str(clientId)]),
  );
}

interface RawResult {
  /** Bytes the broker sent before it closed the socket (or before `ms` passed). */
  received: Buffer;
  closed: boolean;
}

/**
 * Sends `chunks` over a raw TCP connection: the first (a CONNECT), then, once the broker answered it,
 * the rest, as a client does. Resolves at the close or after `ms`.
 */
function raw(chunks: Buffer[], ms = 2000): Promise<RawResult> {
  const url = new URL(broker.mqttUrl!);
  return new Promise((resolve) => {
    const socket = new Socket();
    const got: Buffer[] = [];
    let closed = false;
    let rest = chunks.slice(1);
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ received: Buffer.concat(got), closed });
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (b) => {
      got.push(b);
      for (const c of rest) socket.write(c);
      rest = [];
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      done();
    });
    socket.connect(Number(url.port), url.hostname, () => socket.write(chunks[0]));
  });
}

/** The status of a WebSocket upgrade to /mqtt with these headers: 101 → 'open', else the HTTP status. */
function upgrade(headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(broker.wsUrl!, ['mqtt'], { headers });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('error', () => undefined);
  });
}

describe('WebSocket upgrades and DNS rebinding', () => {
  it('refuses an upgrade whose Host and Origin are a rebound name, as Vite refuses a plain GET', async () => {
    const port = new URL(broker.wsUrl!).port;
    expect(await upgrade({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` })).toBe(403);
    expect(await upgrade({ host: `evil.example:${port}` })).toBe(403);
  });

  it('accepts 127.0.0.1, localhost and *.localhost from a page of that origin, or from no page', async () => {
    const port = new URL(broker.wsUrl!).port;
    expect(await upgrade({ host: `localhost:${port}`, origin: `http://localhost:${port}` })).toBe('open');
    expect(await upgrade({ host: `app.localhost:${port}` })).toBe('open');
    expect(await upgrade({ host: `127.0.0.1:${port}`, origin: `http://localhost:${port}` })).toBe(403);
    expect(await upgrade({ host: `127.0.0.1:${port}`, origin: 'null' })).toBe(403);
  });
});

describe('packets too large', () => {
  it('closes a connection whose PUBLISH announces 256 MB at its fixed header, before buffering it', async () => {
    const before = process.memoryUsage().rss;
    const header = Buffer.concat([Buffer.from([0x30]), varint(268_435_455 - 5)]);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => raw([connect(`big-${i}`), header, Buffer.alloc(4 << 20, 0x61)])),
    );
    for (const r of results) {
      expect(r.closed).toBe(true);
      expect(r.received.subarray(0, 4)).toEqual(Buffer.from([0x20, 0x02, 0x00, 0x00])); // CONNACK 0 first
    }
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(logs.join('\n')).toMatch(/a packet of 268435455 bytes, more than the 1048576 allowed/);
  });

  it('still passes a packet of just under the limit, split in any chunks', async () => {
    const w = await mqtt.connectAsync(broker.mqttUrl!, { clientId: 'max-watch', reconnectPeriod: 0 });
    await w.subscribeAsync('max/topic');
    const got = new Promise<number>((resolve) => w.on('message', (_t, p) => resolve(p.length)));
    const payload = Buffer.alloc(1024 * 1024 - 64, 0x62);
    const publish = packet(0x30, Buffer.concat([str('max/topic'), payload]));
    const chunks: Buffer[] = [connect('max-pub')];
    for (let i = 0; i < publish.length; i += 7777) chunks.push(publish.subarray(i, i + 7777));
    const r = raw(chunks, 1500);
    expect(await got).toBe(payload.length);
    await r;
    await w.endAsync();
  });
});

describe('packets too large over WebSocket', () => {
  it('closes a WebSocket that sends a frame longer than the largest packet', async () => {
    const c = await mqtt.connectAsync(broker.wsUrl!, { clientId: 'ws-big', reconnectPeriod: 0 });
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    c.publish('big/topic', Buffer.alloc(2 * 1024 * 1024));
    await closed;
    c.end(true);
  });
});

describe('strings that are not MQTT strings, and an empty client ID', () => {
  /** Reports of the embedded broker's event topics, collected while `run` runs. */
  async function reportsDuring(run: () => Promise<unknown>): Promise<BrokerReport[]> {
    const reports: BrokerReport[] = [];
    const w = await mqtt.connectAsync(broker.mqttUrl!, {
      clientId: `watch-${Math.random()}`,
      reconnectPeriod: 0,
    });
    w.on('message', (topic, payload) =>
      reports.push(...(parseEmbedded(topic, payload.toString())?.reports ?? [])),
    );
    await w.subscribeAsync(EMBEDDED_FILTER);
    await run();
    await new Promise((r) => setTimeout(r, 200));
    await w.endAsync();
    return reports;
  }

  it('closes, without CONNACK, a connection whose client ID is not UTF-8 or holds U+0000', async () => {
    for (const id of [
      Buffer.from([0x61, 0xc3, 0x28]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('a\u0000b'),
    ]) {
      const r = await raw([connect(id)]);
      expect(r.closed).toBe(true);
      expect(r.received.length).toBe(0);
    }
  });

  it('closes a connection that publishes to, or subscribes to, a topic that is not UTF-8', async () => {
    const badTopic = Buffer.from([0x74, 0xff, 0x2f]);
    const pub = await raw([
      connect('bad-pub'),
      packet(0x30, Buffer.concat([str(badTopic), Buffer.from('x')])),
    ]);
    expect(pub.closed).toBe(true);
    const sub = await raw([
      connect('bad-sub'),
      packet(0x82, Buffer.concat([u16(1), str(badTopic), Buffer.from([0])])),
    ]);
    expect(sub.closed).toBe(true);
    expect(sub.received.subarray(0, 4)).toEqual(Buffer.from([0x20, 0x02, 0x00, 0x00])); // no SUBACK after it
    expect(sub.received.length).toBe(4);
  });

  it('answers an empty client ID with clean session 0 with CONNACK 0x02 and closes', async () => {
    const reports = await reportsDuring(async () => {
      const r = await raw([connect('', false)]);
      expect(r.received).toEqual(Buffer.from([0x20, 0x02, 0x00, 0x02]));
      expect(r.closed).toBe(true);
    });
    expect(reports.filter((r) => r.kind === 'connected')).toEqual([]);
  });

  it('still accepts an empty client ID with clean session 1 (the broker names it)', async () => {
    const r = await raw([connect('', true)], 500);
    expect(r.received.subarray(0, 4)).toEqual(Buffer.from([0x20, 0x02, 0x00, 0x00]));
  });

  it('reports a closed oversized connection as a protocol error', async () => {
    const reports = await reportsDuring(() =>
      raw([connect('too-big-reported'), Buffer.concat([Buffer.from([0x30]), varint(5_000_000)])]),
    );
    expect(reports).toContainEqual(
      expect.objectContaining({
        kind: 'disconnected',
        clientId: 'too-big-reported',
        reason: 'protocol-error',
      }),
    );
  });
});
