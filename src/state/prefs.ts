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
export function pageStorage(): Storage {
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
    { name: 'keepalive-lab.prefs', storage: createJSONStorage(pageStorage) },
  ),
);

/** The theme to draw with. */
export function effectiveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

/** The dialogs that sit over the page (one at a time). */
export type DialogName = 'shortcuts' | 'find' | 'lessons' | null;

export interface PanelsState {
  /** Live mode open, with the broker URL to connect to (from `#live=`), if any. */
  liveOpen: boolean;
  liveUrl: string | undefined;
  editorOpen: boolean;
  /** The side column (lesson, legend, inspector, statistics); closed, the timeline takes the width. */
  sideOpen: boolean;
  legendOpen: boolean;
  /** The keep-alive calculator, in the side column (it stays open while its run plays). */
  calculatorOpen: boolean;
  dialog: DialogName;
  /** A big run waiting for the user's yes (what it is, and what yes does). */
  runToConfirm: { text: string; run(): void } | null;
  askToRun(request: { text: string; run(): void } | null): void;
  openLive(url?: string): void;
  closeLive(): void;
  setEditorOpen(open: boolean): void;
  setSideOpen(open: boolean): void;
  setLegendOpen(open: boolean): void;
  setCalculatorOpen(open: boolean): void;
  setDialog(dialog: DialogName): void;
}

export const usePanelsStore = create<PanelsState>()((set) => ({
  liveOpen: false,
  liveUrl: undefined,
  editorOpen: false,
  sideOpen: true,
  legendOpen: false,
  calculatorOpen: false,
  dialog: null,
  runToConfirm: null,
  askToRun: (runToConfirm) => set({ runToConfirm }),
  openLive: (url) => set({ liveOpen: true, liveUrl: url }),
  closeLive: () => set({ liveOpen: false }),
  setEditorOpen: (editorOpen) => set({ editorOpen }),
  setSideOpen: (sideOpen) => set({ sideOpen }),
  // The legend lives in the side column: showing it shows the column.
  setLegendOpen: (legendOpen) => set(legendOpen ? { legendOpen, sideOpen: true } : { legendOpen }),
  setCalculatorOpen: (calculatorOpen) =>
    set(calculatorOpen ? { calculatorOpen, sideOpen: true } : { calculatorOpen }),
  setDialog: (dialog) => set({ dialog }),
}));
