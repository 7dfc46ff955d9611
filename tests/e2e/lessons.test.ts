// The lessons in the built app, in real headless Chromium: the opening screen of a first visit, every
// lesson walked end to end by keyboard alone, a prediction answered, a what-if replayed, links to a
// step and to a shared lesson, and a bad lesson file refused while the open lesson stays.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LESSONS, encodeLessonData, getLesson, type Lesson } from '../../src/lessons';
import { browserSuite } from './support/suite';
import { openApp } from './support/app';

const suite = browserSuite();
const newPage = suite.newPage;

const panel = (page: Page) => page.getByRole('region', { name: 'Lesson' });
const stepBox = (page: Page) => panel(page).locator('.lesson-step');

/** "3/shown", "4/asking", or "complete". */
async function where(page: Page): Promise<string> {
  if ((await panel(page).getByRole('heading', { name: 'Lesson complete' }).count()) > 0) return 'complete';
  const box = stepBox(page);
  if ((await box.count()) === 0) return 'none';
  return `${await box.getAttribute('data-step')}/${await box.getAttribute('data-phase')}`;
}

async function waitShown(page: Page): Promise<void> {
  await expect.poll(() => where(page), { timeout: 30_000 }).toMatch(/\/shown$|^complete$/);
}

async function stepText(page: Page): Promise<string> {
  return (await panel(page).locator('.step-text').textContent()) ?? '';
}

