// The packet guard on its own, fuzzed: valid packet streams cut into any chunks come out byte for
// byte; random bytes never make it throw, and what it lets through is always a prefix of its input.
import fc from 'fast-check';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { PacketGuard } from '../../src/embedded-broker/packetGuard';

const MAX = 1024 * 1024;

/** Feeds `input` in pieces of `size`; returns the bytes let through and the violation, if any. */
function run(input: Buffer, size: number, max = MAX): { out: Buffer; violation: unknown } {
  const guard = new PacketGuard(max);
  const out: Buffer[] = [];
  for (let i = 0; i < input.length; i += size) {
    const r = guard.feed(input.subarray(i, i + size));
    out.push(...r.out);
    if (r.violation !== null) return { out: Buffer.concat(out), violation: r.violation };
  }
  return { out: Buffer.concat(out), violation: null };
}

const text = fc
  .string({ minLength: 1, maxLength: 30 })
  .filter((s) => !s.includes('\u0000') && new TextDecoder().decode(new TextEncoder().encode(s)) === s);
const packetArb = fc.oneof(
  fc
    .record({ topic: text, payload: fc.uint8Array({ maxLength: 3000 }), qos: fc.constantFrom(0, 1) })
    .map((p) =>
      mqttPacket.generate({
        cmd: 'publish',
        topic: p.topic,
        payload: Buffer.from(p.payload),
        qos: p.qos as 0 | 1,
        ...(p.qos > 0 ? { messageId: 7 } : {}),
        retain: false,
        dup: false,
      }),
    ),
  fc.array(text, { minLength: 1, maxLength: 4 }).map((filters) =>
    mqttPacket.generate({
      cmd: 'subscribe',
      messageId: 3,
      subscriptions: filters.map((topic) => ({ topic, qos: 0 })),
    }),
  ),
  fc
    .array(text, { minLength: 1, maxLength: 4 })
    .map((unsubscriptions) => mqttPacket.generate({ cmd: 'unsubscribe', messageId: 4, unsubscriptions })),
  fc.constant(mqttPacket.generate({ cmd: 'pingreq' })),
);

describe('the packet guard', () => {
  it('lets a stream of valid packets through unchanged, however it is cut', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(packetArb, { maxLength: 8 }),
        fc.integer({ min: 1, max: 5000 }),
        (id, packets, size) => {
          const connect = mqttPacket.generate({
            cmd: 'connect',
            protocolId: 'MQTT',
            protocolVersion: 4,
            clientId: id,
            clean: true,
            keepalive: 30,
            will: { topic: id, payload: Buffer.from('bye'), qos: 0, retain: false },
            username: id,
          });
          const input = Buffer.concat([connect, ...packets]);
          const r = run(input, size);
          expect(r.violation).toBeNull();
          expect(r.out.equals(input)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on random bytes, and lets through only a prefix of them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 64 }), (bytes, size) => {
        const input = Buffer.from(bytes);
        const r = run(input, size, 300);
        expect(input.subarray(0, r.out.length).equals(r.out)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('stops at the fixed header of a packet over the limit, whatever follows', () => {
    const r = run(Buffer.concat([Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f]), Buffer.alloc(10)]), 3);
    expect(r.violation).toEqual({ kind: 'too-large', type: 3, size: 268_435_460, max: MAX });
    expect(r.out.length).toBe(0);
  });
});
