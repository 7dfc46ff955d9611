// The connection form's values. Kept in memory only, unless the user ticks "remember": then the whole
// form, user name and password included, goes to localStorage (the form says so).
import type { LiveFormInput } from '../../live/connection';

const KEY = 'keepalive-lab.live.connection';

export interface SavedForm extends LiveFormInput {
  remember: true;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadRemembered(): LiveFormInput | null {
  const raw = storage()?.getItem(KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<SavedForm>;
    if (typeof v.url !== 'string') return null;
    return {
      url: v.url,
      clientId: typeof v.clientId === 'string' ? v.clientId : '',
      username: typeof v.username === 'string' ? v.username : '',
      password: typeof v.password === 'string' ? v.password : '',
      protocol: v.protocol === 5 || v.protocol === '5' ? 5 : 4,
      keepAlive: typeof v.keepAlive === 'string' || typeof v.keepAlive === 'number' ? v.keepAlive : '30',
      cleanStart: v.cleanStart !== false,
    };
  } catch {
    return null;
  }
}

export function remember(form: LiveFormInput): void {
  storage()?.setItem(KEY, JSON.stringify({ ...form, remember: true }));
}

export function forget(): void {
  storage()?.removeItem(KEY);
}

/** ws(s)://<this host>/mqtt — where `npm start` serves the embedded broker. */
export function sameOriginBrokerUrl(): string {
  if (typeof location === 'undefined') return '';
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
}

export function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}
