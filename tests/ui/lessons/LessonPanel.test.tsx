// @vitest-environment happy-dom
// The lesson panel in a DOM, over the real controller and the simulation run in this process: the
// region named "Lesson" with its step count, a question asked before the moment with its choices,
// feedback once answered, the step's sentences with their numbers filled in, and the way on.

import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wallNow } from '../../../src/base/time';
import { getLesson, runLesson, type Lesson } from '../../../src/lessons';
import { AppController, setAppController } from '../../../src/state/controller';
import { lessonPlayer } from '../../../src/state/lessonPlayer';
import { usePlaybackStore } from '../../../src/state/playback';
import { LessonPanel } from '../../../src/ui/lessons/LessonPanel';
import { inProcessWorker } from '../../state/inProcessWorker';

function setup(): void {
  setAppController(
    new AppController({
      createWorker: () => inProcessWorker(),
      frame: (cb) => setTimeout(cb, 1),
      now: wallNow,
      download: () => undefined,
      replaceHash: () => undefined,
    }),
  );
}

const lesson = getLesson('keep-alive') as Lesson;

beforeEach(() => {
  usePlaybackStore.getState().setSpeed('max');
  setup();
});

afterEach(() => {
  cleanup();
  act(() => lessonPlayer.close());
});

describe('LessonPanel', () => {
  it('shows nothing without a lesson, and the lesson’s region with its step once one is open', async () => {
    const { container } = render(<LessonPanel />);
    expect(container.innerHTML).toBe('');
    act(() => lessonPlayer.open(lesson, { step: 1 }));
    const region = await screen.findByRole('region', { name: 'Lesson' });
    expect(within(region).getByText(lesson.title)).toBeTruthy();
    expect(within(region).getByText(`Step 1 of ${lesson.steps.length}`)).toBeTruthy();
    // The step's sentences have their numbers filled in from the run.
    const text = await waitFor(() => {
      const p = region.querySelector('.step-text');
      if (p === null) throw new Error('no text yet');
      return p.textContent ?? '';
    });
    expect(text).toBe(runLesson(lesson).fill(lesson.steps[0].text));
    expect(text).not.toMatch(/[{}]/);
  });

  it('asks before the moment, marks the answer right or wrong, then shows the step', async () => {
    const index = lesson.steps.findIndex((s) => s.predict !== undefined);
    render(<LessonPanel />);
    act(() => lessonPlayer.open(lesson, { step: index + 1 }));
    const choices = await screen.findByRole('group', { name: 'Your prediction' });
    const predict = lesson.steps[index].predict!;
    const wrong = predict.answer === 0 ? 1 : 0;
    const buttons = within(choices).getAllByRole('button');
    expect(buttons).toHaveLength(predict.choices.length);
    fireEvent.click(buttons[wrong]);
    await screen.findByText(/^Not quite: the answer is/);
    expect(buttons[wrong].className).toContain('wrong');
    expect(buttons[predict.answer].className).toContain('right');
    await waitFor(() =>
      expect(document.querySelector('.lesson-step')?.getAttribute('data-phase')).toBe('shown'),
    );
  });

  it('goes on with Next step and back with Previous step', async () => {
    render(<LessonPanel />);
    act(() => lessonPlayer.open(lesson, { step: 1 }));
    await waitFor(() =>
      expect(document.querySelector('.lesson-step')?.getAttribute('data-phase')).toBe('shown'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
    await waitFor(() => expect(document.querySelector('.lesson-step')?.getAttribute('data-step')).toBe('2'));
    fireEvent.click(screen.getByRole('button', { name: 'Previous step' }));
    await waitFor(() => expect(document.querySelector('.lesson-step')?.getAttribute('data-step')).toBe('1'));
  });
});
