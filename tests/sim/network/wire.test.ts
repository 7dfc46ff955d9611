// Packets on the wire and their fate in the trace (src/sim/network/wire.ts).

import { describe, expect, it } from 'vitest';
import { run, scenario } from '../helpers';

describe('wire', () => {
  it('a packet that reaches a closed end is recorded as lost (arrive null), not as arriving', () => {
    // The broker forwards a publish at 5100 to a subscriber that crashed at 5150; it would arrive at 5200.
    const trace = run(
      scenario(
        [
          { id: 'sub', keepAlive: 60, subscribe: ['d/#'] },
          { id: 'pub', keepAlive: 60 },
        ],
        {
          latencyMs: 100,
          events: [
            { atMs: 5000, client: 'pub', do: 'publish', topic: 'd/x', payload: 'late' },
            { atMs: 5150, client: 'sub', do: 'crash' },
          ],
        },
      ),
    );
    expect(trace.packets({ client: 'sub', type: 'PUBLISH' })).toMatchObject([{ t: 5100, arrive: null }]);
  });

  it('a packet still in flight when the run ends to an end that has already closed is recorded as lost', () => {
    // The same story, cut by the end of the run at 10 000: the publish is still on its way (it would
    // arrive at 10 100) but its receiver closed at 9950, so nobody will ever receive it.
    const trace = run(
      scenario(
        [
          { id: 'sub', keepAlive: 60, subscribe: ['d/#'] },
          { id: 'pub', keepAlive: 60 },
        ],
        {
          latencyMs: 100,
          durationMs: 10_000,
          events: [
            { atMs: 9900, client: 'pub', do: 'publish', topic: 'd/x', payload: 'late' },
            { atMs: 9950, client: 'sub', do: 'crash' },
          ],
        },
      ),
    );
    expect(trace.closes('client', 'sub')).toMatchObject([{ t: 9950 }]);
    expect(trace.packets({ client: 'sub', type: 'PUBLISH' })).toMatchObject([{ t: 10_000, arrive: null }]);
  });

  it('a packet still in flight when the run ends to an open end keeps its arrival time', () => {
    const trace = run(scenario([{ id: 'dev', keepAlive: 5 }], { latencyMs: 100, durationMs: 10_000 }));
    expect(trace.packets({ type: 'PINGREQ' }).at(-1)).toMatchObject({ t: 10_000, arrive: 10_100 });
  });
});
