// The page's Copy link for a scenario that holds a password: the link carries the mask, never the
// password, and opens the same scenario otherwise.
import { describe, expect, it } from 'vitest';
import LZString from 'lz-string';
import { PASSWORD_MASK, parseLocationHash, type Scenario } from '../../src/scenario';
import { shareHash } from '../../src/ui/share';

const SECRET = 'never-in-a-link';

const scenario: Scenario = {
  scenario: 1,
  name: 'ejabberd login',
  seed: 1,
  durationMs: 10_000,
  broker: { profile: 'ejabberd-23' },
  clients: [{ id: 'dev', keepAlive: 5, username: 'anyone', password: SECRET }],
};

describe('a shared link to a scenario with a password', () => {
  it('masks the password and keeps everything else', () => {
    const hash = shareHash(null, scenario, { view: [0, 5000] });
    expect(hash).not.toContain(SECRET);
    const data = /#scenario=([^&]*)/.exec(hash)?.[1] ?? '';
    expect(LZString.decompressFromEncodedURIComponent(data)).not.toContain(SECRET);
    const opened = parseLocationHash(hash);
    expect(opened.scenario).toEqual({
      ...scenario,
      clients: [{ ...scenario.clients[0], password: PASSWORD_MASK }],
    });
    expect(opened.view).toEqual([0, 5000]);
  });
});
