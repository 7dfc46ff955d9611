// Opening a lesson from a link: `#lesson=<id>&step=<n>` (a lesson of the catalog) or
// `#lesson-data=<lz-string>&step=<n>` (a lesson shared as data). A bad link gets a one-line notice
// naming what is wrong; the page keeps what it showed.

import { LESSONS, LessonError, decodeLessonData, getLesson } from '../lessons';
import type { BrokerProfileName } from '../scenario/types';
import { lessonPlayer } from './lessonPlayer';
import { useTraceStore } from './traceStore';

export interface LessonLink {
  lesson?: string;
  lessonData?: string;
  step?: number;
  profile?: BrokerProfileName;
}

export function openLessonLink(link: LessonLink): void {
  const t = useTraceStore.getState();
  if (link.lesson !== undefined) {
    const lesson = getLesson(link.lesson);
    if (lesson === undefined) {
      t.notify(
        'error',
        'link',
        `This link cannot be opened: lesson: no lesson named ${JSON.stringify(link.lesson)} (lessons: ${LESSONS.map((l) => l.id).join(', ')})`,
      );
      return;
    }
    lessonPlayer.open(lesson, { step: link.step, fromCatalog: true, profile: link.profile });
    return;
  }
  if (link.lessonData === undefined) return;
  try {
    const lesson = decodeLessonData(link.lessonData);
    lessonPlayer.open(lesson, { step: link.step, fromCatalog: false, profile: link.profile });
  } catch (err) {
    if (!(err instanceof LessonError)) throw err;
    t.notify('error', 'link', `This link cannot be opened: lesson-data: ${err.message}`);
  }
}
