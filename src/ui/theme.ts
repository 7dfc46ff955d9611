// The theme in force: the user's choice, or the system's (prefers-color-scheme) when "system".

import { useSyncExternalStore } from 'react';
import { effectiveTheme, usePrefsStore } from '../state/prefs';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || window.matchMedia === undefined) return () => undefined;
  const mq = window.matchMedia(QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

function systemDark(): boolean {
  return typeof window !== 'undefined' && window.matchMedia !== undefined && window.matchMedia(QUERY).matches;
}

export function useTheme(): 'light' | 'dark' {
  const choice = usePrefsStore((s) => s.theme);
  const dark = useSyncExternalStore(subscribe, systemDark, () => false);
  return effectiveTheme(choice, dark);
}
