// The view preferences store: theme and projector mode, remembered in localStorage; plus which
// panels are open (not remembered).

import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface PrefsState {
  theme: ThemeChoice;
  /** Larger type and marks, for a projector. */
  large: boolean;
  setTheme(theme: ThemeChoice): void;
  setLarge(large: boolean): void;
}

/** localStorage when the page has it; a no-op store otherwise (tests, private modes that throw). */
function storage(): Storage {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // fall through
  }
  const mem = new Map<string, string>();
  return {
    get length() {
      return mem.size;
    },
    clear: () => mem.clear(),
    getItem: (k) => mem.get(k) ?? null,
    key: (i) => [...mem.keys()][i] ?? null,
    removeItem: (k) => void mem.delete(k),
    setItem: (k, v) => void mem.set(k, v),
  };
}

export const usePrefsStore = create<PrefsState>()(
  persist(
    (set) => ({
      theme: 'system',
      large: false,
      setTheme: (theme) => set({ theme }),
      setLarge: (large) => set({ large }),
    }),
    { name: 'keepalive-lab.prefs', storage: createJSONStorage(storage) },
  ),
);

/** The theme to draw with. */
export function effectiveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

export interface PanelsState {
  /** Live mode open, with the broker URL to connect to (from `#live=`), if any. */
  liveOpen: boolean;
  liveUrl: string | undefined;
  editorOpen: boolean;
  openLive(url?: string): void;
  closeLive(): void;
  setEditorOpen(open: boolean): void;
}

export const usePanelsStore = create<PanelsState>()((set) => ({
  liveOpen: false,
  liveUrl: undefined,
  editorOpen: false,
  openLive: (url) => set({ liveOpen: true, liveUrl: url }),
  closeLive: () => set({ liveOpen: false }),
  setEditorOpen: (editorOpen) => set({ editorOpen }),
}));
