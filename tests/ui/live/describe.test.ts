// A probe's state in words: a closed probe says why, as the broker reported it where it did.
import { describe, expect, it } from 'vitest';
import type { Lane } from '../../../src/live/conns';
import type { ProbeInfo } from '../../../src/live/session';
import type { ProbeState } from '../../../src/live/probes';
import { describeEvent, probeStatusText } from '../../../src/ui/live/describe';

const lane = (over: Partial<Lane> = {}): Lane => ({
  conn: 2,
  client: 'p',
  local: 'probe',
  localOpen: false,
  brokerOpen: true,
  brokerClosed: true,
  unseen: false,
  ...over,
});

const probe = (state: ProbeState): ProbeInfo => ({
  key: 'probe-1',
  clientId: 'p',
  options: { url: 'ws://x', clientId: 'p', protocol: 4, keepAlive: 2, cleanStart: true },
  state,
});

describe('probeStatusText', () => {
  it('names the reason the broker gave, not the socket’s close', () => {
    // The socket closed without DISCONNECT ("network-error") and the broker said it was a timeout.
    expect(
      probeStatusText(
        probe({
          status: 'closed',
          detail: 'network-error',
          lane: lane({ closeReason: 'keepalive-timeout' }),
        }),
      ),
    ).toBe('closed #2 — timed out by the broker: nothing came for 1.5 × keep alive');
    expect(
      probeStatusText(
        probe({ status: 'closed', detail: 'network-error', lane: lane({ closeReason: 'takeover' }) }),
      ),
    ).toBe('closed #2 — taken over: another connection came with the same client ID');
    expect(probeStatusText(probe({ status: 'closed', detail: 'server-shutdown', lane: lane() }))).toBe(
      'closed #2 — the broker shut down',
    );
  });

  it('tells a crash by the page from a close the broker did not explain', () => {
    expect(
      probeStatusText(
        probe({ status: 'closed', detail: 'network-error', lane: lane({ closeReason: 'network-error' }) }),
      ),
    ).toBe('crashed #2 — its socket closed without DISCONNECT');
    expect(probeStatusText(probe({ status: 'closed', detail: 'network-error', lane: lane() }))).toBe(
      'closed #2 — the broker closed the socket without saying why',
    );
    expect(probeStatusText(probe({ status: 'silenced', lane: lane() }))).toBe(
      'silenced #2 — waiting for the broker to notice',
    );
  });

  it('describes a reconnect after a backoff', () => {
    expect(
      describeEvent({
        t: 1,
        kind: 'fault',
        target: 'lab',
        fault: 'connect',
        attempt: 3,
        backoffMs: 4000,
      } as never),
    ).toBe('lab: reconnect, attempt 3 after a backoff of 4.0 s');
  });
});
