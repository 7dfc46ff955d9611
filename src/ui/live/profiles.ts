// Named connection profiles, kept in this browser's localStorage: the connection form (broker URL,
// client ID, user name, MQTT version, keep alive, clean start, session expiry, user properties) and the
// subscriptions. The password is kept only in a profile whose "keep the password" box is ticked (the
// form warns that it is stored unencrypted); otherwise it is never written anywhere.
import type { LiveFormInput, UserPropertyInput } from '../../live/options';
import type { LiveSubscription } from '../../live/subscriptions';
import { pageStorage } from '../../state/prefs';

const KEY = 'keepalive-lab.live.profiles';
/** What an earlier version kept: one remembered form, password included. */
const OLD_KEY = 'keepalive-lab.live.connection';

/** The connection form as the page holds it. */
export interface ConnectionForm extends LiveFormInput {
  sessionExpiry: string;
  userProperties: UserPropertyInput[];
}

export interface ConnectionProfile {
  name: string;
  form: ConnectionForm;
  /** The password is in `form.password` (else that is ''). */
  keepPassword: boolean;
  subscriptions: LiveSubscription[];
}

export interface ProfileBook {
  profiles: ConnectionProfile[];
  /** The profile connected with last. */
  last: string | null;
}

export const MAX_PROFILE_NAME = 60;

export function emptyForm(url: string): ConnectionForm {
  return {
    url,
    clientId: `keepalive-lab-${randomSuffix()}`,
    username: '',
    password: '',
    protocol: 4,
    keepAlive: '30',
    cleanStart: true,
    sessionExpiry: '',
    userProperties: [],
  };
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

function readForm(v: Record<string, unknown>, password: boolean): ConnectionForm {
  const rows = Array.isArray(v.userProperties) ? (v.userProperties as unknown[]) : [];
  return {
    url: str(v.url),
    clientId: str(v.clientId),
    username: str(v.username),
    password: password ? str(v.password) : '',
    protocol: v.protocol === 5 || v.protocol === '5' ? 5 : 4,
    keepAlive: typeof v.keepAlive === 'number' ? String(v.keepAlive) : str(v.keepAlive, '30'),
    cleanStart: v.cleanStart !== false,
    sessionExpiry: typeof v.sessionExpiry === 'number' ? String(v.sessionExpiry) : str(v.sessionExpiry),
    userProperties: rows
      .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
      .map((r) => ({ name: str(r.name), value: str(r.value) })),
  };
}

function readSubscriptions(v: unknown): LiveSubscription[] {
  if (!Array.isArray(v)) return [{ filter: '#', qos: 0 }];
  return v
    .filter(
      (s): s is Record<string, unknown> =>
        typeof s === 'object' && s !== null && typeof s.filter === 'string',
    )
    .map((s) => ({
      filter: s.filter as string,
      qos: s.qos === 1 || s.qos === 2 ? s.qos : 0,
      ...(s.noLocal === true ? { noLocal: true } : {}),
      ...(s.retainAsPublished === true ? { retainAsPublished: true } : {}),
      ...(s.retainHandling === 1 || s.retainHandling === 2 ? { retainHandling: s.retainHandling } : {}),
    }));
}

/** The profiles kept in `storage`; an earlier version's remembered form becomes a profile of its own. */
export function loadProfiles(storage: Storage = pageStorage()): ProfileBook {
  const book: ProfileBook = { profiles: [], last: null };
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? 'null') as { profiles?: unknown; last?: unknown } | null;
    if (raw !== null && Array.isArray(raw.profiles)) {
      for (const p of raw.profiles as unknown[]) {
        if (typeof p !== 'object' || p === null) continue;
        const r = p as Record<string, unknown>;
        if (typeof r.name !== 'string' || r.name === '' || typeof r.form !== 'object' || r.form === null)
          continue;
        const keepPassword = r.keepPassword === true;
        book.profiles.push({
          name: r.name,
          form: readForm(r.form as Record<string, unknown>, keepPassword),
          keepPassword,
          subscriptions: readSubscriptions(r.subscriptions),
        });
      }
      if (typeof raw.last === 'string' && book.profiles.some((p) => p.name === raw.last))
        book.last = raw.last;
    }
  } catch {
    // A damaged entry is as good as none.
  }
  const old = storage.getItem(OLD_KEY);
  if (old !== null) {
    try {
      const v = JSON.parse(old) as Record<string, unknown>;
      if (typeof v.url === 'string' && !book.profiles.some((p) => p.name === 'Remembered connection')) {
        // The old form kept the password because the user asked to remember it: so does the profile.
        book.profiles.push({
          name: 'Remembered connection',
          form: readForm(v, true),
          keepPassword: true,
          subscriptions: [{ filter: '#', qos: 0 }],
        });
        book.last ??= 'Remembered connection';
      }
    } catch {
      // ignored, as above
    }
    storage.removeItem(OLD_KEY);
    writeBook(book, storage);
  }
  return book;
}

function writeBook(book: ProfileBook, storage: Storage): void {
  const profiles = book.profiles.map((p) => ({
    ...p,
    form: { ...p.form, password: p.keepPassword ? p.form.password : '' },
  }));
  storage.setItem(KEY, JSON.stringify({ profiles, last: book.last }));
}

/** A profile name's problem, or null. */
export function profileNameProblem(name: string): string | null {
  if (name.trim() === '') return 'Profile name: required to save a profile';
  if (name.length > MAX_PROFILE_NAME) return `Profile name: at most ${MAX_PROFILE_NAME} characters`;
  return null;
}

/** Saves (or replaces) a profile under its name; returns the book as now kept. */
export function saveProfile(profile: ConnectionProfile, storage: Storage = pageStorage()): ProfileBook {
  const book = loadProfiles(storage);
  const name = profile.name.trim();
  const kept: ConnectionProfile = {
    ...profile,
    name,
    form: { ...profile.form, password: profile.keepPassword ? profile.form.password : '' },
  };
  const i = book.profiles.findIndex((p) => p.name === name);
  if (i === -1) book.profiles.push(kept);
  else book.profiles[i] = kept;
  book.last = name;
  writeBook(book, storage);
  return book;
}

export function deleteProfile(name: string, storage: Storage = pageStorage()): ProfileBook {
  const book = loadProfiles(storage);
  book.profiles = book.profiles.filter((p) => p.name !== name);
  if (book.last === name) book.last = null;
  writeBook(book, storage);
  return book;
}

/** Remembers which profile was connected with last (null: none). */
export function markLastProfile(name: string | null, storage: Storage = pageStorage()): void {
  const book = loadProfiles(storage);
  book.last = name !== null && book.profiles.some((p) => p.name === name) ? name : null;
  writeBook(book, storage);
}

/** The profile to open a `#live=<url>` link with: the last one used if it is for that broker, else the first. */
export function profileForUrl(book: ProfileBook, url: string): ConnectionProfile | undefined {
  const last = book.profiles.find((p) => p.name === book.last);
  if (last !== undefined && last.form.url.trim() === url.trim()) return last;
  return book.profiles.find((p) => p.form.url.trim() === url.trim());
}

/** ws(s)://<this host>/mqtt — where `npm start` serves the embedded broker. */
export function sameOriginBrokerUrl(): string {
  if (typeof location === 'undefined') return '';
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
}

export function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}
