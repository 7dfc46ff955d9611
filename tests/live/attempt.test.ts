// When a broker's close of a silent client can be concluded to be a keep-alive timeout.
import { describe, expect, it } from 'vitest';
import { reasonOfSentDisconnect, silentLongEnoughForTimeout } from '../../src/live/attempt';

describe('silentLongEnoughForTimeout', () => {
  it('counts a silence of ⌊1.5 K⌋ s as long enough, as Mosquitto drops on whole seconds', () => {
    // Mosquitto dropped a K = 5 s WebSocket client 7.43 s after its CONNECT: less than 1.5 K.
    expect(silentLongEnoughForTimeout(7430, 5)).toBe(true);
    expect(silentLongEnoughForTimeout(3000, 2)).toBe(true);
  });

  it('allows 100 ms for a packet stamped late on a busy event loop, and no more', () => {
    expect(silentLongEnoughForTimeout(2950, 2)).toBe(true);
    expect(silentLongEnoughForTimeout(2899, 2)).toBe(false);
    expect(silentLongEnoughForTimeout(6850, 5)).toBe(false);
  });

  it('never with keep alive off, and from 1 s for K = 1 s', () => {
    expect(silentLongEnoughForTimeout(1e9, 0)).toBe(false);
    expect(silentLongEnoughForTimeout(899, 1)).toBe(false);
    expect(silentLongEnoughForTimeout(1000, 1)).toBe(true);
  });
});

describe('reasonOfSentDisconnect', () => {
  it('reads 0x04 as a close that keeps the will [MQTT-3.14.4-3], any other code as a normal one', () => {
    expect(reasonOfSentDisconnect(0x04)).toBe('disconnect-with-will');
    expect(reasonOfSentDisconnect(0x00)).toBe('client-disconnect');
    expect(reasonOfSentDisconnect(0x80)).toBe('client-disconnect');
  });
});
