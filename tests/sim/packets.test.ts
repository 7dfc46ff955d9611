// The simulator's packet type codes are the indices of the trace's PACKET_TYPES (src/sim/packets.ts).

import { describe, expect, it } from 'vitest';
import * as packets from '../../src/sim/packets';
import { PACKET_TYPES } from '../../src/trace/types';

describe('packet type codes', () => {
  it('each code is its type’s index in PACKET_TYPES', () => {
    const codes = Object.entries(packets).filter(([, v]) => typeof v === 'number');
    expect(codes.length).toBeGreaterThanOrEqual(14);
    for (const [name, code] of codes) {
      expect(PACKET_TYPES[code as number]).toBe(name);
      expect(packets.packetTypeName(code as number)).toBe(name);
    }
  });
});
