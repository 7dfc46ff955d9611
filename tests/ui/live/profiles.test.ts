// Connection profiles in localStorage: several, by name; the password only when the profile keeps it;
// an earlier version's remembered form becomes a profile; a link finds the profile of its broker.
import { describe, expect, it } from 'vitest';
import {
  deleteProfile,
  emptyForm,
  loadProfiles,
  markLastProfile,
  profileForUrl,
  profileNameProblem,
  saveProfile,
  type ConnectionProfile,
} from '../../../src/ui/live/profiles';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

const profile = (name: string, url: string, keepPassword: boolean): ConnectionProfile => ({
  name,
  form: { ...emptyForm(url), username: 'alice', password: 'secret', protocol: 5, sessionExpiry: '60' },
  keepPassword,
  subscriptions: [{ filter: 'sensors/#', qos: 1, noLocal: true }],
});

describe('connection profiles', () => {
  it('keeps several by name, the password only where asked', () => {
    const storage = memoryStorage();
    saveProfile(profile('with', 'ws://a:1', true), storage);
    saveProfile(profile('without', 'ws://b:2', false), storage);
    const raw = storage.getItem('keepalive-lab.live.profiles') ?? '';
    expect(raw.match(/secret/g)).toHaveLength(1);
    const book = loadProfiles(storage);
    expect(book.profiles.map((p) => [p.name, p.form.password, p.keepPassword])).toEqual([
      ['with', 'secret', true],
      ['without', '', false],
    ]);
    expect(book.last).toBe('without');
    expect(book.profiles[0].subscriptions).toEqual([{ filter: 'sensors/#', qos: 1, noLocal: true }]);
    expect(book.profiles[0].form).toMatchObject({ protocol: 5, sessionExpiry: '60', username: 'alice' });
  });

  it('replaces a profile saved again under its name, and forgets a password no longer kept', () => {
    const storage = memoryStorage();
    saveProfile(profile('p', 'ws://a:1', true), storage);
    saveProfile(profile('p', 'ws://a:1', false), storage);
    const book = loadProfiles(storage);
    expect(book.profiles).toHaveLength(1);
    expect(book.profiles[0].form.password).toBe('');
    expect(storage.getItem('keepalive-lab.live.profiles')).not.toContain('secret');
  });

  it('deletes, remembers the last one used, and finds the one of a link’s broker', () => {
    const storage = memoryStorage();
    saveProfile(profile('a1', 'ws://a:1', false), storage);
    saveProfile(profile('a2', 'ws://a:1', false), storage);
    saveProfile(profile('b', 'ws://b:2', false), storage);
    markLastProfile('a2', storage);
    let book = loadProfiles(storage);
    expect(profileForUrl(book, 'ws://a:1')?.name).toBe('a2');
    expect(profileForUrl(book, 'ws://b:2')?.name).toBe('b');
    expect(profileForUrl(book, 'ws://c:3')).toBeUndefined();
    book = deleteProfile('a2', storage);
    expect(book.last).toBeNull();
    expect(profileForUrl(book, 'ws://a:1')?.name).toBe('a1');
  });

  it('turns an earlier version’s remembered form into a profile that keeps its password', () => {
    const storage = memoryStorage();
    storage.setItem(
      'keepalive-lab.live.connection',
      JSON.stringify({
        url: 'ws://old:1',
        clientId: 'c',
        username: 'u',
        password: 'pw',
        protocol: 4,
        keepAlive: 10,
        cleanStart: true,
        remember: true,
      }),
    );
    const book = loadProfiles(storage);
    expect(book.profiles).toEqual([
      {
        name: 'Remembered connection',
        form: {
          url: 'ws://old:1',
          clientId: 'c',
          username: 'u',
          password: 'pw',
          protocol: 4,
          keepAlive: '10',
          cleanStart: true,
          sessionExpiry: '',
          userProperties: [],
        },
        keepPassword: true,
        subscriptions: [{ filter: '#', qos: 0 }],
      },
    ]);
    expect(book.last).toBe('Remembered connection');
    expect(storage.getItem('keepalive-lab.live.connection')).toBeNull();
    expect(loadProfiles(storage).profiles).toHaveLength(1);
  });

  it('survives damaged storage and checks names', () => {
    const storage = memoryStorage();
    storage.setItem('keepalive-lab.live.profiles', '{not json');
    expect(loadProfiles(storage)).toEqual({ profiles: [], last: null });
    storage.setItem(
      'keepalive-lab.live.profiles',
      JSON.stringify({ profiles: [{ name: 3 }, null, { name: 'x' }] }),
    );
    expect(loadProfiles(storage).profiles).toEqual([]);
    expect(profileNameProblem(' ')).toBe('Profile name: required to save a profile');
    expect(profileNameProblem('x'.repeat(61))).toBe('Profile name: at most 60 characters');
    expect(profileNameProblem('Mosquitto')).toBeNull();
  });
});