describe('lessons', () => {
  it('opens on the lesson list on a first visit; the list names every lesson; dismissed, it stays closed', async () => {
    const { page, errors } = await newPage();
    await openApp(page, suite.url());
    const list = page.getByRole('dialog', { name: 'Lessons' });
    await list.waitFor();
    for (const l of LESSONS)
      await expect(list.getByRole('button', { name: l.title, exact: true }).count()).resolves.toBe(1);
    await list.getByRole('button', { name: 'Explore on my own' }).click();
    await expect(list.count()).resolves.toBe(0);
    await page.reload();
    await page.locator('.app').waitFor();
    await page.waitForTimeout(500);
    await expect(page.getByRole('dialog', { name: 'Lessons' }).count()).resolves.toBe(0);
    // The Lessons button opens it again; a lesson opens from it and puts its first step in the address.
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await page.getByRole('button', { name: LESSONS[0].title, exact: true }).click();
    await waitShown(page);
    expect(new URL(page.url()).hash).toBe(`#lesson=${LESSONS[0].id}&step=1`);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const lesson of LESSONS) {
    it(`walks "${lesson.id}" end to end by keyboard alone`, async () => {
      const { page, errors } = await newPage();
      await openApp(page, `${suite.url()}#lesson=${lesson.id}&step=1`);
      await expect.poll(() => where(page), { timeout: 30_000 }).not.toBe('none');
      const seen = new Set<number>();
      for (let guard = 0; guard < 60; guard++) {
        const at = await where(page);
        if (at === 'complete') break;
        const [n, phase] = at.split('/');
        if (phase === 'shown') {
          seen.add(Number(n));
          await expect(panel(page).locator('.step-count').textContent()).resolves.toBe(
            `Step ${n} of ${lesson.steps.length}`,
          );
          const text = await stepText(page);
          expect(text.length, `step ${n} has its text`).toBeGreaterThan(40);
          expect(text, `step ${n}'s numbers are filled in`).not.toMatch(/[{}]/);
          // The step's event is selected: the timeline announces it.
          await expect.poll(() => page.getByTestId('timeline-announce').textContent()).toMatch(/^Selected: /);
        }
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => where(page), { timeout: 30_000 }).not.toBe(at);
      }
      expect([...seen].sort((a, b) => a - b)).toEqual(lesson.steps.map((_, i) => i + 1));
      await expect(where(page)).resolves.toBe('complete');
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('asks before the moment, gives feedback on the answer, then plays to the moment', async () => {
    const { page, errors } = await newPage();
    const lesson = getLesson('keep-alive') as Lesson;
    const index = lesson.steps.findIndex((s) => s.predict !== undefined);
    await openApp(page, `${suite.url()}#lesson=keep-alive&step=${index + 1}`);
    await expect.poll(() => where(page)).toBe(`${index + 1}/asking`);
    // The step's sentences wait for the answer.
    await expect(panel(page).locator('.step-text').count()).resolves.toBe(0);
    const predict = lesson.steps[index].predict!;
    const wrong = predict.answer === 0 ? 1 : 0;
    const choices = panel(page).getByRole('group', { name: 'Your prediction' }).getByRole('button');
    await choices.nth(wrong).click();
    await expect(panel(page).locator('.feedback').textContent()).resolves.toMatch(
      /^Not quite: the answer is/,
    );
    await waitShown(page);
    await expect(stepText(page)).resolves.not.toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('replays a what-if with one click: the step’s numbers change, and back again', async () => {
    const { page, errors } = await newPage();
    const lesson = getLesson('keep-alive') as Lesson;
    const index = lesson.steps.findIndex((s) => s.whatIf !== undefined && s.predict === undefined);
    expect(index).toBeGreaterThanOrEqual(0);
    await openApp(page, `${suite.url()}#lesson=keep-alive&step=${index + 1}`);
    await waitShown(page);
    const before = await stepText(page);
    await panel(page)
      .getByRole('button', { name: `What if: ${lesson.steps[index].whatIf!.label}` })
      .click();
    await expect.poll(() => panel(page).locator('.whatif-banner').count()).toBe(1);
    await waitShown(page);
    const after = await stepText(page);
    expect(after).not.toBe(before);
    const numbers = (s: string): string[] => s.match(/\d+(\.\d+)?/g) ?? [];
    expect(numbers(after)).not.toEqual(numbers(before));
    await panel(page).getByRole('button', { name: 'Back to the lesson’s run' }).click();
    await waitShown(page);
    await expect.poll(() => stepText(page)).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('#lesson=<id>&step=<n> opens exactly the step the learner walked to', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${suite.url()}#lesson=crash-power-off-disconnect&step=1`);
    await expect.poll(() => where(page), { timeout: 30_000 }).not.toBe('none');
    while (!(await where(page)).startsWith('3/shown')) {
      const at = await where(page);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => where(page), { timeout: 30_000 }).not.toBe(at);
    }
    const walked = await stepText(page);
    expect(new URL(page.url()).hash).toBe('#lesson=crash-power-off-disconnect&step=3');
    const { page: linked } = await newPage({ width: 1024, height: 768 });
    await openApp(linked, page.url());
    await expect.poll(() => where(linked), { timeout: 30_000 }).toMatch(/^3\//);
    if ((await where(linked)) === '3/asking') await linked.keyboard.press('ArrowRight');
    await waitShown(linked);
    await expect(stepText(linked)).resolves.toBe(walked);
    expect(errors).toEqual([]);
    await linked.close();
    await page.close();
  });

  it('#lesson-data= opens a lesson shared as a link', async () => {
    const { page, errors } = await newPage();
    const mine: Lesson = {
      ...(getLesson('will-delay') as Lesson),
      id: 'our-will-delay',
      title: 'Our own will delay lesson',
    };
    await openApp(page, `${suite.url()}#lesson-data=${encodeLessonData(mine)}&step=2`);
    await expect(panel(page).locator('.lesson-title').textContent()).resolves.toBe(
      'Our own will delay lesson',
    );
    await expect.poll(() => where(page), { timeout: 30_000 }).toMatch(/^2\//);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a bad lesson file with its problems by path, and the open lesson stays', async () => {
    const { page, errors } = await newPage();
    await openApp(page, `${suite.url()}#lesson=keep-alive&step=1`);
    await waitShown(page);
    const bad = structuredClone(getLesson('keep-alive') as Lesson);
    bad.steps[1].at = 'timeout.sensor-9';
    await panel(page).getByRole('button', { name: 'All lessons' }).click();
    await page.getByLabel('Lesson file to import').setInputFiles({
      name: 'bad.lesson.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const alert = page.getByRole('dialog', { name: 'Lessons' }).getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('steps[1].at');
    await page.keyboard.press('Escape');
    await expect(panel(page).locator('.lesson-title').textContent()).resolves.toBe(
      (getLesson('keep-alive') as Lesson).title,
    );
    await expect(where(page)).resolves.toBe('1/shown');
    expect(errors).toEqual([]);
    await page.close();
  });
});
