// What the controllers need from their surroundings: the page gives the browser's (src/main.tsx),
// tests give Node's, so the whole controller runs without a DOM.

import type { WallMs } from '../../base/time';
import type { BrokerProfileName } from '../../scenario/types';
import type { WorkerPort } from '../../worker/client';

export interface ControllerEnv {
  createWorker(): WorkerPort;
  /** The next animation frame in the page (one for every drawer: base/frames.ts). */
  frame(callback: () => void): void;
  /** performance.now in the page. */
  now(): WallMs;
  /** Saves a file (an <a download> click in the page). */
  download(blob: Blob, filename: string): void;
  /** Sets location.hash without a hashchange (history.replaceState); optional. */
  replaceHash?(hash: string): void;
  /** Yields to the event loop (between chunks of an import). */
  yield?(): Promise<void>;
  /** Asks the user yes or no (window.confirm in the page); without it the answer is no. */
  confirm?(question: string): boolean;
  /** Opens a lesson link (`#lesson=` or `#lesson-data=`, with its step); without it such links do nothing. */
  openLesson?(link: {
    lesson?: string;
    lessonData?: string;
    step?: number;
    profile?: BrokerProfileName;
  }): void;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
