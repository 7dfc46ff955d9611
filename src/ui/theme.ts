// The theme in force: the user's choice, or the system's (prefers-color-scheme) when "system".

import { useSyncExternalStore } from 'react';
import { effectiveTheme, usePrefsStore } from '../state/prefs';
import { PROJECTOR_SCALE } from '../timeline/theme';

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

/** How much larger the timeline draws its text, lines and marks: projector mode scales them with the page. */
export function useCanvasScale(): number {
  return usePrefsStore((s) => (s.large ? PROJECTOR_SCALE : 1));
}
