// The theme in force: the user's choice, or the system's (prefers-color-scheme) when "system".

import { useSyncExternalStore } from 'react';
import { effectiveTheme, usePrefsStore } from '../state/prefs';
import { PROJECTOR_SCALE } from '../timeline/theme';

const QUERY = '(prefers-color-scheme: dark)';

let darkQuery: MediaQueryList | null | undefined;

/**
 * The system's dark-mode query, made once: `useSyncExternalStore` reads it on every render of every
 * themed component, and each `matchMedia` call builds a new query (13 ms in a fleet run's first seconds).
 */
function systemQuery(): MediaQueryList | null {
  darkQuery ??=
    typeof window === 'undefined' || window.matchMedia === undefined ? null : window.matchMedia(QUERY);
  return darkQuery;
}

function subscribe(onChange: () => void): () => void {
  const mq = systemQuery();
  if (mq === null) return () => undefined;
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

function systemDark(): boolean {
  return systemQuery()?.matches ?? false;
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
