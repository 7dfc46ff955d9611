// The lesson list (a dialog named "Lessons"): every lesson by its title, with its one-line summary and
// how far the learner got; Import lesson (a JSON file: a bad one is refused with its problems listed
// by path, and whatever was open stays); Reset progress. On a first visit it is the opening screen.

import { useRef, useState } from 'react';
import { LESSONS, LessonError, MAX_LESSON_CHARS, parseLessonText, type Lesson } from '../../lessons';

import { lessonPlayer } from '../../state/lessonPlayer';
import { useLessonProgress } from '../../state/lessonProgress';
import { usePanelsStore } from '../../state/prefs';
import { Dialog } from '../Dialog';

export function LessonList() {
  const open = usePanelsStore((s) => s.dialog === 'lessons');
  if (!open) return null;
  return <LessonDialog />;
}

function progressText(p: { reached: number; steps: number; done: boolean } | undefined): string {
  if (p === undefined) return 'not started';
  return p.done ? 'done ✓' : `step ${p.reached} of ${p.steps}`;
}

function LessonDialog() {
  const progress = useLessonProgress((s) => s.byLesson);
  const [problems, setProblems] = useState<{ file: string; lines: string[] } | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const close = (): void => {
    useLessonProgress.getState().markIntroSeen();
    usePanelsStore.getState().setDialog(null);
  };
  const start = (lesson: Lesson, fromCatalog = true): void => {
    useLessonProgress.getState().markIntroSeen();
    lessonPlayer.open(lesson, { fromCatalog });
  };
  const importFile = async (f: File): Promise<void> => {
    // Sizes are checked before anything is read into a lesson.
    if (f.size > MAX_LESSON_CHARS * 4) {
      setProblems({
        file: f.name,
        lines: [`(root): the file is ${f.size} bytes, more than a lesson may be`],
      });
      return;
    }
    try {
      const lesson = parseLessonText(await f.text());
      setProblems(null);
      start(lesson, false);
    } catch (err) {
      if (!(err instanceof LessonError)) throw err;
      setProblems({ file: f.name, lines: err.issues.map((i) => `${i.path}: ${i.message}`) });
    }
  };

  return (
    <Dialog label="Lessons" className="lessons" onClose={close}>
      <h2>Lessons</h2>
      <p className="hint">
        Each lesson plays a small MQTT run and stops at the moments that matter: what happened, why, and the
        rule of the standard behind it. Start with the first one if MQTT keep alive is new to you.
      </p>
      <ol className="lesson-list">
        {LESSONS.map((l) => (
          <li key={l.id}>
            <button type="button" className="lesson-open" onClick={() => start(l)}>
              {l.title}
            </button>
            <span className="lesson-progress">{progressText(progress[l.id])}</span>
            <p className="hint">{l.summary}</p>
          </li>
        ))}
      </ol>
      {problems !== null && (
        <div role="alert" className="problems">
          <p>
            {problems.file} is not a lesson that can be opened
            {problems.lines.length === 1 ? '' : ` (${problems.lines.length} problems)`}; nothing was changed:
          </p>
          <ul aria-label="Lesson problems">
            {problems.lines.map((line, i) => (
              <li key={i}>
                <code>{line}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={() => file.current?.click()}>
          Import lesson
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          aria-label="Lesson file to import"
          hidden
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f !== undefined) void importFile(f);
          }}
        />
        <button type="button" onClick={() => useLessonProgress.getState().reset()}>
          Reset progress
        </button>
        <button type="button" onClick={close}>
          Explore on my own
        </button>
      </div>
    </Dialog>
  );
}
