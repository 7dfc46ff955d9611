// A client's transport, user name and password: how they are checked and resolved, and that a
// password never shows in an error or a link.

import { describe, expect, it } from 'vitest';
import LZString from 'lz-string';
import { PASSWORD_MASK, maskPasswords } from '../../src/scenario/credentials';
import { parseScenario } from '../../src/scenario/parse';
import { resolveScenario } from '../../src/scenario/resolve';
import type { ClientSpec, Scenario } from '../../src/scenario/types';
import { encodeScenarioHash, parseLocationHash } from '../../src/scenario/url';
import { issueLines, minimalScenario } from './helpers';

const SECRET = 's3cret-Pa55';

function withClient(extra: Record<string, unknown>, top: Partial<Scenario> = {}): Scenario {
  return { ...minimalScenario(), ...top, clients: [{ id: 'c', keepAlive: 10, ...extra } as ClientSpec] };
}

const resolvedClient = (s: Scenario) => resolveScenario(parseScenario(s)).clients[0];

describe('a client transport', () => {
  it('defaults to tcp and takes ws', () => {
    expect(resolvedClient(withClient({})).transport).toBe('tcp');
    expect(resolvedClient(withClient({ transport: 'ws' })).transport).toBe('ws');
  });

  it('is refused with one line naming the path when it is not tcp or ws', () => {
    expect(issueLines(() => parseScenario(withClient({ transport: 'wss' })))).toEqual([
      'clients[0].transport: must be "tcp" or "ws" (got "wss")',
    ]);
  });
});

describe('a client user name and password', () => {
  it('are none by default and resolved as written', () => {
    expect(resolvedClient(withClient({}))).toMatchObject({ username: null, password: null });
    expect(resolvedClient(withClient({ username: 'anyone', password: SECRET }))).toMatchObject({
      username: 'anyone',
      password: SECRET,
    });
  });

  it('refuses a user name that is no MQTT string or longer than 65535 bytes', () => {
    expect(issueLines(() => parseScenario(withClient({ username: 7 })))).toEqual([
      'clients[0].username: must be a string (got 7)',
    ]);
    expect(issueLines(() => parseScenario(withClient({ username: 'a\u0000b' })))).toEqual([
      'clients[0].username: must not contain the NUL character (got "a\\u0000b")',
    ]);
    expect(issueLines(() => parseScenario(withClient({ username: 'é'.repeat(32768) })))).toEqual([
      'clients[0].username: must be at most 65535 UTF-8 bytes',
    ]);
  });

  it('refuses a bad password without ever quoting it', () => {
    for (const password of [42, SECRET + '\ud800', SECRET + 'x'.repeat(65535)]) {
      const lines = issueLines(() => parseScenario(withClient({ username: 'u', password })));
      expect(lines).toEqual([
        'clients[0].password: must be a string of well-formed UTF-8, at most 65535 bytes',
      ]);
    }
  });

  it('masks a password inside any rejected value it would have quoted', () => {
    const s = { ...minimalScenario(), clients: { id: 'c', keepAlive: 1, password: SECRET } };
    const text = issueLines(() => parseScenario(s)).join('\n');
    expect(text).toContain('clients: must be a non-empty array of clients');
    expect(text).not.toContain(SECRET);
  });

  it('needs a user name beside a password under MQTT 3.1.1, not under 5.0', () => {
    expect(issueLines(() => resolveScenario(parseScenario(withClient({ password: SECRET }))))).toEqual([
      'clients[0].password: needs a username under protocol 4 (MQTT 3.1.1)',
    ]);
    expect(resolvedClient(withClient({ password: SECRET }, { protocol: 5 })).password).toBe(SECRET);
  });
});

describe('a scenario with a password in a link', () => {
  it('puts the mask in the link, never the password, and the link still opens', () => {
    const s = withClient({ username: 'anyone', password: SECRET });
    const hash = encodeScenarioHash(s);
    const json = LZString.decompressFromEncodedURIComponent(hash.slice('#scenario='.length));
    expect(json).not.toContain(SECRET);
    expect(json).toContain(PASSWORD_MASK);
    const opened = parseLocationHash(hash).scenario;
    expect(opened?.clients[0]).toMatchObject({ username: 'anyone', password: PASSWORD_MASK });
    // The scenario the page holds keeps its password: only the copy in the link is masked.
    expect(s.clients[0].password).toBe(SECRET);
  });

  it('leaves a scenario without passwords as it is (the same object)', () => {
    const s = withClient({ username: 'anyone' });
    expect(maskPasswords(s)).toBe(s);
  });
});
