// How far the learner got through each lesson, and whether the lesson list has been shown once (the
// opening screen of a first visit), remembered in localStorage; a reset forgets it all.

import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { pageStorage } from './prefs';

export interface LessonProgress {
  /** Furthest step reached (1-based). */
  reached: number;
  steps: number;
  done: boolean;
}

export interface LessonProgressState {
  /** The lesson list was shown (or dismissed) once: it no longer opens by itself. */
  introSeen: boolean;
  byLesson: Record<string, LessonProgress>;
  markIntroSeen(): void;
  /** Records that step `step` (1-based) of `steps` was reached; the last one completes the lesson. */
  reach(id: string, step: number, steps: number): void;
  reset(): void;
}

export const useLessonProgress = create<LessonProgressState>()(
  persist(
    (set) => ({
      introSeen: false,
      byLesson: {},
      markIntroSeen: () => set({ introSeen: true }),
      reach: (id, step, steps) =>
        set((s) => {
          const before = s.byLesson[id];
          const reached = Math.max(step, before?.reached ?? 0);
          return {
            byLesson: {
              ...s.byLesson,
              [id]: { reached, steps, done: (before?.done ?? false) || reached >= steps },
            },
          };
        }),
      reset: () => set({ byLesson: {} }),
    }),
    { name: 'keepalive-lab.lessons', storage: createJSONStorage(pageStorage) },
  ),
);
