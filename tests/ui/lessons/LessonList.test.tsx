// @vitest-environment happy-dom
// The lesson list in a DOM: a button per lesson named by its title, progress beside it, a bad lesson
// file refused with its problems by path (nothing changes), a good one opened.

import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wallNow } from '../../../src/base/time';
import { LESSONS, getLesson, type Lesson } from '../../../src/lessons';
import { AppController, setAppController } from '../../../src/state/controller';
import { lessonPlayer, useLessonPlayer } from '../../../src/state/lessonPlayer';
import { useLessonProgress } from '../../../src/state/lessonProgress';
import { usePanelsStore } from '../../../src/state/prefs';
import { LessonList } from '../../../src/ui/lessons/LessonList';
import { inProcessWorker } from '../../state/inProcessWorker';

beforeEach(() => {
  setAppController(
    new AppController({
      createWorker: () => inProcessWorker(),
      frame: (cb) => setTimeout(cb, 1),
      now: wallNow,
      download: () => undefined,
    }),
  );
  useLessonProgress.getState().reset();
  act(() => usePanelsStore.getState().setDialog('lessons'));
});

afterEach(() => {
  cleanup();
  act(() => {
    lessonPlayer.close();
    usePanelsStore.getState().setDialog(null);
  });
});

function upload(text: string, name = 'lesson.json'): void {
  const input = screen.getByLabelText('Lesson file to import') as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  fireEvent.change(input, { target: { files: [file] } });
}

describe('LessonList', () => {
  it('names every lesson by its title, with how far the learner got', () => {
    useLessonProgress.getState().reach('keep-alive', 2, 6);
    render(<LessonList />);
    const dialog = screen.getByRole('dialog', { name: 'Lessons' });
    for (const l of LESSONS) expect(screen.getByRole('button', { name: l.title })).toBeTruthy();
    expect(dialog.textContent).toContain('step 2 of 6');
  });

  it('refuses a bad lesson file with its problems by path; the open lesson stays', async () => {
    act(() => {
      lessonPlayer.open(getLesson('will-delay') as Lesson);
      // Opening a lesson closes the list: the learner opens it again.
      usePanelsStore.getState().setDialog('lessons');
    });
    render(<LessonList />);
    const bad = structuredClone(getLesson('keep-alive') as Lesson);
    bad.steps[0].predict = { question: 'Which?', choices: ['a', 'b'], answer: 7, why: 'because' };
    upload(JSON.stringify(bad), 'bad.json');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('bad.json is not a lesson that can be opened');
    expect(alert.textContent).toContain('steps[0].predict.answer');
    expect(useLessonPlayer.getState().lesson?.id).toBe('will-delay');
    upload('{ not json', 'broken.json');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('(root)'));
    expect(useLessonPlayer.getState().lesson?.id).toBe('will-delay');
  });

  it('opens a good lesson file in the player', async () => {
    render(<LessonList />);
    const mine = { ...(getLesson('half-open-takeover') as Lesson), id: 'my-own', title: 'My own lesson' };
    upload(JSON.stringify(mine));
    await waitFor(() => expect(useLessonPlayer.getState().lesson?.title).toBe('My own lesson'));
    expect(useLessonPlayer.getState().fromCatalog).toBe(false);
  });
});
